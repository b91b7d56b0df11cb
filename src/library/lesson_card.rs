//! One lesson in the library list, with its actions.

use leptos::prelude::*;
use withme_core::lesson_file::LessonFile;
use withme_core::{Command, LessonId, LessonTitle};

use crate::browser::files::download_text;
use crate::browser::{now, time_ago};
use crate::format;
use crate::routes::AppRoute;
use crate::state::{LessonDispatch, LibraryView, Notices, use_dispatch, use_library, use_notices};
use crate::ui::TextForm;

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
    let dispatch = use_dispatch();
    let notices = use_notices();
    let id = StoredValue::new(lesson);
    let summary = Memo::new(move |_| {
        library.with(|lib| {
            let lesson = id.with_value(|id| lib.lesson(id))?;
            Some(Summary {
                title: lesson.plan().title.to_string(),
                details: format::lesson_details(lib, lesson),
                edited: time_ago(lesson.updated_at(), now()),
            })
        })
    });
    let renaming = RwSignal::new(false);
    let title = Memo::new(move |_| summary.with(|s| s.as_ref().map(|s| s.title.clone())));

    // The header re-renders only when the title or the renaming state changes, so a rename
    // being typed survives edits to other lessons.
    let header = move || {
        let title = title.get().unwrap_or_default();
        if renaming.get() {
            view! { <RenameForm lesson=id renaming title /> }.into_any()
        } else {
            let href = id.with_value(|id| AppRoute::Planner(id.clone()).href());
            view! {
                <h2 class="lesson-card-title">
                    <a href=href>{title}</a>
                </h2>
            }
            .into_any()
        }
    };
    let body = move || {
        let Some(summary) = summary.get() else {
            return ().into_any();
        };
        let actions = Actions {
            lesson: id,
            title: summary.title.clone(),
            library,
            dispatch,
            notices,
        };
        view! {
            <p class="lesson-card-details">{summary.details}</p>
            <p class="lesson-card-edited">"Edited " {summary.edited}</p>
            <div class="lesson-card-actions">
                <button type="button" aria-label=actions.label("Rename") on:click=move |_| renaming.set(true)>
                    "Rename"
                </button>
                <button type="button" aria-label=actions.label("Duplicate") on:click={let a = actions.clone(); move |_| a.duplicate()}>
                    "Duplicate"
                </button>
                <button type="button" aria-label=actions.label("Export") on:click={let a = actions.clone(); move |_| a.export()}>
                    "Export"
                </button>
                <button type="button" class="danger" aria-label=actions.label("Delete") on:click=move |_| actions.delete()>
                    "Delete"
                </button>
            </div>
        }
        .into_any()
    };
    view! { <li class="lesson-card">{header} {body}</li> }
}

/// What the card's buttons do.
#[derive(Clone)]
struct Actions {
    lesson: StoredValue<LessonId>,
    title: String,
    library: LibraryView,
    dispatch: LessonDispatch,
    notices: Notices,
}

impl Actions {
    /// "Delete Rivers": the button's accessible name, starting with its visible label.
    fn label(&self, verb: &str) -> String {
        format!("{verb} {}", self.title)
    }

    fn run(&self, command: Command) -> bool {
        self.dispatch
            .as_teacher(command)
            .map_err(|reason| self.notices.problem(reason.to_string()))
            .is_ok()
    }

    fn duplicate(&self) {
        if self.run(Command::DuplicateLesson {
            lesson: self.lesson.get_value(),
        }) {
            self.notices
                .info(format!("Made a copy of “{}”.", self.title));
        }
    }

    fn delete(&self) {
        let lesson = self.lesson.get_value();
        if self.run(Command::DeleteLesson {
            lesson: lesson.clone(),
        }) {
            let text = format!("“{}” moved to the bin.", self.title);
            let undo = self
                .dispatch
                .undo_action(self.notices, Command::RestoreLesson { lesson });
            self.notices.with_undo(text, undo);
        }
    }

    fn export(&self) {
        let file = self.library.with_untracked(|lib| {
            let found = lib.lesson(&self.lesson.get_value())?;
            let class_name = format::class_of(lib, found).map(|c| c.name().clone());
            Some(LessonFile::of(found, class_name, now()))
        });
        let Some(file) = file else { return };
        match download_text(&file.file_name(), "application/json", &file.to_json()) {
            Ok(()) => self.notices.info(format!(
                "Exported “{}” as {}.",
                self.title,
                file.file_name()
            )),
            Err(message) => self.notices.problem(message),
        }
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
    let rename = move |text: String| {
        let title = LessonTitle::parse(&text).map_err(|e| e.to_string())?;
        let lesson = lesson.get_value();
        dispatch
            .as_teacher(Command::RenameLesson { lesson, title })
            .map_err(|r| r.to_string())?;
        renaming.set(false);
        Ok(())
    };
    view! {
        <TextForm
            label=format!("New title for “{title}”")
            initial=title
            submit="Save title"
            on_submit=Callback::new(rename)
            on_cancel=Callback::new(move |()| renaming.set(false))
            class="rename-form"
            autofocus=true
        />
    }
}
