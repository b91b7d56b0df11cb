//! Backing up the whole library to one file, and restoring it on this or another computer.

use leptos::prelude::*;
use withme_core::backup::{backup_file_name, backup_json, check_backup_size, read_backup};
use withme_core::{Command, Event};

use super::file_chooser::{FileChooser, FileProblem};
use crate::browser::calendar::today;
use crate::browser::files::{download_text, file_size, read_text};
use crate::browser::now;
use crate::persistence::local_store::StorageUse;
use crate::state::{LessonDispatch, use_dispatch, use_library, use_notices};

/// "Back up or move your library": download every lesson, class and template as one file, and
/// restore such a file, which adds what this computer lacks and changes nothing it has. Every
/// problem with a file is explained under the button, and the library is left as it was.
#[component]
pub fn BackupPanel(
    /// How full the browser's room for Withme is.
    room: Signal<Option<StorageUse>>,
) -> impl IntoView {
    let library = use_library();
    let dispatch = use_dispatch();
    let notices = use_notices();
    let problem = RwSignal::new(None::<String>);

    let back_up = move |_| {
        let (text, lessons, classes) = library.with_untracked(|lib| {
            (
                backup_json(lib, now()),
                lib.lessons_by_last_edited().len() + lib.binned_lessons().len(),
                lib.classes_by_name().len(),
            )
        });
        let name =
            today().map_or_else(|| "withme-library.withme.json".to_owned(), backup_file_name);
        match download_text(&name, "application/json", &text) {
            Ok(()) => notices.info(format!(
                "Saved {lessons} {} and {classes} {} as {name}.",
                if lessons == 1 { "lesson" } else { "lessons" },
                if classes == 1 { "class" } else { "classes" },
            )),
            Err(message) => notices.problem(message),
        }
    };
    let read = move |file: web_sys::File| async move { restore(&file, dispatch).await };
    view! {
        <section class="backup" aria-labelledby="backup-heading">
            <h2 id="backup-heading">"Back up or move your library"</h2>
            <p>
                "One file holds every lesson, class and roles history on this computer. Keep it "
                "somewhere safe: it has your pupils' first names. On another computer, restore it "
                "here; lessons and classes already there are kept as they are."
            </p>
            {move || room.get().map(|room| {
                let share = match room.percent() {
                    0 => "less than 1%".to_owned(),
                    percent => format!("{percent}%"),
                };
                view! {
                    <p class="storage-room">
                        {format!("Withme is using {share} of the room this browser gives it.")}
                    </p>
                }
            })}
            <div class="page-actions">
                <button type="button" on:click=back_up>"Download a backup"</button>
                <FileChooser label="Restore from a backup" read problem />
            </div>
            <FileProblem problem />
        </section>
    }
}

/// Reads the chosen file and restores it, or says why not.
async fn restore(file: &web_sys::File, dispatch: LessonDispatch) -> Result<String, String> {
    check_backup_size(file_size(file)).map_err(|e| e.to_string())?;
    let text = read_text(file).await?;
    let library = read_backup(&text).map_err(|e| e.to_string())?;
    match dispatch.as_teacher(Command::RestoreLibrary {
        library: Box::new(library),
    }) {
        Ok(Event::LibraryRestored { restored }) => Ok(restored.to_string()),
        Ok(_) => Ok("Restored from the backup.".to_owned()),
        Err(reason) => Err(reason.to_string()),
    }
}
