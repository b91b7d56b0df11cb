//! Archiving old lessons into a file, and bringing them back from it.

mod support;

use support::{Scenario, text};
use withme_core::archive::{archive_file_name, archive_of, lessons_before, school_year_start};
use withme_core::backup::{backup_json, read_backup};
use withme_core::sync::{Authority, Holder, Seat, Submission};
use withme_core::{Command, DeviceId, Event, ItemList, LessonDate, LessonId, Rejection, Timestamp};

fn day(text: &str) -> LessonDate {
    LessonDate::parse(text).unwrap()
}

fn taught(s: &mut Scenario, lesson: &LessonId, on: &str) {
    s.teacher(Command::SetLessonDate {
        lesson: lesson.clone(),
        date: Some(day(on)),
    })
    .unwrap();
}

/// A class with a lesson taught last year, one taught this year, one never given a day, and one
/// from last year in the bin.
fn a_year_of_lessons() -> (Scenario, [LessonId; 4]) {
    let (mut s, old, _) = Scenario::classroom("Rivers", &["Amira", "Ben"]);
    taught(&mut s, &old, "2026-06-15");
    let new = s.new_lesson("Volcanoes");
    taught(&mut s, &new, "2026-09-10");
    let undated = s.new_lesson("Ideas for later");
    let binned = s.new_lesson("Old and binned");
    taught(&mut s, &binned, "2026-05-01");
    s.teacher(Command::DeleteLesson {
        lesson: binned.clone(),
    })
    .unwrap();
    (s, [old, new, undated, binned])
}

fn ids(lessons: &[&withme_core::Lesson]) -> Vec<LessonId> {
    lessons.iter().map(|l| l.id().clone()).collect()
}

#[test]
fn lessons_before_a_day_are_those_taught_before_it_or_undated_and_last_edited_before_it() {
    let (s, [old, _new, undated, _binned]) = a_year_of_lessons();
    let edited = s.library.lesson(&undated).unwrap().updated_at();
    let before = |starts: u64| {
        ids(&lessons_before(
            &s.library,
            day("2026-09-01"),
            Timestamp::from_millis(starts),
        ))
    };
    // The day starts after the undated lesson was last edited: it is old too.
    assert_eq!(
        before(edited.millis() + 1),
        vec![old.clone(), undated.clone()]
    );
    // The day starts before: only the lesson taught before it (the binned one never).
    assert_eq!(before(edited.millis()), vec![old]);
}

#[test]
fn an_archive_holds_its_lessons_and_their_class_and_restoring_it_brings_them_back_whole() {
    let (mut s, [old, new, _undated, _binned]) = a_year_of_lessons();
    s.teacher(Command::AddItem {
        lesson: old.clone(),
        list: ItemList::Outcomes,
        text: text("Name three rivers"),
    })
    .unwrap();
    let before = s.library.clone();
    let lessons = lessons_before(&s.library, day("2026-09-01"), Timestamp::from_millis(0));
    let archive = archive_of(&s.library, &lessons);
    assert_eq!(ids(&archive.lessons_by_last_edited()), vec![old.clone()]);
    assert_eq!(archive.classes_by_name().len(), 1);
    assert!(archive.binned_lessons().is_empty());
    let file = backup_json(&archive, Timestamp::from_millis(1_800_000_000_000));

    let event = s.teacher(Command::ArchiveLessons {
        archive: Box::new(archive),
    });
    assert_eq!(
        event,
        Ok(Event::LessonsArchived {
            archived: 1,
            kept: 0
        })
    );
    assert!(s.library.lesson(&old).is_none());
    assert!(s.library.lesson(&new).is_some());
    assert_eq!(s.library.classes_by_name().len(), 1, "the class stays");

    let read = read_backup(&file).unwrap();
    s.teacher(Command::RestoreLibrary {
        library: Box::new(read),
    })
    .unwrap();
    assert_eq!(s.library.lesson(&old), before.lesson(&old));
    assert_eq!(s.library, before);
}

#[test]
fn a_lesson_changed_after_its_archive_was_made_stays_with_the_change() {
    let (mut s, [old, new, _undated, _binned]) = a_year_of_lessons();
    let both = [
        s.library.lesson(&old).unwrap(),
        s.library.lesson(&new).unwrap(),
    ];
    let archive = archive_of(&s.library, &both);
    // Another window edits one of them before the archive's lessons leave.
    s.teacher(Command::AddItem {
        lesson: new.clone(),
        list: ItemList::Outcomes,
        text: text("Added in another window"),
    })
    .unwrap();
    let edited = s.library.lesson(&new).cloned();

    let event = s.teacher(Command::ArchiveLessons {
        archive: Box::new(archive),
    });
    assert_eq!(
        event,
        Ok(Event::LessonsArchived {
            archived: 1,
            kept: 1
        })
    );
    assert!(s.library.lesson(&old).is_none());
    assert_eq!(s.library.lesson(&new).cloned(), edited);
}

#[test]
fn only_the_teacher_archives_and_never_the_live_lesson() {
    let (mut s, [old, ..]) = a_year_of_lessons();
    let (_, pupils) = s.new_class("Year 6 Ash", &["Dev"]);
    let archive = archive_of(&s.library, &[s.library.lesson(&old).unwrap()]);
    let command = Command::ArchiveLessons {
        archive: Box::new(archive),
    };
    assert!(matches!(
        s.pupil(&pupils[0], command.clone()),
        Err(Rejection::TeacherOnly { .. })
    ));

    let mut authority = Authority::new(s.library.clone(), Default::default());
    let teacher = Seat {
        device: DeviceId::parse("teacherseat").unwrap(),
        lesson: old.clone(),
        holder: Holder::Teacher,
    };
    let answer = authority.submit(
        &teacher,
        &Submission::new(1, None, command),
        Timestamp::from_millis(1_800_000_000_000),
    );
    assert!(
        format!("{answer:?}").contains("lesson_is_live"),
        "{answer:?}"
    );
    assert!(authority.library().lesson(&old).is_some());
}

#[test]
fn the_suggested_day_is_the_start_of_the_school_year() {
    assert_eq!(school_year_start(day("2026-11-30")), day("2026-09-01"));
    assert_eq!(school_year_start(day("2026-09-01")), day("2026-09-01"));
    assert_eq!(school_year_start(day("2027-03-14")), day("2026-09-01"));
    assert_eq!(school_year_start(day("2027-08-31")), day("2026-09-01"));
    assert_eq!(
        archive_file_name(day("2026-09-01")),
        "withme-lessons-before-2026-09-01.withme.json"
    );
}
