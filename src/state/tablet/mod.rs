//! A pupil's tablet: it holds the lesson only as its pupil may see it, and sends its pupils'
//! operations to the authority, keeping each until it is answered.
//!
//! Two ways to the authority:
//! - **In this browser** (the Pupil view, or a tablet passed round): the teacher's window is the
//!   authority. The tablet says whom it shows the lesson to, and the teacher's window writes it
//!   that viewer's projection ([`crate::persistence::views`]): the tablet never reads the
//!   library. Its operations wait in its outbox, so a reload loses none.
//! - **Live** (`/join`, [`live`]): the Withme server is the authority, over a WebSocket
//!   ([`crate::live::LiveSocket`]). The tablet joins with the lesson's code, is let in by the
//!   teacher, and keeps its seat and its unanswered operations in local storage across reloads;
//!   the server sends its view.

mod live;

use std::time::Duration;

use leptos::prelude::*;
use withme_core::sync::{Answer, Client, Submission, VersionedView};
use withme_core::view::{PupilProjection, PupilSide, PupilView};
use withme_core::{DeviceId, LessonId, PupilCommand, PupilId};

use super::notices::Notices;
use super::save_status::{SaveState, StorageProblem};
use crate::browser::{now, random_device_id};
use crate::persistence::local_store::{self, StoreError};
use crate::persistence::outbox;
use crate::persistence::views::{self, Viewing};

use live::Live;
pub use live::{KeptSeat, LiveState};

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
    client: RwSignal<Client<PupilCommand, PupilProjection>>,
    device: StoredValue<DeviceId>,
    lesson: StoredValue<Option<LessonId>>,
    viewer: StoredValue<Option<PupilId>>,
    save: RwSignal<SaveState>,
    undelivered: RwSignal<bool>,
    notices: Notices,
    live: Option<Live>,
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
            live: None,
        };
        tablet.say_whom_it_shows();
        tablet.read_view();
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
    /// this browser, or no view has come yet (see [`Tablet::has_view`]).
    pub fn with_view<R>(&self, read: impl FnOnce(Option<&PupilView>) -> R) -> R {
        self.client.with(|c| {
            read(c.view().and_then(|v| {
                v.projection
                    .as_ref()
                    .map(|PupilProjection::Pupil(view)| view)
            }))
        })
    }

    /// Whether the view this tablet holds is `pupil`'s own (tracked): after the tablet changes
    /// hands, not until the authority sends the new pupil's.
    pub fn shows(&self, pupil: &PupilId) -> bool {
        self.with_view(|view| {
            view.and_then(|v| v.me.as_ref())
                .is_some_and(|me| &me.pupil == pupil)
        })
    }

    /// Whether the authority has sent this tablet a view yet (tracked): in one browser, not
    /// until a teacher's window is open.
    pub fn has_view(&self) -> bool {
        self.client.with(|c| c.view().is_some())
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
        if self.live.is_some() {
            return; // Live, the server sends the view of the pupil it let in.
        }
        if self.viewer.get_value() != pupil {
            self.viewer.set_value(pupil);
            self.say_whom_it_shows();
            self.read_view();
        }
    }

    /// Sends `command` as `pupil` (the pupil holding the tablet). It waits in the outbox until a
    /// teacher's window answers; a refusal is shown then.
    pub fn send(&self, pupil: &PupilId, command: PupilCommand) {
        let seq = self
            .client
            .try_update(|c| c.make(Some(pupil.clone()), command));
        if self.live.is_some() {
            return self.deliver_live();
        }
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

    /// How many of its operations the authority has not answered yet (tracked).
    pub fn waiting(&self) -> usize {
        self.client.with(|c| c.unanswered().count())
    }

    /// Whether its work has waited too long for a teacher's window (tracked).
    pub fn undelivered(&self) -> bool {
        self.undelivered.get()
    }

    /// Tells the teacher's windows whom this tablet shows its lesson to, so they send that
    /// pupil's view (or the class list's, before anyone chose their name).
    fn say_whom_it_shows(&self) {
        let Some(lesson) = self.lesson.get_value() else {
            return;
        };
        let viewing = Viewing {
            lesson,
            pupil: self.viewer.get_value(),
            at: now(),
        };
        if let Err(error) = views::write_viewing(&self.device.get_value(), &viewing) {
            self.save.set(not_saving(error));
        }
    }

    /// Takes in the view a teacher's window last wrote for this tablet.
    fn read_view(&self) {
        if let Some(view) = views::read_view(&self.device.get_value()) {
            self.take_view(view);
        }
    }

    /// Takes in a view, unless it is another pupil's than the one holding the tablet now (a
    /// view made for the pupil before may still be in storage). Before anyone has chosen their
    /// name (as after a reload), any view of the lesson will do for its class list.
    fn take_view(&self, view: VersionedView<PupilProjection>) {
        let whose = match &view.projection {
            Some(PupilProjection::Pupil(v)) => v.me.as_ref().map(|m| m.pupil.clone()),
            None => None,
        };
        let viewer = self.viewer.get_value();
        if viewer.is_some() && whose.is_some() && whose != viewer {
            return;
        }
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
        self.receive_answers(answers);
        // The outbox now holds only what is still unanswered (nothing: it goes).
        self.write_outbox();
    }

    /// Takes in the authority's answers (from a teacher's window or the server), and tells the
    /// pupil of any refusal.
    fn receive_answers(&self, answers: Vec<Answer>) {
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
        let view = views::view_key(&self.device.get_value());
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            let key = event.key().unwrap_or_default();
            if key == answers {
                if let Some(text) = event.new_value() {
                    tablet.take_answers(&text);
                }
            } else if key == view
                && let Some(view) = event.new_value().and_then(|text| views::parse_view(&text))
            {
                tablet.take_view(view);
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
    local_store::read_json::<withme_core::sync::ToAuthority<PupilCommand>>(&key)
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
