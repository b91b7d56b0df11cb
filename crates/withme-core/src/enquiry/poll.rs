//! Polls: one vote on some questions, opened and closed by the teacher, and its count.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::ids::{PollId, PupilId, QuestionId};
use crate::operation::Operation;
use crate::time::Timestamp;

/// Fewest votes each pupil may have in a multi-vote.
pub const MIN_MULTI_VOTES: u8 = 2;
/// Most votes each pupil may have in a multi-vote.
pub const MAX_MULTI_VOTES: u8 = 10;

/// How pupils vote, and so how ballots are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteMethod {
    /// One vote each.
    Single,
    /// `votes` votes each; with `stacking`, several may go to one question.
    Multi {
        /// Votes each pupil has.
        votes: u8,
        /// Whether a pupil may give one question more than one vote.
        stacking: bool,
    },
    /// A vote for as many questions as a pupil likes.
    Omni,
    /// Pupils put questions in order, counted by the Borda count.
    Ranked,
    /// The class votes by hands up and the teacher types the counts.
    HandsUp,
}

impl VoteMethod {
    /// The method's name, with how it counts where that needs saying.
    pub fn describe(self) -> String {
        match self {
            VoteMethod::Single => "Single vote: one vote each".into(),
            VoteMethod::Multi {
                votes,
                stacking: true,
            } => format!("Multi-vote: {votes} votes each, more than one on a question allowed"),
            VoteMethod::Multi { votes, .. } => {
                format!("Multi-vote: {votes} votes each, one per question")
            }
            VoteMethod::Omni => "Omnivote: vote for as many as you like".into(),
            VoteMethod::Ranked => "Ranked, counted by the Borda count: with n questions, a first choice earns n − 1 points, a second n − 2, and so on".into(),
            VoteMethod::HandsUp => "Hands up, counted by the teacher".into(),
        }
    }
}

/// What is wrong with a ballot, in words for the pupil holding the tablet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotProblem {
    /// No choice at all.
    Empty,
    /// A choice that is not on this poll.
    NotAnOption,
    /// More choices than the method allows.
    TooMany(usize),
    /// The same question twice where that is not allowed.
    Repeated,
    /// A hands-up poll takes no ballots.
    HandsUp,
}

impl std::fmt::Display for BallotProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BallotProblem::Empty => f.write_str("Choose at least one question."),
            BallotProblem::NotAnOption => f.write_str("That question isn't in this vote."),
            BallotProblem::TooMany(1) => f.write_str("Choose just one question."),
            BallotProblem::TooMany(most) => write!(f, "You can use at most {most} votes."),
            BallotProblem::Repeated => f.write_str("Give each question one vote at most."),
            BallotProblem::HandsUp => {
                f.write_str("This vote is by hands up: your teacher counts it.")
            }
        }
    }
}

/// A poll's count, worked out once: see [`Poll::count`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// Each option's score, in the order of the options.
    pub tally: Vec<(QuestionId, u32)>,
    /// Who leads, or who ties.
    pub standing: Standing,
    /// The question chosen, once closed.
    pub winner: Option<QuestionId>,
}

/// One vote: the teacher opens it on some questions, pupils cast ballots, the teacher closes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poll {
    /// The poll's id (the id of the operation that opened it).
    pub id: PollId,
    /// How pupils vote.
    pub method: VoteMethod,
    /// A blind vote: no tallies anywhere until the teacher reveals them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub blind: bool,
    /// The questions voted on, in the order shown.
    pub options: Vec<QuestionId>,
    /// Whether ballots are taken now.
    pub open: bool,
    /// A blind vote's tallies have been shown.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revealed: bool,
    /// A secret ballot (a ballot box): only the counts and who has voted are kept, never who
    /// chose what, so a secret ballot once cast cannot be changed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub secret: bool,
    /// Each pupil's latest ballot: the questions chosen (in order, for a ranked vote). Always
    /// empty in a secret ballot.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ballots: BTreeMap<PupilId, Vec<QuestionId>>,
    /// A secret ballot's box: the points each option has had, in the order of the options.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub boxed: Vec<u32>,
    /// Who has put a secret ballot in the box.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub secret_voters: BTreeSet<PupilId>,
    /// A hands-up vote's counts, typed by the teacher, one per option.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hands: Vec<u32>,
    /// The poll whose tie this run-off breaks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runoff_of: Option<PollId>,
    /// The teacher's choice among tied questions, recorded as such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teacher_choice: Option<QuestionId>,
    /// When it was opened.
    pub opened_at: Timestamp,
}

/// The outcome of a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Standing {
    /// Nobody has voted.
    NoVotes,
    /// One question leads.
    Leader(QuestionId),
    /// Several questions share the top score.
    Tie(Vec<QuestionId>),
}

impl Poll {
    /// A poll opened by `op`, taking ballots, with none yet.
    pub(crate) fn opened(
        op: &Operation,
        method: VoteMethod,
        (blind, secret): (bool, bool),
        options: Vec<QuestionId>,
        runoff_of: Option<PollId>,
    ) -> Poll {
        Poll {
            id: PollId::from(&op.id),
            method,
            blind,
            options,
            open: true,
            revealed: false,
            secret,
            ballots: BTreeMap::new(),
            boxed: Vec::new(),
            secret_voters: BTreeSet::new(),
            hands: Vec::new(),
            runoff_of,
            teacher_choice: None,
            opened_at: op.at,
        }
    }

    /// Whether the tallies may be shown: always, unless the vote is blind and not yet revealed.
    pub fn tallies_shown(&self) -> bool {
        !self.blind || self.revealed
    }

    /// How many pupils have cast a ballot.
    pub fn voters(&self) -> usize {
        self.ballots.len() + self.secret_voters.len()
    }

    /// Whether `pupil` has cast a ballot (secret or not).
    pub fn has_voted(&self, pupil: &PupilId) -> bool {
        self.ballots.contains_key(pupil) || self.secret_voters.contains(pupil)
    }

    /// The points a ballot gives each option, in the order of the options.
    fn points_of(&self, ballot: &[QuestionId]) -> impl Iterator<Item = (usize, u32)> {
        ballot.iter().enumerate().filter_map(|(rank, choice)| {
            let at = self.options.iter().position(|o| o == choice)?;
            let points = match self.method {
                VoteMethod::Ranked => self.options.len().saturating_sub(rank + 1) as u32,
                _ => 1,
            };
            Some((at, points))
        })
    }

    /// Puts a checked ballot in: a secret one into the box (its voter recorded, never their
    /// choices), any other as the pupil's ballot, replacing their earlier one.
    pub(crate) fn cast(&mut self, voter: PupilId, ballot: &[QuestionId]) {
        if !self.secret {
            self.ballots.insert(voter, ballot.to_vec());
            return;
        }
        self.boxed.resize(self.options.len(), 0);
        let points: Vec<(usize, u32)> = self.points_of(ballot).collect();
        for (at, points) in points {
            self.boxed[at] = self.boxed[at].saturating_add(points);
        }
        self.secret_voters.insert(voter);
    }

    /// Checks a ballot against the method and the options.
    pub fn check_ballot(&self, choices: &[QuestionId]) -> Result<(), BallotProblem> {
        check_ballot(self.method, &self.options, choices)
    }

    /// Each option's score, in the order of the options: votes, Borda points or hands.
    pub fn tally(&self) -> Vec<(QuestionId, u32)> {
        let mut scores = vec![0u32; self.options.len()];
        let given = if self.method == VoteMethod::HandsUp {
            &self.hands
        } else {
            &self.boxed
        };
        for (score, given) in scores.iter_mut().zip(given) {
            *score = *given;
        }
        for ballot in self.ballots.values() {
            for (at, points) in self.points_of(ballot) {
                // Saturating: a tampered stored poll must not overflow a count.
                scores[at] = scores[at].saturating_add(points);
            }
        }
        self.options.iter().cloned().zip(scores).collect()
    }

    /// Who leads the count, or who ties.
    pub fn standing(&self) -> Standing {
        self.standing_in(&self.tally())
    }

    /// The question this poll chose, once closed: the leader, or the teacher's choice in a tie.
    pub fn winner(&self) -> Option<QuestionId> {
        self.winner_by(self.standing())
    }

    /// The tally, who leads and the winner, each worked out once (for a screen showing all three).
    pub fn count(&self) -> Count {
        let tally = self.tally();
        let standing = self.standing_in(&tally);
        let winner = self.winner_by(standing.clone());
        Count {
            tally,
            standing,
            winner,
        }
    }

    fn standing_in(&self, tally: &[(QuestionId, u32)]) -> Standing {
        let counted = self.voters() > 0 || self.hands.iter().any(|h| *h > 0);
        if !counted {
            return Standing::NoVotes;
        }
        let top = tally.iter().map(|(_, s)| *s).max().unwrap_or(0);
        let mut leaders: Vec<QuestionId> = tally
            .iter()
            .filter(|(_, s)| *s == top)
            .map(|(q, _)| q.clone())
            .collect();
        if leaders.len() == 1 {
            Standing::Leader(leaders.remove(0))
        } else {
            Standing::Tie(leaders)
        }
    }

    fn winner_by(&self, standing: Standing) -> Option<QuestionId> {
        if self.open {
            return None;
        }
        if let Some(choice) = &self.teacher_choice {
            return Some(choice.clone());
        }
        match standing {
            Standing::Leader(question) => Some(question),
            Standing::NoVotes | Standing::Tie(_) => None,
        }
    }

    /// The score of `question` in this poll, if it was an option.
    pub fn score_of(&self, question: &QuestionId) -> Option<u32> {
        self.tally()
            .into_iter()
            .find(|(q, _)| q == question)
            .map(|(_, s)| s)
    }
}

/// Checks a ballot against a vote's method and options: what both the authority and a pupil's
/// ballot form check, so a tablet can say what is wrong before sending.
pub fn check_ballot(
    method: VoteMethod,
    options: &[QuestionId],
    choices: &[QuestionId],
) -> Result<(), BallotProblem> {
    if method == VoteMethod::HandsUp {
        return Err(BallotProblem::HandsUp);
    }
    if choices.is_empty() {
        return Err(BallotProblem::Empty);
    }
    if choices.iter().any(|c| !options.contains(c)) {
        return Err(BallotProblem::NotAnOption);
    }
    let (most, repeats) = match method {
        VoteMethod::Single => (1, false),
        VoteMethod::Multi { votes, stacking } => (usize::from(votes), stacking),
        VoteMethod::Omni | VoteMethod::Ranked | VoteMethod::HandsUp => (options.len(), false),
    };
    if choices.len() > most {
        return Err(BallotProblem::TooMany(most));
    }
    let repeated = choices
        .iter()
        .enumerate()
        .any(|(i, c)| choices[..i].contains(c));
    if repeated && !repeats {
        return Err(BallotProblem::Repeated);
    }
    Ok(())
}
