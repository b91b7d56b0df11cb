//! Enquiry questions: what pupils ask about the stimulus, and how the teacher sorts them.

use serde::{Deserialize, Serialize};

use crate::ids::{PupilId, QuestionId};
use crate::text::{ItemText, KindNote};
use crate::time::Timestamp;

/// Where a question stands with the teacher.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    /// Waiting for the teacher; not on the Board.
    Pending,
    /// Returned to its authors for rewording, with a kind note.
    SentBack {
        /// What the teacher asks.
        note: KindNote,
    },
    /// Approved: the class sees it on the Board.
    Approved,
    /// Joined with similar questions into another one, which keeps every author.
    Merged {
        /// The question it became part of.
        into: QuestionId,
    },
}

/// The question quadrant: open or closed, surface or deep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// One right answer, found by looking (e.g. "How many…?").
    ClosedSurface,
    /// Many answers, but about the surface of things.
    OpenSurface,
    /// One answer, but it takes thinking to reach.
    ClosedDeep,
    /// Many answers, and worth a whole enquiry.
    OpenDeep,
}

impl Quadrant {
    /// Every quadrant, in reading order of the grid (top row surface, bottom row deep).
    pub const ALL: [Quadrant; 4] = [
        Quadrant::ClosedSurface,
        Quadrant::OpenSurface,
        Quadrant::ClosedDeep,
        Quadrant::OpenDeep,
    ];

    /// The quadrant's name, as the teacher and pupils read it.
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::ClosedSurface => "Closed and surface",
            Quadrant::OpenSurface => "Open and surface",
            Quadrant::ClosedDeep => "Closed and deep",
            Quadrant::OpenDeep => "Open and deep",
        }
    }
}

/// A level of Bloom's taxonomy (revised), from remembering to creating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BloomLevel {
    /// Recall facts.
    Remember,
    /// Explain ideas.
    Understand,
    /// Use what is known in a new situation.
    Apply,
    /// Take apart, compare, find connections.
    Analyse,
    /// Judge and justify.
    Evaluate,
    /// Make something new.
    Create,
}

impl BloomLevel {
    /// Every level, lowest first.
    pub const ALL: [BloomLevel; 6] = [
        BloomLevel::Remember,
        BloomLevel::Understand,
        BloomLevel::Apply,
        BloomLevel::Analyse,
        BloomLevel::Evaluate,
        BloomLevel::Create,
    ];

    /// The level's name.
    pub fn label(self) -> &'static str {
        match self {
            BloomLevel::Remember => "Remember",
            BloomLevel::Understand => "Understand",
            BloomLevel::Apply => "Apply",
            BloomLevel::Analyse => "Analyse",
            BloomLevel::Evaluate => "Evaluate",
            BloomLevel::Create => "Create",
        }
    }

    /// Question stems at this level, offered on tap in the Pupil view.
    pub fn stems(self) -> &'static [&'static str] {
        match self {
            BloomLevel::Remember => &["What is…?", "Who…?", "When did…?"],
            BloomLevel::Understand => {
                &["Why does…?", "What does … mean?", "How would you explain…?"]
            }
            BloomLevel::Apply => &["How could we use…?", "What would happen if…?"],
            BloomLevel::Analyse => &[
                "What is the difference between … and …?",
                "How is … like …?",
            ],
            BloomLevel::Evaluate => &[
                "Is it ever right to…?",
                "Is it fair that…?",
                "How do we know…?",
            ],
            BloomLevel::Create => &[
                "What if…?",
                "How might we…?",
                "Could there be a world where…?",
            ],
        }
    }
}

/// Philosophy for Children "thinking question" stems: questions worth a whole enquiry.
pub const THINKING_STEMS: [&str; 6] = [
    "Is it possible to…?",
    "What makes something…?",
    "Can you ever…?",
    "Would it be better if…?",
    "Does everyone…?",
    "What is the most important…?",
];

/// A question a pupil, a pair or a group asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// The question's id (the id of the operation that asked it).
    pub id: QuestionId,
    /// What it asks.
    pub text: ItemText,
    /// Who asked it: one pupil, a pair or a group; more after a merge.
    pub authors: Vec<PupilId>,
    /// Where it stands with the teacher.
    pub status: QuestionStatus,
    /// Hidden by the teacher: kept, shown to the teacher, never on the Board or to other pupils.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// Its place on the question quadrant, once sorted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quadrant: Option<Quadrant>,
    /// Its Bloom level, once tagged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bloom: Option<BloomLevel>,
    /// Chosen by the teacher to go forward to the vote.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub forward: bool,
    /// When it was asked.
    pub made_at: Timestamp,
}

impl Question {
    /// Whether `pupil` is one of its authors.
    pub fn is_by(&self, pupil: &PupilId) -> bool {
        self.authors.contains(pupil)
    }

    /// Whether the class may see it: approved and not hidden.
    pub fn is_public(&self) -> bool {
        self.status == QuestionStatus::Approved && !self.hidden
    }

    /// Whether it still waits for the teacher or its authors (pending or sent back).
    pub fn is_open(&self) -> bool {
        matches!(
            self.status,
            QuestionStatus::Pending | QuestionStatus::SentBack { .. }
        )
    }
}

/// A question carried over from an enquiry into the class's parking lot, with its votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkedQuestion {
    /// The question's id in the lesson it came from.
    pub id: QuestionId,
    /// What it asks.
    pub text: ItemText,
    /// Who asked it.
    pub authors: Vec<PupilId>,
    /// The votes it had in the last poll that offered it, if that poll's counts were shown;
    /// none when they were never counted openly (a blind vote never revealed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub votes: Option<u32>,
    /// Hidden by the teacher (or sent back) after it was parked: kept, seen by the teacher only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// When it was parked.
    pub parked_at: Timestamp,
}
