//! A lesson's enquiry: the stimulus, thinking time, the class's questions, and the votes on them.

mod csv;
mod poll;
mod question;
mod timer;

use serde::{Deserialize, Serialize};

use crate::ids::{PollId, QuestionId};
use crate::text::Notes;
use crate::time::Timestamp;

pub(crate) use csv::csv_field;
pub use csv::poll_csv;
pub use poll::{
    BallotProblem, Count, MAX_MULTI_VOTES, MIN_MULTI_VOTES, Poll, Standing, VoteMethod,
    check_ballot,
};
pub use question::{
    BloomLevel, ParkedQuestion, Quadrant, Question, QuestionStatus, THINKING_STEMS,
};
pub use timer::{LessonTimer, MAX_TIMER_MINUTES, TimerChange};

/// Most questions one lesson keeps (every status counted).
pub const MAX_QUESTIONS_PER_LESSON: usize = 200;
/// Most questions one pupil may have waiting (pending or sent back) in one lesson.
pub const MAX_OPEN_QUESTIONS_PER_PUPIL: usize = 10;
/// Most pupils who can ask one question together (a group).
pub const MAX_AUTHORS_PER_QUESTION: usize = 6;
/// Most polls one lesson keeps.
pub const MAX_POLLS_PER_LESSON: usize = 50;
/// Most questions one poll can offer.
pub const MAX_POLL_OPTIONS: usize = 60;
/// Most questions a class's parking lot keeps.
pub const MAX_PARKED_PER_CLASS: usize = 200;
/// Largest hands-up count the teacher can type for one question.
pub const MAX_HANDS: u32 = 999;
/// Shortest thinking time, in seconds.
pub const MIN_THINKING_SECONDS: u32 = 10;
/// Longest thinking time, in seconds.
pub const MAX_THINKING_SECONDS: u32 = 30 * 60;

/// What the class looks at before asking questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stimulus {
    /// What kind of stimulus it is.
    pub kind: StimulusKind,
    /// The text, the image's address, or the description.
    pub text: Notes,
}

/// The kinds of stimulus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StimulusKind {
    /// A passage, a poem, a quotation.
    Text,
    /// A picture at an `https://` address.
    ImageLink,
    /// A short description of something shown or done (a video, an object).
    Description,
}

/// A thinking-time countdown, started by the teacher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThinkingTime {
    /// When it started.
    pub started_at: Timestamp,
    /// How long it lasts.
    pub seconds: u32,
}

impl ThinkingTime {
    /// Whole seconds left at `now` (0 once over).
    pub fn seconds_left(&self, now: Timestamp) -> u32 {
        let end = self
            .started_at
            .millis()
            .saturating_add(u64::from(self.seconds) * 1000);
        let left = end.saturating_sub(now.millis());
        // A start in the future (another device's clock) counts as just started.
        u32::try_from(left.div_ceil(1000)).map_or(self.seconds, |s| s.min(self.seconds))
    }
}

/// What the Board shows, chosen by the teacher.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardStage {
    /// The lesson: title, outcomes and success criteria.
    #[default]
    Plan,
    /// The stimulus and the thinking time.
    Stimulus,
    /// Every approved question.
    Questions,
    /// One approved question, large.
    Airing {
        /// Which question.
        question: QuestionId,
    },
    /// A poll: who has voted, and the results when they may be shown.
    Poll {
        /// Which poll.
        poll: PollId,
    },
    /// Every group with its members and their roles.
    Groups,
    /// The random picker: the name drawn, large.
    Picker,
    /// The end of the lesson: the success criteria again, to look back on.
    Review,
}

impl BoardStage {
    fn is_plan(&self) -> bool {
        *self == BoardStage::Plan
    }
}

/// A lesson's enquiry. Empty until the teacher or a pupil starts one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enquiry {
    /// What the class looks at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stimulus: Option<Stimulus>,
    /// The thinking-time countdown, if one was started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thinking: Option<ThinkingTime>,
    /// Every question asked, oldest first, whatever its status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// Every poll, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub polls: Vec<Poll>,
    /// What the Board shows.
    #[serde(default, skip_serializing_if = "BoardStage::is_plan")]
    pub board: BoardStage,
    /// The lesson timer on the Board.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timer: Option<LessonTimer>,
    /// The question the class chose, once the enquiry is finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<QuestionId>,
}

impl Enquiry {
    /// Whether nothing has happened yet.
    pub fn is_empty(&self) -> bool {
        *self == Enquiry::default()
    }

    /// The question with this id.
    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.questions.iter().find(|q| &q.id == id)
    }

    /// The poll with this id.
    pub fn poll(&self, id: &PollId) -> Option<&Poll> {
        self.polls.iter().find(|p| &p.id == id)
    }

    /// The poll taking ballots now, if any (at most one is open at a time).
    pub fn open_poll(&self) -> Option<&Poll> {
        self.polls.iter().find(|p| p.open)
    }

    /// The questions the class may see (approved, not hidden), oldest first.
    pub fn public_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|q| q.is_public())
    }

    /// The votes `question` had in the last main poll that offered it (a run-off only counts
    /// when no main poll did); 0 if none did. `None` when that poll's counts are hidden (a blind
    /// vote not revealed): they are never copied anywhere.
    pub fn votes_for(&self, question: &QuestionId) -> Option<u32> {
        let last = |run_offs: bool| {
            self.polls
                .iter()
                .rev()
                .filter(|p| p.runoff_of.is_some() == run_offs)
                .find(|p| p.options.contains(question))
        };
        match last(false).or_else(|| last(true)) {
            Some(poll) if poll.tallies_shown() => poll.score_of(question),
            Some(_) => None,
            None => Some(0),
        }
    }
}
