//! The one entry point that changes a library: [`Library::apply`].

mod classes;
mod lessons;

use thiserror::Error;

use crate::library::Library;
use crate::operation::{Applied, Command, Event, Operation};
use crate::rights::authorise;

/// Why an operation was refused. The `Display` text is written for the person who tried it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Rejection {
    /// A pupil tried something only the teacher may do.
    #[error("Only the teacher can {action}.")]
    TeacherOnly {
        /// What was tried, e.g. "rename a lesson".
        action: &'static str,
    },
    /// The pupil named as author is not on the roster of the class concerned.
    #[error("That pupil isn't on this class's list.")]
    NotOnRoster,
    /// No lesson has that id.
    #[error("That lesson isn't on this device. It may have been deleted in another window.")]
    UnknownLesson,
    /// No class has that id.
    #[error("That class isn't on this device. It may have been deleted in another window.")]
    UnknownClass,
    /// No pupil of that class has that id.
    #[error("That pupil isn't in this class.")]
    UnknownPupil,
    /// The lesson is in the bin and must be restored before it changes.
    #[error("This lesson is in the bin. Restore it to change it.")]
    LessonInBin,
    /// A name is already on the roster.
    #[error(
        "{name} is already on the class list. Add an initial to tell them apart, like \"{name} K\"."
    )]
    DuplicateName {
        /// The name that clashed.
        name: String,
    },
    /// The roster would grow past its limit.
    #[error("A class can have at most {max} pupils.")]
    RosterFull {
        /// The limit.
        max: usize,
    },
    /// `AddPupils` with no names.
    #[error("Add at least one name.")]
    NoNames,
    /// Something already has the id this operation would create.
    #[error("This change was already made on another device.")]
    IdInUse,
}

impl Library {
    /// Validates `op` against this library and its author's rights, then applies it.
    ///
    /// - An operation at or below its device's high-water mark changes nothing and answers
    ///   [`Applied::AlreadyApplied`], so re-delivery is harmless.
    /// - A rejected operation leaves the library exactly as it was.
    /// - The same function runs on every device and on the server, so all agree.
    pub fn apply(&mut self, op: &Operation) -> Result<Applied, Rejection> {
        if self.applied.contains(&op.id) {
            return Ok(Applied::AlreadyApplied);
        }
        authorise(self, &op.author, &op.command)?;
        let event = self.execute(op)?;
        self.applied.record(&op.id);
        Ok(Applied::Changed(event))
    }

    /// Applies a command already authorised. Every branch checks before it changes anything.
    fn execute(&mut self, op: &Operation) -> Result<Event, Rejection> {
        let at = op.at;
        match &op.command {
            Command::CreateLesson { title, class } => self.create_lesson(op, title, class),
            Command::ImportLesson { plan } => self.import_lesson(op, plan),
            Command::RenameLesson { lesson, title } => {
                self.edit_lesson(lesson, at, |plan| plan.title = title.clone())
            }
            Command::SetLessonSubject { lesson, subject } => {
                self.edit_lesson(lesson, at, |plan| plan.subject = subject.clone())
            }
            Command::SetLessonClass { lesson, class } => self.set_lesson_class(lesson, class, at),
            Command::SetLessonDate { lesson, date } => {
                self.edit_lesson(lesson, at, |plan| plan.date = *date)
            }
            Command::SetLessonLength { lesson, length } => {
                self.edit_lesson(lesson, at, |plan| plan.length = *length)
            }
            Command::DuplicateLesson { lesson } => self.duplicate_lesson(op, lesson),
            Command::DeleteLesson { lesson } => self.delete_lesson(lesson, at),
            Command::RestoreLesson { lesson } => self.restore_lesson(lesson, at),
            Command::CreateClass { name } => self.create_class(op, name),
            Command::RenameClass { class, name } => self.rename_class(class, name),
            Command::AddPupils { class, names } => self.add_pupils(op, class, names),
            Command::RenamePupil { class, pupil, name } => self.rename_pupil(class, pupil, name),
            Command::RemovePupil { class, pupil } => self.set_pupil_removed(class, pupil, true),
            Command::RestorePupil { class, pupil } => self.set_pupil_removed(class, pupil, false),
        }
    }
}
