//! Which pupil this tab of the Pupil view belongs to, per class: chosen by the pupil with a tap.
//!
//! Kept in the tab's session storage: it lasts across reloads of that tab, and every other tab
//! of the browser is a tablet of its own (two tabs are two pupils, and a new tab asks who is
//! there, never greeting the last pupil). A live lesson's own tablet holds its seat instead.
//! This is a setting of the tab, not part of any lesson, so it is not an operation.

use withme_core::{ClassId, PupilId};

fn key(class: &ClassId) -> String {
    format!("withme.pupil.{class}")
}

fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The pupil chosen in this tab for `class`, if any (and if storage can be read).
pub fn remembered(class: &ClassId) -> Option<PupilId> {
    tab_storage()?
        .get_item(&key(class))
        .ok()
        .flatten()
        .and_then(|text| PupilId::parse(&text).ok())
}

/// Remembers the pupil chosen in this tab. If storage is unavailable the choice lasts only
/// until the page is closed, which the caller keeps in memory anyway.
pub fn remember(class: &ClassId, pupil: &PupilId) {
    if let Some(storage) = tab_storage() {
        let _ = storage.set_item(&key(class), pupil.as_str());
    }
}

/// Forgets the pupil chosen in this tab for `class` ("Not you?").
pub fn forget(class: &ClassId) {
    if let Some(storage) = tab_storage() {
        let _ = storage.remove_item(&key(class));
    }
}
