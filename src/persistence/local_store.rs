//! The one adapter between Withme and the browser's local storage (through gloo-storage).
//!
//! gloo-storage panics if storage is blocked (cookies off, some managed school devices), so every
//! call first asks the browser for storage inside a `Result`. Nothing here ever deletes or
//! overwrites a stored library it could not read: that text is copied aside under its own key.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;
use withme_core::document::{DocumentError, LoadedLibrary, StoredLibrary, parse_library};
use withme_core::sync::Ledger;
use withme_core::{Library, Timestamp};

/// The key of the stored library.
pub const LIBRARY_KEY: &str = "withme.library";

/// Keys of libraries kept aside (unreadable, or from a newer Withme) start with this.
pub const KEPT_ASIDE_PREFIX: &str = "withme.library.kept.";

/// Why storage could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refuses access to storage.
    Blocked,
    /// Storage is full (the browser's quota is used up).
    Full,
    /// Another error from the browser, with its message.
    Failed(String),
}

/// What the stored library key holds.
#[derive(Debug)]
pub enum StoredRead {
    /// Nothing: a first visit, or storage was cleared.
    Empty,
    /// A library this version can read (migrated if it was older).
    Loaded(LoadedLibrary),
    /// Text this version cannot read, with the reason. It must not be overwritten.
    Unreadable {
        /// The stored text, exactly.
        raw: String,
        /// Why it could not be read.
        error: DocumentError,
    },
}

/// Whether the browser lets this page use local storage at all.
pub fn probe() -> Result<(), StoreError> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(()),
        _ => Err(StoreError::Blocked),
    }
}

/// Reads the library as Withme kept it before it moved into IndexedDB (see
/// [`super::library_records::move_from_local_storage`]).
pub fn read_library() -> Result<StoredRead, StoreError> {
    let Some(raw) = read_raw(LIBRARY_KEY)? else {
        return Ok(StoredRead::Empty);
    };
    Ok(match parse_library(&raw) {
        Ok(loaded) => StoredRead::Loaded(loaded),
        Err(error) => StoredRead::Unreadable { raw, error },
    })
}

/// Writes the library and its ledger as one text, as Withme kept it before it moved into
/// IndexedDB (tests make such a library to move). On failure, what was stored before is untouched
/// (browsers check the quota before changing anything).
pub fn write_library(library: &Library, ledger: &Ledger) -> Result<(), StoreError> {
    probe()?;
    LocalStorage::set(LIBRARY_KEY, StoredLibrary::new(library, ledger)).map_err(store_error)
}

/// Copies `raw` aside under a new key and returns that key. If an identical copy is already
/// kept, returns its key instead of storing the text twice.
pub fn keep_aside(raw: &str, at: Timestamp) -> Result<String, StoreError> {
    probe()?;
    let storage = LocalStorage::raw();
    let length = storage.length().unwrap_or(0);
    for index in 0..length {
        let Ok(Some(key)) = storage.key(index) else {
            continue;
        };
        if key.starts_with(KEPT_ASIDE_PREFIX) && read_raw(&key)?.as_deref() == Some(raw) {
            return Ok(key);
        }
    }
    // A free key: two different texts kept in the same millisecond must not replace each other.
    let base = format!("{KEPT_ASIDE_PREFIX}{}", at.millis());
    let mut key = base.clone();
    let mut n = 1;
    while read_raw(&key)?.is_some() {
        n += 1;
        key = format!("{base}-{n}");
    }
    storage.set_item(&key, raw).map_err(raw_error)?;
    Ok(key)
}

/// Asks the browser to keep this site's storage even when space runs low, or (Safari) after a
/// week without a visit. Browsers decide for themselves; some ask the user once.
pub fn ask_to_keep_storage() {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().storage().persist();
    }
}

/// Reads any key's text exactly as stored.
pub fn read_raw(key: &str) -> Result<Option<String>, StoreError> {
    probe()?;
    LocalStorage::raw().get_item(key).map_err(raw_error)
}

/// The text under `key` read as a `T` (through [`crate::browser::json`]); `None` if there is
/// none, storage can't be read, or it is not a `T`.
pub fn read_json<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    crate::browser::json::read(&read_raw(key).ok()??).ok()
}

/// Writes any key's text exactly as given.
pub fn write_raw(key: &str, value: &str) -> Result<(), StoreError> {
    probe()?;
    LocalStorage::raw().set_item(key, value).map_err(raw_error)
}

/// Every key in storage (none when storage is blocked).
pub fn keys() -> Vec<String> {
    if probe().is_err() {
        return Vec::new();
    }
    let storage = LocalStorage::raw();
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|index| storage.key(index).ok().flatten())
        .collect()
}

/// The room this browser gives one site's local storage, in characters: Chromium holds about
/// 5.18 million, Firefox and Safari about 5 million, so Withme counts on 5 million.
pub const ROOM_CHARACTERS: u64 = 5_000_000;

/// How much of the browser's room for Withme is taken. Withme keeps its library in IndexedDB,
/// whose room the browser gives as a quota in bytes, and settings, tablets' outboxes and copies
/// kept aside in local storage, whose room is counted in characters: whichever is fuller is
/// the one that matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageUse {
    /// Characters in local storage, keys included.
    pub local_characters: u64,
    /// Bytes used and the quota, as the browser estimates them (`None` if it does not say).
    pub estimate: Option<(u64, u64)>,
}

impl StorageUse {
    /// From this share on, the teacher is warned and shown the way out.
    pub const WARN_PERCENT: u64 = 70;

    /// The share of the fuller room taken, in whole percent (at most 100).
    pub fn percent(self) -> u64 {
        let local = self.local_characters * 100 / ROOM_CHARACTERS;
        let records = match self.estimate {
            Some((usage, quota)) if quota > 0 => usage.saturating_mul(100) / quota,
            _ => 0,
        };
        local.max(records).min(100)
    }

    /// Whether the teacher should make room now, well before saving fails.
    pub fn nearly_full(self) -> bool {
        self.percent() >= Self::WARN_PERCENT
    }
}

/// Measures what this site keeps (local storage counted here, without copying any of it into
/// the app; the rest as the browser estimates it). `None` when storage is blocked.
pub async fn storage_use() -> Option<StorageUse> {
    let local_characters = local_characters()?;
    let estimate = match web_sys::window().map(|w| w.navigator().storage().estimate()) {
        Some(Ok(promise)) => wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .map(|e| e.unchecked_into::<web_sys::StorageEstimate>())
            .and_then(|e| Some((e.get_usage()? as u64, e.get_quota()? as u64))),
        _ => None,
    };
    Some(StorageUse {
        local_characters,
        estimate,
    })
}

/// Characters in local storage, keys included, as browsers count them (UTF-16 units).
fn local_characters() -> Option<u64> {
    probe().ok()?;
    let storage = LocalStorage::raw();
    let count = storage.length().ok()?;
    Some(
        (0..count)
            .filter_map(|index| storage.key(index).ok().flatten())
            .map(|key| {
                let value = js_sys::Reflect::get(&storage, &key.as_str().into())
                    .ok()
                    .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
                    .map_or(0, |v| u64::from(v.length()));
                key.encode_utf16().count() as u64 + value
            })
            .sum(),
    )
}

/// Removes a key. Used for device settings and outboxes, and for the library only once it has
/// moved into records ([`super::library_records::move_from_local_storage`]).
pub fn remove(key: &str) -> Result<(), StoreError> {
    probe()?;
    LocalStorage::raw().remove_item(key).map_err(raw_error)
}

/// Maps an error thrown by the browser's storage (a `DOMException`, by its name).
pub(crate) fn js_store_error(value: wasm_bindgen::JsValue) -> StoreError {
    raw_error(value)
}

/// Maps an error thrown by the browser's `Storage` methods.
fn raw_error(value: wasm_bindgen::JsValue) -> StoreError {
    let name = js_sys::Reflect::get(&value, &"name".into())
        .ok()
        .and_then(|n| n.as_string());
    error_named(name.as_deref(), || format!("{value:?}"))
}

/// Maps an error reported by gloo-storage.
fn store_error(error: StorageError) -> StoreError {
    match &error {
        StorageError::JsError(js) => error_named(Some(&js.name), || js.message.clone()),
        other => StoreError::Failed(other.to_string()),
    }
}

fn error_named(name: Option<&str>, message: impl FnOnce() -> String) -> StoreError {
    match name {
        Some("QuotaExceededError") => StoreError::Full,
        Some("SecurityError") => StoreError::Blocked,
        _ => StoreError::Failed(message()),
    }
}
