//! Which pupil this device belongs to, per class: chosen once by the pupil on their tablet.
//!
//! This is a setting of the device, not part of any lesson, so it is not an operation.

use withme_core::{ClassId, PupilId};

use super::local_store::{read_raw, remove, write_raw};

fn key(class: &ClassId) -> String {
    format!("withme.pupil.{class}")
}

/// The pupil chosen on this device for `class`, if any (and if storage can be read).
pub fn remembered(class: &ClassId) -> Option<PupilId> {
    read_raw(&key(class))
        .ok()
        .flatten()
        .and_then(|text| PupilId::parse(&text).ok())
}

/// Remembers the pupil chosen on this device. If storage is unavailable the choice lasts only
/// until the page is closed, which the caller keeps in memory anyway.
pub fn remember(class: &ClassId, pupil: &PupilId) {
    let _ = write_raw(&key(class), pupil.as_str());
}

/// Forgets the pupil chosen on this device for `class` ("Not you?").
pub fn forget(class: &ClassId) {
    let _ = remove(&key(class));
}
