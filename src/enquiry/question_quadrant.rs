//! The question quadrant: open or closed, surface or deep. Drag a question onto a quarter, or
//! tap it and then tap the quarter (which works by keyboard too).

use leptos::prelude::*;
use withme_core::enquiry::Quadrant;
use withme_core::{Command, LessonId, QuestionId};

use crate::enquiry::QuestionRow;
use crate::state::use_acting;

/// The four quarters, and a tray of questions not sorted yet.
#[component]
pub fn QuestionQuadrant(
    /// The lesson.
    lesson: LessonId,
    /// Its questions, as the Enquiry page reads them.
    rows: Memo<Vec<QuestionRow>>,
) -> impl IntoView {
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let public = Memo::new(move |_| {
        rows.with(|r| r.iter().filter(|q| q.public).cloned().collect::<Vec<_>>())
    });
    let picked = RwSignal::new(None::<QuestionId>);
    let place = move |quadrant: Option<Quadrant>| {
        let Some(question) = picked.get_untracked() else {
            return;
        };
        let bloom =
            public.with_untracked(|p| p.iter().find(|q| q.id == question).and_then(|q| q.bloom));
        if acting.teacher_or_say(Command::CategoriseQuestion {
            lesson: lesson.get_value(),
            question,
            quadrant,
            bloom,
        }) {
            picked.set(None);
        }
    };
    let chip = move |q: QuestionRow| {
        let id = q.id.clone();
        let pressed = {
            let id = id.clone();
            move || (picked.get().as_ref() == Some(&id)).to_string()
        };
        let pick = {
            let id = id.clone();
            move |_| {
                picked.update(|p| {
                    *p = if p.as_ref() == Some(&id) {
                        None
                    } else {
                        Some(id.clone())
                    }
                })
            }
        };
        let drag = move |_| picked.set(Some(id.clone()));
        view! {
            <li>
                <button type="button" class="chip" draggable="true" aria-pressed=pressed on:click=pick on:dragstart=drag>
                    {q.text}
                </button>
            </li>
        }
    };
    let cell = move |quadrant: Option<Quadrant>, title: &'static str| {
        let inside = move || {
            public
                .get()
                .into_iter()
                .filter(|q| q.quadrant == quadrant)
                .map(chip)
                .collect_view()
        };
        view! {
            <div
                class="quadrant-cell"
                on:dragover=|event: leptos::ev::DragEvent| event.prevent_default()
                on:drop=move |event: leptos::ev::DragEvent| {
                    event.prevent_default();
                    place(quadrant);
                }
            >
                <button type="button" class="quadrant-target" disabled=move || picked.with(Option::is_none) on:click=move |_| place(quadrant)>
                    <span class="visually-hidden">"Put here: "</span>{title}
                </button>
                <ul class="chip-list">{inside}</ul>
            </div>
        }
    };
    view! {
        <section class="plan-section" aria-labelledby="quadrant-heading">
            <h2 id="quadrant-heading">"Question quadrant"</h2>
            <p class="field-hint">"Tap a question, then tap where it belongs; or drag it there."</p>
            <p class="visually-hidden" aria-live="polite">
                {move || picked.get().map(|_| "Question picked. Now choose its place.")}
            </p>
            <div class="quadrant">
                {Quadrant::ALL.into_iter().map(|q| cell(Some(q), q.label())).collect_view()}
            </div>
            {cell(None, "Not sorted yet")}
        </section>
    }
}
