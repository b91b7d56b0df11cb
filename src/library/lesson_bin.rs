//! Lessons in the bin, and restoring them.

use leptos::prelude::*;
use withme_core::{Command, Event, LessonId};

use crate::browser::{now, time_ago};
use crate::state::{use_dispatch, use_library, use_notices};
use crate::ui::{list_of, shown_if};

/// The bin: deleted lessons, kept until the teacher restores them.
#[component]
pub fn LessonBin() -> impl IntoView {
    let library = use_library();
    let dispatch = use_dispatch();
    let notices = use_notices();
    let binned = Memo::new(move |_| {
        library.with(|lib| {
            lib.binned_lessons()
                .iter()
                .map(|l| {
                    let deleted = l
                        .deleted_at()
                        .map(|at| time_ago(at, now()))
                        .unwrap_or_default();
                    (l.id().clone(), l.plan().title.to_string(), deleted)
                })
                .collect::<Vec<_>>()
        })
    });
    let restore = move |lesson: LessonId, title: String| match dispatch
        .as_teacher(Command::RestoreLesson { lesson })
    {
        Ok(_) => notices.info(format!("“{title}” is back in your lessons.")),
        Err(reason) => notices.problem(reason.to_string()),
    };
    let row = move |(id, title, deleted): (LessonId, String, String)| {
        let label = format!("Restore {title}");
        let name = title.clone();
        view! {
            <li>
                <span class="bin-title">{title}</span>
                <span class="bin-when">"Deleted " {deleted}</span>
                <button type="button" aria-label=label on:click=move |_| restore(id.clone(), name.clone())>
                    "Restore"
                </button>
            </li>
        }
        .into_any()
    };
    let confirming = RwSignal::new(false);
    let empty = move |_| {
        let lessons: Vec<LessonId> =
            binned.with_untracked(|b| b.iter().map(|(id, _, _)| id.clone()).collect());
        match dispatch.as_teacher(Command::EmptyBin { lessons }) {
            Ok(Event::BinEmptied { removed }) => {
                confirming.set(false);
                notices.info(match removed {
                    1 => "Emptied the bin: 1 lesson deleted for good.".to_owned(),
                    n => format!("Emptied the bin: {n} lessons deleted for good."),
                });
            }
            Ok(_) => confirming.set(false),
            Err(reason) => notices.problem(reason.to_string()),
        }
    };
    shown_if(
        move || binned.with(|b| !b.is_empty()),
        move || {
            view! {
                <details class="bin">
                    <summary>{move || format!("Bin ({})", binned.with(Vec::len))}</summary>
                    <ul>{list_of(binned, row)}</ul>
                    {move || if confirming.get() {
                        let count = binned.with(Vec::len);
                        let question = match count {
                            1 => "Delete this lesson for good?".to_owned(),
                            n => format!("Delete these {n} lessons for good?"),
                        };
                        view! {
                            <div class="confirm-delete" role="alertdialog" aria-label="Empty the bin?">
                                <p>
                                    {question}
                                    " Only a backup can bring them back."
                                </p>
                                <button type="button" class="danger" on:click=empty>"Delete for good"</button>
                                <button type="button" on:click=move |_| confirming.set(false)>"Keep them"</button>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" on:click=move |_| confirming.set(true)>"Empty the bin…"</button>
                        }.into_any()
                    }}
                </details>
            }
        },
    )
}
