//! Applying pupils' proposals and the teacher's answers to them.
//!
//! Who may do what was checked before (see `rights.rs`); here are the rules of the inbox itself.

use super::Rejection;
use super::plan::insert;
use crate::ids::{ItemId, LessonId, ProposalId, PupilId};
use crate::lesson::Lesson;
use crate::library::Library;
use crate::operation::{Author, Event, Operation};
use crate::plan::{Entry, Item, Phase};
use crate::proposal::{
    MAX_OPEN_PROPOSALS_PER_PUPIL, MAX_PROPOSALS_PER_LESSON, Proposal, ProposalKind, ProposalStatus,
};
use crate::text::{ItemText, Notes, PhaseTitle};
use crate::time::{PhaseMinutes, Timestamp};

/// How long a phase made from a pupil's activity lasts until the teacher changes it.
const ACTIVITY_MINUTES: u16 = 10;

/// The open proposal with this id, to change.
fn open_proposal<'a>(
    lesson: &'a mut Lesson,
    id: &ProposalId,
) -> Result<&'a mut Proposal, Rejection> {
    let proposal = lesson
        .proposals_mut()
        .iter_mut()
        .find(|p| &p.id == id)
        .ok_or(Rejection::UnknownProposal)?;
    if proposal.status.is_open() {
        Ok(proposal)
    } else {
        Err(Rejection::ProposalClosed)
    }
}

pub(super) fn pupil_of(op: &Operation) -> Result<&PupilId, Rejection> {
    match &op.author {
        Author::Pupil { pupil } => Ok(pupil),
        Author::Teacher => Err(Rejection::PupilsOnly {
            action: op.command.action(),
        }),
    }
}

/// The plan entry an accepted proposal becomes: an activity becomes a phase, the rest items.
fn entry_for(kind: ProposalKind, id: ItemId, text: &ItemText, authors: Vec<PupilId>) -> Entry {
    if kind != ProposalKind::Activity {
        return Entry::Item(Item {
            id,
            text: text.clone(),
            suggested_by: authors,
        });
    }
    let (title, description) = match PhaseTitle::from_item(text) {
        Some(title) => (title, Notes::default()),
        None => (
            PhaseTitle::parse("Pupils' activity").expect("a valid title"),
            Notes::parse(text.as_str()).expect("an item fits in notes"),
        ),
    };
    Entry::Phase(Phase {
        id,
        title,
        description,
        minutes: PhaseMinutes::from_minutes(ACTIVITY_MINUTES).expect("a valid duration"),
        suggested_by: authors,
    })
}

impl Library {
    pub(super) fn propose(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        kind: ProposalKind,
        text: &ItemText,
        with: &[PupilId],
    ) -> Result<Event, Rejection> {
        let pupil = pupil_of(op)?.clone();
        let authors = self.askers(lesson, &pupil, with)?;
        let proposal = Proposal {
            id: ProposalId::from(&op.id),
            kind,
            text: text.clone(),
            authors,
            backers: Default::default(),
            status: ProposalStatus::Pending,
            made_at: op.at,
        };
        self.change_lesson(lesson, op.at, |l| {
            let proposals = l.proposals_mut();
            if proposals.len() >= MAX_PROPOSALS_PER_LESSON {
                return Err(Rejection::ProposalsFull {
                    max: MAX_PROPOSALS_PER_LESSON,
                });
            }
            let open = proposals
                .iter()
                .filter(|p| p.status.is_open() && p.is_by(&pupil))
                .count();
            if open >= MAX_OPEN_PROPOSALS_PER_PUPIL {
                return Err(Rejection::TooManyOpenProposals {
                    max: MAX_OPEN_PROPOSALS_PER_PUPIL,
                });
            }
            if proposals.iter().any(|p| p.id == proposal.id) {
                return Err(Rejection::IdInUse);
            }
            proposals.push(proposal);
            Ok(())
        })
    }

    pub(super) fn revise_proposal(
        &mut self,
        lesson: &LessonId,
        id: &ProposalId,
        text: &ItemText,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, at, |l| {
            let proposal = open_proposal(l, id)?;
            proposal.text = text.clone();
            proposal.status = ProposalStatus::Pending;
            // Backing was for the old wording.
            proposal.backers.clear();
            Ok(())
        })
    }

    pub(super) fn back_proposal(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        id: &ProposalId,
    ) -> Result<Event, Rejection> {
        let pupil = pupil_of(op)?.clone();
        self.change_lesson(lesson, op.at, |l| {
            let proposal = open_proposal(l, id)?;
            if proposal.is_by(&pupil) {
                return Err(Rejection::OwnProposal);
            }
            proposal.backers.insert(pupil);
            Ok(())
        })
    }

    /// Accepts one proposal, or merges several: one new plan entry keeps every author.
    pub(super) fn merge_proposals(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        ids: &[ProposalId],
        text: &ItemText,
    ) -> Result<Event, Rejection> {
        let merging = ids.len() > 1;
        self.change_lesson(lesson, op.at, |l| {
            let mut kind = None;
            let mut authors: Vec<PupilId> = Vec::new();
            for (index, id) in ids.iter().enumerate() {
                if ids[..index].contains(id) {
                    return Err(Rejection::MergeNeedsTwo);
                }
                let proposal = open_proposal(l, id)?;
                if kind.is_some_and(|k| k != proposal.kind) {
                    return Err(Rejection::MergeMixedKinds);
                }
                kind = Some(proposal.kind);
                for author in &proposal.authors {
                    if !authors.contains(author) {
                        authors.push(author.clone());
                    }
                }
                proposal.status = if merging {
                    ProposalStatus::Merged
                } else {
                    ProposalStatus::Accepted
                };
            }
            let kind = kind.ok_or(Rejection::MergeNeedsTwo)?;
            let entry = entry_for(kind, ItemId::from(&op.id), text, authors);
            insert(l.plan_mut(), kind.section(), usize::MAX, entry)
        })
    }

    /// Gives an open proposal its answer: sent back, declined or withdrawn.
    pub(super) fn answer_proposal(
        &mut self,
        lesson: &LessonId,
        id: &ProposalId,
        status: ProposalStatus,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, at, |l| {
            open_proposal(l, id)?.status = status;
            Ok(())
        })
    }
}
