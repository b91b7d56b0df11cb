//! Integrity rules that an authority for a whole classroom must keep, whatever a device sends:
//! blind counts stay blind, hidden text stays hidden, no input overflows, and small ways round
//! the rules are closed.

mod support;

use support::{Scenario, text};
use withme_core::enquiry::{Poll, ThinkingTime, VoteMethod};
use withme_core::{
    Command, ItemText, KindNote, LessonId, ProposalId, ProposalKind, PupilId, Rejection, Timestamp,
};

fn classroom() -> (Scenario, LessonId, Vec<PupilId>) {
    Scenario::classroom(
        "Is it ever right to lie?",
        &["Amira", "Ben", "Chloé", "Dev", "Ela"],
    )
}

fn class_of(s: &Scenario, lesson: &LessonId) -> withme_core::ClassId {
    s.library
        .lesson(lesson)
        .unwrap()
        .plan()
        .class
        .clone()
        .unwrap()
}

#[test]
fn blind_counts_never_reach_the_parking_lot_before_the_reveal() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let poll = s.open_poll(&lesson, VoteMethod::Single, true, &q);
    s.vote(&lesson, &p[0], &poll, &[&q[1]]).unwrap();
    s.vote(&lesson, &p[1], &poll, &[&q[1]]).unwrap();
    s.vote(&lesson, &p[2], &poll, &[&q[0]]).unwrap();
    s.close(&lesson, &poll);
    s.teacher(Command::FinishEnquiry {
        lesson: lesson.clone(),
        question: q[2].clone(),
    })
    .unwrap();
    let class = class_of(&s, &lesson);
    let parked = s.library.class(&class).unwrap().parked().to_vec();
    assert_eq!(parked.len(), 2);
    assert!(
        parked.iter().all(|p| p.votes.is_none()),
        "an unrevealed blind vote's counts were parked: {parked:?}"
    );
}

#[test]
fn revealed_counts_are_parked_with_their_questions() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let poll = s.open_poll(&lesson, VoteMethod::Single, true, &q);
    s.vote(&lesson, &p[0], &poll, &[&q[1]]).unwrap();
    s.close(&lesson, &poll);
    s.teacher(Command::RevealPoll {
        lesson: lesson.clone(),
        poll,
    })
    .unwrap();
    s.teacher(Command::FinishEnquiry {
        lesson: lesson.clone(),
        question: q[1].clone(),
    })
    .unwrap();
    let class = class_of(&s, &lesson);
    let votes: Vec<_> = s
        .library
        .class(&class)
        .unwrap()
        .parked()
        .iter()
        .map(|p| p.votes)
        .collect();
    assert_eq!(votes, vec![Some(0), Some(0)]);
}

/// Finishes an enquiry on the first of three questions, parking the other two.
fn finished(s: &mut Scenario, lesson: &LessonId, p: &[PupilId]) -> Vec<withme_core::QuestionId> {
    let q = s.approved_questions(lesson, &p[..3]);
    s.teacher(Command::FinishEnquiry {
        lesson: lesson.clone(),
        question: q[0].clone(),
    })
    .unwrap();
    q
}

#[test]
fn hiding_or_editing_a_question_reaches_its_parked_copy() {
    let (mut s, lesson, p) = classroom();
    let q = finished(&mut s, &lesson, &p);
    let class = class_of(&s, &lesson);
    s.teacher(Command::HideQuestion {
        lesson: lesson.clone(),
        question: q[1].clone(),
        hidden: true,
    })
    .unwrap();
    s.teacher(Command::EditQuestion {
        lesson: lesson.clone(),
        question: q[2].clone(),
        text: text("Do animals ever tell lies?"),
    })
    .unwrap();
    let parked = s.library.class(&class).unwrap().parked().to_vec();
    let hidden = parked.iter().find(|p| p.id == q[1]).unwrap();
    assert!(
        hidden.hidden,
        "a hidden question is still public in the parking lot"
    );
    let edited = parked.iter().find(|p| p.id == q[2]).unwrap();
    assert_eq!(edited.text.as_str(), "Do animals ever tell lies?");
    s.teacher(Command::SendBackQuestion {
        lesson: lesson.clone(),
        question: q[2].clone(),
        note: KindNote::parse("Say a little more?").unwrap(),
    })
    .unwrap();
    let parked = s.library.class(&class).unwrap().parked().to_vec();
    assert!(parked.iter().find(|p| p.id == q[2]).unwrap().hidden);
    // Shown again, it is public again in the parking lot.
    s.teacher(Command::HideQuestion {
        lesson: lesson.clone(),
        question: q[1].clone(),
        hidden: false,
    })
    .unwrap();
    let parked = s.library.class(&class).unwrap().parked().to_vec();
    assert!(!parked.iter().find(|p| p.id == q[1]).unwrap().hidden);
}

#[test]
fn the_chosen_question_stays_public_and_its_edits_reach_the_plan() {
    let (mut s, lesson, p) = classroom();
    let q = finished(&mut s, &lesson, &p);
    let before = s.library.clone();
    assert_eq!(
        s.teacher(Command::HideQuestion {
            lesson: lesson.clone(),
            question: q[0].clone(),
            hidden: true,
        }),
        Err(Rejection::ChooseAgainFirst)
    );
    assert_eq!(s.library, before);
    s.teacher(Command::EditQuestion {
        lesson: lesson.clone(),
        question: q[0].clone(),
        text: text("Is a white lie ever a kind thing to tell?"),
    })
    .unwrap();
    let plan = s.library.lesson(&lesson).unwrap().plan();
    assert_eq!(
        plan.enquiry_question.as_ref().map(|t| t.as_str()),
        Some("Is a white lie ever a kind thing to tell?")
    );
}

#[test]
fn questions_are_merged_before_the_enquiry_question_is_chosen() {
    let (mut s, lesson, p) = classroom();
    let q = finished(&mut s, &lesson, &p);
    assert_eq!(
        s.teacher(Command::MergeQuestions {
            lesson: lesson.clone(),
            questions: vec![q[1].clone(), q[2].clone()],
            text: text("Can lies be kind, even from animals?"),
        }),
        Err(Rejection::ChooseAgainFirst)
    );
}

#[test]
fn a_question_hidden_mid_poll_takes_no_more_votes() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let poll = s.open_poll(&lesson, VoteMethod::Single, false, &q);
    s.teacher(Command::HideQuestion {
        lesson: lesson.clone(),
        question: q[1].clone(),
        hidden: true,
    })
    .unwrap();
    assert!(matches!(
        s.vote(&lesson, &p[0], &poll, &[&q[1]]),
        Err(Rejection::Ballot { .. })
    ));
    s.vote(&lesson, &p[0], &poll, &[&q[0]]).unwrap();
}

#[test]
fn a_blind_tie_is_broken_only_after_the_reveal() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..2]);
    let poll = s.open_poll(&lesson, VoteMethod::Single, true, &q);
    s.vote(&lesson, &p[0], &poll, &[&q[0]]).unwrap();
    s.vote(&lesson, &p[1], &poll, &[&q[1]]).unwrap();
    s.close(&lesson, &poll);
    let before = s.library.clone();
    let run_off = Command::OpenRunOff {
        lesson: lesson.clone(),
        poll: poll.clone(),
    };
    assert_eq!(s.teacher(run_off.clone()), Err(Rejection::RevealFirst));
    let choose = Command::ChooseTieWinner {
        lesson: lesson.clone(),
        poll: poll.clone(),
        question: q[0].clone(),
    };
    assert_eq!(s.teacher(choose.clone()), Err(Rejection::RevealFirst));
    assert_eq!(s.library, before);
    s.teacher(Command::RevealPoll {
        lesson: lesson.clone(),
        poll,
    })
    .unwrap();
    s.teacher(run_off).unwrap();
}

#[test]
fn naming_classmates_on_a_question_never_spends_their_quota() {
    let (mut s, lesson, p) = classroom();
    for n in 0..withme_core::enquiry::MAX_OPEN_QUESTIONS_PER_PUPIL {
        s.pupil(
            &p[0],
            Command::AskQuestion {
                lesson: lesson.clone(),
                text: text(&format!("Question number {n}?")),
                with: vec![p[1].clone()],
            },
        )
        .unwrap();
    }
    // Ben was named on ten questions, but he asks his own as freely as before.
    s.ask(&lesson, &p[1], "Why do people lie?");
}

#[test]
fn classmates_named_on_a_question_are_in_the_askers_group() {
    let (mut s, lesson, p) = classroom();
    s.teacher(Command::SetGroups {
        lesson: lesson.clone(),
        groups: vec![
            vec![p[0].clone(), p[1].clone()],
            vec![p[2].clone(), p[3].clone(), p[4].clone()],
        ],
    })
    .unwrap();
    let with = |pupil: &PupilId| Command::AskQuestion {
        lesson: lesson.clone(),
        text: text("Why do we lie?"),
        with: vec![pupil.clone()],
    };
    assert_eq!(s.pupil(&p[0], with(&p[2])), Err(Rejection::NotInYourGroup));
    s.pupil(&p[0], with(&p[1])).unwrap();
}

#[test]
fn a_lesson_holding_pupils_work_keeps_its_class() {
    let (mut s, lesson, p) = classroom();
    let (other, _) = s.new_class("Year 6 Ash", &["Zed"]);
    s.pupil(
        &p[0],
        Command::Propose {
            lesson: lesson.clone(),
            kind: ProposalKind::Keyword,
            text: text("honesty"),
            with: Vec::new(),
        },
    )
    .unwrap();
    let before = s.library.clone();
    for class in [Some(other), None] {
        assert_eq!(
            s.teacher(Command::SetLessonClass {
                lesson: lesson.clone(),
                class,
            }),
            Err(Rejection::LessonHasPupilsWork)
        );
    }
    assert_eq!(s.library, before);
    // A lesson with no pupils' work yet moves freely.
    let fresh = s.new_lesson("Fresh");
    let (ash, _) = s.new_class("Year 4 Elm", &[]);
    s.teacher(Command::SetLessonClass {
        lesson: fresh,
        class: Some(ash),
    })
    .unwrap();
}

#[test]
fn text_of_only_invisible_characters_is_empty() {
    for invisible in [
        "\u{200B}",
        "\u{200B}\u{200D}\u{FEFF}",
        " \u{2060} ",
        "\u{00AD}",
    ] {
        assert!(
            ItemText::parse(invisible).is_err(),
            "{invisible:?} was taken as text"
        );
    }
    assert_eq!(
        ItemText::parse("\u{200B}river\u{FEFF}").unwrap().as_str(),
        "river"
    );
}

#[test]
fn rewording_an_idea_clears_its_backers() {
    let (mut s, lesson, p) = classroom();
    let idea = ProposalId::from(&s.next_id());
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
    s.pupil(
        &p[1],
        Command::BackProposal {
            lesson: lesson.clone(),
            proposal: idea.clone(),
        },
    )
    .unwrap();
    s.pupil(
        &p[0],
        Command::ReviseProposal {
            lesson: lesson.clone(),
            proposal: idea.clone(),
            text: text("I can give two reasons"),
        },
    )
    .unwrap();
    let lesson = s.library.lesson(&lesson).unwrap();
    assert!(lesson.proposal(&idea).unwrap().backers.is_empty());
}

#[test]
fn a_time_past_any_calendar_is_refused() {
    assert!(serde_json::from_str::<Timestamp>("18446744073709551615").is_err());
    assert!(serde_json::from_str::<Timestamp>("1795000000000").is_ok());
    let max = Timestamp::MAX.millis();
    assert!(serde_json::from_str::<Timestamp>(&(max + 1).to_string()).is_err());
}

#[test]
fn thinking_time_at_the_end_of_time_never_overflows() {
    let thinking = ThinkingTime {
        started_at: Timestamp::MAX,
        seconds: 1800,
    };
    assert_eq!(thinking.seconds_left(Timestamp::from_millis(0)), 1800);
    assert_eq!(thinking.seconds_left(Timestamp::MAX), 1800);
}

#[test]
fn a_tampered_poll_never_overflows_its_tally() {
    let poll: Poll = serde_json::from_str(
        r#"{"id":"a.1","method":"hands_up","options":["a.2","a.3"],"open":false,
            "hands":[4294967295,4294967295],"ballots":{"a.9.1":["a.2","a.2"]},"opened_at":1}"#,
    )
    .unwrap();
    let count = poll.count();
    assert_eq!(count.tally[0].1, u32::MAX);
}

#[test]
fn hands_up_counts_are_at_most_a_crowd() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..2]);
    let poll = s.open_poll(&lesson, VoteMethod::HandsUp, false, &q);
    assert_eq!(
        s.teacher(Command::TallyHands {
            lesson: lesson.clone(),
            poll,
            counts: vec![u32::MAX, 3],
        }),
        Err(Rejection::HandsRange {
            max: withme_core::enquiry::MAX_HANDS
        })
    );
}

#[test]
fn a_secret_ballot_keeps_the_counts_and_who_voted_never_who_chose_what() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let poll = withme_core::PollId::from(&s.next_id());
    s.teacher(Command::OpenPoll {
        lesson: lesson.clone(),
        method: VoteMethod::Ranked,
        blind: false,
        secret: true,
        options: q.clone(),
    })
    .unwrap();
    s.vote(&lesson, &p[0], &poll, &[&q[2], &q[0], &q[1]])
        .unwrap();
    s.vote(&lesson, &p[1], &poll, &[&q[2], &q[1]]).unwrap();
    let before = s.library.clone();
    assert_eq!(
        s.vote(&lesson, &p[0], &poll, &[&q[1]]),
        Err(Rejection::SecretBallotCast)
    );
    assert_eq!(s.library, before);

    let stored = s
        .library
        .lesson(&lesson)
        .unwrap()
        .enquiry()
        .poll(&poll)
        .unwrap()
        .clone();
    assert!(stored.ballots.is_empty(), "who chose what was stored");
    assert_eq!(stored.voters(), 2);
    assert!(stored.has_voted(&p[0]) && stored.has_voted(&p[1]) && !stored.has_voted(&p[2]));
    // Borda: first choice 2 points, second 1.
    let tally: Vec<u32> = stored.tally().into_iter().map(|(_, n)| n).collect();
    assert_eq!(tally, vec![1, 1, 4]);
    // Nothing in what is stored ties a pupil to a choice.
    let json = serde_json::to_value(&stored).unwrap();
    let voters = json["secret_voters"].as_array().unwrap();
    assert_eq!(voters.len(), 2);
    assert!(json.get("ballots").is_none());
}
