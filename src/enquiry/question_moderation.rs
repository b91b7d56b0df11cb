//! The teacher's moderation of pupils' questions: approve, edit, merge, send back, hide.

use std::collections::BTreeSet;

use leptos::prelude::*;
use withme_core::enquiry::{BloomLevel, BoardStage, QuestionStatus};
use withme_core::{Command, ItemText, KindNote, LessonId, QuestionId};

use crate::enquiry::QuestionRow;
use crate::plan::{MergeBar, MergeToggle};
use crate::state::use_acting;
use crate::ui::TextForm;

/// What a card is showing.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Plain,
    Editing,
    SendingBack,
}

/// Where a question sorts: waiting first, then on the Board, then hidden.
fn rank(row: &QuestionRow) -> u8 {
    match (&row.status, row.hidden) {
        (_, true) => 2,
        (QuestionStatus::Approved, false) => 1,
        _ => 0,
    }
}

/// Every question, waiting ones first. Nothing reaches the Board until approved here.
#[component]
pub fn QuestionModeration(
    /// The lesson.
    lesson: LessonId,
    /// Its questions, as the Enquiry page reads them.
    rows: Memo<Vec<QuestionRow>>,
) -> impl IntoView {
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let sorted = Memo::new(move |_| {
        let mut rows = rows.get();
        rows.sort_by_key(rank);
        rows
    });
    let waiting = move || {
        rows.with(|r| {
            r.iter()
                .filter(|q| q.status == QuestionStatus::Pending && !q.hidden)
                .count()
        })
    };
    let selected = RwSignal::new(BTreeSet::<QuestionId>::new());
    let draft = Callback::new(move |chosen: BTreeSet<QuestionId>| {
        rows.with_untracked(|r| {
            r.iter()
                .find(|q| chosen.contains(&q.id))
                .map(|q| q.text.clone())
                .unwrap_or_default()
        })
    });
    let merge = Callback::new(move |(questions, text): (Vec<QuestionId>, ItemText)| {
        let count = questions.len();
        acting.teacher(Command::MergeQuestions {
            lesson: lesson.get_value(),
            questions,
            text,
        })?;
        acting.say(format!(
            "Merged {count} questions into one, approved and on the Board. Every author is kept."
        ));
        Ok(())
    });

    view! {
        <section class="plan-section" aria-labelledby="questions-heading">
            <h2 id="questions-heading">
                "Questions "
                <span class="count">{move || format!("({} waiting)", waiting())}</span>
            </h2>
            <p class="field-hint">"Approve a question to put it on the Board. Tick duplicates to merge them (every author is kept), send one back for rewording, or hide it: hidden questions are kept, and only you see them."</p>
            {move || rows.with(Vec::is_empty).then(|| view! {
                <p class="empty-note">"No questions yet. Pupils ask them from the Pupil view."</p>
            })}
            <MergeBar
                chosen=selected
                noun="questions"
                label="Wording for the merged question"
                draft
                on_merge=merge
                outcome="The merged question is approved: it goes on the Board at once."
            />
            <ul class="proposal-list">
                <For
                    each=move || sorted.get()
                    key=|q| q.clone()
                    children=move |q| view! { <QuestionCard lesson=lesson.get_value() question=q selected /> }
                />
            </ul>
        </section>
    }
}

/// One question with the teacher's moves.
#[component]
fn QuestionCard(
    lesson: LessonId,
    question: QuestionRow,
    selected: RwSignal<BTreeSet<QuestionId>>,
) -> impl IntoView {
    let acting = use_acting();
    let mode = RwSignal::new(Mode::Plain);
    let lesson = StoredValue::new(lesson);
    let id = StoredValue::new(question.id.clone());
    let quoted = format!("“{}”", question.text);
    let air_name = format!("Air on Board: {quoted}");
    let public = question.public;
    let act = move |command: Command, info: &'static str| {
        acting.teacher_then(command, info);
    };
    let edit = Callback::new(move |text: String| {
        let text = ItemText::parse(&text).map_err(|e| e.to_string())?;
        acting.teacher(Command::EditQuestion {
            lesson: lesson.get_value(),
            question: id.get_value(),
            text,
        })
    });
    let send_back = Callback::new(move |text: String| {
        let note = KindNote::parse(&text).map_err(|e| e.to_string())?;
        acting.teacher(Command::SendBackQuestion {
            lesson: lesson.get_value(),
            question: id.get_value(),
            note,
        })
    });
    let plain = Callback::new(move |()| mode.set(Mode::Plain));
    let quadrant = question.quadrant;
    let bloom_changed = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        let bloom = BloomLevel::ALL.into_iter().find(|b| b.label() == value);
        acting.teacher_or_say(Command::CategoriseQuestion {
            lesson: lesson.get_value(),
            question: id.get_value(),
            quadrant,
            bloom,
        });
    };
    let forward = question.forward;
    let toggle_forward = move |_| {
        acting.teacher_or_say(Command::SetQuestionForward {
            lesson: lesson.get_value(),
            question: id.get_value(),
            forward: !forward,
        });
    };
    let hidden = question.hidden;
    let status_text = match (&question.status, hidden) {
        (_, true) => "Hidden: only you see it".to_owned(),
        (QuestionStatus::Approved, false) => "On the Board".to_owned(),
        (QuestionStatus::SentBack { note }, false) => {
            format!("Sent back: “{note}” Waiting for the rewording.")
        }
        _ => "Waiting for you".to_owned(),
    };
    let waiting = matches!(question.status, QuestionStatus::Pending);
    let approvable = !matches!(question.status, QuestionStatus::Approved);
    let text = question.text.clone();
    let bloom_now = question.bloom;
    view! {
        <li class="proposal-card" class:sent-back=!waiting && !public>
            <p class="proposal-text">{question.text.clone()}</p>
            <p class="proposal-meta">{format!("by {}", question.by)}</p>
            <p class="proposal-note">{status_text}</p>
            {move || match mode.get() {
                Mode::Plain => view! {
                    <div class="row-actions">
                        <MergeToggle chosen=selected id=id.get_value() quoted=quoted.clone() />
                        {approvable.then(|| view! {
                            <button type="button" class="primary" on:click=move |_| act(
                                Command::ApproveQuestion { lesson: lesson.get_value(), question: id.get_value() },
                                "Approved: it is on the Board.",
                            )>"Approve"</button>
                        })}
                        <button type="button" on:click=move |_| mode.set(Mode::Editing)>"Edit"</button>
                        {waiting.then(|| view! {
                            <button type="button" on:click=move |_| mode.set(Mode::SendingBack)>"Send back"</button>
                        })}
                        <button type="button" class="quiet" on:click=move |_| act(
                            Command::HideQuestion { lesson: lesson.get_value(), question: id.get_value(), hidden: !hidden },
                            if hidden { "Shown again." } else { "Hidden. It is kept, and only you see it." },
                        )>{if hidden { "Show again" } else { "Hide" }}</button>
                    </div>
                }.into_any(),
                Mode::Editing => view! {
                    <TextForm label="Wording of the question" initial=text.clone() submit="Save" on_submit=edit on_cancel=plain class="inline-form" autofocus=true />
                }.into_any(),
                Mode::SendingBack => view! {
                    <TextForm label="A kind note for the pupils" placeholder="e.g. Can you make it a question?" submit="Send back" on_submit=send_back on_cancel=plain class="inline-form" autofocus=true />
                }.into_any(),
            }}
            <div class="row-actions sort-row">
                <label>
                    "Bloom level "
                    <select on:change=bloom_changed>
                        <option value="" selected=bloom_now.is_none()>"Not tagged"</option>
                        {BloomLevel::ALL.into_iter().map(|b| view! {
                            <option value=b.label() selected=bloom_now == Some(b)>{b.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                {public.then(|| view! {
                    <label class="choice">
                        <input type="checkbox" prop:checked=forward on:change=toggle_forward />
                        "Goes to the vote"
                    </label>
                    <button type="button" aria-label=air_name on:click=move |_| act(
                        Command::ShowOnBoard { lesson: lesson.get_value(), stage: BoardStage::Airing { question: id.get_value() } },
                        "Airing it on the Board.",
                    )>
                        "Air on Board"
                    </button>
                })}
            </div>
        </li>
    }
}
