//! Pupils' proposals: ideas for the plan that wait in the teacher's inbox.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::ids::{ProposalId, PupilId};
use crate::plan::{ItemList, Section};
use crate::text::{ItemText, KindNote};
use crate::time::Timestamp;

/// Most proposals one lesson keeps (every status counted).
pub const MAX_PROPOSALS_PER_LESSON: usize = 300;

/// Most proposals one pupil may have waiting (pending or sent back) in one lesson.
pub const MAX_OPEN_PROPOSALS_PER_PUPIL: usize = 10;

/// What a pupil proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    /// A success criterion.
    Criterion,
    /// An activity (becomes a phase).
    Activity,
    /// A resource.
    Resource,
    /// A keyword.
    Keyword,
}

impl ProposalKind {
    /// Every kind, in the order the Pupil view offers them.
    pub const ALL: [ProposalKind; 4] = [
        ProposalKind::Criterion,
        ProposalKind::Activity,
        ProposalKind::Resource,
        ProposalKind::Keyword,
    ];

    /// Where an accepted proposal of this kind goes in the plan.
    pub fn section(self) -> Section {
        match self {
            ProposalKind::Criterion => Section::Items(ItemList::Criteria),
            ProposalKind::Activity => Section::Phases,
            ProposalKind::Resource => Section::Items(ItemList::Resources),
            ProposalKind::Keyword => Section::Items(ItemList::Keywords),
        }
    }
}

/// Where a proposal stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    /// Waiting in the teacher's inbox.
    Pending,
    /// Returned to its authors for rewording, with a kind note.
    SentBack {
        /// What the teacher asks.
        note: KindNote,
    },
    /// Taken into the plan.
    Accepted,
    /// Taken into the plan together with similar proposals.
    Merged,
    /// Not taken this time.
    Declined,
    /// Taken back by its author.
    Withdrawn,
}

impl ProposalStatus {
    /// Whether the proposal still waits for the teacher or its authors (pending or sent back).
    pub fn is_open(&self) -> bool {
        matches!(
            self,
            ProposalStatus::Pending | ProposalStatus::SentBack { .. }
        )
    }

    /// Whether the proposal went into the plan (alone or merged).
    pub fn is_taken(&self) -> bool {
        matches!(self, ProposalStatus::Accepted | ProposalStatus::Merged)
    }
}

/// A pupil's idea for the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// The proposal's id (the id of the operation that made it).
    pub id: ProposalId,
    /// What kind of entry it proposes.
    pub kind: ProposalKind,
    /// What it says.
    pub text: ItemText,
    /// Who wrote it.
    pub authors: Vec<PupilId>,
    /// Other pupils who back it (+1), each once.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub backers: BTreeSet<PupilId>,
    /// Where it stands.
    pub status: ProposalStatus,
    /// When it was first made.
    pub made_at: Timestamp,
}

impl Proposal {
    /// Whether `pupil` is one of the authors.
    pub fn is_by(&self, pupil: &PupilId) -> bool {
        self.authors.contains(pupil)
    }
}
