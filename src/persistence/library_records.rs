//! The library in IndexedDB, a record per lesson ([`withme_core::records`] over
//! [`super::records`]): reading it whole, writing what a save changed, keeping a damaged lesson
//! record aside on its own, and moving a library out of local storage into records.
//!
//! Moving never loses the only copy: the records are written in one batch and read back whole
//! and compared before the old text leaves local storage, and then it is kept aside among the
//! records, exactly as it was.

use withme_core::document::{DocumentError, parse_library};
use withme_core::records::{HEADER, ReadRecords, Record, RecordChanges, read_records, records_of};

use super::local_store::{self, LIBRARY_KEY, StoreError};
use super::records::{Change, Expect, Records, Shelf, WriteRefused};

/// The key among kept-aside records of a library moved out of local storage.
pub const MOVED_FROM_LOCAL_STORAGE: &str = "local-storage-library";

/// What the records hold.
#[derive(Debug)]
pub enum RecordsRead {
    /// No library yet (a first visit, or one not moved from local storage yet).
    Empty,
    /// The library, with the keys of any lesson records left out as damaged.
    Loaded(ReadRecords),
    /// Records this version cannot read (a newer Withme's, or damage outside the lessons).
    Unreadable(DocumentError),
}

/// The key of the record every save changes (among the library's parts): a save is written
/// only if this record is as the saving window last read or wrote it, so a window that has
/// missed another's save reads it first instead of writing over it.
pub const SAVE_STAMP: &str = "saved";

/// The library as stored, with the save stamp it was read at.
#[derive(Debug)]
pub struct Stored {
    /// What the records hold.
    pub read: RecordsRead,
    /// The stamp of the save that wrote them (none before the first).
    pub stamp: Option<String>,
}

/// Reads the library from its records.
pub async fn read_library(records: &Records) -> Result<RecordsRead, StoreError> {
    Ok(read_stored(records).await?.read)
}

/// Reads the library from its records, with its save stamp, all in one transaction.
pub async fn read_stored(records: &Records) -> Result<Stored, StoreError> {
    let mut shelves = records
        .read_shelves(&[Shelf::Library, Shelf::Lessons])
        .await?
        .into_iter();
    let parts = shelves.next().unwrap_or_default();
    let lessons = shelves.next().unwrap_or_default();
    let stamp = parts
        .iter()
        .find(|(key, _)| key == SAVE_STAMP)
        .map(|(_, text)| text.clone());
    let read = if parts.iter().all(|(key, _)| key != HEADER) {
        RecordsRead::Empty
    } else {
        match read_records(&lessons, &parts) {
            Ok(read) => RecordsRead::Loaded(read),
            Err(error) => RecordsRead::Unreadable(error),
        }
    };
    Ok(Stored { read, stamp })
}

/// The records another window's save wrote (as its message names them), read in one
/// transaction with the save stamp: `None` if a later save has been made since, when only the
/// whole library tells what is stored.
pub async fn read_written(
    records: &Records,
    stamp: &str,
    lessons: &[String],
    parts: &[String],
) -> Result<Option<(Vec<Record>, Vec<Record>)>, StoreError> {
    let mut keys = vec![(Shelf::Library, SAVE_STAMP.to_owned())];
    keys.extend(lessons.iter().map(|key| (Shelf::Lessons, key.clone())));
    keys.extend(parts.iter().map(|key| (Shelf::Library, key.clone())));
    let mut read = records.read_keys(&keys).await?.into_iter();
    if read.next().flatten().as_deref() != Some(stamp) {
        return Ok(None);
    }
    let mut texts = |keys: &[String]| -> Option<Vec<Record>> {
        keys.iter()
            .map(|key| Some((key.clone(), read.next()??)))
            .collect()
    };
    let Some(lesson_records) = texts(lessons) else {
        return Ok(None);
    };
    let Some(part_records) = texts(parts) else {
        return Ok(None);
    };
    Ok(Some((lesson_records, part_records)))
}

/// Writes what a save changed, all or nothing.
pub async fn write_changes(records: &Records, changes: RecordChanges) -> Result<(), StoreError> {
    records.write(&batch_of(changes)).await
}

/// Writes what a save changed, with a new save `stamp`, only if the stored stamp is still
/// `expected` (the one this window last read or wrote): otherwise nothing is written and
/// [`WriteRefused::Changed`] says another window saved first.
pub async fn save_changes(
    records: &Records,
    changes: RecordChanges,
    expected: Option<String>,
    stamp: String,
) -> Result<(), WriteRefused> {
    let mut batch = batch_of(changes);
    batch.push(Change::Put {
        shelf: Shelf::Library,
        key: SAVE_STAMP.to_owned(),
        text: stamp,
    });
    let expect = Expect {
        shelf: Shelf::Library,
        key: SAVE_STAMP.to_owned(),
        text: expected,
    };
    records.write_if(&[expect], &batch).await
}

/// The changes of a save as one batch: lessons with their index records, lessons removed with
/// theirs, and the other parts.
fn batch_of(changes: RecordChanges) -> Vec<Change> {
    let mut batch: Vec<Change> = Vec::new();
    batch.extend(changes.lessons.into_iter().map(|(key, text)| Change::Put {
        shelf: Shelf::Lessons,
        key,
        text,
    }));
    batch.extend(changes.index.into_iter().map(|(key, text)| Change::Put {
        shelf: Shelf::Index,
        key,
        text,
    }));
    for key in changes.removed {
        for shelf in [Shelf::Lessons, Shelf::Index] {
            batch.push(Change::Delete {
                shelf,
                key: key.clone(),
            });
        }
    }
    batch.extend(changes.parts.into_iter().map(|(key, text)| Change::Put {
        shelf: Shelf::Library,
        key,
        text,
    }));
    batch
}

/// The key on the kept-aside shelf of a damaged lesson record kept from under `key`.
pub fn kept_lesson_key(key: &str) -> String {
    format!("lesson {key}")
}

/// Moves a damaged lesson record to the kept-aside shelf, exactly as it was, in one batch, with
/// its index record removed. Returns its text (`None` when there was no such record).
pub async fn keep_lesson_aside(records: &Records, key: &str) -> Result<Option<String>, StoreError> {
    let lessons = records.read_all(Shelf::Lessons).await?;
    let Some((_, text)) = lessons.into_iter().find(|(k, _)| k == key) else {
        return Ok(None);
    };
    records
        .write(&[
            Change::Put {
                shelf: Shelf::KeptAside,
                key: kept_lesson_key(key),
                text: text.clone(),
            },
            Change::Delete {
                shelf: Shelf::Lessons,
                key: key.to_owned(),
            },
            Change::Delete {
                shelf: Shelf::Index,
                key: key.to_owned(),
            },
        ])
        .await?;
    Ok(Some(text))
}

/// What moving the library out of local storage did.
#[derive(Debug, PartialEq, Eq)]
pub enum Moved {
    /// The records already hold a library: nothing was moved (local storage is left as it is).
    AlreadyInRecords,
    /// Local storage holds no library.
    NothingToMove,
    /// The library now lives in records; its old text is kept aside among them.
    Moved {
        /// How many lessons (the bin's included) moved.
        lessons: usize,
    },
    /// Local storage holds text this version cannot read: it stays where it is, untouched.
    Unreadable(DocumentError),
}

/// Moves the library from local storage into records: writes every record, reads them back
/// whole and checks they hold the same library and ledger, keeps the old text aside among the
/// records, and only then takes it out of local storage. Any failure leaves local storage as it
/// was (and takes out what was written, so the next start tries again).
pub async fn move_from_local_storage(records: &Records) -> Result<Moved, StoreError> {
    // The header alone says whether the records hold a library: no lesson is read for it.
    let header = records
        .read_keys(&[(Shelf::Library, HEADER.to_owned())])
        .await?;
    if header.into_iter().flatten().next().is_some() {
        return Ok(Moved::AlreadyInRecords);
    }
    let Some(raw) = local_store::read_raw(LIBRARY_KEY)? else {
        return Ok(Moved::NothingToMove);
    };
    let loaded = match parse_library(&raw) {
        Ok(loaded) => loaded,
        Err(error) => return Ok(Moved::Unreadable(error)),
    };
    let written = records_of(&loaded.library, &loaded.ledger);
    let keys: Vec<(Shelf, String)> = written
        .lessons
        .iter()
        .map(|(key, _)| (Shelf::Lessons, key.clone()))
        .chain(
            written
                .index
                .iter()
                .map(|(key, _)| (Shelf::Index, key.clone())),
        )
        .chain(
            written
                .parts
                .iter()
                .map(|(key, _)| (Shelf::Library, key.clone())),
        )
        .collect();
    let undo = || async {
        let batch: Vec<Change> = keys
            .iter()
            .map(|(shelf, key)| Change::Delete {
                shelf: *shelf,
                key: key.clone(),
            })
            .collect();
        let _ = records.write(&batch).await;
    };
    write_changes(records, written).await?;
    let same = match read_library(records).await {
        Ok(RecordsRead::Loaded(read)) => {
            read.left_out.is_empty()
                && read.loaded.library == loaded.library
                && read.loaded.ledger == loaded.ledger
        }
        _ => false,
    };
    if !same {
        undo().await;
        return Err(StoreError::Failed(
            "the library read back from its new records was not the same".into(),
        ));
    }
    let kept = records
        .write(&[Change::Put {
            shelf: Shelf::KeptAside,
            key: MOVED_FROM_LOCAL_STORAGE.to_owned(),
            text: raw,
        }])
        .await;
    if let Err(error) = kept {
        undo().await;
        return Err(error);
    }
    local_store::remove(LIBRARY_KEY)?;
    Ok(Moved::Moved {
        lessons: loaded.library.lessons_by_last_edited().len()
            + loaded.library.binned_lessons().len(),
    })
}
