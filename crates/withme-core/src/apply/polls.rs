//! Applying votes: opening and closing polls, ballots, hands-up counts and tie breaks.
//!
//! The integrity rules live here: one ballot per pupil per poll (a new one replaces the old),
//! no ballot unless the poll is open, and ties broken only by a run-off or a recorded choice.

use super::Rejection;
use super::proposals::pupil_of;
use crate::enquiry::{
    BallotProblem, BoardStage, MAX_HANDS, MAX_MULTI_VOTES, MAX_POLL_OPTIONS, MAX_POLLS_PER_LESSON,
    MIN_MULTI_VOTES, Poll, Standing, VoteMethod,
};
use crate::ids::{LessonId, PollId, QuestionId};
use crate::lesson::Lesson;
use crate::library::Library;
use crate::operation::{Event, Operation};
use crate::time::Timestamp;

/// Which polls a change may touch.
#[derive(Clone, Copy)]
enum While {
    /// Any poll (revealing).
    Any,
    /// Only one taking ballots.
    Open,
    /// Only one closed (tie breaks).
    Closed,
}

fn find_poll<'a>(
    lesson: &'a mut Lesson,
    id: &PollId,
    state: While,
) -> Result<&'a mut Poll, Rejection> {
    let poll = lesson
        .enquiry_mut()
        .polls
        .iter_mut()
        .find(|p| &p.id == id)
        .ok_or(Rejection::UnknownPoll)?;
    match (state, poll.open) {
        (While::Open, false) => Err(Rejection::PollClosed),
        (While::Closed, true) => Err(Rejection::PollStillOpen),
        _ => Ok(poll),
    }
}

fn check_method(method: VoteMethod) -> Result<(), Rejection> {
    match method {
        VoteMethod::Multi { votes, .. }
            if !(MIN_MULTI_VOTES..=MAX_MULTI_VOTES).contains(&votes) =>
        {
            Err(Rejection::MultiVotesRange)
        }
        _ => Ok(()),
    }
}

/// Adds a new open poll to the lesson and puts it on the Board.
fn open(lesson: &mut Lesson, poll: Poll) -> Result<(), Rejection> {
    let enquiry = lesson.enquiry_mut();
    if enquiry.open_poll().is_some() {
        return Err(Rejection::PollAlreadyOpen);
    }
    if enquiry.polls.len() >= MAX_POLLS_PER_LESSON {
        return Err(Rejection::PollsFull {
            max: MAX_POLLS_PER_LESSON,
        });
    }
    if enquiry.polls.iter().any(|p| p.id == poll.id) {
        return Err(Rejection::IdInUse);
    }
    if poll.options.len() < 2 {
        return Err(Rejection::PollNeedsTwo);
    }
    if poll.options.len() > MAX_POLL_OPTIONS {
        return Err(Rejection::TooManyOptions {
            max: MAX_POLL_OPTIONS,
        });
    }
    for (index, option) in poll.options.iter().enumerate() {
        if poll.options[..index].contains(option) {
            return Err(Rejection::PollNeedsTwo);
        }
        let question = enquiry.question(option).ok_or(Rejection::UnknownQuestion)?;
        if !question.is_public() {
            return Err(Rejection::NotApproved);
        }
    }
    enquiry.board = BoardStage::Poll {
        poll: poll.id.clone(),
    };
    // Thinking is over once the class votes: its clock leaves the Board.
    enquiry.thinking = None;
    enquiry.polls.push(poll);
    Ok(())
}

impl Library {
    /// Changes one poll of a lesson, if it is in the state the change needs.
    fn change_poll(
        &mut self,
        lesson: &LessonId,
        id: &PollId,
        at: Timestamp,
        state: While,
        change: impl FnOnce(&mut Poll) -> Result<(), Rejection>,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, at, |l| change(find_poll(l, id, state)?))
    }

    pub(super) fn open_poll(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        method: VoteMethod,
        secrecy: (bool, bool),
        options: &[QuestionId],
    ) -> Result<Event, Rejection> {
        check_method(method)?;
        let poll = Poll::opened(op, method, secrecy, options.to_vec(), None);
        self.change_lesson(lesson, op.at, |l| open(l, poll))
    }

    pub(super) fn cast_ballot(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        id: &PollId,
        choices: &[QuestionId],
    ) -> Result<Event, Rejection> {
        let voter = pupil_of(op)?.clone();
        self.change_lesson(lesson, op.at, |l| {
            find_poll(l, id, While::Open)?;
            // A question hidden (or sent back) while the vote is open takes no more votes.
            let enquiry = l.enquiry();
            if choices
                .iter()
                .any(|c| !enquiry.question(c).is_some_and(|q| q.is_public()))
            {
                return Err(Rejection::Ballot {
                    problem: BallotProblem::NotAnOption,
                });
            }
            let poll = find_poll(l, id, While::Open)?;
            poll.check_ballot(choices)
                .map_err(|problem| Rejection::Ballot { problem })?;
            if poll.secret && poll.has_voted(&voter) {
                return Err(Rejection::SecretBallotCast);
            }
            poll.cast(voter, choices);
            Ok(())
        })
    }

    pub(super) fn close_poll(
        &mut self,
        lesson: &LessonId,
        id: &PollId,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_poll(lesson, id, at, While::Open, |poll| {
            poll.open = false;
            Ok(())
        })
    }

    pub(super) fn reveal_poll(
        &mut self,
        lesson: &LessonId,
        id: &PollId,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_poll(lesson, id, at, While::Any, |poll| {
            poll.revealed = true;
            Ok(())
        })
    }

    pub(super) fn tally_hands(
        &mut self,
        lesson: &LessonId,
        id: &PollId,
        counts: &[u32],
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_poll(lesson, id, at, While::Open, |poll| {
            if poll.method != VoteMethod::HandsUp || counts.len() != poll.options.len() {
                return Err(Rejection::BadHandsCount);
            }
            if counts.iter().any(|c| *c > MAX_HANDS) {
                return Err(Rejection::HandsRange { max: MAX_HANDS });
            }
            poll.hands = counts.to_vec();
            Ok(())
        })
    }

    /// A run-off between the tied questions: a single vote (or hands up again), as blind and
    /// as secret as the tied poll.
    pub(super) fn open_run_off(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        id: &PollId,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, op.at, |l| {
            let tied = find_poll(l, id, While::Closed)?;
            if !tied.tallies_shown() {
                return Err(Rejection::RevealFirst);
            }
            let Standing::Tie(options) = tied.standing() else {
                return Err(Rejection::NoTie);
            };
            if tied.teacher_choice.is_some() {
                return Err(Rejection::NoTie);
            }
            let method = match tied.method {
                VoteMethod::HandsUp => VoteMethod::HandsUp,
                _ => VoteMethod::Single,
            };
            let secrecy = (tied.blind, tied.secret);
            let run_off = Poll::opened(op, method, secrecy, options, Some(id.clone()));
            open(l, run_off)
        })
    }

    pub(super) fn choose_tie_winner(
        &mut self,
        lesson: &LessonId,
        id: &PollId,
        question: &QuestionId,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_poll(lesson, id, at, While::Closed, |poll| {
            if !poll.tallies_shown() {
                return Err(Rejection::RevealFirst);
            }
            let Standing::Tie(tied) = poll.standing() else {
                return Err(Rejection::NoTie);
            };
            if !tied.contains(question) {
                return Err(Rejection::NotTied);
            }
            poll.teacher_choice = Some(question.clone());
            Ok(())
        })
    }
}
