//! Lessons in the bin, and restoring them.

use leptos::prelude::*;
use withme_core::{Command, LessonId};

use crate::browser::{now, time_ago};
use crate::state::{use_dispatch, use_library, use_notices};

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
    view! {
        <Show when=move || binned.with(|b| !b.is_empty())>
            <details class="bin">
                <summary>{move || format!("Bin ({})", binned.with(Vec::len))}</summary>
                <ul>
                    <For each=move || binned.get() key=|(id, title, _)| (id.clone(), title.clone()) let:((id, title, deleted))>
                        <li>
                            <span class="bin-title">{title.clone()}</span>
                            <span class="bin-when">"Deleted " {deleted}</span>
                            <button
                                type="button"
                                aria-label=format!("Restore {title}")
                                on:click=move |_| restore(id.clone(), title.clone())
                            >
                                "Restore"
                            </button>
                        </li>
                    </For>
                </ul>
            </details>
        </Show>
    }
}
