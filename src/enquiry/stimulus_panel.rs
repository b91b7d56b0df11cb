//! The teacher sets the stimulus, starts thinking time, and chooses what the Board shows.

use leptos::prelude::*;
use withme_core::enquiry::{BoardStage, Stimulus, StimulusKind};
use withme_core::{Command, LessonId, Notes};

use crate::enquiry::ThinkingTimer;
use crate::state::{use_acting, use_library};
use crate::ui::{DraftArea, unique_id};

const KINDS: [(StimulusKind, &str); 3] = [
    (StimulusKind::Text, "Text"),
    (StimulusKind::ImageLink, "Image link"),
    (StimulusKind::Description, "Short description"),
];

const THINKING: [(u32, &str); 5] = [
    (30, "30 seconds"),
    (60, "1 minute"),
    (120, "2 minutes"),
    (180, "3 minutes"),
    (300, "5 minutes"),
];

/// Stimulus, thinking time and the Board's stage.
#[component]
pub fn StimulusPanel(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let saved = Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| lib.lesson(id).and_then(|l| l.enquiry().stimulus.clone()))
        })
    });
    let untracked = saved.get_untracked();
    let kind = RwSignal::new(untracked.as_ref().map_or(StimulusKind::Text, |s| s.kind));
    let draft = RwSignal::new(untracked.map(|s| s.text.to_string()).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let seconds = RwSignal::new(60u32);
    let stage = Memo::new(move |_| {
        library
            .with(|lib| lesson.with_value(|id| lib.lesson(id).map(|l| l.enquiry().board.clone())))
    });
    let thinking = Memo::new(move |_| {
        library
            .with(|lib| lesson.with_value(|id| lib.lesson(id).and_then(|l| l.enquiry().thinking)))
    });

    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let outcome = Notes::parse(&draft.get_untracked())
            .map_err(|e| e.to_string())
            .and_then(|text| {
                acting.teacher(Command::SetStimulus {
                    lesson: lesson.get_value(),
                    stimulus: Some(Stimulus {
                        kind: kind.get_untracked(),
                        text,
                    }),
                })
            });
        error.set(outcome.err());
    };
    let clear = move |_| {
        if acting.teacher_or_say(Command::SetStimulus {
            lesson: lesson.get_value(),
            stimulus: None,
        }) {
            draft.set(String::new());
            error.set(None);
        }
    };
    let start = move |_| {
        acting.teacher_or_say(Command::StartThinkingTime {
            lesson: lesson.get_value(),
            seconds: seconds.get_untracked(),
        });
    };
    let stop = move |_| {
        acting.teacher_or_say(Command::StopThinkingTime {
            lesson: lesson.get_value(),
        });
    };
    let show = move |to: BoardStage| {
        acting.teacher_or_say(Command::ShowOnBoard {
            lesson: lesson.get_value(),
            stage: to,
        });
    };
    let stage_button = move |to: BoardStage, label: &'static str| {
        let pressed = {
            let to = to.clone();
            move || (stage.get().as_ref() == Some(&to)).to_string()
        };
        view! {
            <button type="button" aria-pressed=pressed on:click=move |_| show(to.clone())>{label}</button>
        }
    };
    let seconds_id = unique_id("thinking");

    view! {
        <section class="plan-section" aria-labelledby="stimulus-heading">
            <h2 id="stimulus-heading">"Stimulus and thinking time"</h2>
            <form class="stimulus-form" on:submit=save>
                <fieldset class="choice-row">
                    <legend>"Kind of stimulus"</legend>
                    {KINDS.into_iter().map(|(value, label)| view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name="stimulus-kind"
                                prop:checked=move || kind.get() == value
                                on:change=move |_| kind.set(value)
                            />
                            {label}
                        </label>
                    }).collect_view()}
                </fieldset>
                <DraftArea label="Stimulus" draft error />
                <div class="row-actions">
                    <button type="submit" class="primary">"Save stimulus"</button>
                    {move || saved.with(Option::is_some).then(|| view! {
                        <button type="button" on:click=clear>"Clear stimulus"</button>
                    })}
                </div>
            </form>
            <div class="row-actions thinking-row">
                <label for=seconds_id.clone()>"Thinking time"</label>
                <select id=seconds_id on:change=move |event| {
                    if let Ok(value) = event_target_value(&event).parse() {
                        seconds.set(value);
                    }
                }>
                    {THINKING.into_iter().map(|(value, label)| view! {
                        <option value=value.to_string() selected=value == 60>{label}</option>
                    }).collect_view()}
                </select>
                <button type="button" class="primary" on:click=start>"Start thinking time"</button>
                {move || thinking.with(Option::is_some).then(|| view! {
                    <button type="button" on:click=stop>"Stop thinking time"</button>
                })}
                <ThinkingTimer thinking />
            </div>
            <div class="stage-row" role="group" aria-label="Show on the Board">
                <span class="stage-label" aria-hidden="true">"On the Board:"</span>
                {stage_button(BoardStage::Plan, "The plan")}
                {stage_button(BoardStage::Stimulus, "Stimulus")}
                {stage_button(BoardStage::Questions, "Questions")}
                {stage_button(BoardStage::Review, "How did we do?")}
            </div>
        </section>
    }
}
