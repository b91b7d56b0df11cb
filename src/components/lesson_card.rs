//! One lesson in the library list, with its actions.

use leptos::prelude::*;
use withme_core::lesson_file::LessonFile;
use withme_core::{Command, LessonId, LessonTitle};

use super::unique_id;
use crate::browser::files::download_text;
use crate::browser::{now, time_ago};
use crate::format;
use crate::routes::AppRoute;
use crate::state::{use_dispatch, use_library, use_notices};

/// What the card shows, derived from the library.
#[derive(Clone, PartialEq)]
struct Summary {
    title: String,
    details: String,
    edited: String,
}

/// A lesson in the library: its title (a link to the Planner), details, when it was last
/// edited, and buttons to rename, duplicate, export and delete it.
#[component]
pub fn LessonCard(
    /// The lesson to show.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let id = StoredValue::new(lesson);
    let summary = Memo::new(move |_| {
        library.with(|lib| {
            id.with_value(|id| lib.lesson(id)).map(|lesson| Summary {
                title: lesson.plan().title.to_string(),
                details: format::lesson_details(lib, lesson),
                edited: time_ago(lesson.updated_at(), now()),
            })
        })
    });
    let renaming = RwSignal::new(false);
    let title = move || summary.with(|s| s.as_ref().map(|s| s.title.clone()).unwrap_or_default());
    let href = id.with_value(|id| AppRoute::Planner(id.clone()).href());

    view! {
        <li class="lesson-card">
            {move || {
                if renaming.get() {
                    view! { <RenameForm lesson=id renaming title=title() /> }.into_any()
                } else {
                    view! {
                        <h2 class="lesson-card-title">
                            <a href=href.clone()>{title}</a>
                        </h2>
                    }
                        .into_any()
                }
            }}
            <p class="lesson-card-details">
                {move || summary.with(|s| s.as_ref().map(|s| s.details.clone()))}
            </p>
            <p class="lesson-card-edited">
                "Edited " {move || summary.with(|s| s.as_ref().map(|s| s.edited.clone()))}
            </p>
            <LessonActions lesson=id title=Signal::derive(title) renaming />
        </li>
    }
}

/// The buttons under a lesson card.
#[component]
fn LessonActions(
    /// The lesson.
    lesson: StoredValue<LessonId>,
    /// Its title, for the buttons' accessible names and messages.
    title: Signal<String>,
    /// Set to show the rename form.
    renaming: RwSignal<bool>,
) -> impl IntoView {
    let dispatch = use_dispatch();
    let notices = use_notices();
    let library = use_library();
    let run = move |command: Command| {
        dispatch
            .as_teacher(command)
            .map_err(|r| notices.problem(r.to_string()))
    };

    let duplicate = move |_| {
        if run(Command::DuplicateLesson {
            lesson: lesson.get_value(),
        })
        .is_ok()
        {
            notices.info(format!("Made a copy of “{}”.", title.get_untracked()));
        }
    };
    let delete = move |_| {
        let id = lesson.get_value();
        if run(Command::DeleteLesson { lesson: id.clone() }).is_ok() {
            let text = format!("“{}” moved to the bin.", title.get_untracked());
            notices.with_undo(text, Command::RestoreLesson { lesson: id });
        }
    };
    let export = move |_| {
        let file = library.with_untracked(|lib| {
            let found = lib.lesson(&lesson.get_value())?;
            let class_name = format::class_of(lib, found).map(|c| c.name().clone());
            Some(LessonFile::of(found, class_name, now()))
        });
        let Some(file) = file else { return };
        match download_text(&file.file_name(), "application/json", &file.to_json()) {
            Ok(()) => notices.info(format!(
                "Exported “{}” as {}.",
                title.get_untracked(),
                file.file_name()
            )),
            Err(message) => notices.problem(message),
        }
    };
    let named = move |verb: &'static str| move || format!("{verb} {}", title.get());
    view! {
        <div class="lesson-card-actions">
            <button type="button" aria-label=named("Rename") on:click=move |_| renaming.set(true)>
                "Rename"
            </button>
            <button type="button" aria-label=named("Duplicate") on:click=duplicate>
                "Duplicate"
            </button>
            <button type="button" aria-label=named("Export") on:click=export>
                "Export"
            </button>
            <button type="button" class="danger" aria-label=named("Delete") on:click=delete>
                "Delete"
            </button>
        </div>
    }
}

/// The inline form that renames a lesson; Escape or "Cancel" closes it unchanged.
#[component]
fn RenameForm(
    /// The lesson.
    lesson: StoredValue<LessonId>,
    /// Cleared when the form closes.
    renaming: RwSignal<bool>,
    /// The current title, to start from.
    title: String,
) -> impl IntoView {
    let dispatch = use_dispatch();
    let draft = RwSignal::new(title.clone());
    let error = RwSignal::new(None::<String>);
    let id = unique_id("rename");
    let message_id = format!("{id}-message");
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let outcome = LessonTitle::parse(&draft.get_untracked())
            .map_err(|e| e.to_string())
            .and_then(|title| {
                let lesson = lesson.get_value();
                dispatch
                    .as_teacher(Command::RenameLesson { lesson, title })
                    .map_err(|r| r.to_string())
            });
        match outcome {
            Ok(_) => renaming.set(false),
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <form class="rename-form" on:submit=submit>
            <label for=id.clone()>{format!("New title for “{title}”")}</label>
            <input
                id=id
                type="text"
                prop:value=move || draft.get()
                autofocus=true
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=message_id.clone()
                on:input=move |event| draft.set(event_target_value(&event))
                on:keydown=move |event| {
                    if event.key() == "Escape" {
                        renaming.set(false);
                    }
                }
            />
            <p class="field-error" id=message_id aria-live="polite">{move || error.get()}</p>
            <button type="submit" class="primary">"Save title"</button>
            <button type="button" on:click=move |_| renaming.set(false)>"Cancel"</button>
        </form>
    }
}
