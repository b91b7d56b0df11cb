//! A lesson: the plan the class builds, and when it was made, changed and binned.

use serde::{Deserialize, Serialize};

use crate::enquiry::Enquiry;
use crate::groups::LessonGroups;
use crate::ids::{LessonId, ProposalId};
use crate::plan::Plan;
use crate::proposal::Proposal;
use crate::time::Timestamp;

/// A lesson in the library. Changed only by operations (see [`crate::Library::apply`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    id: LessonId,
    plan: Plan,
    created_at: Timestamp,
    updated_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    deleted_at: Option<Timestamp>,
    /// Pupils' proposals for this lesson, oldest first. Not part of the plan: a duplicate or a
    /// template starts with none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    proposals: Vec<Proposal>,
    /// The class's enquiry: stimulus, questions and votes. Not part of the plan either.
    #[serde(default, skip_serializing_if = "Enquiry::is_empty")]
    enquiry: Enquiry,
    /// Who is absent, the groups and their roles.
    #[serde(default, skip_serializing_if = "LessonGroups::is_empty")]
    groups: LessonGroups,
}

impl Lesson {
    pub(crate) fn new(id: LessonId, plan: Plan, at: Timestamp) -> Self {
        Self {
            id,
            plan,
            created_at: at,
            updated_at: at,
            deleted_at: None,
            proposals: Vec::new(),
            enquiry: Enquiry::default(),
            groups: LessonGroups::default(),
        }
    }

    /// The lesson's id.
    pub fn id(&self) -> &LessonId {
        &self.id
    }

    /// The lesson's plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// When the lesson was created.
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// When the lesson was last changed (created, edited, binned or restored).
    pub fn updated_at(&self) -> Timestamp {
        self.updated_at
    }

    /// When the lesson was put in the bin, if it is there.
    pub fn deleted_at(&self) -> Option<Timestamp> {
        self.deleted_at
    }

    /// Whether the lesson is in the bin (deleted, and restorable).
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    /// Pupils' proposals, oldest first, whatever their status.
    pub fn proposals(&self) -> &[Proposal] {
        &self.proposals
    }

    /// The proposal with this id.
    pub fn proposal(&self, id: &ProposalId) -> Option<&Proposal> {
        self.proposals.iter().find(|p| &p.id == id)
    }

    /// Whether anything in the lesson names its class's pupils: ideas, questions, votes, the
    /// register or groups, or plan entries they suggested.
    pub fn holds_pupils_work(&self) -> bool {
        !self.proposals.is_empty()
            || !self.enquiry.questions.is_empty()
            || !self.enquiry.polls.is_empty()
            || !self.groups.is_empty()
            || self.plan.names_pupils()
    }

    /// The lesson's enquiry.
    pub fn enquiry(&self) -> &Enquiry {
        &self.enquiry
    }

    pub(crate) fn enquiry_mut(&mut self) -> &mut Enquiry {
        &mut self.enquiry
    }

    /// The lesson's register, groups and roles.
    pub fn groups(&self) -> &LessonGroups {
        &self.groups
    }

    pub(crate) fn groups_mut(&mut self) -> &mut LessonGroups {
        &mut self.groups
    }

    pub(crate) fn plan_mut(&mut self) -> &mut Plan {
        &mut self.plan
    }

    pub(crate) fn proposals_mut(&mut self) -> &mut Vec<Proposal> {
        &mut self.proposals
    }

    pub(crate) fn with_proposals(mut self, proposals: Vec<Proposal>) -> Self {
        self.proposals = proposals;
        self
    }

    pub(crate) fn touch_at(&mut self, at: Timestamp) {
        self.touch(at);
    }

    pub(crate) fn edit(&mut self, at: Timestamp, change: impl FnOnce(&mut Plan)) {
        change(&mut self.plan);
        self.touch(at);
    }

    pub(crate) fn set_deleted(&mut self, deleted_at: Option<Timestamp>, at: Timestamp) {
        self.deleted_at = deleted_at;
        self.touch(at);
    }

    /// Times from different devices may arrive out of order; "last edited" never goes backwards.
    fn touch(&mut self, at: Timestamp) {
        self.updated_at = self.updated_at.max(at);
    }
}
