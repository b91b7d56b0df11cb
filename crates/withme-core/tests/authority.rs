//! The authority for many devices: seats decide who sent an operation, the authority's clock
//! decides when, every operation is answered by its id, and nothing a tablet sends can borrow
//! another device's place.

mod support;

use support::{Scenario, text};
use withme_core::sync::{
    Answer, Authority, Holder, Outcome, Seat, Source, Submission, ToAuthority,
};
use withme_core::{
    Applied, Author, Command, DeviceId, LessonId, OpId, Operation, PupilId, Rejection, Timestamp,
};

/// A class of three with a lesson, as the teacher's window (device `teacherwin`) made it.
fn live_lesson() -> (Authority, LessonId, Vec<PupilId>) {
    let (s, lesson, pupils) = Scenario::classroom("Rivers", &["Amira", "Ben", "Chloé"]);
    (
        Authority::new(s.library, Default::default()),
        lesson,
        pupils,
    )
}

fn teacher_op(seq: u64, command: Command) -> Operation {
    Operation {
        id: OpId::new(DeviceId::parse("teacherwin").unwrap(), seq),
        author: Author::Teacher,
        at: Timestamp::from_millis(1_800_000_000_000 + seq),
        command,
    }
}

fn seat(device: &str, lesson: &LessonId, pupil: &PupilId) -> Seat {
    Seat {
        device: DeviceId::parse(device).unwrap(),
        lesson: lesson.clone(),
        holder: Holder::Pupils(vec![pupil.clone()]),
    }
}

fn ask(lesson: &LessonId, words: &str) -> Command {
    Command::AskQuestion {
        lesson: lesson.clone(),
        text: text(words),
        with: Vec::new(),
    }
}

fn accepted(answer: &Answer) -> bool {
    matches!(
        answer,
        Answer::Handled {
            outcome: Outcome::Accepted { .. },
            ..
        }
    )
}

fn refused_with(answer: &Answer) -> Option<&str> {
    match answer {
        Answer::Handled {
            outcome: Outcome::Refused { code, .. },
            ..
        } => Some(code),
        _ => None,
    }
}

const NOW: Timestamp = Timestamp::from_millis(1_800_000_500_000);

#[test]
fn a_tablet_cannot_borrow_the_teachers_device_id() {
    let (mut authority, lesson, p) = live_lesson();
    let rename = |seq, title: &str| {
        teacher_op(
            seq,
            Command::RenameLesson {
                lesson: lesson.clone(),
                title: withme_core::LessonTitle::parse(title).unwrap(),
            },
        )
    };
    assert!(matches!(
        authority.apply_own(&rename(1, "Rivers 1")),
        Ok(Applied::Changed(_))
    ));
    // A tablet that read the teacher's device id (it is in every id the teacher made) sends the
    // next sequence number from a device of that name.
    let forged = seat("teacherwin", &lesson, &p[0]);
    let answer = authority.submit(
        &forged,
        &Submission::new(2, None, ask(&lesson, "Why?")),
        NOW,
    );
    assert_eq!(refused_with(&answer), Some("device_in_use"));
    // The teacher's next edit is applied, not taken as already applied.
    assert!(matches!(
        authority.apply_own(&rename(2, "Rivers 2")),
        Ok(Applied::Changed(_))
    ));
    let title = &authority.library().lesson(&lesson).unwrap().plan().title;
    assert_eq!(title.as_str(), "Rivers 2");
    // And a window can never take a tablet's device either.
    let tablet = seat("tablet1", &lesson, &p[0]);
    assert!(accepted(&authority.submit(
        &tablet,
        &Submission::new(1, None, ask(&lesson, "Why?")),
        NOW
    )));
    let window_as_tablet = Operation {
        id: OpId::new(DeviceId::parse("tablet1").unwrap(), 2),
        ..rename(3, "Rivers 3")
    };
    assert_eq!(
        authority.apply_own(&window_as_tablet),
        Err(Rejection::DeviceInUse)
    );
}

#[test]
fn the_seat_decides_the_author_never_the_tablet() {
    let (mut authority, lesson, p) = live_lesson();
    let amiras = seat("tablet1", &lesson, &p[0]);
    // Amira's tablet says Ben is acting: refused, and nothing changes.
    let before = authority.library().clone();
    let as_ben = Submission::new(1, Some(p[1].clone()), ask(&lesson, "Why?"));
    let answer = authority.submit(&amiras, &as_ben, NOW);
    assert_eq!(refused_with(&answer), Some("not_your_seat"));
    assert_eq!(authority.library(), &before);
    // Her own question is hers, stamped with the authority's time.
    let answer = authority.submit(
        &amiras,
        &Submission::new(2, None, ask(&lesson, "How?")),
        NOW,
    );
    assert!(accepted(&answer));
    let question = authority
        .library()
        .lesson(&lesson)
        .unwrap()
        .enquiry()
        .questions[0]
        .clone();
    assert_eq!(question.authors, [p[0].clone()]);
    assert_eq!(question.made_at, NOW);
    // The Board and a tablet not let in send nothing.
    for holder in [Holder::Board, Holder::Waiting] {
        let seat = Seat {
            device: DeviceId::parse("boardwin").unwrap(),
            lesson: lesson.clone(),
            holder,
        };
        let answer = authority.submit(&seat, &Submission::new(1, None, ask(&lesson, "?")), NOW);
        assert_eq!(refused_with(&answer), Some("seat_cannot_act"));
    }
}

#[test]
fn a_tablet_acts_only_in_the_lesson_it_joined() {
    let (mut authority, lesson, p) = live_lesson();
    let mut library = authority.library().clone();
    let other = LessonId::from(&OpId::new(DeviceId::parse("teacherwin").unwrap(), 1));
    let duplicate = teacher_op(
        1,
        Command::DuplicateLesson {
            lesson: lesson.clone(),
        },
    );
    library.apply(&duplicate).unwrap();
    authority = Authority::new(library, Default::default());
    let tablet = seat("tablet1", &lesson, &p[0]);
    let elsewhere = authority.submit(&tablet, &Submission::new(1, None, ask(&other, "Why?")), NOW);
    assert_eq!(refused_with(&elsewhere), Some("not_this_lesson"));
    let here = authority.submit(
        &tablet,
        &Submission::new(2, None, ask(&lesson, "Why?")),
        NOW,
    );
    assert!(accepted(&here));
}

#[test]
fn a_late_operation_is_sent_again_never_dropped() {
    let (mut authority, lesson, p) = live_lesson();
    let tablet = seat("tablet1", &lesson, &p[0]);
    let first = Submission::new(1, None, ask(&lesson, "First?"));
    let second = Submission::new(2, None, ask(&lesson, "Second?"));
    // The second arrives first: nothing is applied, and the tablet is asked for the first.
    assert_eq!(
        authority.submit(&tablet, &second, NOW),
        Answer::ResendFrom { seq: 1 }
    );
    assert!(
        authority
            .library()
            .lesson(&lesson)
            .unwrap()
            .enquiry()
            .questions
            .is_empty()
    );
    let one = authority.submit(&tablet, &first, NOW);
    let two = authority.submit(&tablet, &second, NOW);
    assert!(accepted(&one) && accepted(&two));
    // A repeat is answered as before and applied once only.
    assert_eq!(authority.submit(&tablet, &first, NOW), one);
    assert_eq!(
        authority
            .library()
            .lesson(&lesson)
            .unwrap()
            .enquiry()
            .questions
            .len(),
        2
    );
    assert_eq!(authority.answer_for(&tablet.device, 1), Some(one));
}

#[test]
fn a_refusal_is_delivered_even_when_a_later_operation_is_accepted() {
    let (mut authority, lesson, p) = live_lesson();
    let tablet = seat("tablet1", &lesson, &p[0]);
    let teacher_only = Command::ApproveQuestion {
        lesson: lesson.clone(),
        question: withme_core::QuestionId::parse("x.1").unwrap(),
    };
    let refused = authority.submit(&tablet, &Submission::new(1, None, teacher_only), NOW);
    let later = authority.submit(
        &tablet,
        &Submission::new(2, None, ask(&lesson, "Why?")),
        NOW,
    );
    assert_eq!(refused_with(&refused), Some("teacher_only"));
    assert!(accepted(&later));
    // Asked again (its answer was lost), the refusal is answered again, never "already done".
    assert_eq!(authority.answer_for(&tablet.device, 1), Some(refused));
    assert_eq!(
        authority.ledger().handled(&tablet.device),
        Some((Source::Seat, 2))
    );
}

#[test]
fn the_ledger_remembers_a_bounded_number_of_devices_and_answers() {
    use withme_core::sync::ledger::{MAX_DEVICES, RECENT_ANSWERS};
    let (mut authority, lesson, p) = live_lesson();
    for n in 0..MAX_DEVICES + 40 {
        let op = Operation {
            id: OpId::new(DeviceId::parse(&format!("window{n}")).unwrap(), 1),
            ..teacher_op(
                1,
                Command::SetLessonSubject {
                    lesson: lesson.clone(),
                    subject: withme_core::Subject::parse(&format!("Subject {n}")).unwrap(),
                },
            )
        };
        authority.apply_own(&op).unwrap();
    }
    assert_eq!(authority.ledger().devices(), MAX_DEVICES);
    let tablet = seat("tablet1", &lesson, &p[0]);
    for seq in 1..=(RECENT_ANSWERS as u64 + 5) {
        let words = format!("Question {seq}?");
        authority.submit(
            &tablet,
            &Submission::new(seq, None, ask(&lesson, &words)),
            NOW,
        );
    }
    assert_eq!(
        authority.answer_for(&tablet.device, 1),
        Some(Answer::Forgotten { seq: 1 })
    );
    assert!(
        authority
            .answer_for(&tablet.device, RECENT_ANSWERS as u64 + 5)
            .is_some()
    );
}

#[test]
fn a_message_with_a_time_an_author_or_anything_unknown_is_refused_whole() {
    let lesson = "t.3";
    let good = format!(
        r#"{{"protocol":1,"submissions":[{{"seq":1,"command":{{"ask_question":{{"lesson":"{lesson}","text":"Why?"}}}}}}]}}"#
    );
    assert!(ToAuthority::parse(&good).is_ok());
    for bad in [
        good.replace(r#""seq":1"#, r#""seq":1,"at":99999999999999"#),
        good.replace(r#""seq":1"#, r#""seq":1,"author":"teacher""#),
        good.replace(r#""text":"Why?""#, r#""text":"Why?","authors":["x.1"]"#),
        good.replace(r#""protocol":1"#, r#""protocol":2"#),
        good.replace(r#""text":"Why?""#, r#""text":"   ""#),
        good.replace("Why?", &"Why? ".repeat(20_000)),
    ] {
        assert!(
            ToAuthority::parse(&bad).is_err(),
            "accepted: {}",
            &bad[..bad.len().min(200)]
        );
    }
}

#[test]
fn a_tablet_can_neither_restore_a_backup_nor_empty_the_bin_nor_archive_in_a_live_lesson() {
    let (mut authority, lesson, p) = live_lesson();
    let before = authority.library().clone();
    // An archive of the lesson exactly as it is, as a hostile tablet would send it to wipe it.
    let whole = withme_core::archive::archive_of(&before, &[before.lesson(&lesson).unwrap()]);
    // A whole library, as a hostile tablet would send it to plant lessons and classes.
    let planted: withme_core::Library = serde_json::from_value(serde_json::json!({
        "lessons": [{ "id": "planted.1", "created_at": 1, "updated_at": 1,
                      "plan": { "title": "Planted", "length": 60 } }],
    }))
    .unwrap();
    let commands = [
        Command::RestoreLibrary {
            library: Box::new(planted),
        },
        Command::EmptyBin {
            lessons: vec![lesson.clone()],
        },
        Command::ArchiveLessons {
            archive: Box::new(whole),
        },
    ];
    let tablet = seat("tablet1", &lesson, &p[0]);
    let mut seq = 0;
    for command in commands {
        // As the seat's own pupil, and naming another pupil.
        for pupil in [None, Some(p[1].clone())] {
            seq += 1;
            let sent = Submission::new(seq, pupil, command.clone());
            let answer = authority.submit(&tablet, &sent, NOW);
            assert_eq!(
                refused_with(&answer),
                Some("not_this_lesson"),
                "{command:?}"
            );
        }
    }
    assert_eq!(authority.library(), &before);
}

#[test]
fn no_seat_can_put_the_live_lesson_in_the_bin_not_even_the_teachers() {
    let (mut authority, lesson, p) = live_lesson();
    let other = authority
        .apply_own(&teacher_op(
            1,
            Command::CreateLesson {
                title: withme_core::LessonTitle::parse("Next week").unwrap(),
                class: None,
                template: None,
            },
        ))
        .map(|_| {
            let lessons = authority.library().lessons_by_last_edited();
            lessons
                .iter()
                .find(|l| l.id() != &lesson)
                .unwrap()
                .id()
                .clone()
        })
        .unwrap();
    let before = authority.library().clone();
    let teacher = Seat {
        device: DeviceId::parse("teacherseat").unwrap(),
        lesson: lesson.clone(),
        holder: Holder::Teacher,
    };
    let delete = Command::DeleteLesson {
        lesson: lesson.clone(),
    };
    let answer = authority.submit(&teacher, &Submission::new(1, None, delete.clone()), NOW);
    assert_eq!(refused_with(&answer), Some("lesson_is_live"));
    let tablet = seat("tablet1", &lesson, &p[0]);
    let answer = authority.submit(&tablet, &Submission::new(1, None, delete), NOW);
    assert_eq!(refused_with(&answer), Some("lesson_is_live"));
    assert_eq!(authority.library(), &before);

    // Another lesson of the teacher's still goes in the bin from the teacher's seat.
    let answer = authority.submit(
        &teacher,
        &Submission::new(
            2,
            None,
            Command::DeleteLesson {
                lesson: other.clone(),
            },
        ),
        NOW,
    );
    assert!(accepted(&answer), "{answer:?}");
    assert!(authority.library().lesson(&other).unwrap().is_deleted());
}

#[test]
fn the_live_lessons_class_can_be_neither_deleted_nor_swapped_until_it_ends() {
    let (mut authority, lesson, p) = live_lesson();
    let class = authority
        .library()
        .lesson(&lesson)
        .unwrap()
        .plan()
        .class
        .clone()
        .unwrap();
    let before = authority.library().clone();
    let teacher = Seat {
        device: DeviceId::parse("teacherseat").unwrap(),
        lesson: lesson.clone(),
        holder: Holder::Teacher,
    };
    let delete = Command::DeleteClass {
        class: class.clone(),
    };
    let answer = authority.submit(&teacher, &Submission::new(1, None, delete), NOW);
    assert_eq!(refused_with(&answer), Some("class_is_live"));
    let unset = Command::SetLessonClass {
        lesson: lesson.clone(),
        class: None,
    };
    let answer = authority.submit(&teacher, &Submission::new(2, None, unset), NOW);
    assert_eq!(refused_with(&answer), Some("class_is_live"));
    // The pupils are still on the lesson's class: a tablet's question is still theirs.
    let tablet = seat("tablet1", &lesson, &p[0]);
    let answer = authority.submit(
        &tablet,
        &Submission::new(1, None, ask(&lesson, "Why?")),
        NOW,
    );
    assert!(accepted(&answer), "{answer:?}");
    assert_eq!(
        authority.library().classes_by_name().len(),
        before.classes_by_name().len()
    );
    assert_eq!(
        authority.library().lesson(&lesson).unwrap().plan().class,
        Some(class.clone())
    );

    // Choosing the class it already has changes nothing, so it is not refused.
    let same = Command::SetLessonClass {
        lesson: lesson.clone(),
        class: Some(class),
    };
    let answer = authority.submit(&teacher, &Submission::new(3, None, same), NOW);
    assert_ne!(refused_with(&answer), Some("class_is_live"), "{answer:?}");
}
