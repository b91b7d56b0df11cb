//! Operations: the only way anything in a library changes.
//!
//! An [`Operation`] is a [`Command`] (what someone asked for, in the imperative) with a unique id,
//! an author and a time, all supplied by the shell. [`crate::Library::apply`] answers with an
//! [`Event`] (what happened, in the past tense) or a [`crate::Rejection`].

use crate::backup::Restored;
use crate::command::Command;
use crate::ids::{ClassId, LessonId, OpId, PupilId};
use crate::time::Timestamp;

/// Who made an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    /// The class's teacher.
    Teacher,
    /// A pupil on the roster of the class concerned.
    Pupil {
        /// Which pupil.
        pupil: PupilId,
    },
}

/// A command with everything needed to apply it the same way everywhere. Made by the authority
/// (or by the teacher's own window for its own commands), never read from a device: a device
/// sends a [`crate::sync::Submission`], and the authority attaches the author and the time.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// A template was saved or deleted.
    TemplatesChanged,
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
    /// A class was deleted with everything about its pupils.
    ClassDeleted {
        /// Which class.
        class: ClassId,
    },
    /// Lessons in the bin were deleted for good.
    BinEmptied {
        /// How many.
        removed: u32,
    },
    /// An archive's lessons left the library.
    LessonsArchived {
        /// How many left it.
        archived: u32,
        /// How many stayed because they changed after the archive was made.
        kept: u32,
    },
    /// A backup was restored: what it added, and what was kept as it was here.
    LibraryRestored {
        /// The counts.
        restored: Restored,
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
