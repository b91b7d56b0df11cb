//! The Board's stages in the order a lesson runs, for a presenter's "next" and "previous".

use super::board::BoardView;
use crate::enquiry::BoardStage;

/// Where a stage sits in a lesson: the plan, the stimulus, the questions (one question aired
/// among them), the vote, the groups (the picker among them), and the look back at the end.
fn place(stage: &BoardStage) -> u8 {
    match stage {
        BoardStage::Plan => 0,
        BoardStage::Stimulus => 1,
        BoardStage::Questions | BoardStage::Airing { .. } => 2,
        BoardStage::Poll { .. } => 3,
        BoardStage::Groups | BoardStage::Picker => 4,
        BoardStage::Review => 5,
    }
}

impl BoardView {
    /// The stages this lesson has something to show on, in the order a lesson runs: the plan,
    /// the stimulus (once there is one), the questions (once one is approved), the latest vote,
    /// the groups and roles (once made), and the success criteria again at the end.
    pub fn lesson_stages(&self) -> Vec<BoardStage> {
        let mut stages = vec![BoardStage::Plan];
        if self.stimulus.is_some() {
            stages.push(BoardStage::Stimulus);
        }
        if !self.questions.is_empty() {
            stages.push(BoardStage::Questions);
        }
        if let Some(poll) = self.polls.last() {
            stages.push(BoardStage::Poll {
                poll: poll.id.clone(),
            });
        }
        if !self.groups.is_empty() {
            stages.push(BoardStage::Groups);
        }
        stages.push(BoardStage::Review);
        stages
    }

    /// The stage after the one shown, if the lesson has one: while one question is aired, the
    /// next question first.
    pub fn stage_after(&self) -> Option<BoardStage> {
        if let Some(next) = self.aired_beside(1) {
            return Some(next);
        }
        let now = place(&self.stage);
        self.lesson_stages().into_iter().find(|s| place(s) > now)
    }

    /// The stage before the one shown, if the lesson has one: while one question is aired, the
    /// question before it first.
    pub fn stage_before(&self) -> Option<BoardStage> {
        if let Some(previous) = self.aired_beside(-1) {
            return Some(previous);
        }
        let now = place(&self.stage);
        self.lesson_stages()
            .into_iter()
            .rev()
            .find(|s| place(s) < now)
    }

    /// While a question is aired, the question `step` places from it, if there is one.
    fn aired_beside(&self, step: isize) -> Option<BoardStage> {
        let BoardStage::Airing { question } = &self.stage else {
            return None;
        };
        let at = self.questions.iter().position(|q| &q.id == question)?;
        let beside = self.questions.get(at.checked_add_signed(step)?)?;
        Some(BoardStage::Airing {
            question: beside.id.clone(),
        })
    }
}
