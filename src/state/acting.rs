//! Applying a command and telling the person when it was refused.

use withme_core::Command;

use super::handles::LessonDispatch;
use super::notices::Notices;

/// Applies the teacher's commands and shows the reason when one is refused. A small handle: copy it freely.
#[derive(Clone, Copy)]
pub struct Acting {
    dispatch: LessonDispatch,
    notices: Notices,
}

impl Acting {
    pub(super) fn new(dispatch: LessonDispatch, notices: Notices) -> Self {
        Self { dispatch, notices }
    }

    /// Applies `command` as the teacher; returns the reason when refused (for a form to show).
    pub fn teacher(&self, command: Command) -> Result<(), String> {
        self.dispatch
            .as_teacher(command)
            .map(drop)
            .map_err(|reason| reason.to_string())
    }

    /// Applies `command` as the teacher; a refusal is shown as a message. Returns whether it
    /// was applied.
    pub fn teacher_or_say(&self, command: Command) -> bool {
        self.said(self.teacher(command))
    }

    /// Applies `command` as the teacher and says `info` when done, or why it was refused.
    pub fn teacher_then(&self, command: Command, info: &str) {
        if self.teacher_or_say(command) {
            self.notices.info(info.to_owned());
        }
    }

    /// Shows that something happened.
    pub fn say(&self, info: impl Into<String>) {
        self.notices.info(info);
    }

    /// Shows that something could not be done.
    pub fn say_problem(&self, reason: impl Into<String>) {
        self.notices.problem(reason);
    }

    fn said(&self, outcome: Result<(), String>) -> bool {
        match outcome {
            Ok(()) => true,
            Err(reason) => {
                self.notices.problem(reason);
                false
            }
        }
    }
}
