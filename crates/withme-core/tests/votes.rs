//! Property tests of voting: for every method, the count equals a recount done by hand from the
//! final ballots; late or repeated ballots never change a closed poll; a pupil's forged teacher
//! moves are refused with a reason.

mod support;

use std::collections::BTreeMap;

use proptest::prelude::*;
use support::{Scenario, text};
use withme_core::enquiry::VoteMethod;
use withme_core::{Command, LessonId, PollId, QuestionId, Rejection};

const PUPILS: usize = 6;

/// One thing a pupil or the teacher does during the vote.
#[derive(Debug, Clone)]
enum Step {
    /// A pupil casts a ballot of option positions (some may be out of range).
    Ballot { pupil: usize, choices: Vec<usize> },
    /// The teacher types hands-up counts.
    Hands(Vec<u32>),
    /// A pupil tries a teacher's move.
    Forge { pupil: usize, kind: usize },
}

fn method() -> impl Strategy<Value = VoteMethod> {
    prop_oneof![
        Just(VoteMethod::Single),
        (2u8..=4, any::<bool>())
            .prop_map(|(votes, stacking)| VoteMethod::Multi { votes, stacking }),
        Just(VoteMethod::Omni),
        Just(VoteMethod::Ranked),
        Just(VoteMethod::HandsUp),
    ]
}

fn step(options: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0..PUPILS, prop::collection::vec(0..options + 1, 0..6))
            .prop_map(|(pupil, choices)| Step::Ballot { pupil, choices }),
        1 => prop::collection::vec(0u32..30, options..=options).prop_map(Step::Hands),
        1 => (0..PUPILS, 0usize..5).prop_map(|(pupil, kind)| Step::Forge { pupil, kind }),
    ]
}

fn scenario_strategy() -> impl Strategy<Value = (VoteMethod, bool, usize, Vec<Step>, usize)> {
    (method(), any::<bool>(), 2usize..6).prop_flat_map(|(method, blind, options)| {
        (
            Just(method),
            Just(blind),
            Just(options),
            prop::collection::vec(step(options), 0..40),
            0usize..40,
        )
    })
}

/// The rules of a ballot, written again from the product's description.
fn valid(method: VoteMethod, options: usize, choices: &[usize]) -> bool {
    let distinct = choices
        .iter()
        .enumerate()
        .all(|(i, c)| !choices[..i].contains(c));
    let in_range = choices.iter().all(|c| *c < options);
    !choices.is_empty()
        && in_range
        && match method {
            VoteMethod::Single => choices.len() == 1,
            VoteMethod::Multi { votes, stacking } => {
                choices.len() <= usize::from(votes) && (stacking || distinct)
            }
            VoteMethod::Omni | VoteMethod::Ranked => distinct,
            VoteMethod::HandsUp => false,
        }
}

/// Counting by hand: a vote is a point; in a ranked vote, place `i` of `n` earns `n - 1 - i`.
fn recount(
    method: VoteMethod,
    options: usize,
    ballots: &BTreeMap<usize, Vec<usize>>,
    hands: &[u32],
) -> Vec<u32> {
    let mut scores = vec![0u32; options];
    if method == VoteMethod::HandsUp {
        scores.copy_from_slice(hands);
        return scores;
    }
    for ballot in ballots.values() {
        for (place, option) in ballot.iter().enumerate() {
            scores[*option] += match method {
                VoteMethod::Ranked => (options - 1 - place) as u32,
                _ => 1,
            };
        }
    }
    scores
}

fn forged(kind: usize, lesson: &LessonId, poll: &PollId, q: &[QuestionId]) -> Command {
    let (lesson, poll) = (lesson.clone(), poll.clone());
    match kind {
        0 => Command::ClosePoll { lesson, poll },
        1 => Command::RevealPoll { lesson, poll },
        2 => Command::TallyHands {
            lesson,
            poll,
            counts: vec![99; q.len()],
        },
        3 => Command::ChooseTieWinner {
            lesson,
            poll,
            question: q[0].clone(),
        },
        _ => Command::FinishEnquiry {
            lesson,
            question: q[0].clone(),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_count_is_a_recount_of_the_final_ballots_and_closing_freezes_it(
        (method, blind, options, steps, close_at) in scenario_strategy()
    ) {
        let names: Vec<String> = (0..PUPILS).map(|i| format!("Pupil {i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let (mut s, lesson, pupils) = Scenario::classroom("Votes", &names);
        let mut questions: Vec<QuestionId> = Vec::new();
        for i in 0..options {
            let op = s.op(
                withme_core::Author::Pupil { pupil: pupils[i % PUPILS].clone() },
                Command::AskQuestion {
                    lesson: lesson.clone(),
                    text: text(&format!("Question {i}?")),
                    with: vec![],
                },
            );
            s.library.apply(&op).unwrap();
            let id = QuestionId::from(&op.id);
            s.teacher(Command::ApproveQuestion { lesson: lesson.clone(), question: id.clone() }).unwrap();
            questions.push(id);
        }
        let poll = PollId::from(&s.next_id());
        s.teacher(Command::OpenPoll {
            lesson: lesson.clone(), method, blind, secret: false, options: questions.clone(),
        }).unwrap();

        let mut expected: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut hands = vec![0u32; options];
        let mut frozen = None;
        for (index, step) in steps.iter().enumerate() {
            if index == close_at {
                s.teacher(Command::ClosePoll { lesson: lesson.clone(), poll: poll.clone() }).unwrap();
                frozen = Some(s.library.clone());
            }
            let open = frozen.is_none();
            match step {
                Step::Ballot { pupil, choices } => {
                    let ids: Vec<QuestionId> = choices.iter().map(|c| {
                        questions.get(*c).cloned().unwrap_or_else(|| QuestionId::parse("elsewhere").unwrap())
                    }).collect();
                    let result = s.pupil(&pupils[*pupil], Command::CastBallot {
                        lesson: lesson.clone(), poll: poll.clone(), choices: ids,
                    });
                    let ok = open && valid(method, options, choices);
                    prop_assert_eq!(result.is_ok(), ok, "{:?} {:?}", step, result);
                    if !open {
                        prop_assert_eq!(result, Err(Rejection::PollClosed));
                    }
                    if ok {
                        expected.insert(*pupil, choices.clone());
                    }
                }
                Step::Hands(counts) => {
                    let result = s.teacher(Command::TallyHands {
                        lesson: lesson.clone(), poll: poll.clone(), counts: counts.clone(),
                    });
                    let ok = open && method == VoteMethod::HandsUp;
                    prop_assert_eq!(result.is_ok(), ok, "{:?}", result);
                    if ok {
                        hands.clone_from(counts);
                    }
                }
                Step::Forge { pupil, kind } => {
                    let before = s.library.clone();
                    let command = forged(*kind, &lesson, &poll, &questions);
                    let action = command.action();
                    let result = s.pupil(&pupils[*pupil], command);
                    prop_assert_eq!(result, Err(Rejection::TeacherOnly { action }));
                    prop_assert_eq!(&s.library, &before);
                }
            }
        }
        let found = s.library.lesson(&lesson).unwrap().enquiry().poll(&poll).unwrap().clone();
        let scores: Vec<u32> = found.tally().into_iter().map(|(_, n)| n).collect();
        prop_assert_eq!(scores, recount(method, options, &expected, &hands));
        prop_assert_eq!(found.voters(), expected.len());
        // A blind vote shows no count anywhere until it is revealed; an open one always does.
        prop_assert_eq!(found.blind, blind);
        prop_assert_eq!(found.tallies_shown(), !blind);
        let board = match withme_core::view::project(&s.library, &lesson, &withme_core::view::Viewer::Board) {
            Some(withme_core::view::Projection::Board(board)) => board,
            other => panic!("no Board view: {other:?}"),
        };
        let seen = board.polls.iter().find(|p| p.id == poll).unwrap();
        prop_assert_eq!(seen.results.is_some(), !blind);
        if let Some(frozen) = &frozen {
            prop_assert_eq!(&s.library.lesson(&lesson), &frozen.lesson(&lesson));
        }
        if blind {
            if frozen.is_none() {
                s.teacher(Command::ClosePoll { lesson: lesson.clone(), poll: poll.clone() }).unwrap();
            }
            s.teacher(Command::RevealPoll { lesson: lesson.clone(), poll: poll.clone() }).unwrap();
            let revealed = s.library.lesson(&lesson).unwrap().enquiry().poll(&poll).unwrap();
            prop_assert!(revealed.tallies_shown());
        }
    }
}
