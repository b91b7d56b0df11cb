//! The lesson's phases in the Planner: edit, reorder by keyboard or touch, add, remove, with the
//! running total against the lesson's length.

use leptos::prelude::*;
use withme_core::{Command, ItemId, LessonId, Notes, Phase, PhaseMinutes, PhaseTitle, Section};

use crate::format::suggested_by;
use crate::state::{PlanEditor, use_editor, use_library, use_notices};
use crate::ui::{TextField, TextForm, list_of, section_ids};

/// The phases, a running total, and a warning when they overrun the lesson.
#[component]
pub fn PlanPhases(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let editor = use_editor();
    let lesson = StoredValue::new(lesson);
    let ids = section_ids(lesson, Section::Phases);
    let minutes = Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                lib.lesson(id).map(|l| {
                    let plan = l.plan();
                    (
                        plan.planned_minutes(),
                        plan.length.minutes(),
                        plan.overrun_minutes(),
                    )
                })
            })
        })
    });
    let add = Callback::new(move |text: String| {
        let title = PhaseTitle::parse(&text).map_err(|e| e.to_string())?;
        editor.edit(Command::AddPhase {
            lesson: lesson.get_value(),
            title,
            minutes: PhaseMinutes::from_minutes(10).expect("a valid duration"),
        })
    });
    view! {
        <section class="plan-section" aria-labelledby="phases-heading">
            <h2 id="phases-heading">"Phases"</h2>
            <p class="phase-total" aria-live="polite">
                {move || minutes.get().map(|(planned, length, _)| format!("{planned} of {length} minutes planned"))}
            </p>
            {move || minutes.get().and_then(|(_, length, over)| over.map(|over| view! {
                <p class="warning" role="alert">
                    {format!("The phases run {over} minutes over the {length}-minute lesson. Shorten a phase or make the lesson longer.")}
                </p>
            }))}
            <ol class="phases">
                {list_of(ids, move |phase| {
                    let (position, count) = ids.with_untracked(|ids| {
                        (ids.iter().position(|i| *i == phase).unwrap_or(0), ids.len())
                    });
                    view! { <PhaseRow lesson=lesson.get_value() phase position count /> }.into_any()
                })}
            </ol>
            <TextForm label="Add a phase" placeholder="e.g. Plenary" submit="Add phase" on_submit=add class="add-item" />
        </section>
    }
}

/// Moves a phase and keeps the keyboard focus on the button that moved it.
/// `focus` names the button to focus afterwards, and the one to use if that is now disabled.
fn move_phase(
    editor: PlanEditor,
    lesson: LessonId,
    phase: ItemId,
    to: usize,
    focus: (String, String),
) -> Result<(), String> {
    editor.edit(Command::MoveEntry {
        lesson,
        section: Section::Phases,
        entry: phase,
        to,
    })?;
    request_animation_frame(move || {
        let document = document();
        let target = document
            .get_element_by_id(&focus.0)
            .filter(|b| !b.has_attribute("disabled"))
            .or_else(|| document.get_element_by_id(&focus.1));
        if let Some(element) =
            target.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = element.focus();
        }
    });
    Ok(())
}

/// One phase: title, minutes, description, who suggested it, and its move and remove buttons.
#[component]
fn PhaseRow(lesson: LessonId, phase: ItemId, position: usize, count: usize) -> impl IntoView {
    let library = use_library();
    let editor = use_editor();
    let notices = use_notices();
    let lesson = StoredValue::new(lesson);
    let phase = StoredValue::new(phase);
    let found = Memo::new(move |_| {
        library.with(|lib| {
            let l = lesson.with_value(|id| lib.lesson(id))?;
            let p = phase.with_value(|id| l.plan().phase(id))?;
            Some((p.clone(), suggested_by(lib, l, &p.suggested_by)))
        })
    });
    let current = move || found.with_untracked(|f| f.as_ref().map(|f| f.0.clone()));
    let edit = move |change: &dyn Fn(&mut Phase) -> Result<(), String>| -> Result<(), String> {
        let mut p = current().ok_or("This phase was removed in another window.")?;
        change(&mut p)?;
        editor.edit(Command::EditPhase {
            lesson: lesson.get_value(),
            phase: p.id,
            title: p.title,
            description: p.description,
            minutes: p.minutes,
        })
    };
    let n = position + 1;
    let title = move || {
        found.with(|f| {
            f.as_ref()
                .map(|f| f.0.title.to_string())
                .unwrap_or_default()
        })
    };
    let up_id = format!("phase-up-{}", phase.with_value(ToString::to_string));
    let down_id = format!("phase-down-{}", phase.with_value(ToString::to_string));
    let shift = move |to: usize, focus: (String, String)| {
        if let Err(reason) = move_phase(editor, lesson.get_value(), phase.get_value(), to, focus) {
            notices.problem(reason);
        }
    };
    let up_focus = (up_id.clone(), down_id.clone());
    let down_focus = (down_id.clone(), up_id.clone());
    let remove = move |_| {
        let removed = editor.edit(Command::RemoveEntry {
            lesson: lesson.get_value(),
            section: Section::Phases,
            entry: phase.get_value(),
        });
        if let Err(reason) = removed {
            notices.problem(reason);
        }
    };
    view! {
        <li class="phase">
            <div class="phase-fields">
                <TextField
                    label=format!("Phase {n} title")
                    saved=Signal::derive(title)
                    on_edit=move |text: String| edit(&|p| {
                        p.title = PhaseTitle::parse(&text).map_err(|e| e.to_string())?;
                        Ok(())
                    })
                />
                <TextField
                    label=format!("Phase {n} minutes")
                    kind="number"
                    class="minutes-input"
                    saved=Signal::derive(move || found.with(|f| f.as_ref().map(|f| f.0.minutes.minutes().to_string()).unwrap_or_default()))
                    on_edit=move |text: String| edit(&|p| {
                        p.minutes = PhaseMinutes::parse(&text).map_err(|e| e.to_string())?;
                        Ok(())
                    })
                />
            </div>
            <TextField
                label=format!("Phase {n} description")
                multiline=true
                saved=Signal::derive(move || found.with(|f| f.as_ref().map(|f| f.0.description.to_string()).unwrap_or_default()))
                on_edit=move |text: String| edit(&|p| {
                    p.description = Notes::parse(&text).map_err(|e| e.to_string())?;
                    Ok(())
                })
            />
            <p class="provenance">{move || found.with(|f| f.as_ref().and_then(|f| f.1.clone()))}</p>
            <div class="row-actions">
                <button
                    type="button"
                    id=up_id
                    disabled={position == 0}
                    aria-label=move || format!("Move {} up", title())
                    on:click={move |_| shift(position.saturating_sub(1), up_focus.clone())}
                >
                    "↑ Up"
                </button>
                <button
                    type="button"
                    id=down_id
                    disabled={position + 1 >= count}
                    aria-label=move || format!("Move {} down", title())
                    on:click={move |_| shift(position + 1, down_focus.clone())}
                >
                    "↓ Down"
                </button>
                <button type="button" class="quiet" aria-label=move || format!("Remove {}", title()) on:click=remove>
                    "Remove"
                </button>
            </div>
        </li>
    }
}
