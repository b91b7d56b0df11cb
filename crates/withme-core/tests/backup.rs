//! The whole-library backup: what one computer writes, another restores, adding what it lacks
//! and overwriting nothing it has.

mod support;

use support::{Scenario, name_of, title_of};
use withme_core::backup::{BackupError, Restored, backup_json, read_backup};
use withme_core::groups::GroupSize;
use withme_core::{Command, Event, Library, Rejection, TemplateName, Timestamp};

const LIBRARY_V4: &str = include_str!("fixtures/library-v4.json");

/// A teacher's year on the first computer: a class with roles and a grouped lesson, a planned
/// lesson with questions, a lesson in the bin, and a saved template.
fn a_years_library() -> Scenario {
    let (mut s, lesson, pupils) =
        Scenario::classroom("Rivers", &["Amira", "Ben", "Chloé", "Dev", "Esme", "Finn"]);
    let class = s
        .library
        .lesson(&lesson)
        .and_then(|l| l.plan().class.clone())
        .unwrap();
    s.teacher(Command::SetRoles {
        class: class.clone(),
        roles: withme_core::groups::RolePreset::Pogil.roles(),
    })
    .unwrap();
    s.grouped_lesson(&class, &[], GroupSize::Size(3), 7)
        .unwrap();
    let question = s.ask(&lesson, &pupils[0], "Why do rivers bend?");
    s.approve(&lesson, &question);
    s.teacher(Command::SaveTemplate {
        lesson: lesson.clone(),
        name: TemplateName::parse("Our enquiry").unwrap(),
    })
    .unwrap();
    let binned = s.new_lesson("Thrown away");
    s.teacher(Command::DeleteLesson { lesson: binned }).unwrap();
    s
}

fn restore(s: &mut Scenario, backup: &Library) -> Result<Restored, Rejection> {
    match s.teacher(Command::RestoreLibrary {
        library: Box::new(backup.clone()),
    })? {
        Event::LibraryRestored { restored } => Ok(restored),
        other => panic!("restoring answered {other:?}"),
    }
}

#[test]
fn a_backup_reads_back_as_the_whole_library() {
    let s = a_years_library();
    let text = backup_json(&s.library, Timestamp::from_millis(1_796_000_000_000));
    let read = read_backup(&text).unwrap();
    assert_eq!(read, s.library);
    // It names the moment it was made, and carries no device's ledger.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], "withme.library");
    assert_eq!(value["made_at"], 1_796_000_000_000u64);
    assert!(value.get("ledger").is_none());
}

#[test]
fn a_backup_restored_on_an_empty_computer_brings_every_lesson_class_role_and_template() {
    let first = a_years_library();
    let backup = read_backup(&backup_json(&first.library, Timestamp::from_millis(1))).unwrap();
    let mut second = Scenario::on_device("othercomputer");
    let restored = restore(&mut second, &backup).unwrap();
    assert_eq!(
        restored,
        Restored {
            lessons_added: 3,
            classes_added: 1,
            templates_added: 1,
            ..Restored::default()
        }
    );
    assert_eq!(second.library, first.library);
    // The restored library goes on working on the new computer: the roles history counts.
    let class = second.library.classes_by_name()[0].id().clone();
    let next = second
        .grouped_lesson(&class, &[], GroupSize::Size(3), 8)
        .unwrap();
    assert!(
        second.library.lesson(&next).unwrap().groups().groups.len() == 2,
        "the new computer makes groups from the restored class"
    );
}

#[test]
fn restoring_keeps_what_this_computer_has_and_overwrites_nothing() {
    let mut first = a_years_library();
    let backup = read_backup(&backup_json(&first.library, Timestamp::from_millis(1))).unwrap();
    // The same library, edited here after the backup was made: a lesson renamed, a pupil added,
    // and a lesson of its own.
    let lesson = first.library.lessons_by_last_edited()[0].id().clone();
    first
        .teacher(Command::RenameLesson {
            lesson: lesson.clone(),
            title: title_of("Rivers, edited since"),
        })
        .unwrap();
    let class = first.library.classes_by_name()[0].id().clone();
    first
        .teacher(Command::AddPupils {
            class: class.clone(),
            names: vec![name_of("Gus")],
        })
        .unwrap();
    let own = first.new_lesson("Made after the backup");
    let before = first.library.clone();

    let restored = restore(&mut first, &backup).unwrap();
    assert_eq!(
        restored,
        Restored {
            lessons_kept: 3,
            classes_kept: 1,
            ..Restored::default()
        }
    );
    assert_eq!(first.library, before, "nothing here changed");
    assert_eq!(
        first.library.lesson(&lesson).unwrap().plan().title.as_str(),
        "Rivers, edited since"
    );
    assert!(first.library.lesson(&own).is_some());
    assert_eq!(
        restored.to_string(),
        "Nothing to restore: everything in the backup is already here. 3 lessons and 1 class were already here and are kept as they are."
    );
}

#[test]
fn two_computers_backups_merge_into_one_library() {
    let first = a_years_library();
    let mut second = Scenario::on_device("othercomputer");
    let (_, _) = second.new_class("Year 3 Elm", &["Hana", "Ivo"]);
    let planned_there = second.new_lesson("Planned on the laptop");
    let backup = read_backup(&backup_json(&second.library, Timestamp::from_millis(1))).unwrap();

    let mut merged = Scenario::on_device("testdevice");
    merged.library = first.library.clone();
    let restored = restore(&mut merged, &backup).unwrap();
    assert_eq!((restored.lessons_added, restored.classes_added), (1, 1));
    assert_eq!(merged.library.classes_by_name().len(), 2);
    assert_eq!(
        merged
            .library
            .lesson(&planned_there)
            .unwrap()
            .plan()
            .title
            .as_str(),
        "Planned on the laptop"
    );
    for lesson in first.library.lessons_by_last_edited() {
        assert_eq!(merged.library.lesson(lesson.id()), Some(lesson));
    }
}

#[test]
fn a_pupil_cannot_restore_a_backup() {
    let (mut s, _, pupils) = Scenario::classroom("Rivers", &["Amira"]);
    let before = s.library.clone();
    let result = s.pupil(
        &pupils[0],
        Command::RestoreLibrary {
            library: Box::new(Library::default()),
        },
    );
    assert!(matches!(result, Err(Rejection::TeacherOnly { .. })));
    assert_eq!(s.library, before);
}

#[test]
fn a_backup_whose_class_holds_a_pupil_of_another_class_here_is_refused_whole() {
    let first = a_years_library();
    // A hand-edited backup: the class renamed to a new id, its pupils' ids kept.
    let mut value: serde_json::Value =
        serde_json::from_str(&backup_json(&first.library, Timestamp::from_millis(1))).unwrap();
    value["library"]["classes"][0]["id"] = "handedit.1".into();
    value["library"]["classes"][0]["name"] = "Copied class".into();
    for lesson in value["library"]["lessons"].as_array_mut().unwrap() {
        if !lesson["plan"]["class"].is_null() {
            lesson["plan"]["class"] = "handedit.1".into();
        }
        lesson["id"] = format!("handedit.{}", lesson["created_at"]).into();
    }
    let backup = read_backup(&value.to_string()).unwrap();
    let mut here = Scenario::new();
    here.library = first.library.clone();
    let before = here.library.clone();
    let refused = restore(&mut here, &backup).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "The backup's class “Copied class” has pupils who are in another class on this device, so nothing was restored."
    );
    assert_eq!(here.library, before);
}

#[test]
fn an_older_withme_library_restores_through_the_same_migrations() {
    let read = read_backup(LIBRARY_V4).unwrap();
    let mut s = Scenario::on_device("othercomputer");
    let restored = restore(&mut s, &read).unwrap();
    assert!(restored.lessons_added > 0);
    assert_eq!(s.library, read);
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_with_a_reason() {
    let lesson_file = include_str!("fixtures/lesson-v2.withme.json");
    let cases = [
        (
            "{ not json",
            "This file isn't a Withme backup: it isn't valid JSON",
        ),
        (
            lesson_file,
            "This file isn't a Withme backup. (A single lesson's file is opened with “Import a lesson”.)",
        ),
        (
            r#"{"format":"withme.library","version":99,"library":{}}"#,
            "This backup was made by a newer version of Withme (format 99; this version reads up to 5). Update Withme to restore it.",
        ),
        (
            r#"{"format":"withme.library","version":5,"library":{"lessons":[{"id":"a.1"}]}}"#,
            "This backup is damaged or incomplete (",
        ),
    ];
    for (file, says) in cases {
        let refused = read_backup(file).unwrap_err();
        assert!(
            refused.to_string().starts_with(says),
            "{file:.40} was refused with “{refused}”"
        );
    }
    assert!(matches!(
        read_backup(r#"{"format":"withme.library","version":99,"library":{}}"#),
        Err(BackupError::Newer { found: 99 })
    ));
}

#[test]
fn a_full_template_shelf_leaves_the_backups_extra_templates_out_and_says_so() {
    let first = a_years_library();
    let backup = read_backup(&backup_json(&first.library, Timestamp::from_millis(1))).unwrap();
    let mut here = Scenario::on_device("othercomputer");
    let lesson = here.new_lesson("Template source");
    for n in 0..withme_core::MAX_SAVED_TEMPLATES {
        here.teacher(Command::SaveTemplate {
            lesson: lesson.clone(),
            name: TemplateName::parse(&format!("Template {n}")).unwrap(),
        })
        .unwrap();
    }
    let restored = restore(&mut here, &backup).unwrap();
    assert_eq!(
        (restored.templates_added, restored.templates_left_out),
        (0, 1)
    );
    assert_eq!(restored.lessons_added, 3);
    assert!(
        restored
            .to_string()
            .ends_with("1 template was not added: this device keeps at most 50 templates.")
    );
}
