//! The narrow handles components use: read the library, dispatch a command, see saving status.

use leptos::prelude::*;
use withme_core::{Author, Command, Event, Library, OpId, Rejection};

use super::library_state::LibraryState;
use super::live_lessons::LiveLessons;
use super::save_status::{KeptAside, SaveState};

/// Read access to the library.
#[derive(Clone, Copy)]
pub struct LibraryView(LibraryState);

impl LibraryView {
    /// Reads the library; a component or memo calling this re-runs when it changes.
    pub fn with<R>(&self, read: impl FnOnce(&Library) -> R) -> R {
        self.0.with(read)
    }

    /// Reads the library without subscribing to changes (for event handlers).
    pub fn with_untracked<R>(&self, read: impl FnOnce(&Library) -> R) -> R {
        self.0.with_untracked(read)
    }

    /// Whether the library is still being read from storage (tracked).
    pub fn is_opening(&self) -> bool {
        self.0.is_opening()
    }

    /// While the library opens, its lessons as its index lists them, once read (tracked).
    pub fn opening_index(&self) -> Option<Vec<withme_core::records::LessonSummary>> {
        self.0.opening_index()
    }
}

/// The one way the UI changes the library: it hands the core a command. A command about a
/// live lesson (or its class) goes to the lesson's server instead, once checked here.
#[derive(Clone, Copy)]
pub struct LessonDispatch(LibraryState, LiveLessons);

impl LessonDispatch {
    /// Applies `command` as the teacher (the person using this Planner or Board).
    pub fn as_teacher(&self, command: Command) -> Result<Event, Rejection> {
        match self.1.route(&command) {
            Some(lesson) => self.1.send(&lesson, command),
            None => self.0.make(Author::Teacher, command),
        }
    }

    /// An "Undo" for a notice: applies `undo` as the teacher, and tells `notices` if it is
    /// refused.
    pub fn undo_action(&self, notices: super::Notices, undo: Command) -> super::UndoAction {
        let dispatch = *self;
        std::sync::Arc::new(move || {
            if let Err(reason) = dispatch.as_teacher(undo.clone()) {
                notices.problem(reason.to_string());
            }
        })
    }

    /// The id the next command will get (to work out its undo beforehand).
    pub(super) fn next_op_id(&self) -> OpId {
        self.0.next_op_id()
    }
}

/// Whether this window's changes are being saved (the teacher's library, or a tablet's outbox),
/// any library kept aside at start, and on a tablet whether its work still waits for a
/// teacher's window.
#[derive(Clone, Copy)]
pub struct SaveStatus {
    state: Signal<SaveState>,
    kept_aside: Signal<Option<KeptAside>>,
    undelivered: Signal<bool>,
    dismiss: Callback<()>,
    /// Downloads records kept aside, by their keys: the teacher's library's (none on a tablet,
    /// so the Pupil app carries no code for reading records).
    download_kept: Option<Callback<Vec<String>>>,
}

impl SaveStatus {
    /// The saving state (tracked).
    pub fn state(&self) -> SaveState {
        self.state.get()
    }

    /// On a pupil's tablet, whether its work is still waiting for a teacher's window (tracked).
    pub fn undelivered(&self) -> bool {
        self.undelivered.get()
    }

    /// A stored library that couldn't be read and was copied aside (tracked).
    pub fn kept_aside(&self) -> Option<KeptAside> {
        self.kept_aside.get()
    }

    /// Hides the kept-aside message; the copy stays in storage.
    pub fn dismiss_kept_aside(&self) {
        self.dismiss.run(());
    }

    /// Downloads damaged records kept aside, by their keys, as one file.
    pub fn download_kept_records(&self, keys: Vec<String>) {
        if let Some(download) = self.download_kept {
            download.run(keys);
        }
    }

    /// A tablet's status: its outbox's saving, and whether its work waits.
    pub(crate) fn of_tablet(tablet: super::tablet::Tablet) -> Self {
        Self {
            state: Signal::derive(move || tablet.save_state()),
            kept_aside: Signal::derive(|| None),
            undelivered: Signal::derive(move || tablet.undelivered()),
            dismiss: Callback::new(|()| {}),
            download_kept: None,
        }
    }
}

pub(super) fn handles(
    state: LibraryState,
    live: LiveLessons,
) -> (LibraryView, LessonDispatch, SaveStatus) {
    let save = SaveStatus {
        state: Signal::derive(move || state.save_state()),
        kept_aside: Signal::derive(move || state.kept_aside()),
        undelivered: Signal::derive(|| false),
        dismiss: Callback::new(move |()| state.dismiss_kept_aside()),
        download_kept: Some(Callback::new(move |keys| state.download_kept_records(keys))),
    };
    (LibraryView(state), LessonDispatch(state, live), save)
}
