//! A pupil's tablet and the teacher's window, in one browser, talking through storage in the
//! same messages a tablet and the server exchange (`PROTOCOL.md`).
//!
//! - A tablet writes its unanswered operations under `withme.outbox.<device>.<lesson>` (the
//!   lesson it joined, where its seat is): a
//!   [`ToAuthority`] message (`{"protocol": 1, "submissions": [{"seq", "pupil", "command"}]}`).
//!   It never writes the library.
//! - Any teacher's window (the authority) reads it, handles each operation with the core as the
//!   server will (the device is the seat; the author and the time are the window's to attach),
//!   writes the library, then answers under `withme.answers.<device>`: a [`ToDevice`] message
//!   (`{"protocol": 1, "answers": [...]}`) with an answer for each operation in the outbox.
//! - The tablet forgets each operation once answered, and rewrites (or removes) its outbox.

use withme_core::sync::{
    Answer, MAX_MESSAGE_BYTES, PROTOCOL_VERSION, Submission, ToAuthority, ToDevice,
};
use withme_core::{Command, DeviceId, LessonId, PupilCommand};

use super::local_store::{self, StoreError};

/// Outbox keys start with this, followed by the device id.
pub const OUTBOX_PREFIX: &str = "withme.outbox.";

/// Answer keys start with this, followed by the device id.
pub const ANSWERS_PREFIX: &str = "withme.answers.";

/// The device whose outbox `key` is, and the lesson it joined, if it is an outbox key.
pub fn outbox_owner(key: &str) -> Option<(DeviceId, LessonId)> {
    let (device, lesson) = key.strip_prefix(OUTBOX_PREFIX)?.split_once('.')?;
    Some((DeviceId::parse(device).ok()?, LessonId::parse(lesson).ok()?))
}

/// The key of `device`'s outbox in `lesson`.
pub fn outbox_key(device: &DeviceId, lesson: &LessonId) -> String {
    format!("{OUTBOX_PREFIX}{}.{lesson}", device.as_str())
}

/// The key of `device`'s answers.
pub fn answers_key(device: &DeviceId) -> String {
    format!("{ANSWERS_PREFIX}{}", device.as_str())
}

/// On a tablet: replaces this device's outbox in `lesson` with `submissions`, or removes it
/// when there are none.
pub fn write<'a>(
    device: &DeviceId,
    lesson: &LessonId,
    submissions: impl Iterator<Item = &'a Submission<PupilCommand>>,
) -> Result<(), StoreError> {
    let key = outbox_key(device, lesson);
    let message = ToAuthority {
        protocol: PROTOCOL_VERSION,
        submissions: submissions.cloned().collect(),
    };
    if message.submissions.is_empty() {
        return local_store::remove(&key);
    }
    let text = crate::browser::json::write(&message).map_err(StoreError::Failed)?;
    local_store::write_raw(&key, &text)
}

/// In a teacher's window: the operations in one outbox's text, in order; nothing if it is not a
/// readable message (it stays in storage for a Withme that can read it).
///
/// A tablet sends only pupils' commands, so they are read as such (the browser app then
/// carries no code for reading the teacher's commands); the authority still checks each one.
pub fn parse(text: &str) -> Vec<Submission<Command>> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Vec::new();
    }
    match serde_json::from_str::<ToAuthority<PupilCommand>>(text) {
        Ok(message) if message.protocol == PROTOCOL_VERSION => message
            .submissions
            .into_iter()
            .map(|s| Submission {
                seq: s.seq,
                pupil: s.pupil,
                command: s.command.into(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// An outbox: whose, in which lesson, and what it holds.
pub type Outbox = (DeviceId, LessonId, Vec<Submission<Command>>);

/// In a teacher's window: every outbox in storage.
pub fn read_all() -> Vec<Outbox> {
    local_store::keys()
        .into_iter()
        .filter_map(|key| {
            let (device, lesson) = outbox_owner(&key)?;
            let text = local_store::read_raw(&key).ok().flatten()?;
            Some((device, lesson, parse(&text)))
        })
        .collect()
}

/// In a teacher's window: writes `device`'s answers (removes them when there are none), unless
/// storage already holds exactly these.
pub fn write_answers(device: &DeviceId, answers: Vec<Answer>) -> Result<(), StoreError> {
    let key = answers_key(device);
    if answers.is_empty() {
        return match local_store::read_raw(&key)? {
            Some(_) => local_store::remove(&key),
            None => Ok(()),
        };
    }
    let message = ToDevice {
        protocol: PROTOCOL_VERSION,
        answers,
        view: None,
    };
    let text = serde_json::to_string(&message).map_err(|e| StoreError::Failed(e.to_string()))?;
    if local_store::read_raw(&key)?.as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    local_store::write_raw(&key, &text)
}

/// The answers a teacher's window writes for a tablet: a [`ToDevice`] message that never carries
/// a view (the tablet makes its own), read without the code for reading views.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    protocol: u32,
    #[serde(default)]
    answers: Vec<Answer>,
}

/// On a tablet: the answers in its answers key's text; none if unreadable.
pub fn parse_answers(text: &str) -> Vec<Answer> {
    match crate::browser::json::read::<Answers>(text) {
        Ok(message) if message.protocol == PROTOCOL_VERSION => message.answers,
        _ => Vec::new(),
    }
}
