//! A pupil's tablet in this browser (the Pupil view, or a tablet passed round): it holds the
//! lesson only as its pupil may see it, and sends its pupils' operations to the teacher's
//! window, the authority, through its outbox.
//!
//! The window never holds the library. It reads the stored library only to make its own
//! projection (`withme_core::view::project`: the same function the server will run for it) and
//! keeps nothing else. Its operations wait in a [`Client`], stored in its outbox so a reload
//! loses none, until a teacher's window has handled and answered each one.

use std::time::Duration;

use leptos::prelude::*;
use withme_core::sync::{Client, Submission, VersionedView};
use withme_core::view::{Projection, PupilSide, PupilView, Viewer, project};
use withme_core::{DeviceId, LessonId, PupilCommand, PupilId};

use super::notices::Notices;
use super::save_status::{SaveState, StorageProblem};
use crate::browser::random_device_id;
use crate::persistence::local_store::{self, LIBRARY_KEY, StoreError, StoredRead};
use crate::persistence::outbox;

/// How long a tablet's operations may wait for a teacher's window before the pupil is told.
const DELIVERY_PATIENCE: Duration = Duration::from_secs(3);

/// The session key under which a tab keeps its device id for a lesson (followed by the
/// lesson's id), so a reload resumes its outbox there.
const DEVICE_KEY: &str = "withme.tablet.device.";

/// The session key under which a tab keeps the sequence number of its latest operation in a
/// lesson: a reload must never number an operation again (the authority would take it for one
/// it has handled).
const SEQ_KEY: &str = "withme.tablet.seq.";

/// A pupil's tablet: its lesson as its pupil may see it, and its operations on their way. A
/// small handle: copy it freely.
#[derive(Clone, Copy)]
pub struct Tablet {
    client: RwSignal<Client<PupilCommand>>,
    device: StoredValue<DeviceId>,
    lesson: StoredValue<Option<LessonId>>,
    viewer: StoredValue<Option<PupilId>>,
    save: RwSignal<SaveState>,
    undelivered: RwSignal<bool>,
    notices: Notices,
}

impl Tablet {
    /// Starts the tablet for `lesson`: resumes its outbox, makes its view, and listens to the
    /// teacher's windows.
    pub fn start(notices: Notices, lesson: Option<LessonId>) -> Self {
        let device = session_device(lesson.as_ref());
        let resumed = lesson
            .as_ref()
            .map(|lesson| read_own_outbox(&device, lesson))
            .unwrap_or_default();
        let last_seq = session_read(&seq_key(lesson.as_ref()))
            .and_then(|text| text.parse().ok())
            .unwrap_or(0);
        let tablet = Self {
            client: RwSignal::new(Client::resume(last_seq, resumed)),
            device: StoredValue::new(device),
            lesson: StoredValue::new(lesson),
            viewer: StoredValue::new(None),
            save: RwSignal::new(SaveState::Saved),
            undelivered: RwSignal::new(false),
            notices,
        };
        tablet.read_stored_library();
        tablet.read_answers();
        tablet.listen();
        if tablet
            .client
            .with_untracked(|c| c.unanswered().next().is_some())
        {
            tablet.write_outbox();
        }
        tablet
    }

    /// The lesson as this tablet's pupil may see it (tracked). `None` while the lesson is not in
    /// this browser.
    pub fn with_view<R>(&self, read: impl FnOnce(Option<&PupilView>) -> R) -> R {
        self.client.with(|c| {
            read(c.view().and_then(|v| match &v.projection {
                Some(Projection::Pupil(view)) => Some(view),
                Some(Projection::Teacher(_) | Projection::Board(_)) | None => None,
            }))
        })
    }

    /// Reads the lesson as `pupil` sees it (tracked), once the view is theirs.
    pub fn with_side<R>(
        &self,
        pupil: &PupilId,
        read: impl FnOnce(&PupilView, &PupilSide) -> R,
    ) -> Option<R> {
        self.with_view(|view| {
            let view = view?;
            let side = view.me.as_ref().filter(|m| &m.pupil == pupil)?;
            Some(read(view, side))
        })
    }

    /// Changes who is holding the tablet (or nobody): the view is made again for them.
    pub fn show_as(&self, pupil: Option<PupilId>) {
        if self.viewer.get_value() != pupil {
            self.viewer.set_value(pupil);
            self.read_stored_library();
        }
    }

    /// Sends `command` as `pupil` (the pupil holding the tablet). It waits in the outbox until a
    /// teacher's window answers; a refusal is shown then.
    pub fn send(&self, pupil: &PupilId, command: PupilCommand) {
        let seq = self
            .client
            .try_update(|c| c.make(Some(pupil.clone()), command));
        if let Some(seq) = seq {
            let key = seq_key(self.lesson.get_value().as_ref());
            session_write(&key, &seq.to_string());
        }
        self.write_outbox();
    }

    /// This tablet's operations for `pupil` still on their way (tracked): not answered yet, or
    /// accepted but not yet in the view.
    pub fn on_their_way(&self, pupil: &PupilId) -> Vec<PupilCommand> {
        self.client.with(|c| {
            c.on_their_way()
                .filter(|s| s.pupil.as_ref() == Some(pupil))
                .map(|s| s.command.clone())
                .collect()
        })
    }

    /// Whether storage holds this tablet's work (tracked).
    pub fn save_state(&self) -> SaveState {
        self.save.get()
    }

    /// Whether its work has waited too long for a teacher's window (tracked).
    pub fn undelivered(&self) -> bool {
        self.undelivered.get()
    }

    /// Makes the view again from the stored library.
    fn read_stored_library(&self) {
        match local_store::read_library() {
            Ok(StoredRead::Loaded(loaded)) => {
                let version = loaded.ledger.order();
                self.take_library(&loaded.library, version);
            }
            Ok(StoredRead::Empty | StoredRead::Unreadable { .. }) => {}
            Err(error) => self.save.set(not_saving(error)),
        }
    }

    fn take_library(&self, library: &withme_core::Library, version: u64) {
        let Some(lesson) = self.lesson.get_value() else {
            return;
        };
        let viewer = match self.viewer.get_value() {
            Some(pupil) => Viewer::Pupil(pupil),
            None => Viewer::Unchosen,
        };
        let view = VersionedView {
            version,
            projection: project(library, &lesson, &viewer),
        };
        if self.client.with_untracked(|c| c.view() != Some(&view)) {
            self.client.update(|c| c.receive_view(view));
        }
    }

    /// Takes in the teacher's window's answers: answered operations leave the outbox, and a
    /// refusal is told.
    fn read_answers(&self) {
        let key = outbox::answers_key(&self.device.get_value());
        if let Ok(Some(text)) = local_store::read_raw(&key) {
            self.take_answers(&text);
        }
    }

    fn take_answers(&self, text: &str) {
        let answers = outbox::parse_answers(text);
        if answers.is_empty() {
            return;
        }
        self.client.update(|c| {
            for answer in answers {
                c.receive(answer);
            }
        });
        for refusal in self
            .client
            .try_update(|c| c.take_refusals())
            .unwrap_or_default()
        {
            self.notices
                .problem(format!("That didn't go through: {}", refusal.reason));
        }
        // The outbox now holds only what is still unanswered (nothing: it goes).
        self.write_outbox();
    }

    /// Writes the unanswered operations to the outbox (removing it when there are none).
    fn write_outbox(&self) {
        let Some(lesson) = self.lesson.get_value() else {
            return;
        };
        let written = self.client.with_untracked(|c| {
            self.device
                .with_value(|device| outbox::write(device, &lesson, c.unanswered()))
        });
        match written {
            Ok(()) => self.save.set(SaveState::Saved),
            Err(error) => self.save.set(not_saving(error)),
        }
        let waiting = self
            .client
            .with_untracked(|c| c.unanswered().next().is_some());
        if !waiting {
            self.undelivered.set(false);
            return;
        }
        let tablet = *self;
        set_timeout(
            move || {
                let waiting = tablet
                    .client
                    .with_untracked(|c| c.unanswered().next().is_some());
                tablet.undelivered.set(waiting);
            },
            DELIVERY_PATIENCE,
        );
    }

    fn listen(&self) {
        let tablet = *self;
        let answers = outbox::answers_key(&self.device.get_value());
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            let key = event.key().unwrap_or_default();
            if key == answers {
                if let Some(text) = event.new_value() {
                    tablet.take_answers(&text);
                }
            } else if key == LIBRARY_KEY
                && let Some(Ok(loaded)) = event
                    .new_value()
                    .map(|text| withme_core::document::parse_library(&text))
            {
                tablet.take_library(&loaded.library, loaded.ledger.order());
            }
        });
    }
}

/// This tab's device id in `lesson`: kept for the tab's life (a reload keeps it), new in every
/// other tab and every other lesson, so each numbers its operations from 1.
fn session_device(lesson: Option<&LessonId>) -> DeviceId {
    let key = format!("{DEVICE_KEY}{}", lesson.map_or("", LessonId::as_str));
    session_read(&key)
        .and_then(|text| DeviceId::parse(&text).ok())
        .unwrap_or_else(|| {
            let device = random_device_id();
            session_write(&key, device.as_str());
            device
        })
}

fn seq_key(lesson: Option<&LessonId>) -> String {
    format!("{SEQ_KEY}{}", lesson.map_or("", LessonId::as_str))
}

/// This tab's own storage (kept across reloads, never shared with other tabs).
fn session_read(key: &str) -> Option<String> {
    let session = web_sys::window()?.session_storage().ok()??;
    session.get_item(key).ok()?
}

fn session_write(key: &str, value: &str) {
    if let Some(session) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = session.set_item(key, value);
    }
}

/// The operations this device left in its outbox before a reload.
fn read_own_outbox(device: &DeviceId, lesson: &LessonId) -> Vec<Submission<PupilCommand>> {
    let key = outbox::outbox_key(device, lesson);
    local_store::read_raw(&key)
        .ok()
        .flatten()
        .and_then(|text| {
            serde_json::from_str::<withme_core::sync::ToAuthority<PupilCommand>>(&text).ok()
        })
        .map(|message| message.submissions)
        .unwrap_or_default()
}

fn not_saving(error: StoreError) -> SaveState {
    SaveState::NotSaving(match error {
        StoreError::Blocked => StorageProblem::Blocked,
        StoreError::Full => StorageProblem::Full,
        StoreError::Failed(message) => StorageProblem::Failed(message),
    })
}
