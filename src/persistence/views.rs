//! In one browser, a pupil's tablet receives its view from the teacher's window, as a live
//! tablet receives it from the server: it never reads the library.
//!
//! - A tablet writes whom it shows the lesson to under `withme.viewing.<device>`: a
//!   [`Viewing`] (`{"lesson": "…", "pupil": "…" | null, "at": ms}`), again whenever the pupil
//!   holding it changes.
//! - Every teacher's window makes that viewer's projection with the core (the function the
//!   server runs) and writes it under `withme.view.<device>` as a [`VersionedView`], when the
//!   library it saved changed it, or when a tablet's viewing changed.
//! - The tablet reads only a pupil's projection from it ([`PupilProjection`]).

use serde::{Deserialize, Serialize};
use withme_core::sync::VersionedView;
use withme_core::view::{Projection, PupilProjection};
use withme_core::{DeviceId, LessonId, PupilId, Timestamp};

use super::local_store::{self, StoreError};

/// Viewing keys start with this, followed by the device id.
pub const VIEWING_PREFIX: &str = "withme.viewing.";

/// View keys start with this, followed by the device id.
pub const VIEW_PREFIX: &str = "withme.view.";

/// The most tablets whose views the teacher's windows keep making; the quietest go first.
const MOST_TABLETS: usize = 40;

/// How long a tablet that has not opened again keeps being sent views.
const FORGET_AFTER_MS: u64 = 12 * 60 * 60 * 1000;

/// Whom a tablet shows its lesson to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Viewing {
    /// The lesson it shows.
    pub lesson: LessonId,
    /// The pupil holding it, once they chose their name.
    pub pupil: Option<PupilId>,
    /// When it last said so.
    pub at: Timestamp,
}

/// The key of `device`'s viewing.
pub fn viewing_key(device: &DeviceId) -> String {
    format!("{VIEWING_PREFIX}{}", device.as_str())
}

/// The key of `device`'s view.
pub fn view_key(device: &DeviceId) -> String {
    format!("{VIEW_PREFIX}{}", device.as_str())
}

/// The device whose viewing `key` is, if it is a viewing key.
pub fn viewing_owner(key: &str) -> Option<DeviceId> {
    DeviceId::parse(key.strip_prefix(VIEWING_PREFIX)?).ok()
}

/// On a tablet: says whom it shows the lesson to.
pub fn write_viewing(device: &DeviceId, viewing: &Viewing) -> Result<(), StoreError> {
    let text = crate::browser::json::write(viewing).map_err(StoreError::Failed)?;
    local_store::write_raw(&viewing_key(device), &text)
}

/// On a tablet: the view the teacher's window last wrote for it, if readable.
pub fn read_view(device: &DeviceId) -> Option<VersionedView<PupilProjection>> {
    parse_view(&local_store::read_raw(&view_key(device)).ok()??)
}

/// On a tablet: a view's text, read as a pupil's; `None` if it is anything else.
pub fn parse_view(text: &str) -> Option<VersionedView<PupilProjection>> {
    crate::browser::json::read(text).ok()
}

/// In a teacher's window: one tablet's viewing.
pub fn read_viewing(device: &DeviceId) -> Option<Viewing> {
    let text = local_store::read_raw(&viewing_key(device)).ok()??;
    serde_json::from_str(&text).ok()
}

/// In a teacher's window: every tablet's viewing, after forgetting the tablets gone quiet (not
/// opened for [`FORGET_AFTER_MS`], beyond the [`MOST_TABLETS`] latest, or claiming a time to
/// come) with their views.
pub fn read_all_viewing(now: Timestamp) -> Vec<(DeviceId, Viewing)> {
    let mut all: Vec<(DeviceId, Viewing)> = local_store::keys()
        .iter()
        .filter_map(|key| {
            let device = viewing_owner(key)?;
            let viewing = read_viewing(&device);
            if viewing.is_none() {
                forget(&device);
            }
            Some((device, viewing?))
        })
        .collect();
    all.sort_by_key(|(_, viewing)| std::cmp::Reverse(viewing.at));
    let mut kept = Vec::new();
    for (device, viewing) in all {
        // A time after now was not written by a tablet of this browser (they share its clock):
        // it would never go quiet, so it goes now.
        let quiet = viewing.at > now || now.millis() - viewing.at.millis() > FORGET_AFTER_MS;
        if quiet || kept.len() >= MOST_TABLETS {
            forget(&device);
        } else {
            kept.push((device, viewing));
        }
    }
    kept
}

/// In a teacher's window: writes `device`'s view, unless storage already holds exactly it.
pub fn write_view(device: &DeviceId, view: &VersionedView<Projection>) -> Result<(), StoreError> {
    let key = view_key(device);
    let text = serde_json::to_string(view).map_err(|e| StoreError::Failed(e.to_string()))?;
    if local_store::read_raw(&key)?.as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    local_store::write_raw(&key, &text)
}

fn forget(device: &DeviceId) {
    let _ = local_store::remove(&viewing_key(device));
    let _ = local_store::remove(&view_key(device));
}
