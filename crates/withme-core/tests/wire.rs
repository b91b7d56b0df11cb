//! Golden examples of the wire format (`PROTOCOL.md`) and of the stored library at version 5:
//! real messages from a real classroom, which must keep their shape. Run with
//! `WITHME_WRITE_GOLDEN=1` to write them again after a deliberate, documented change.

mod support;

use serde_json::Value;
use support::{Scenario, text};
use withme_core::document::{LIBRARY_VERSION, StoredLibrary, parse_library};
use withme_core::enquiry::VoteMethod;
use withme_core::sync::{
    Answer, Authority, Holder, Knock, LiveDown, LiveUp, Outcome, PROTOCOL_VERSION, Seat,
    SeatedTablet, Submission, ToAuthority, ToDevice, VersionedView,
};
use withme_core::view::{Viewer, project};
use withme_core::{
    Command, DeviceId, KindNote, LessonId, ProposalKind, PupilCommand, PupilId, PupilName,
    Timestamp,
};

const TO_AUTHORITY: &str = include_str!("fixtures/wire/to-authority.json");
const TO_PUPIL: &str = include_str!("fixtures/wire/to-pupil.json");
const TO_BOARD: &str = include_str!("fixtures/wire/to-board.json");
const LIBRARY_V5: &str = include_str!("fixtures/library-v5.json");
const LIVE: &str = include_str!("fixtures/wire/live.json");

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// Compares `made` with the golden file `name`, or writes it when asked to.
fn golden(name: &str, kept: &str, made: &str) {
    if std::env::var_os("WITHME_WRITE_GOLDEN").is_some() {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let pretty = serde_json::to_string_pretty(&json(made)).unwrap();
        std::fs::write(path, pretty + "\n").unwrap();
        return;
    }
    assert_eq!(json(made), json(kept), "{name} changed shape");
}

/// A lesson mid-enquiry: ideas (one sent back), questions, a secret ballot open, groups.
fn classroom() -> (Authority, LessonId, Vec<PupilId>) {
    let (mut s, lesson, p) =
        Scenario::classroom("Is it ever right to lie?", &["Amira", "Ben", "Chloé"]);
    let idea = withme_core::ProposalId::from(&s.next_id());
    s.pupil(
        &p[0],
        Command::Propose {
            lesson: lesson.clone(),
            kind: ProposalKind::Criterion,
            text: text("I can give a reason"),
            with: Vec::new(),
        },
    )
    .unwrap();
    s.teacher(Command::SendBackProposal {
        lesson: lesson.clone(),
        proposal: idea,
        note: KindNote::parse("Could you add an example?").unwrap(),
    })
    .unwrap();
    let q = s.approved_questions(&lesson, &p);
    s.teacher(Command::OpenPoll {
        lesson: lesson.clone(),
        method: VoteMethod::Single,
        blind: true,
        secret: true,
        options: q.clone(),
    })
    .unwrap();
    let poll = s
        .library
        .lesson(&lesson)
        .unwrap()
        .enquiry()
        .open_poll()
        .unwrap()
        .id
        .clone();
    s.vote(&lesson, &p[1], &poll, &[&q[0]]).unwrap();
    (Authority::new(s.library, Default::default()), lesson, p)
}

#[test]
fn a_tablets_message_keeps_its_shape() {
    let (authority, lesson, p) = classroom();
    let enquiry = authority
        .library()
        .lesson(&lesson)
        .unwrap()
        .enquiry()
        .clone();
    let poll = enquiry.open_poll().unwrap();
    let message = ToAuthority {
        protocol: PROTOCOL_VERSION,
        submissions: vec![
            Submission {
                seq: 1,
                pupil: Some(p[2].clone()),
                command: PupilCommand::AskQuestion {
                    lesson: lesson.clone(),
                    text: text("Is it fine to lie to a robot?"),
                    with: vec![p[1].clone()],
                },
            },
            Submission {
                seq: 2,
                pupil: Some(p[2].clone()),
                command: PupilCommand::CastBallot {
                    lesson: lesson.clone(),
                    poll: poll.id.clone(),
                    choices: vec![poll.options[1].clone()],
                },
            },
        ],
    };
    let made = serde_json::to_string(&message).unwrap();
    golden("wire/to-authority.json", TO_AUTHORITY, &made);
    // The authority reads a pupil's message as commands, and handles it.
    let read = ToAuthority::parse(TO_AUTHORITY).unwrap();
    let mut authority = authority;
    let seat = Seat {
        device: DeviceId::parse("tablet3").unwrap(),
        lesson: lesson.clone(),
        holder: Holder::Pupils(vec![p[2].clone()]),
    };
    let now = Timestamp::from_millis(1_800_000_000_000);
    for submission in &read.submissions {
        let answer = authority.submit(&seat, submission, now);
        assert!(matches!(answer, Answer::Handled { .. }), "{answer:?}");
    }
}

#[test]
fn what_a_pupils_tablet_and_the_board_receive_keeps_its_shape() {
    let (mut authority, lesson, p) = classroom();
    let seat = Seat {
        device: DeviceId::parse("tablet1").unwrap(),
        lesson: lesson.clone(),
        holder: Holder::Pupils(vec![p[0].clone()]),
    };
    let now = Timestamp::from_millis(1_800_000_000_000);
    let ask = |words: &str| Command::AskQuestion {
        lesson: lesson.clone(),
        text: text(words),
        with: Vec::new(),
    };
    let accepted = authority.submit(&seat, &Submission::new(1, None, ask("Why do we lie?")), now);
    let gap = authority.submit(&seat, &Submission::new(3, None, ask("Who lies?")), now);
    let approve = Command::ApproveQuestion {
        lesson: lesson.clone(),
        question: withme_core::QuestionId::parse("tablet1.1").unwrap(),
    };
    let refused = authority.submit(&seat, &Submission::new(2, None, approve), now);
    let version = authority.ledger().order();
    let to_pupil = ToDevice {
        protocol: PROTOCOL_VERSION,
        answers: vec![accepted, gap, refused],
        view: Some(VersionedView {
            version,
            projection: project(authority.library(), &lesson, &Viewer::Pupil(p[0].clone())),
        }),
    };
    golden(
        "wire/to-pupil.json",
        TO_PUPIL,
        &serde_json::to_string(&to_pupil).unwrap(),
    );
    assert_eq!(ToDevice::parse(TO_PUPIL).unwrap(), to_pupil);

    let to_board = ToDevice {
        protocol: PROTOCOL_VERSION,
        answers: Vec::new(),
        view: Some(VersionedView {
            version,
            projection: project(authority.library(), &lesson, &Viewer::Board),
        }),
    };
    golden(
        "wire/to-board.json",
        TO_BOARD,
        &serde_json::to_string(&to_board).unwrap(),
    );
    assert_eq!(ToDevice::parse(TO_BOARD).unwrap(), to_board);
}

#[test]
fn a_field_the_protocol_does_not_know_is_refused_anywhere_in_a_message() {
    for (name, kept) in [("to-pupil", TO_PUPIL), ("to-board", TO_BOARD)] {
        let mut value = json(kept);
        value["view"]["projection"]
            .as_object_mut()
            .unwrap()
            .values_mut()
            .next()
            .unwrap()["tallies"] = Value::Bool(true);
        let text = serde_json::to_string(&value).unwrap();
        assert!(
            ToDevice::parse(&text).is_err(),
            "{name} took an unknown field"
        );
    }
}

#[test]
fn the_version_5_library_loads_and_keeps_its_shape() {
    let (mut authority, lesson, p) = classroom();
    let seat = Seat {
        device: DeviceId::parse("tablet1").unwrap(),
        lesson: lesson.clone(),
        holder: Holder::Pupils(vec![p[0].clone()]),
    };
    let now = Timestamp::from_millis(1_800_000_000_000);
    let ask = Command::AskQuestion {
        lesson: lesson.clone(),
        text: text("Why do we lie?"),
        with: Vec::new(),
    };
    authority.submit(&seat, &Submission::new(1, None, ask), now);
    let (library, ledger) = authority.parts();
    let made = StoredLibrary::new(library, ledger).to_json();
    golden("library-v5.json", LIBRARY_V5, &made);
    let loaded = parse_library(LIBRARY_V5).unwrap();
    assert_eq!(loaded.migrated_from, None);
    assert_eq!(LIBRARY_VERSION, 5);
    assert_eq!(&loaded.library, library);
    assert_eq!(&loaded.ledger, ledger);
    let poll = loaded
        .library
        .lesson(&lesson)
        .unwrap()
        .enquiry()
        .open_poll()
        .unwrap()
        .clone();
    assert!(poll.secret && poll.ballots.is_empty() && poll.voters() == 1);
    assert_eq!(
        json(&StoredLibrary::new(&loaded.library, &loaded.ledger).to_json()),
        json(LIBRARY_V5)
    );
}

/// A live lesson's conversation, message by message: a tablet joining, being let in and
/// acting; the teacher letting it in; the Board coming back to its seat; the lesson ending.
fn live_conversation() -> Vec<(&'static str, Value)> {
    let (authority, lesson, p) = classroom();
    let tablet = DeviceId::parse("k7q2m9x4c3d1w").unwrap();
    let board = DeviceId::parse("b4t8r2n6v1y5p").unwrap();
    let token = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c".to_owned();
    let up = |m: LiveUp| serde_json::to_value(m).unwrap();
    let down = |m: LiveDown| serde_json::to_value(m).unwrap();
    vec![
        (
            "up",
            up(LiveUp::Join {
                protocol: PROTOCOL_VERSION,
                code: "ace 347".into(),
            }),
        ),
        (
            "down",
            down(LiveDown::Seated {
                lesson: lesson.clone(),
                device: tablet.clone(),
                token: token.clone(),
                holder: Holder::Waiting,
                handled: 0,
            }),
        ),
        ("up", up(LiveUp::Claim { pupil: p[0].clone() })),
        ("up", up(LiveUp::ClaimGroup { group: 1 })),
        ("up", up(LiveUp::ActAs { pupil: p[1].clone() })),
        (
            "down",
            down(LiveDown::Knocks {
                waiting: vec![
                    Knock {
                        device: tablet.clone(),
                        pupils: vec![p[0].clone()],
                        names: vec![PupilName::parse("Amira").unwrap()],
                        group: None,
                        already_seated: false,
                    },
                    Knock {
                        device: DeviceId::parse("g5h7j9k2l4m6n").unwrap(),
                        pupils: vec![p[0].clone(), p[1].clone()],
                        names: vec![
                            PupilName::parse("Amira").unwrap(),
                            PupilName::parse("Ben").unwrap(),
                        ],
                        group: Some(1),
                        already_seated: true,
                    },
                ],
                seated: vec![SeatedTablet {
                    device: DeviceId::parse("r2d8k4m6n1q3s").unwrap(),
                    pupils: vec![p[1].clone()],
                    connected: true,
                }],
            }),
        ),
        ("up", up(LiveUp::Admit { device: tablet.clone() })),
        (
            "down",
            down(LiveDown::View(Box::new(VersionedView {
                version: authority.ledger().order(),
                projection: project(authority.library(), &lesson, &Viewer::Pupil(p[0].clone())),
            }))),
        ),
        (
            "up",
            up(LiveUp::Submit {
                submissions: vec![Submission::new(
                    1,
                    Some(p[0].clone()),
                    Command::AskQuestion {
                        lesson: lesson.clone(),
                        text: text("Is it fine to lie to a robot?"),
                        with: Vec::new(),
                    },
                )],
            }),
        ),
        (
            "down",
            down(LiveDown::Answers {
                answers: vec![Answer::Handled {
                    seq: 1,
                    outcome: Outcome::Accepted { order: 42 },
                }],
            }),
        ),
        (
            "up",
            up(LiveUp::Resume {
                protocol: PROTOCOL_VERSION,
                code: "ACE347".into(),
                device: board,
                token: token.clone(),
                version: 41,
            }),
        ),
        ("up", up(LiveUp::Decline { device: tablet.clone() })),
        ("up", up(LiveUp::RemoveSeat { device: tablet })),
        (
            "down",
            down(LiveDown::Problem {
                code: "declined".into(),
                reason: "Your teacher didn't let you in. Check you tapped your own name, then try again.".into(),
            }),
        ),
        ("up", up(LiveUp::End)),
        ("down", down(LiveDown::Ended)),
    ]
}

#[test]
fn a_live_lessons_messages_keep_their_shape() {
    let conversation = live_conversation();
    let made: Vec<Value> = conversation
        .iter()
        .map(|(way, message)| serde_json::json!({ *way: message }))
        .collect();
    golden(
        "wire/live.json",
        LIVE,
        &serde_json::to_string(&made).unwrap(),
    );
    // Each reads back as itself, through the same checks the server and the app make.
    for entry in json(LIVE).as_array().unwrap() {
        let (way, message) = entry.as_object().unwrap().iter().next().unwrap();
        let text = serde_json::to_string(message).unwrap();
        match way.as_str() {
            "up" => {
                let read = LiveUp::parse(&text).unwrap();
                assert_eq!(&serde_json::to_value(read).unwrap(), message);
            }
            _ => {
                let read = LiveDown::parse(&text).unwrap();
                assert_eq!(&serde_json::to_value(read).unwrap(), message);
            }
        }
    }
}

#[test]
fn a_live_message_with_an_unknown_field_or_another_version_is_refused() {
    let join = r#"{"join":{"protocol":1,"code":"ACE347"}}"#;
    assert!(LiveUp::parse(join).is_ok());
    assert!(LiveUp::parse(r#"{"join":{"protocol":1,"code":"ACE347","as":"teacher"}}"#).is_err());
    assert!(LiveUp::parse(r#"{"join":{"protocol":2,"code":"ACE347"}}"#).is_err());
    let seated = r#"{"seated":{"lesson":"testdevice.3","device":"k7q2m9x4c3d1w","token":"9f","holder":"waiting","handled":0}}"#;
    assert!(LiveDown::parse(seated).is_ok());
    let widened = seated.replace(r#""handled":0"#, r#""handled":0,"tally":[3]"#);
    assert!(LiveDown::parse(&widened).is_err());
}

#[test]
fn a_tablet_reads_every_message_meant_for_a_pupil_with_its_pupil_only_types() {
    use withme_core::view::{Projection, PupilProjection};
    // Live: every message down that is not the teacher's or the Board's view.
    let mut read = 0;
    for entry in json(LIVE).as_array().unwrap() {
        let (way, message) = entry.as_object().unwrap().iter().next().unwrap();
        if way != "down" {
            continue;
        }
        let text = serde_json::to_string(message).unwrap();
        let full = LiveDown::parse(&text).unwrap();
        let for_a_pupil = match &full {
            LiveDown::View(view) => matches!(view.projection, Some(Projection::Pupil(_)) | None),
            _ => true,
        };
        let as_tablet = LiveDown::<PupilProjection>::parse_as(&text);
        if for_a_pupil {
            let as_tablet = as_tablet.unwrap();
            assert_eq!(&serde_json::to_value(as_tablet).unwrap(), message);
            read += 1;
        } else {
            assert!(as_tablet.is_err(), "a tablet must not read {message}");
        }
    }
    assert!(read > 3, "the conversation holds messages to pupils");
    // In one browser: the view a teacher's window writes for a tablet.
    let view = json(TO_PUPIL)["view"].clone();
    let text = serde_json::to_string(&view).unwrap();
    let as_tablet: VersionedView<PupilProjection> = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_value(&as_tablet).unwrap(), view);
    let full: VersionedView = serde_json::from_str(&text).unwrap();
    assert_eq!(
        full.projection,
        as_tablet.projection.map(Projection::from),
        "the same view, read either way"
    );
}

#[test]
fn the_board_reads_its_view_with_its_board_only_types_and_nothing_else() {
    use withme_core::view::{BoardProjection, Projection};
    let view = json(TO_BOARD)["view"].clone();
    let live = serde_json::json!({ "view": view }).to_string();
    let as_board = LiveDown::<BoardProjection>::parse_as(&live).unwrap();
    assert_eq!(
        serde_json::to_value(&as_board).unwrap()["view"],
        view,
        "the Board's view, read whole"
    );
    let full: VersionedView = serde_json::from_str(&view.to_string()).unwrap();
    let LiveDown::View(seen) = as_board else {
        panic!("a view")
    };
    assert_eq!(full.projection, seen.projection.map(Projection::from));
    // A pupil's view is not the Board's to read.
    for entry in json(LIVE).as_array().unwrap() {
        let (way, message) = entry.as_object().unwrap().iter().next().unwrap();
        let text = serde_json::to_string(message).unwrap();
        if way == "down"
            && message
                .get("view")
                .is_some_and(|v| v["projection"].get("pupil").is_some())
        {
            assert!(LiveDown::<BoardProjection>::parse_as(&text).is_err());
        }
    }
}

#[test]
fn the_board_reads_every_message_down_as_live_down_reads_it_and_skips_only_what_it_never_uses() {
    use withme_core::sync::BoardDown;
    use withme_core::view::BoardProjection;
    let board_view = serde_json::json!({ "view": json(TO_BOARD)["view"] });
    let mut messages: Vec<Value> = json(LIVE)
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|entry| entry.get("down").cloned())
        .collect();
    messages.push(board_view);
    let mut kinds = std::collections::BTreeSet::new();
    for message in &messages {
        let text = message.to_string();
        let core = LiveDown::<BoardProjection>::parse_as(&text);
        let board = serde_json::from_str::<BoardDown>(&text);
        match (core, board) {
            (Ok(LiveDown::View(core)), Ok(BoardDown::View(board))) => {
                assert_eq!(core, board);
                kinds.insert("view");
            }
            (
                Ok(LiveDown::Problem { code, reason }),
                Ok(BoardDown::Problem { code: c, reason: r }),
            ) => {
                assert_eq!((code, reason), (c, r));
                kinds.insert("problem");
            }
            (Ok(LiveDown::Ended), Ok(BoardDown::Ended)) => _ = kinds.insert("ended"),
            (Ok(LiveDown::Seated { .. }), Ok(BoardDown::Seated(_))) => _ = kinds.insert("seated"),
            (Ok(LiveDown::Answers { .. }), Ok(BoardDown::Answers(_))) => {
                kinds.insert("answers");
            }
            (Ok(LiveDown::Knocks { .. }), Ok(BoardDown::Knocks(_))) => _ = kinds.insert("knocks"),
            (Err(_), Err(_)) => _ = kinds.insert("refused by both"),
            (core, board) => panic!("read otherwise: {text}\n{core:?}\n{board:?}"),
        }
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "answers",
            "ended",
            "knocks",
            "problem",
            "refused by both",
            "seated",
            "view"
        ],
        "every kind of message down, read or refused alike"
    );
    // Nothing that is not one of the live lesson's messages, and no view but the Board's.
    for refused in [
        r#"{"welcome":{}}"#,
        r#""seated""#,
        r#"{"ended":null,"answers":{}}"#,
        r#"{"problem":{"code":"x","reason":"y","more":1}}"#,
    ] {
        assert!(
            serde_json::from_str::<BoardDown>(refused).is_err(),
            "{refused}"
        );
    }
}
