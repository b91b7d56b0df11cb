//! Operations: the only way anything in a library changes.
//!
//! An [`Operation`] is a [`Command`] (what someone asked for, in the imperative) with a unique id,
//! an author and a time, all supplied by the shell. [`crate::Library::apply`] answers with an
//! [`Event`] (what happened, in the past tense) or a [`crate::Rejection`].

use serde::{Deserialize, Serialize};

use crate::ids::{ClassId, LessonId, OpId, PupilId};
use crate::lesson::Plan;
use crate::text::{ClassName, LessonTitle, PupilName, Subject};
use crate::time::{LessonDate, LessonLength, Timestamp};

/// Who made an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Author {
    /// The class's teacher.
    Teacher,
    /// A pupil on the roster of the class concerned.
    Pupil {
        /// Which pupil.
        pupil: PupilId,
    },
}

/// One change someone asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Command {
    /// Start a new lesson. Its id is the operation's id.
    CreateLesson {
        /// The new lesson's title.
        title: LessonTitle,
        /// The class it is for, if known.
        class: Option<ClassId>,
    },
    /// Add a lesson read from a file. Its id is the operation's id; a class unknown here is dropped.
    ImportLesson {
        /// The lesson's content.
        plan: Plan,
    },
    /// Change a lesson's title.
    RenameLesson {
        /// Which lesson.
        lesson: LessonId,
        /// The new title.
        title: LessonTitle,
    },
    /// Change a lesson's subject.
    SetLessonSubject {
        /// Which lesson.
        lesson: LessonId,
        /// The new subject (may be empty).
        subject: Subject,
    },
    /// Choose, change or clear the class a lesson is for.
    SetLessonClass {
        /// Which lesson.
        lesson: LessonId,
        /// The class, or none.
        class: Option<ClassId>,
    },
    /// Choose, change or clear the day a lesson is taught.
    SetLessonDate {
        /// Which lesson.
        lesson: LessonId,
        /// The date, or none.
        date: Option<LessonDate>,
    },
    /// Change how long a lesson lasts.
    SetLessonLength {
        /// Which lesson.
        lesson: LessonId,
        /// The new length.
        length: LessonLength,
    },
    /// Copy a lesson. The copy's id is the operation's id.
    DuplicateLesson {
        /// The lesson to copy.
        lesson: LessonId,
    },
    /// Put a lesson in the bin (it can be restored).
    DeleteLesson {
        /// Which lesson.
        lesson: LessonId,
    },
    /// Take a lesson out of the bin.
    RestoreLesson {
        /// Which lesson.
        lesson: LessonId,
    },
    /// Start a new class with an empty roster. Its id is the operation's id.
    CreateClass {
        /// The class's name.
        name: ClassName,
    },
    /// Change a class's name.
    RenameClass {
        /// Which class.
        class: ClassId,
        /// The new name.
        name: ClassName,
    },
    /// Add pupils to a roster. The n-th new pupil's id is `<operation id>.<n>`.
    AddPupils {
        /// Which class.
        class: ClassId,
        /// The names, in order; none may already be on the roster.
        names: Vec<PupilName>,
    },
    /// Change a pupil's name.
    RenamePupil {
        /// Which class.
        class: ClassId,
        /// Which pupil.
        pupil: PupilId,
        /// The new name.
        name: PupilName,
    },
    /// Take a pupil off the roster. Their past work keeps its author.
    RemovePupil {
        /// Which class.
        class: ClassId,
        /// Which pupil.
        pupil: PupilId,
    },
    /// Put a removed pupil back on the roster.
    RestorePupil {
        /// Which class.
        class: ClassId,
        /// Which pupil.
        pupil: PupilId,
    },
}

impl Command {
    /// What the command does, as the end of "Only the teacher can …".
    pub fn action(&self) -> &'static str {
        match self {
            Command::CreateLesson { .. } => "create a lesson",
            Command::ImportLesson { .. } => "import a lesson",
            Command::RenameLesson { .. } => "rename a lesson",
            Command::SetLessonSubject { .. }
            | Command::SetLessonClass { .. }
            | Command::SetLessonDate { .. }
            | Command::SetLessonLength { .. } => "change a lesson's details",
            Command::DuplicateLesson { .. } => "duplicate a lesson",
            Command::DeleteLesson { .. } => "delete a lesson",
            Command::RestoreLesson { .. } => "restore a lesson",
            Command::CreateClass { .. } => "create a class",
            Command::RenameClass { .. } => "rename a class",
            Command::AddPupils { .. }
            | Command::RenamePupil { .. }
            | Command::RemovePupil { .. }
            | Command::RestorePupil { .. } => "change a class list",
        }
    }
}

/// A command with everything needed to apply it the same way everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// Unique id: the device that made it and its sequence number there.
    pub id: OpId,
    /// Who made it.
    pub author: Author,
    /// When it was made, by the maker's clock.
    pub at: Timestamp,
    /// What was asked for.
    pub command: Command,
}

/// What an applied operation changed, in the past tense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A lesson was created, imported or duplicated.
    LessonCreated {
        /// The new lesson.
        lesson: LessonId,
    },
    /// A lesson's title or details changed.
    LessonChanged {
        /// Which lesson.
        lesson: LessonId,
    },
    /// A lesson went into the bin.
    LessonDeleted {
        /// Which lesson.
        lesson: LessonId,
    },
    /// A lesson came out of the bin.
    LessonRestored {
        /// Which lesson.
        lesson: LessonId,
    },
    /// A class was created.
    ClassCreated {
        /// The new class.
        class: ClassId,
    },
    /// A class's name or roster changed.
    ClassChanged {
        /// Which class.
        class: ClassId,
    },
}

/// The result of applying an operation that was not rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The operation was new and changed the library.
    Changed(Event),
    /// The operation had been applied before; nothing changed.
    AlreadyApplied,
}
