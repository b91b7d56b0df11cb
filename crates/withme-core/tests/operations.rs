//! Behaviour of each command and of the rights around it.

mod support;

use support::{Scenario, name_of, title_of};
use withme_core::{
    Applied, ClassName, Command, Event, LessonDate, LessonLength, LessonTitle, Plan, Rejection,
    Subject,
};

#[test]
fn a_created_lesson_can_be_renamed_and_detailed() {
    let mut s = Scenario::new();
    let (class, _) = s.new_class("Year 5 Oak", &[]);
    let lesson = s.new_lesson("Untitled lesson");
    s.teacher(Command::RenameLesson {
        lesson: lesson.clone(),
        title: title_of("Rivers"),
    })
    .unwrap();
    s.teacher(Command::SetLessonSubject {
        lesson: lesson.clone(),
        subject: Subject::parse("Geography").unwrap(),
    })
    .unwrap();
    s.teacher(Command::SetLessonClass {
        lesson: lesson.clone(),
        class: Some(class.clone()),
    })
    .unwrap();
    s.teacher(Command::SetLessonDate {
        lesson: lesson.clone(),
        date: Some(LessonDate::parse("2026-11-24").unwrap()),
    })
    .unwrap();
    s.teacher(Command::SetLessonLength {
        lesson: lesson.clone(),
        length: LessonLength::from_minutes(50).unwrap(),
    })
    .unwrap();

    let plan = s.library.lesson(&lesson).unwrap().plan();
    assert_eq!(plan.title.as_str(), "Rivers");
    assert_eq!(plan.subject.as_str(), "Geography");
    assert_eq!(plan.class, Some(class));
    assert_eq!(plan.date.unwrap().to_string(), "2026-11-24");
    assert_eq!(plan.length.minutes(), 50);
}

#[test]
fn lessons_are_listed_by_last_edit() {
    let mut s = Scenario::new();
    let first = s.new_lesson("First");
    let second = s.new_lesson("Second");
    let ids = |s: &Scenario| -> Vec<_> {
        s.library
            .lessons_by_last_edited()
            .iter()
            .map(|l| l.id().clone())
            .collect()
    };
    assert_eq!(ids(&s), [second.clone(), first.clone()]);
    s.teacher(Command::RenameLesson {
        lesson: first.clone(),
        title: title_of("First, edited"),
    })
    .unwrap();
    assert_eq!(ids(&s), [first, second]);
}

#[test]
fn duplicating_copies_the_plan_under_a_new_id() {
    let mut s = Scenario::new();
    let lesson = s.new_lesson("Rivers");
    let result = s
        .teacher(Command::DuplicateLesson {
            lesson: lesson.clone(),
        })
        .unwrap();
    let Event::LessonCreated { lesson: copy } = result else {
        panic!("expected a new lesson, got {result:?}");
    };
    assert_ne!(copy, lesson);
    let copy = s.library.lesson(&copy).unwrap();
    assert_eq!(copy.plan().title.as_str(), "Copy of Rivers");
    assert_eq!(s.library.lessons_by_last_edited().len(), 2);
}

#[test]
fn deleting_bins_and_restoring_brings_back() {
    let mut s = Scenario::new();
    let lesson = s.new_lesson("Rivers");
    s.teacher(Command::DeleteLesson {
        lesson: lesson.clone(),
    })
    .unwrap();
    assert!(s.library.lessons_by_last_edited().is_empty());
    assert!(!s.library.has_live_lessons());
    assert_eq!(s.library.binned_lessons().len(), 1);
    assert_eq!(
        s.teacher(Command::RenameLesson {
            lesson: lesson.clone(),
            title: title_of("Lakes"),
        }),
        Err(Rejection::LessonInBin)
    );
    // Binning twice is harmless (two windows may both do it).
    assert!(
        s.teacher(Command::DeleteLesson {
            lesson: lesson.clone()
        })
        .is_ok()
    );
    s.teacher(Command::RestoreLesson {
        lesson: lesson.clone(),
    })
    .unwrap();
    assert!(s.library.has_live_lessons());
    assert_eq!(s.library.lessons_by_last_edited().len(), 1);
    assert_eq!(
        s.library.lesson(&lesson).unwrap().plan().title.as_str(),
        "Rivers"
    );
}

#[test]
fn importing_drops_a_class_unknown_here() {
    let mut s = Scenario::new();
    let (class, _) = s.new_class("Year 5 Oak", &[]);
    let mut elsewhere = Scenario::new();
    let (foreign, _) = elsewhere.new_class("Elsewhere", &[]);
    // Same device name in both scenarios, so make the foreign id truly foreign.
    let foreign = withme_core::ClassId::parse(&format!("x{foreign}")).unwrap();

    for (given, kept) in [(Some(class.clone()), Some(class)), (Some(foreign), None)] {
        let plan = Plan::new(title_of("Imported"), given);
        let Ok(Event::LessonCreated { lesson }) = s.teacher(Command::ImportLesson {
            plan: Box::new(plan),
            proposals: Vec::new(),
        }) else {
            panic!("import failed");
        };
        assert_eq!(s.library.lesson(&lesson).unwrap().plan().class, kept);
    }
}

#[test]
fn unknown_targets_are_refused_with_reasons() {
    let mut s = Scenario::new();
    let (class, _) = s.new_class("Year 5 Oak", &[]);
    let missing = withme_core::LessonId::parse("nothing.1").unwrap();
    let missing_class = withme_core::ClassId::parse("nothing.2").unwrap();
    assert_eq!(
        s.teacher(Command::RenameLesson {
            lesson: missing,
            title: title_of("x")
        }),
        Err(Rejection::UnknownLesson)
    );
    assert_eq!(
        s.teacher(Command::CreateLesson {
            title: title_of("x"),
            class: Some(missing_class),
            template: None,
        }),
        Err(Rejection::UnknownClass)
    );
    let stranger = withme_core::PupilId::parse("nobody.1.1").unwrap();
    assert_eq!(
        s.teacher(Command::RemovePupil {
            class,
            pupil: stranger
        }),
        Err(Rejection::UnknownPupil)
    );
}

#[test]
fn a_rejected_operation_changes_nothing() {
    let mut s = Scenario::new();
    let (class, _) = s.new_class("Year 5 Oak", &["Amira"]);
    let before = s.library.clone();
    let result = s.teacher(Command::AddPupils {
        class,
        names: vec![name_of("Ben"), name_of("amira")],
    });
    assert_eq!(
        result,
        Err(Rejection::DuplicateName {
            name: "amira".into()
        })
    );
    assert_eq!(s.library, before);
}

#[test]
fn rosters_refuse_duplicate_names_and_overflow() {
    let mut s = Scenario::new();
    let (class, pupils) = s.new_class("Year 5 Oak", &["Amira", "Ben"]);
    assert_eq!(
        s.teacher(Command::RenamePupil {
            class: class.clone(),
            pupil: pupils[1].clone(),
            name: name_of("AMIRA"),
        }),
        Err(Rejection::DuplicateName {
            name: "AMIRA".into()
        })
    );
    let many = (0..59).map(|i| name_of(&format!("P{i}"))).collect();
    assert_eq!(
        s.teacher(Command::AddPupils {
            class: class.clone(),
            names: many
        }),
        Err(Rejection::RosterFull { max: 60 })
    );
    assert_eq!(
        s.teacher(Command::AddPupils {
            class,
            names: vec![]
        }),
        Err(Rejection::NoNames)
    );
}

#[test]
fn a_removed_pupil_is_kept_and_can_come_back() {
    let mut s = Scenario::new();
    let (class, pupils) = s.new_class("Year 5 Oak", &["Amira", "Ben"]);
    s.teacher(Command::RemovePupil {
        class: class.clone(),
        pupil: pupils[0].clone(),
    })
    .unwrap();
    let roster = |s: &Scenario| -> Vec<String> {
        let c = s.library.class(&class).unwrap();
        c.roster().map(|p| p.name().to_string()).collect()
    };
    assert_eq!(roster(&s), ["Ben"]);
    let kept = s.library.class(&class).unwrap().pupil(&pupils[0]).unwrap();
    assert_eq!(kept.name().as_str(), "Amira");
    assert!(kept.is_removed());

    s.teacher(Command::RestorePupil {
        class: class.clone(),
        pupil: pupils[0].clone(),
    })
    .unwrap();
    assert_eq!(roster(&s), ["Amira", "Ben"]);
}

#[test]
fn a_pupil_cannot_act_as_the_teacher() {
    let mut s = Scenario::new();
    let (class, pupils) = s.new_class("Year 5 Oak", &["Amira"]);
    let lesson = s.new_lesson("Rivers");
    s.teacher(Command::SetLessonClass {
        lesson: lesson.clone(),
        class: Some(class.clone()),
    })
    .unwrap();
    let before = s.library.clone();

    let forged = [
        Command::RenameLesson {
            lesson: lesson.clone(),
            title: title_of("Hacked"),
        },
        Command::DeleteLesson {
            lesson: lesson.clone(),
        },
        Command::CreateLesson {
            title: title_of("Mine"),
            class: None,
            template: None,
        },
        Command::RenameClass {
            class: class.clone(),
            name: ClassName::parse("Ours").unwrap(),
        },
        Command::RemovePupil {
            class: class.clone(),
            pupil: pupils[0].clone(),
        },
    ];
    for command in forged {
        let action = command.action();
        let result = s.pupil(&pupils[0], command);
        assert_eq!(result, Err(Rejection::TeacherOnly { action }));
        assert_eq!(
            result.unwrap_err().to_string(),
            format!("Only the teacher can {action}.")
        );
    }
    assert_eq!(s.library, before);
}

#[test]
fn a_pupil_author_must_be_on_the_roster() {
    let mut s = Scenario::new();
    let (_, pupils) = s.new_class("Year 5 Oak", &["Amira"]);
    let (other_class, _) = s.new_class("Year 6 Ash", &["Ben"]);
    let lesson = s.new_lesson("Ash's lesson");
    s.teacher(Command::SetLessonClass {
        lesson: lesson.clone(),
        class: Some(other_class.clone()),
    })
    .unwrap();
    let stranger = withme_core::PupilId::parse("nobody.1.1").unwrap();
    let propose = || Command::Propose {
        lesson: lesson.clone(),
        kind: withme_core::ProposalKind::Keyword,
        text: support::text("river"),
        with: Vec::new(),
    };
    assert_eq!(s.pupil(&stranger, propose()), Err(Rejection::NotOnRoster));
    // On a roster, but not this class's.
    assert_eq!(s.pupil(&pupils[0], propose()), Err(Rejection::NotOnRoster));
    // A teacher's command is refused as such, whoever the pupil is.
    let rename = Command::RenameClass {
        class: other_class,
        name: ClassName::parse("Ours").unwrap(),
    };
    assert!(matches!(
        s.pupil(&stranger, rename),
        Err(Rejection::TeacherOnly { .. })
    ));
}

#[test]
fn applying_the_same_operation_twice_changes_nothing_the_second_time() {
    let mut s = Scenario::new();
    let op = s.op(
        withme_core::Author::Teacher,
        Command::CreateLesson {
            title: LessonTitle::parse("Rivers").unwrap(),
            class: None,
            template: None,
        },
    );
    let mut authority = withme_core::sync::Authority::default();
    assert!(matches!(authority.apply_own(&op), Ok(Applied::Changed(_))));
    let once = authority.clone();
    assert_eq!(authority.apply_own(&op), Ok(Applied::AlreadyApplied));
    assert_eq!(authority, once);
}

#[test]
fn emptying_the_bin_deletes_for_good_only_what_it_listed_and_still_holds() {
    let (mut s, _, pupils) = Scenario::classroom("Kept", &["Amira"]);
    let kept = s.library.lessons_by_last_edited()[0].id().clone();
    let binned: Vec<_> = ["Old one", "Old two", "Restored elsewhere"]
        .iter()
        .map(|title| {
            let lesson = s.new_lesson(title);
            s.teacher(Command::DeleteLesson {
                lesson: lesson.clone(),
            })
            .unwrap();
            lesson
        })
        .collect();
    // The bin as the teacher saw it; meanwhile another window took one lesson back out.
    s.teacher(Command::RestoreLesson {
        lesson: binned[2].clone(),
    })
    .unwrap();
    let listed = Command::EmptyBin {
        lessons: binned.clone(),
    };
    assert!(matches!(
        s.pupil(&pupils[0], listed.clone()),
        Err(Rejection::TeacherOnly { .. })
    ));
    assert_eq!(
        s.teacher(listed.clone()),
        Ok(Event::BinEmptied { removed: 2 })
    );
    assert!(s.library.lesson(&binned[0]).is_none());
    assert!(s.library.lesson(&binned[1]).is_none());
    assert!(
        s.library
            .lesson(&binned[2])
            .is_some_and(|l| !l.is_deleted())
    );
    assert!(s.library.lesson(&kept).is_some());
    assert!(s.library.binned_lessons().is_empty());
    // Emptying again finds nothing left to delete, and a lesson outside the bin is never taken.
    assert_eq!(
        s.teacher(Command::EmptyBin {
            lessons: vec![kept.clone(), binned[0].clone()],
        }),
        Ok(Event::BinEmptied { removed: 0 })
    );
    assert!(s.library.lesson(&kept).is_some());
}
