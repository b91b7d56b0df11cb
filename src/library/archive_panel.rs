//! Archiving old lessons: the lessons from before a day are saved as one file, then, once the
//! teacher says the file is safe, removed from this browser to make room. Restoring that file
//! (as a backup) brings them back.

use leptos::prelude::*;
use withme_core::archive::{archive_file_name, archive_of, lessons_before, school_year_start};
use withme_core::backup::backup_json;
use withme_core::{Command, Event, LessonDate, LessonId, Library};

use crate::browser::calendar::{start_of, today};
use crate::browser::files::download_text;
use crate::browser::now;
use crate::format;
use crate::state::{live_here, use_dispatch, use_library, use_notices};
use crate::ui::{list_of, unique_id};

/// An archive saved as a file, whose lessons are still here until the teacher removes them.
#[derive(Clone, PartialEq)]
struct SavedArchive {
    archive: Library,
    file_name: String,
    count: usize,
}

/// "Archive old lessons": choose a day (the start of the school year at first), download the
/// lessons from before it as one file, then remove them from this browser. The live lesson is
/// never archived, and a lesson changed after the file was made stays here.
#[component]
pub fn ArchivePanel() -> impl IntoView {
    let library = use_library();
    let dispatch = use_dispatch();
    let notices = use_notices();
    let before = RwSignal::new(today().map(school_year_start));
    let saved = RwSignal::new(None::<SavedArchive>);
    let chosen = Memo::new(move |_| {
        let Some(day) = before.get() else {
            return Vec::new();
        };
        let live = live_here();
        library.with(|lib| {
            lessons_before(lib, day, start_of(day))
                .into_iter()
                .map(|l| l.id().clone())
                .filter(|id| !live.contains(id))
                .collect::<Vec<LessonId>>()
        })
    });
    // The lessons named as the teacher will see them, oldest first.
    let listed = Memo::new(move |_| {
        let ids = chosen.get();
        library.with(|lib| {
            ids.iter()
                .filter_map(|id| lib.lesson(id))
                .map(|lesson| {
                    let when = lesson
                        .plan()
                        .date
                        .map_or_else(|| "no day".to_owned(), format::date);
                    format!("{} ({when})", lesson.plan().title)
                })
                .collect::<Vec<String>>()
        })
    });
    let download = move |_| {
        let Some(day) = before.get_untracked() else {
            return;
        };
        let ids = chosen.get_untracked();
        let archive = library.with_untracked(|lib| {
            let lessons: Vec<_> = ids.iter().filter_map(|id| lib.lesson(id)).collect();
            archive_of(lib, &lessons)
        });
        let file_name = archive_file_name(day);
        match download_text(
            &file_name,
            "application/json",
            &backup_json(&archive, now()),
        ) {
            Ok(()) => saved.set(Some(SavedArchive {
                archive,
                file_name,
                count: ids.len(),
            })),
            Err(message) => notices.problem(message),
        }
    };
    let remove = move |_| {
        let Some(kept) = saved.get_untracked() else {
            return;
        };
        match dispatch.as_teacher(Command::ArchiveLessons {
            archive: Box::new(kept.archive),
        }) {
            Ok(Event::LessonsArchived {
                archived,
                kept: changed,
            }) => {
                saved.set(None);
                notices.info(archived_message(archived, changed, &kept.file_name));
            }
            Ok(_) => saved.set(None),
            Err(reason) => notices.problem(reason.to_string()),
        }
    };
    let choose_day = move |event: leptos::ev::Event| {
        before.set(LessonDate::parse(&event_target_value(&event)).ok());
        saved.set(None);
    };
    let day_id = unique_id("archive-before");
    view! {
        <section class="archive" aria-labelledby="archive-heading">
            <h2 id="archive-heading">"Archive old lessons"</h2>
            <p>
                "Make room by saving the lessons from before a day as one file, then removing "
                "them from this browser. Restoring that file brings them back. While they are "
                "archived, their group roles no longer count when Withme shares out roles."
            </p>
            <div class="field">
                <label for=day_id.clone()>"Lessons from before"</label>
                <input
                    id=day_id
                    type="date"
                    prop:value=move || before.get().map(|d| d.to_string()).unwrap_or_default()
                    on:change=choose_day
                />
            </div>
            <p class="archive-count" data-testid="archive-count">
                {move || count_message(before.get(), chosen.with(Vec::len))}
            </p>
            {move || (!listed.with(Vec::is_empty)).then(|| view! {
                <details class="archive-list">
                    <summary>"Which lessons"</summary>
                    <ul aria-label="Lessons to archive">
                        {list_of(listed, |title| view! { <li>{title}</li> }.into_any())}
                    </ul>
                </details>
            })}
            {move || match saved.get() {
                Some(kept) => {
                    let lessons = lessons_word(kept.count);
                    let them = if kept.count == 1 { "it" } else { "them" };
                    view! {
                        <div class="confirm-delete" role="alertdialog" aria-label="Remove the archived lessons?">
                            <p>
                                {format!("Saved {lessons} as {}. ", kept.file_name)}
                                {format!("Once the file is somewhere safe, remove {them} from this browser.")}
                            </p>
                            <button type="button" class="danger" on:click=remove>
                                {format!("Remove {lessons} from this browser")}
                            </button>
                            <button type="button" on:click=move |_| saved.set(None)>"Keep them here"</button>
                        </div>
                    }
                    .into_any()
                }
                None => view! {
                    <div class="page-actions">
                        <button
                            type="button"
                            on:click=download
                            disabled=move || chosen.with(Vec::is_empty)
                        >
                            "Download the archive"
                        </button>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}

fn lessons_word(count: usize) -> String {
    match count {
        1 => "1 lesson".to_owned(),
        n => format!("{n} lessons"),
    }
}

/// How many lessons the chosen day archives.
fn count_message(day: Option<LessonDate>, count: usize) -> String {
    match (day, count) {
        (None, _) => "Choose a day.".to_owned(),
        (Some(day), 0) => format!("No lessons from before {}.", format::date(day)),
        (Some(day), n) => format!(
            "{} from before {}: taught before then, or last edited before then if they have no day.",
            lessons_word(n),
            format::date(day)
        ),
    }
}

/// What archiving did, for the teacher.
fn archived_message(archived: u32, changed: u32, file_name: &str) -> String {
    let mut message = format!(
        "Archived {}. Restore {file_name} to bring them back.",
        lessons_word(archived as usize)
    );
    if changed > 0 {
        message.push_str(&format!(
            " {} changed after the file was made, so {} here.",
            lessons_word(changed as usize),
            if changed == 1 {
                "it stays"
            } else {
                "they stay"
            }
        ));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_messages_count_lessons_in_words() {
        assert_eq!(
            archived_message(3, 0, "a.withme.json"),
            "Archived 3 lessons. Restore a.withme.json to bring them back."
        );
        assert_eq!(
            archived_message(1, 1, "a.withme.json"),
            "Archived 1 lesson. Restore a.withme.json to bring them back. 1 lesson changed after the file was made, so it stays here."
        );
        assert_eq!(count_message(None, 4), "Choose a day.");
    }
}
