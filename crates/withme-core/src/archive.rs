//! Archiving old lessons: the lessons taught before a day go into a file, then leave the library,
//! so a year of lessons does not fill the browser's room.
//!
//! An archive is a backup file ([`crate::backup`]) holding only those lessons and the classes
//! they are for: restoring it brings them back, with their pupils' ideas, groups and roles. The
//! lessons leave the library with [`crate::Command::ArchiveLessons`], which carries the archive
//! itself and removes only the lessons the library still holds exactly as archived: one changed
//! since (in another window) stays, so archiving never loses an edit the file does not have.

use crate::lesson::Lesson;
use crate::library::Library;
use crate::time::{LessonDate, Timestamp};

/// The lessons to archive for "before `day`": those not in the bin taught before `day`, and
/// those with no teaching day last edited before it (`day_starts` is the first moment of `day`
/// on this computer's calendar). Taught lessons first, by day, then undated ones.
pub fn lessons_before(library: &Library, day: LessonDate, day_starts: Timestamp) -> Vec<&Lesson> {
    let mut lessons: Vec<&Lesson> = library
        .lessons
        .values()
        .map(|l| &**l)
        .filter(|l| !l.is_deleted())
        .filter(|l| match l.plan().date {
            Some(taught) => taught < day,
            None => l.updated_at() < day_starts,
        })
        .collect();
    // Taught lessons by their day, then those with none by when they were last edited.
    let order = |l: &Lesson| (l.plan().date.is_none(), l.plan().date, l.updated_at());
    lessons.sort_by(|a, b| order(a).cmp(&order(b)).then_with(|| a.id().cmp(b.id())));
    lessons
}

/// The archive of `lessons`: those lessons as the library holds them, and the classes they are
/// for (a lesson's groups and pupils' ideas name that class's pupils). No templates.
pub fn archive_of(library: &Library, lessons: &[&Lesson]) -> Library {
    let mut archive = Library::default();
    for lesson in lessons {
        let Some(kept) = library.lessons.get(lesson.id()) else {
            continue;
        };
        if let Some((class, found)) = lesson
            .plan()
            .class
            .as_ref()
            .and_then(|class| Some((class, library.classes.get(class)?)))
        {
            archive.classes.insert(class.clone(), found.clone());
        }
        archive.lessons.insert(lesson.id().clone(), kept.clone());
    }
    archive
}

/// The archive's file name: `withme-lessons-before-2026-09-01.withme.json`.
pub fn archive_file_name(day: LessonDate) -> String {
    format!("withme-lessons-before-{day}.withme.json")
}

/// The first day of the school year `today` is in (1 September; before September, last year's):
/// the day an archive suggests, so last year's lessons go first.
pub fn school_year_start(today: LessonDate) -> LessonDate {
    let year = if today.month() >= 9 {
        today.year()
    } else {
        today.year() - 1
    };
    LessonDate::parse(&format!("{year:04}-09-01")).unwrap_or(today)
}
