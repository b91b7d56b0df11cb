//! Short messages that come and go ("Moved to the bin. Undo"), announced to screen readers.

use std::time::Duration;

use leptos::prelude::*;

/// How long a message stays on screen.
const SHOW_FOR: Duration = Duration::from_secs(10);

/// Whether a message reports a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something happened as asked.
    Info,
    /// Something could not be done.
    Problem,
}

/// Undoes what a message reports. Kept by the message itself (not in the reactive arena): the
/// component that made it may be gone, a removed pupil's row say, when "Undo" is pressed.
pub type UndoAction = std::sync::Arc<dyn Fn() + Send + Sync>;

/// One message.
#[derive(Clone)]
pub struct Notice {
    /// Unique within this window.
    pub id: u64,
    /// The text.
    pub text: String,
    /// Info or problem.
    pub tone: Tone,
    /// Undoes what the message reports, offered as an "Undo" button (the teacher's windows
    /// make it: a pupil's tablet has nothing to undo).
    pub undo: Option<UndoAction>,
}

/// The messages on screen. A small handle: copy it freely.
#[derive(Debug, Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    next_id: StoredValue<u64>,
}

impl Notices {
    /// An empty list.
    pub fn new() -> Self {
        Self {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    /// Shows that something happened.
    pub fn info(&self, text: impl Into<String>) {
        self.push(text.into(), Tone::Info, None);
    }

    /// Shows that something happened, with a button that undoes it.
    pub fn with_undo(&self, text: impl Into<String>, undo: UndoAction) {
        self.push(text.into(), Tone::Info, Some(undo));
    }

    /// Shows that something could not be done.
    pub fn problem(&self, text: impl Into<String>) {
        self.push(text.into(), Tone::Problem, None);
    }

    /// Removes a message.
    pub fn dismiss(&self, id: u64) {
        self.list.update(|list| list.retain(|n| n.id != id));
    }

    /// The messages, oldest first (tracked).
    pub fn current(&self) -> Vec<Notice> {
        self.list.get()
    }

    fn push(&self, text: String, tone: Tone, undo: Option<UndoAction>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.list.update(|list| {
            list.push(Notice {
                id,
                text,
                tone,
                undo,
            });
            // A whiteboard has no room for a pile of messages: keep the newest three.
            let excess = list.len().saturating_sub(3);
            list.drain(..excess);
        });
        let notices = *self;
        set_timeout(move || notices.dismiss(id), SHOW_FOR);
    }
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}
