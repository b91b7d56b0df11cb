//! The enquiry: questions, moderation, polls, tie breaks, the parking lot, and who may do what.

mod support;

use support::{Scenario, text};
use withme_core::enquiry::{
    BallotProblem, BloomLevel, BoardStage, Quadrant, QuestionStatus, Standing, Stimulus,
    StimulusKind, VoteMethod, poll_csv,
};
use withme_core::{
    Author, Command, KindNote, LessonId, Notes, PollId, PupilId, QuestionId, Rejection,
};

/// A lesson for Year 5 Oak, with Amira, Ben, Chloé, Dev and Ela on the list.
fn classroom() -> (Scenario, LessonId, Vec<PupilId>) {
    Scenario::classroom(
        "Is it ever right to lie?",
        &["Amira", "Ben", "Chloé", "Dev", "Ela"],
    )
}

fn ask_with(
    s: &mut Scenario,
    lesson: &LessonId,
    pupil: &PupilId,
    with: &[PupilId],
    t: &str,
) -> Result<QuestionId, Rejection> {
    let op = s.op(
        Author::Pupil {
            pupil: pupil.clone(),
        },
        Command::AskQuestion {
            lesson: lesson.clone(),
            text: text(t),
            with: with.to_vec(),
        },
    );
    s.library.apply(&op)?;
    Ok(QuestionId::from(&op.id))
}

fn enquiry_of(s: &Scenario, lesson: &LessonId) -> withme_core::enquiry::Enquiry {
    s.library.lesson(lesson).unwrap().enquiry().clone()
}

#[test]
fn a_pair_asks_together_and_only_classmates_can_be_named() {
    let (mut s, lesson, p) = classroom();
    let pair = ask_with(&mut s, &lesson, &p[0], &[p[1].clone()], "Why do we lie?").unwrap();
    let question = enquiry_of(&s, &lesson).question(&pair).unwrap().clone();
    assert_eq!(question.authors, [p[0].clone(), p[1].clone()]);
    assert_eq!(question.status, QuestionStatus::Pending);

    let stranger = PupilId::parse("someone.else").unwrap();
    assert_eq!(
        ask_with(&mut s, &lesson, &p[0], &[stranger], "Who lies most?"),
        Err(Rejection::NotOnRoster)
    );
    let everyone: Vec<_> = p.iter().chain(p.iter()).cloned().collect();
    assert!(ask_with(&mut s, &lesson, &p[0], &everyone, "Do we all lie?").is_ok());
}

#[test]
fn nothing_reaches_the_board_until_approved_and_hidden_is_kept() {
    let (mut s, lesson, p) = classroom();
    let q = s.ask(&lesson, &p[0], "Is a white lie still a lie?");
    assert_eq!(enquiry_of(&s, &lesson).public_questions().count(), 0);
    s.approve(&lesson, &q);
    assert_eq!(enquiry_of(&s, &lesson).public_questions().count(), 1);

    s.teacher(Command::HideQuestion {
        lesson: lesson.clone(),
        question: q.clone(),
        hidden: true,
    })
    .unwrap();
    let enquiry = enquiry_of(&s, &lesson);
    assert_eq!(enquiry.public_questions().count(), 0);
    assert!(enquiry.question(&q).unwrap().hidden, "kept, not erased");
    let stage = BoardStage::Airing {
        question: q.clone(),
    };
    assert_eq!(
        s.teacher(Command::ShowOnBoard {
            lesson: lesson.clone(),
            stage
        }),
        Err(Rejection::NotApproved)
    );
}

#[test]
fn a_question_sent_back_is_reworded_by_its_authors_only() {
    let (mut s, lesson, p) = classroom();
    let q = s.ask(&lesson, &p[0], "lying??");
    s.teacher(Command::SendBackQuestion {
        lesson: lesson.clone(),
        question: q.clone(),
        note: KindNote::parse("Can you make it a whole question?").unwrap(),
    })
    .unwrap();
    let reword = |t: &str| Command::ReviseQuestion {
        lesson: lesson.clone(),
        question: q.clone(),
        text: text(t),
    };
    assert_eq!(
        s.pupil(&p[1], reword("Is lying wrong?")),
        Err(Rejection::NotYourQuestion)
    );
    s.pupil(&p[0], reword("Is lying always wrong?")).unwrap();
    let question = enquiry_of(&s, &lesson).question(&q).unwrap().clone();
    assert_eq!(question.status, QuestionStatus::Pending);
    assert_eq!(question.text.as_str(), "Is lying always wrong?");
    s.approve(&lesson, &q);
    assert_eq!(
        s.pupil(&p[0], reword("Changed my mind")),
        Err(Rejection::QuestionAnswered)
    );
}

#[test]
fn merging_duplicates_keeps_every_author() {
    let (mut s, lesson, p) = classroom();
    let a = ask_with(&mut s, &lesson, &p[0], &[p[3].clone()], "Is lying bad?").unwrap();
    let b = s.ask(&lesson, &p[1], "Is lying always bad?");
    let merged = QuestionId::from(&s.next_id());
    s.teacher(Command::MergeQuestions {
        lesson: lesson.clone(),
        questions: vec![a.clone(), b.clone()],
        text: text("Is lying always wrong?"),
    })
    .unwrap();
    let enquiry = enquiry_of(&s, &lesson);
    let question = enquiry.question(&merged).unwrap();
    assert_eq!(question.authors, [p[0].clone(), p[3].clone(), p[1].clone()]);
    assert!(question.is_public());
    let into = QuestionStatus::Merged {
        into: merged.clone(),
    };
    assert_eq!(enquiry.question(&a).unwrap().status, into);
    assert_eq!(
        s.teacher(Command::MergeQuestions {
            lesson: lesson.clone(),
            questions: vec![merged.clone(), merged],
            text: text("Twice"),
        }),
        Err(Rejection::MergeNeedsTwoQuestions)
    );
    assert_eq!(
        s.teacher(Command::ApproveQuestion {
            lesson: lesson.clone(),
            question: a
        }),
        Err(Rejection::QuestionMerged)
    );
}

#[test]
fn a_pupil_cannot_make_any_teacher_move() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let poll = s.open_poll(&lesson, VoteMethod::Single, true, &q);
    let before = s.library.clone();
    let l = || lesson.clone();
    let forged = [
        Command::SetStimulus {
            lesson: l(),
            stimulus: None,
        },
        Command::StartThinkingTime {
            lesson: l(),
            seconds: 60,
        },
        Command::ShowOnBoard {
            lesson: l(),
            stage: BoardStage::Questions,
        },
        Command::ApproveQuestion {
            lesson: l(),
            question: q[0].clone(),
        },
        Command::EditQuestion {
            lesson: l(),
            question: q[0].clone(),
            text: text("Mine now"),
        },
        Command::HideQuestion {
            lesson: l(),
            question: q[1].clone(),
            hidden: true,
        },
        Command::MergeQuestions {
            lesson: l(),
            questions: q[..2].to_vec(),
            text: text("Merged"),
        },
        Command::CategoriseQuestion {
            lesson: l(),
            question: q[0].clone(),
            quadrant: Some(Quadrant::OpenDeep),
            bloom: None,
        },
        Command::SetQuestionForward {
            lesson: l(),
            question: q[0].clone(),
            forward: true,
        },
        Command::ClosePoll {
            lesson: l(),
            poll: poll.clone(),
        },
        Command::RevealPoll {
            lesson: l(),
            poll: poll.clone(),
        },
        Command::TallyHands {
            lesson: l(),
            poll: poll.clone(),
            counts: vec![9, 0, 0],
        },
        Command::OpenRunOff {
            lesson: l(),
            poll: poll.clone(),
        },
        Command::ChooseTieWinner {
            lesson: l(),
            poll: poll.clone(),
            question: q[0].clone(),
        },
        Command::FinishEnquiry {
            lesson: l(),
            question: q[0].clone(),
        },
        Command::ReopenEnquiry { lesson: l() },
    ];
    for command in forged {
        let action = command.action();
        assert_eq!(
            s.pupil(&p[0], command),
            Err(Rejection::TeacherOnly { action })
        );
    }
    assert_eq!(s.library, before);
    assert_eq!(
        s.teacher(Command::CastBallot {
            lesson: l(),
            poll,
            choices: vec![q[0].clone()],
        }),
        Err(Rejection::PupilsOnly { action: "vote" })
    );
}

#[test]
fn one_ballot_per_pupil_and_none_after_closing() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let poll = s.open_poll(&lesson, VoteMethod::Single, false, &q);
    s.vote(&lesson, &p[0], &poll, &[&q[0]]).unwrap();
    s.vote(&lesson, &p[0], &poll, &[&q[1]]).unwrap();
    s.vote(&lesson, &p[1], &poll, &[&q[1]]).unwrap();
    let tally = |s: &Scenario| enquiry_of(s, &lesson).poll(&poll).unwrap().tally();
    let scores: Vec<u32> = tally(&s).into_iter().map(|(_, n)| n).collect();
    assert_eq!(
        scores,
        [0, 2, 0],
        "Amira's second ballot replaced her first"
    );

    s.close(&lesson, &poll);
    assert_eq!(
        s.vote(&lesson, &p[2], &poll, &[&q[2]]),
        Err(Rejection::PollClosed)
    );
    let after: Vec<u32> = tally(&s).into_iter().map(|(_, n)| n).collect();
    assert_eq!(after, scores);
    assert_eq!(
        enquiry_of(&s, &lesson).poll(&poll).unwrap().winner(),
        Some(q[1].clone())
    );
}

#[test]
fn ballots_must_fit_the_method() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let multi = VoteMethod::Multi {
        votes: 2,
        stacking: false,
    };
    let poll = s.open_poll(&lesson, multi, false, &q);
    let problem = |problem| Err(Rejection::Ballot { problem });
    assert_eq!(
        s.vote(&lesson, &p[0], &poll, &[&q[0], &q[0]]),
        problem(BallotProblem::Repeated)
    );
    assert_eq!(
        s.vote(&lesson, &p[0], &poll, &[&q[0], &q[1], &q[2]]),
        problem(BallotProblem::TooMany(2))
    );
    assert_eq!(
        s.vote(&lesson, &p[0], &poll, &[]),
        problem(BallotProblem::Empty)
    );
    let stranger = QuestionId::parse("not.here").unwrap();
    assert_eq!(
        s.vote(&lesson, &p[0], &poll, &[&stranger]),
        problem(BallotProblem::NotAnOption)
    );
    assert_eq!(
        s.teacher(Command::OpenPoll {
            lesson: lesson.clone(),
            method: VoteMethod::Single,
            blind: false,
            secret: false,
            options: q.clone(),
        }),
        Err(Rejection::PollAlreadyOpen)
    );
}

#[test]
fn the_borda_count_ranks_and_hands_up_is_typed_by_the_teacher() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let poll = s.open_poll(&lesson, VoteMethod::Ranked, false, &q);
    s.vote(&lesson, &p[0], &poll, &[&q[2], &q[0], &q[1]])
        .unwrap();
    s.vote(&lesson, &p[1], &poll, &[&q[0]]).unwrap();
    let scores: Vec<u32> = enquiry_of(&s, &lesson)
        .poll(&poll)
        .unwrap()
        .tally()
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    assert_eq!(scores, [1 + 2, 0, 2]);
    s.close(&lesson, &poll);

    let hands = s.open_poll(&lesson, VoteMethod::HandsUp, false, &q);
    assert!(matches!(
        s.vote(&lesson, &p[0], &hands, &[&q[0]]),
        Err(Rejection::Ballot {
            problem: BallotProblem::HandsUp
        })
    ));
    let count = |counts: Vec<u32>| Command::TallyHands {
        lesson: lesson.clone(),
        poll: hands.clone(),
        counts,
    };
    assert_eq!(s.teacher(count(vec![1, 2])), Err(Rejection::BadHandsCount));
    s.teacher(count(vec![12, 9, 7])).unwrap();
    s.close(&lesson, &hands);
    assert_eq!(
        enquiry_of(&s, &lesson).poll(&hands).unwrap().winner(),
        Some(q[0].clone())
    );
}

#[test]
fn a_tie_is_broken_by_a_run_off_or_a_recorded_choice() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let poll = s.open_poll(&lesson, VoteMethod::Single, true, &q);
    s.vote(&lesson, &p[0], &poll, &[&q[0]]).unwrap();
    s.vote(&lesson, &p[1], &poll, &[&q[1]]).unwrap();
    let run_off = Command::OpenRunOff {
        lesson: lesson.clone(),
        poll: poll.clone(),
    };
    assert_eq!(s.teacher(run_off.clone()), Err(Rejection::PollStillOpen));
    s.close(&lesson, &poll);
    let tied = enquiry_of(&s, &lesson).poll(&poll).unwrap().clone();
    assert_eq!(
        tied.standing(),
        Standing::Tie(vec![q[0].clone(), q[1].clone()])
    );
    assert_eq!(tied.winner(), None);
    // A blind vote's tie is broken once its results are shown.
    assert_eq!(s.teacher(run_off.clone()), Err(Rejection::RevealFirst));
    s.teacher(Command::RevealPoll {
        lesson: lesson.clone(),
        poll: poll.clone(),
    })
    .unwrap();

    let second = PollId::from(&s.next_id());
    s.teacher(run_off).unwrap();
    let enquiry = enquiry_of(&s, &lesson);
    let run = enquiry.poll(&second).unwrap();
    assert_eq!(run.options, [q[0].clone(), q[1].clone()]);
    assert_eq!(run.runoff_of.as_ref(), Some(&poll));
    assert!(run.blind && run.open);
    assert_eq!(
        enquiry.board,
        BoardStage::Poll {
            poll: second.clone()
        }
    );

    s.vote(&lesson, &p[0], &second, &[&q[0]]).unwrap();
    s.vote(&lesson, &p[1], &second, &[&q[1]]).unwrap();
    s.close(&lesson, &second);
    s.teacher(Command::RevealPoll {
        lesson: lesson.clone(),
        poll: second.clone(),
    })
    .unwrap();
    let choose = |question: &QuestionId| Command::ChooseTieWinner {
        lesson: lesson.clone(),
        poll: second.clone(),
        question: question.clone(),
    };
    assert_eq!(s.teacher(choose(&q[2])), Err(Rejection::NotTied));
    s.teacher(choose(&q[1])).unwrap();
    let decided = enquiry_of(&s, &lesson).poll(&second).unwrap().clone();
    assert_eq!(decided.teacher_choice.as_ref(), Some(&q[1]));
    assert_eq!(decided.winner(), Some(q[1].clone()));

    // The results say how the tie was broken: a run-off held, then the teacher's choice.
    let enquiry = enquiry_of(&s, &lesson);
    let text = |q: &QuestionId| enquiry.question(q).unwrap().text.to_string();
    let rows = |poll: &PollId| -> Vec<String> {
        poll_csv(enquiry.poll(poll).unwrap(), &enquiry)
            .lines()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        rows(&poll),
        [
            "Question,Votes,Result".to_owned(),
            format!("{},1,tied; a run-off was held", text(&q[0])),
            format!("{},1,tied; a run-off was held", text(&q[1])),
            format!("{},0,", text(&q[2])),
        ]
    );
    assert_eq!(
        rows(&second),
        [
            "Question,Votes,Result".to_owned(),
            format!("{},1,tied", text(&q[0])),
            format!(
                "{},1,tied; chosen by the teacher to break the tie",
                text(&q[1])
            ),
        ]
    );
}

#[test]
fn the_winner_goes_into_the_plan_and_the_rest_are_parked_with_their_votes() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let poll = s.open_poll(&lesson, VoteMethod::Omni, false, &q);
    s.vote(&lesson, &p[0], &poll, &[&q[0], &q[1]]).unwrap();
    s.vote(&lesson, &p[1], &poll, &[&q[1]]).unwrap();
    let finish = Command::FinishEnquiry {
        lesson: lesson.clone(),
        question: q[1].clone(),
    };
    assert_eq!(s.teacher(finish.clone()), Err(Rejection::PollStillOpen));
    s.close(&lesson, &poll);
    s.teacher(finish.clone()).unwrap();
    assert_eq!(s.teacher(finish), Err(Rejection::EnquiryFinished));

    let found = s.library.lesson(&lesson).unwrap();
    assert_eq!(
        found.plan().enquiry_question.as_ref().map(|t| t.as_str()),
        Some("Can a lie ever be kind?")
    );
    let class = s
        .library
        .class(found.plan().class.as_ref().unwrap())
        .unwrap();
    let parked: Vec<_> = class
        .parked()
        .iter()
        .map(|p| (p.text.as_str(), p.votes))
        .collect();
    assert_eq!(
        parked,
        [
            ("Is a white lie still a lie?", Some(1)),
            ("Do animals lie?", Some(0))
        ]
    );

    let class_id = found.plan().class.clone();

    // Finishing can be undone, and done again.
    let before_reopen = s.library.clone();
    let reopen = Command::ReopenEnquiry {
        lesson: lesson.clone(),
    };
    s.teacher(reopen.clone()).unwrap();
    let reopened = s.library.lesson(&lesson).unwrap();
    assert_eq!(reopened.plan().enquiry_question, None);
    let lot = s
        .library
        .class(class_id.as_ref().unwrap())
        .unwrap()
        .parked()
        .len();
    assert_eq!(lot, 0);
    assert_eq!(s.teacher(reopen), Err(Rejection::EnquiryOpen));
    s.teacher(Command::FinishEnquiry {
        lesson: lesson.clone(),
        question: q[1].clone(),
    })
    .unwrap();
    let parked_again = |lib: &withme_core::Library| {
        lib.class(class_id.as_ref().unwrap())
            .unwrap()
            .parked()
            .len()
    };
    assert_eq!(parked_again(&s.library), parked_again(&before_reopen));

    let next = s.new_lesson("Animals and honesty");
    s.teacher(Command::SetLessonClass {
        lesson: next.clone(),
        class: class_id,
    })
    .unwrap();
    let pulled = QuestionId::from(&s.next_id());
    s.teacher(Command::UnparkQuestion {
        lesson: next.clone(),
        question: q[2].clone(),
    })
    .unwrap();
    let question = enquiry_of(&s, &next).question(&pulled).unwrap().clone();
    assert!(question.is_public());
    assert_eq!(question.authors, [p[2].clone()]);
    let class = s.library.class(
        s.library
            .lesson(&next)
            .unwrap()
            .plan()
            .class
            .as_ref()
            .unwrap(),
    );
    assert_eq!(class.unwrap().parked().len(), 1);
    assert_eq!(
        s.teacher(Command::UnparkQuestion {
            lesson: next,
            question: q[2].clone(),
        }),
        Err(Rejection::UnknownParked)
    );
}

#[test]
fn a_pupil_sees_no_one_elses_ballot_and_no_hidden_tally() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let waiting = s.ask(&lesson, &p[1], "Is it fine to lie to a robot?");
    let poll = s.open_poll(&lesson, VoteMethod::HandsUp, true, &q);
    s.teacher(Command::TallyHands {
        lesson: lesson.clone(),
        poll: poll.clone(),
        counts: vec![3, 1, 1],
    })
    .unwrap();
    s.close(&lesson, &poll);
    let blind = s.open_poll(&lesson, VoteMethod::Single, true, &q);
    s.vote(&lesson, &p[0], &blind, &[&q[0]]).unwrap();
    s.vote(&lesson, &p[1], &blind, &[&q[2]]).unwrap();

    let amira = pupil_view(&s, &lesson, &p[0]);
    let me = amira.me.as_ref().unwrap();
    assert_eq!(
        me.enquiry.my_ballot,
        Some(vec![q[0].clone()]),
        "Amira's own choice"
    );
    let vote = amira.vote.as_ref().unwrap();
    assert_eq!(vote.voted.len(), 2, "that Ben voted, but not how");
    assert!(
        me.enquiry.mine.iter().all(|m| m.id != waiting),
        "Ben's waiting question"
    );
    let held = serde_json::to_string(&amira).unwrap();
    assert!(!held.contains("ballots"), "anyone's ballots: {held}");
    assert!(!held.contains("hands"), "hidden hands-up counts: {held}");
    let ben = pupil_view(&s, &lesson, &p[1]);
    assert!(ben.me.unwrap().enquiry.mine.iter().any(|m| m.id == waiting));
}

/// The lesson as `pupil`'s tablet receives it.
fn pupil_view(s: &Scenario, lesson: &LessonId, pupil: &PupilId) -> withme_core::view::PupilView {
    use withme_core::view::{Projection, Viewer, project};
    match project(&s.library, lesson, &Viewer::Pupil(pupil.clone())) {
        Some(Projection::Pupil(view)) => view,
        other => panic!("not a pupil's view: {other:?}"),
    }
}

#[test]
fn stimulus_and_thinking_time_are_checked() {
    let (mut s, lesson, _) = classroom();
    let set = |kind, t: &str| Command::SetStimulus {
        lesson: lesson.clone(),
        stimulus: Some(Stimulus {
            kind,
            text: Notes::parse(t).unwrap(),
        }),
    };
    assert_eq!(
        s.teacher(set(StimulusKind::ImageLink, "a picture of a fox")),
        Err(Rejection::NotALink)
    );
    assert_eq!(
        s.teacher(set(StimulusKind::Text, "   ")),
        Err(Rejection::EmptyStimulus)
    );
    s.teacher(set(StimulusKind::ImageLink, "https://example.org/fox.jpg"))
        .unwrap();
    let think = |seconds| Command::StartThinkingTime {
        lesson: lesson.clone(),
        seconds,
    };
    assert_eq!(s.teacher(think(5)), Err(Rejection::ThinkingTimeRange));
    s.teacher(think(90)).unwrap();
    let enquiry = enquiry_of(&s, &lesson);
    let thinking = enquiry.thinking.unwrap();
    assert_eq!(enquiry.board, BoardStage::Stimulus);
    let start = thinking.started_at.millis();
    let at = |ms| withme_core::Timestamp::from_millis(start + ms);
    assert_eq!(thinking.seconds_left(at(0)), 90);
    assert_eq!(thinking.seconds_left(at(89_001)), 1);
    assert_eq!(thinking.seconds_left(at(200_000)), 0);
}

#[test]
fn categories_and_the_vote_list_are_the_teachers() {
    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let waiting = s.ask(&lesson, &p[3], "Why?");
    s.teacher(Command::CategoriseQuestion {
        lesson: lesson.clone(),
        question: q[0].clone(),
        quadrant: Some(Quadrant::OpenDeep),
        bloom: Some(BloomLevel::Evaluate),
    })
    .unwrap();
    let question = enquiry_of(&s, &lesson).question(&q[0]).unwrap().clone();
    assert_eq!(question.quadrant, Some(Quadrant::OpenDeep));
    assert_eq!(question.bloom, Some(BloomLevel::Evaluate));
    let forward = |question: &QuestionId| Command::SetQuestionForward {
        lesson: lesson.clone(),
        question: question.clone(),
        forward: true,
    };
    s.teacher(forward(&q[0])).unwrap();
    assert_eq!(s.teacher(forward(&waiting)), Err(Rejection::NotApproved));
    assert_eq!(
        s.teacher(Command::OpenPoll {
            lesson: lesson.clone(),
            method: VoteMethod::Single,
            blind: false,
            secret: false,
            options: vec![q[0].clone(), waiting],
        }),
        Err(Rejection::NotApproved)
    );
}

#[test]
fn the_poll_exports_as_csv_without_voters_and_safe_for_spreadsheets() {
    let (mut s, lesson, p) = classroom();
    let tricky = s.ask(&lesson, &p[0], "=1+1, or \"two\"?");
    s.approve(&lesson, &tricky);
    let plain = s.ask(&lesson, &p[1], "Why do we lie?");
    s.approve(&lesson, &plain);
    let poll = s.open_poll(&lesson, VoteMethod::Single, false, &[tricky.clone(), plain]);
    s.vote(&lesson, &p[2], &poll, &[&tricky]).unwrap();
    let enquiry = enquiry_of(&s, &lesson);
    let csv = poll_csv(enquiry.poll(&poll).unwrap(), &enquiry);
    assert_eq!(
        csv,
        "Question,Votes,Result\r\n\"'=1+1, or \"\"two\"\"?\",1,\r\nWhy do we lie?,0,\r\n"
    );
}

#[test]
fn a_pupil_command_has_exactly_the_json_of_its_command() {
    use withme_core::PupilCommand;

    let (mut s, lesson, p) = classroom();
    let q = s.approved_questions(&lesson, &p[..3]);
    let poll = PollId::from(&s.next_id());
    let pupil_commands = [
        Command::AskQuestion {
            lesson: lesson.clone(),
            text: text("Why?"),
            with: vec![p[1].clone()],
        },
        Command::CastBallot {
            lesson: lesson.clone(),
            poll,
            choices: q.clone(),
        },
        Command::ReviseQuestion {
            lesson: lesson.clone(),
            question: q[0].clone(),
            text: text("Why not?"),
        },
    ];
    for command in pupil_commands {
        let sent: PupilCommand = command.as_pupil_command().expect("a pupil's command");
        let wire = serde_json::to_string(&sent).unwrap();
        assert_eq!(wire, serde_json::to_string(&command).unwrap());
        let read: Command = serde_json::from_str(&wire).unwrap();
        assert_eq!(read, command);
        assert_eq!(Command::from(sent), command);
    }
    let teachers = Command::ApproveQuestion {
        lesson,
        question: q[0].clone(),
    };
    assert_eq!(teachers.as_pupil_command(), None);
    let wire = serde_json::to_string(&teachers).unwrap();
    assert!(serde_json::from_str::<PupilCommand>(&wire).is_err());
}

/// The Board's projection of `lesson`.
fn board_of(s: &Scenario, lesson: &LessonId) -> withme_core::view::BoardView {
    use withme_core::view::{Projection, Viewer, project};
    match project(&s.library, lesson, &Viewer::Board) {
        Some(Projection::Board(view)) => view,
        other => panic!("no Board view: {other:?}"),
    }
}

/// Shows `stage` on the Board, as the teacher or a presenter's key does.
fn show(s: &mut Scenario, lesson: &LessonId, stage: BoardStage) {
    s.teacher(Command::ShowOnBoard {
        lesson: lesson.clone(),
        stage,
    })
    .unwrap();
}

#[test]
fn the_board_steps_through_a_lesson_in_order_skipping_what_it_has_nothing_for() {
    use withme_core::groups::GroupSize;

    let mut s = Scenario::new();
    let (class, p) = s.new_class("Year 5 Oak", &["Amira", "Ben", "Chloé", "Dev"]);
    let lesson = s
        .grouped_lesson(&class, &[], GroupSize::Size(2), 3)
        .unwrap();
    // With only groups made: the plan, the groups, and the look back at the end.
    let board = board_of(&s, &lesson);
    assert_eq!(
        board.lesson_stages(),
        [BoardStage::Plan, BoardStage::Groups, BoardStage::Review]
    );
    assert_eq!(board.stage_before(), None);
    assert_eq!(board.stage_after(), Some(BoardStage::Groups));

    s.teacher(Command::SetStimulus {
        lesson: lesson.clone(),
        stimulus: Some(Stimulus {
            kind: StimulusKind::Text,
            text: Notes::parse("The boy who cried wolf.").unwrap(),
        }),
    })
    .unwrap();
    let asked = s.approved_questions(&lesson, &p[..3]);
    let first = s.open_poll(&lesson, VoteMethod::Single, false, &asked);
    s.close(&lesson, &first);
    let latest = s.open_poll(&lesson, VoteMethod::Single, false, &asked[1..]);
    let vote = BoardStage::Poll {
        poll: latest.clone(),
    };
    show(&mut s, &lesson, BoardStage::Plan);
    assert_eq!(
        board_of(&s, &lesson).lesson_stages(),
        [
            BoardStage::Plan,
            BoardStage::Stimulus,
            BoardStage::Questions,
            vote.clone(),
            BoardStage::Groups,
            BoardStage::Review,
        ],
        "the latest vote only"
    );

    // Forwards through the whole lesson, then backwards to the start.
    let mut seen = vec![BoardStage::Plan];
    while let Some(next) = board_of(&s, &lesson).stage_after() {
        show(&mut s, &lesson, next.clone());
        seen.push(next);
    }
    assert_eq!(seen, board_of(&s, &lesson).lesson_stages());
    let mut back = vec![BoardStage::Review];
    while let Some(previous) = board_of(&s, &lesson).stage_before() {
        show(&mut s, &lesson, previous.clone());
        back.push(previous);
    }
    back.reverse();
    assert_eq!(back, seen);

    // Aired one by one, the questions come in turn; the first and last lead out of them. The
    // picker sits with the groups.
    let aired = |q: &QuestionId| BoardStage::Airing {
        question: q.clone(),
    };
    show(&mut s, &lesson, aired(&asked[1]));
    let board = board_of(&s, &lesson);
    assert_eq!(board.stage_after(), Some(aired(&asked[2])));
    assert_eq!(board.stage_before(), Some(aired(&asked[0])));
    show(&mut s, &lesson, aired(&asked[2]));
    assert_eq!(board_of(&s, &lesson).stage_after(), Some(vote.clone()));
    show(&mut s, &lesson, aired(&asked[0]));
    assert_eq!(
        board_of(&s, &lesson).stage_before(),
        Some(BoardStage::Stimulus)
    );
    show(&mut s, &lesson, BoardStage::Picker);
    let board = board_of(&s, &lesson);
    assert_eq!(board.stage_after(), Some(BoardStage::Review));
    assert_eq!(board.stage_before(), Some(vote));
}

#[test]
fn the_lesson_timer_runs_a_phase_for_its_minutes_only_for_the_teacher_and_only_the_board_sees_it() {
    use withme_core::enquiry::{LessonTimer, TimerChange};
    use withme_core::view::{Projection, Viewer, project};
    use withme_core::{PhaseMinutes, PhaseTitle, Timestamp};

    let (mut s, lesson, p) = classroom();
    s.teacher(Command::AddPhase {
        lesson: lesson.clone(),
        title: PhaseTitle::parse("Talk in pairs").unwrap(),
        minutes: PhaseMinutes::from_minutes(12).unwrap(),
    })
    .unwrap();
    s.teacher(Command::AddPhase {
        lesson: lesson.clone(),
        title: PhaseTitle::parse("Share").unwrap(),
        minutes: PhaseMinutes::from_minutes(5).unwrap(),
    })
    .unwrap();
    let phase = s.library.lesson(&lesson).unwrap().plan().phases[0]
        .id
        .clone();
    let timer = |s: &Scenario| enquiry_of(s, &lesson).timer;
    let set = |change| Command::SetTimer {
        lesson: lesson.clone(),
        change,
    };

    // A pupil can't touch it; a time out of range, a phase that isn't there, or a change with
    // no timer are refused, and nothing changes.
    assert!(matches!(
        s.pupil(&p[0], set(TimerChange::Minutes { minutes: 5 })),
        Err(Rejection::TeacherOnly { .. })
    ));
    for minutes in [0, 361] {
        assert_eq!(
            s.teacher(set(TimerChange::Minutes { minutes })),
            Err(Rejection::TimerRange)
        );
    }
    let gone = withme_core::ItemId::parse("nothing.1").unwrap();
    assert_eq!(
        s.teacher(set(TimerChange::Phase { phase: gone })),
        Err(Rejection::UnknownEntry)
    );
    assert_eq!(s.teacher(set(TimerChange::Pause)), Err(Rejection::NoTimer));
    assert_eq!(timer(&s), None);

    // The phase's twelve minutes, counted from the operation's time.
    s.teacher(set(TimerChange::Phase {
        phase: phase.clone(),
    }))
    .unwrap();
    let started = timer(&s).unwrap();
    assert_eq!(started.phase, Some(phase.clone()));
    assert_eq!(started.seconds, 12 * 60);
    let began = started.since.unwrap().millis();
    let after = |seconds: u64| Timestamp::from_millis(began + seconds * 1000);
    // Each operation is a second after the last: paused after one second, resumed three seconds
    // later, and a minute added.
    s.teacher(set(TimerChange::Pause)).unwrap();
    assert_eq!(timer(&s).unwrap().seconds_left(after(500)), 12 * 60 - 1);
    s.seq_skip(2);
    s.teacher(set(TimerChange::Resume)).unwrap();
    s.teacher(set(TimerChange::AddMinute)).unwrap();
    let running: LessonTimer = timer(&s).unwrap();
    assert!(!running.is_paused());
    // Run: one second before the pause, six since it resumed (at 4 s) until 10 s.
    assert_eq!(running.seconds_left(after(10)), 13 * 60 - 1 - 6);

    // The Board sees it; a pupil's view has no timer.
    let board = match project(&s.library, &lesson, &Viewer::Board) {
        Some(Projection::Board(view)) => view,
        other => panic!("{other:?}"),
    };
    let seen = board.timer.unwrap();
    assert_eq!(seen.timer, running);
    assert_eq!(seen.phase.unwrap().to_string(), "Talk in pairs");
    let next = seen.next.unwrap();
    assert_eq!(next.title.to_string(), "Share");
    assert_eq!(
        Some(&next.id),
        s.library
            .lesson(&lesson)
            .unwrap()
            .plan()
            .phases
            .get(1)
            .map(|p| &p.id)
    );
    let pupil = project(&s.library, &lesson, &Viewer::Pupil(p[0].clone()));
    assert!(!serde_json::to_string(&pupil).unwrap().contains("\"timer\""));

    s.teacher(set(TimerChange::Stop)).unwrap();
    assert_eq!(timer(&s), None);
}

#[test]
fn opening_a_vote_ends_thinking_time_and_shows_the_vote() {
    let (mut s, lesson, p) = classroom();
    let asked = s.approved_questions(&lesson, &p[..2]);
    s.teacher(Command::StartThinkingTime {
        lesson: lesson.clone(),
        seconds: 120,
    })
    .unwrap();
    assert!(enquiry_of(&s, &lesson).thinking.is_some());
    let poll = s.open_poll(&lesson, VoteMethod::Single, true, &asked);
    let enquiry = enquiry_of(&s, &lesson);
    assert_eq!(
        enquiry.thinking, None,
        "the thinking clock leaves the Board"
    );
    assert_eq!(enquiry.board, BoardStage::Poll { poll });
}
