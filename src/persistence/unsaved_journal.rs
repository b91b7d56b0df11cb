//! What a teacher's window had not saved when it closed. A save to IndexedDB is asynchronous
//! and cannot finish once the page has gone, so as a window hides or closes it writes its
//! unsaved operations to local storage, which is written at once; the browser's next teacher's
//! window replays them (each applies once) and takes the note away once it has saved them.

use withme_core::DeviceId;
use withme_core::replica::Unsaved;

use super::local_store::{self, StoreError};

/// Keys of unsaved operations start with this, followed by the window's device id.
pub const JOURNAL_PREFIX: &str = "withme.library.unsaved.";

/// The longest note read, in characters (a moment's edits are a few thousand).
const JOURNAL_MAX: usize = 2_000_000;

/// The key of `device`'s note.
pub fn key_of(device: &DeviceId) -> String {
    format!("{JOURNAL_PREFIX}{}", device.as_str())
}

/// Writes `device`'s unsaved operations down, replacing its earlier note.
pub fn write(device: &DeviceId, unsaved: &[Unsaved]) -> Result<(), StoreError> {
    let text = serde_json::to_string(unsaved).map_err(|e| StoreError::Failed(e.to_string()))?;
    local_store::write_raw(&key_of(device), &text)
}

/// Every note in storage that reads, by key. A note that does not read (too long, or not
/// Withme's) is left where it is, untouched.
pub fn read_all() -> Vec<(String, Vec<Unsaved>)> {
    local_store::keys()
        .into_iter()
        .filter(|key| key.starts_with(JOURNAL_PREFIX))
        .filter_map(|key| {
            let text = local_store::read_raw(&key).ok()??;
            if text.len() > JOURNAL_MAX {
                return None;
            }
            let unsaved = serde_json::from_str(&text).ok()?;
            Some((key, unsaved))
        })
        .collect()
}

/// Takes a note away, once what it holds is saved.
pub fn remove(key: &str) {
    let _ = local_store::remove(key);
}
