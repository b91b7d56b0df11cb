//! Importing a `.withme.json` lesson file.

use leptos::prelude::*;
use withme_core::lesson_file::{LessonFile, check_lesson_file_size, read_lesson_file};
use withme_core::{Command, Event};

use super::file_chooser::{FileChooser, FileProblem};
use crate::browser::files::{file_size, read_text};
use crate::state::{LessonDispatch, LibraryView, use_dispatch, use_library};

/// A button that opens a lesson file. Every problem (too big, not JSON, not a lesson, from a
/// newer Withme, damaged) is explained under it, and the library is left unchanged.
#[component]
pub fn ImportLessonButton() -> impl IntoView {
    let library = use_library();
    let dispatch = use_dispatch();
    let problem = RwSignal::new(None::<String>);
    let read = move |file: web_sys::File| async move { import(&file, library, dispatch).await };
    view! {
        <div class="import">
            <FileChooser label="Import a lesson" read problem />
            <FileProblem problem />
        </div>
    }
}

async fn import(
    file: &web_sys::File,
    library: LibraryView,
    dispatch: LessonDispatch,
) -> Result<String, String> {
    check_lesson_file_size(file_size(file)).map_err(|e| e.to_string())?;
    let text = read_text(file).await?;
    let LessonFile {
        plan,
        class_name,
        proposals,
        ..
    } = read_lesson_file(&text).map_err(|e| e.to_string())?;
    let title = plan.title.to_string();
    let event = dispatch
        .as_teacher(Command::ImportLesson {
            plan: Box::new(plan),
            proposals,
        })
        .map_err(|r| r.to_string())?;
    let mut message = format!("Imported “{title}”.");
    // The class is kept when it exists here; say so only when the lesson arrived without one.
    let Event::LessonCreated { lesson } = event else {
        return Ok(message);
    };
    let has_class = library.with_untracked(|lib| {
        lib.lesson(&lesson)
            .is_some_and(|l| l.plan().class.is_some())
    });
    if let (false, Some(name)) = (has_class, class_name) {
        message.push_str(&format!(
            " It was planned for {name}; choose its class on this device in the Planner."
        ));
    }
    Ok(message)
}
