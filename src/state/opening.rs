//! Opening a teacher's window's library: its records in IndexedDB, once a library still kept in
//! local storage (as Withme kept it before) has moved into them, with one policy for anything
//! that cannot be read: it is kept aside, untouched, and never overwritten before it is.

use withme_core::document::{DocumentError, left_out_title, parse_library, salvage_library};
use withme_core::records::{LessonSummary, read_index, records_of};
use withme_core::sync::Authority;

use super::save_status::{KeptAside, SaveState, StorageProblem};
use crate::browser::now;
use crate::persistence::library_records::{
    Moved, RecordsRead, Stored, keep_lesson_aside, kept_lesson_key, move_from_local_storage,
    read_stored, write_changes,
};
use crate::persistence::local_store::{self, LIBRARY_KEY, StoreError};
use crate::persistence::records::{Records, Shelf};

/// The library as its records hold it: what a window's next save is made against.
#[derive(Clone, Default)]
pub(super) struct Base {
    /// The library with its ledger, as stored.
    pub authority: Authority,
    /// The stamp of the save that stored it (see [`crate::persistence::library_records::SAVE_STAMP`]).
    pub stamp: Option<String>,
    /// Whether the records hold a library at all: until they do, a save writes every record.
    pub in_records: bool,
}

/// What a window found when it opened its library.
pub(super) struct Opened {
    /// The records, when they could be opened.
    pub records: Option<Records>,
    /// The library to show, and what is stored.
    pub base: Base,
    pub save: SaveState,
    pub kept_aside: Option<KeptAside>,
    /// False when nothing may be written (storage blocked, a newer Withme's library).
    pub writable: bool,
    /// Unreadable text is still in local storage, waiting to be kept aside: nothing is written
    /// until it is ([`keep_local_text_aside`]).
    pub local_text_waiting: bool,
}

impl Opened {
    fn empty(save: SaveState, writable: bool) -> Self {
        Self {
            records: None,
            base: Base::default(),
            save,
            kept_aside: None,
            writable,
            local_text_waiting: false,
        }
    }
}

/// Opens the records, moves a library out of local storage into them if one is there, and
/// reads the library. The index is read first and handed to `index_read` (lessons not in the
/// bin, most recently edited first), so the library page can list the lessons before every
/// lesson has been read.
pub(super) async fn open_library(index_read: impl Fn(Vec<LessonSummary>)) -> Opened {
    let records = match Records::open().await {
        Ok(records) => records,
        Err(error) => return Opened::empty(not_saving(error), false),
    };
    let mut opened = Opened {
        records: Some(records.clone()),
        ..Opened::empty(SaveState::Saved, true)
    };
    match move_from_local_storage(&records).await {
        Ok(Moved::Unreadable(error)) => {
            if let Some(salvaged) = move_salvaged(&records, &error).await {
                opened.kept_aside = Some(salvaged);
            } else {
                match keep_local_text_aside() {
                    LocalText::Kept(kept) => opened.kept_aside = Some(kept),
                    LocalText::Newer => {
                        opened.save = SaveState::NotSaving(StorageProblem::NewerVersion);
                        opened.writable = false;
                        return opened;
                    }
                    LocalText::NoRoom => {
                        opened.save = SaveState::NotSaving(StorageProblem::CannotKeepAside);
                        opened.local_text_waiting = true;
                    }
                    LocalText::Gone => {}
                }
            }
        }
        Ok(_) => {}
        Err(error) => {
            // The library stays in local storage, untouched; this window shows it and saves
            // nothing until the move can be made (the next time Withme opens).
            opened.save = not_saving(error);
            opened.writable = false;
            if let Ok(Some(raw)) = local_store::read_raw(LIBRARY_KEY)
                && let Ok(loaded) = parse_library(&raw)
            {
                opened.base.authority = Authority::new(loaded.library, loaded.ledger);
            }
            return opened;
        }
    }
    if let Ok(index) = records.read_all(Shelf::Index).await {
        let mut lessons: Vec<LessonSummary> = read_index(&index)
            .into_iter()
            .filter(|lesson| lesson.deleted_at.is_none())
            .collect();
        lessons.sort_by(|a, b| {
            b.updated_at
                .cmp(&a.updated_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        index_read(lessons);
    }
    match read_stored(&records).await {
        Ok(Stored { read, stamp }) => {
            opened.base.stamp = stamp;
            read_into(&records, read, &mut opened).await;
        }
        Err(error) => {
            opened.save = not_saving(error);
            opened.writable = false;
        }
    }
    opened
}

/// Takes what the records hold into `opened`: a library (keeping any damaged lesson record
/// aside, and writing every record again if they were an older Withme's), or the reason it
/// cannot be read.
async fn read_into(records: &Records, read: RecordsRead, opened: &mut Opened) {
    match read {
        RecordsRead::Empty => {}
        RecordsRead::Loaded(read) => {
            let mut left_out = Vec::new();
            let mut kept = Vec::new();
            for key in &read.left_out {
                if let Ok(Some(text)) = keep_lesson_aside(records, key).await {
                    left_out.push(left_out_title(&text));
                    kept.push(kept_lesson_key(key));
                }
            }
            if !kept.is_empty() {
                opened.kept_aside = Some(KeptAside {
                    key: kept.join(", "),
                    reason: "A lesson's record could not be read.".to_owned(),
                    left_out,
                    in_records: kept,
                });
            }
            let loaded = read.loaded;
            // An older Withme's records are written again whole, in today's format.
            opened.base.in_records = loaded.migrated_from.is_none();
            opened.base.authority = Authority::new(loaded.library, loaded.ledger);
        }
        RecordsRead::Unreadable(DocumentError::Newer { .. }) => {
            opened.save = SaveState::NotSaving(StorageProblem::NewerVersion);
            opened.writable = false;
        }
        RecordsRead::Unreadable(_) => {
            opened.save = SaveState::NotSaving(StorageProblem::Unreadable);
            opened.writable = false;
        }
    }
}

/// Moves the readable part of a library in local storage damaged only inside some lessons:
/// the whole text is kept aside first (without room for that copy, nothing is moved this way),
/// then the rest is written as records and the text leaves the library's key.
async fn move_salvaged(records: &Records, error: &DocumentError) -> Option<KeptAside> {
    if !matches!(error, DocumentError::Damaged(_)) {
        return None;
    }
    let raw = local_store::read_raw(LIBRARY_KEY).ok()??;
    let salvaged = salvage_library(&raw)?;
    let key = local_store::keep_aside(&raw, now()).ok()?;
    let loaded = salvaged.loaded;
    write_changes(records, records_of(&loaded.library, &loaded.ledger))
        .await
        .ok()?;
    let _ = local_store::remove(LIBRARY_KEY);
    Some(KeptAside {
        key,
        reason: error.to_string(),
        left_out: salvaged.left_out,
        in_records: Vec::new(),
    })
}

/// What became of unreadable text under the library's key in local storage.
pub(super) enum LocalText {
    /// Copied aside under its own key, and taken from the library's key.
    Kept(KeptAside),
    /// A newer Withme's library: left as it is, and never overwritten.
    Newer,
    /// No room to keep a copy: left as it is.
    NoRoom,
    /// Nothing unreadable is there any more.
    Gone,
}

/// Keeps unreadable text found under the library's key in local storage aside, under a key of
/// its own, then takes it from the library's key (whose library now lives in records).
pub(super) fn keep_local_text_aside() -> LocalText {
    let Ok(Some(raw)) = local_store::read_raw(LIBRARY_KEY) else {
        return LocalText::Gone;
    };
    let error = match parse_library(&raw) {
        Ok(_) => return LocalText::Gone,
        Err(DocumentError::Newer { .. }) => return LocalText::Newer,
        Err(error) => error,
    };
    match local_store::keep_aside(&raw, now()) {
        Ok(key) => {
            let _ = local_store::remove(LIBRARY_KEY);
            LocalText::Kept(KeptAside {
                key,
                reason: error.to_string(),
                left_out: Vec::new(),
                in_records: Vec::new(),
            })
        }
        Err(_) => LocalText::NoRoom,
    }
}

/// The saving state for a browser's refusal.
pub(super) fn not_saving(error: StoreError) -> SaveState {
    SaveState::NotSaving(match error {
        StoreError::Blocked => StorageProblem::Blocked,
        StoreError::Full => StorageProblem::Full,
        StoreError::Failed(message) => StorageProblem::Failed(message),
    })
}
