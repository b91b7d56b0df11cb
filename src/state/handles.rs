//! The narrow handles components use: read the library, dispatch a command, see saving status.

use withme_core::{Author, Command, Event, Library, OpId, PupilId, Rejection};

use super::library_state::LibraryState;
use super::save_status::{KeptAside, SaveState};

/// Read access to the library.
#[derive(Clone, Copy)]
pub struct LibraryView(LibraryState);

impl LibraryView {
    /// Reads the library; a component or memo calling this re-runs when it changes.
    pub fn with<R>(&self, read: impl FnOnce(&Library) -> R) -> R {
        self.0.with(read)
    }

    /// On a pupil's tablet, says who holds it, so the window holds what they may see.
    pub fn show_as_pupil(&self, pupil: Option<withme_core::PupilId>) {
        self.0.show_as_pupil(pupil);
    }

    /// Reads the library without subscribing to changes (for event handlers).
    pub fn with_untracked<R>(&self, read: impl FnOnce(&Library) -> R) -> R {
        self.0.with_untracked(read)
    }
}

/// The one way the UI changes the library: it hands the core a command.
#[derive(Clone, Copy)]
pub struct LessonDispatch(LibraryState);

impl LessonDispatch {
    /// Applies `command` as the teacher (the person using this Planner or Board).
    pub fn as_teacher(&self, command: Command) -> Result<Event, Rejection> {
        self.0.make(Author::Teacher, command)
    }

    /// Applies `command` as a pupil on the lesson's class list (the Pupil view).
    pub fn as_pupil(&self, pupil: PupilId, command: Command) -> Result<Event, Rejection> {
        self.0.make(Author::Pupil { pupil }, command)
    }

    /// The id the next command will get (to work out its undo beforehand).
    pub(super) fn next_op_id(&self) -> OpId {
        self.0.next_op_id()
    }
}

/// Whether changes are being saved, and any library kept aside at start.
#[derive(Clone, Copy)]
pub struct SaveStatus(LibraryState);

impl SaveStatus {
    /// The saving state (tracked).
    pub fn state(&self) -> SaveState {
        self.0.save_state()
    }

    /// On a pupil's tablet, whether its work is still waiting for a teacher's window (tracked).
    pub fn undelivered(&self) -> bool {
        self.0.undelivered()
    }

    /// A stored library that couldn't be read and was copied aside (tracked).
    pub fn kept_aside(&self) -> Option<KeptAside> {
        self.0.kept_aside()
    }

    /// Hides the kept-aside message; the copy stays in storage.
    pub fn dismiss_kept_aside(&self) {
        self.0.dismiss_kept_aside();
    }
}

pub(super) fn handles(state: LibraryState) -> (LibraryView, LessonDispatch, SaveStatus) {
    (LibraryView(state), LessonDispatch(state), SaveStatus(state))
}
