//! The stored library as records, for a store with a record per key (the browser's IndexedDB):
//! one record per lesson, keyed by its id, and one each for the library's other parts (its
//! classes, its templates, the authority's ledger) beside a header naming the format and
//! version. A save writes only the records that changed ([`changes_between`]), so its cost
//! follows the edit, not the library's size.
//!
//! Reading puts the records back together as the stored document ([`crate::document`]) and
//! reads that: one format, the same migrations and checks. A lesson record that cannot be read
//! is left out on its own, and named by its key, so the shell can keep it aside.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use crate::document::{
    DocumentError, LIBRARY_FORMAT, LIBRARY_VERSION, LoadedLibrary, parse_library,
};
use crate::ids::{ClassId, LessonId};
use crate::lesson::Lesson;
use crate::library::Library;
use crate::sync::Ledger;
use crate::text::{LessonTitle, Subject};
use crate::time::{LessonDate, Timestamp};

/// The key of the header record: the format and version of every record beside it.
pub const HEADER: &str = "header";
/// The key of the classes record.
pub const CLASSES: &str = "classes";
/// The key of the templates record.
pub const TEMPLATES: &str = "templates";
/// The key of the ledger record.
pub const LEDGER: &str = "ledger";

/// A record: its key and its JSON text.
pub type Record = (String, String);

/// A lesson as the library page lists it, without the rest of it: the index record kept beside
/// each lesson record, so the page can be drawn before every lesson has been read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonSummary {
    /// The lesson.
    pub id: LessonId,
    /// Its title.
    pub title: LessonTitle,
    /// Its subject.
    #[serde(default)]
    pub subject: Subject,
    /// The class it is for.
    #[serde(default)]
    pub class: Option<ClassId>,
    /// The day it is taught.
    #[serde(default)]
    pub date: Option<LessonDate>,
    /// When it was last edited.
    pub updated_at: Timestamp,
    /// When it went in the bin, if it is there.
    #[serde(default)]
    pub deleted_at: Option<Timestamp>,
}

impl LessonSummary {
    /// The summary of `lesson`.
    pub fn of(lesson: &Lesson) -> Self {
        let plan = lesson.plan();
        Self {
            id: lesson.id().clone(),
            title: plan.title.clone(),
            subject: plan.subject.clone(),
            class: plan.class.clone(),
            date: plan.date,
            updated_at: lesson.updated_at(),
            deleted_at: lesson.deleted_at(),
        }
    }
}

/// Reads the index records; one that does not read is left out (its lesson record, read in
/// full, still decides).
pub fn read_index(records: &[Record]) -> Vec<LessonSummary> {
    records
        .iter()
        .filter_map(|(_, text)| serde_json::from_str(text).ok())
        .collect()
}

/// What a save writes: lesson records to put and to remove, and the other parts to put.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordChanges {
    /// Lesson records to write (added or changed lessons).
    pub lessons: Vec<Record>,
    /// Index records to write, one for each lesson record written (removed with it).
    pub index: Vec<Record>,
    /// Keys of lesson records to remove, with their index records (lessons deleted for good or
    /// archived).
    pub removed: Vec<String>,
    /// Other records to write (the header, classes, templates, the ledger).
    pub parts: Vec<Record>,
}

impl RecordChanges {
    /// Whether nothing needs writing.
    pub fn is_empty(&self) -> bool {
        self.lessons.is_empty() && self.removed.is_empty() && self.parts.is_empty()
    }

    fn with_lessons<'a>(mut self, lessons: impl Iterator<Item = &'a Lesson>) -> Self {
        for lesson in lessons {
            self.lessons.push(lesson_record(lesson));
            self.index
                .push((lesson.id().to_string(), to_text(&LessonSummary::of(lesson))));
        }
        self
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
}

fn header_record() -> Record {
    let header = Header {
        format: LIBRARY_FORMAT.to_owned(),
        version: LIBRARY_VERSION,
    };
    (HEADER.to_owned(), to_text(&header))
}

fn to_text<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("the library's parts always serialise")
}

fn lesson_record(lesson: &Lesson) -> Record {
    (lesson.id().to_string(), to_text(lesson))
}

fn classes_record(library: &Library) -> Record {
    let classes: Vec<_> = library.classes.values().map(|c| &**c).collect();
    (CLASSES.to_owned(), to_text(&classes))
}

fn templates_record(library: &Library) -> Record {
    let templates: Vec<_> = library.templates.values().map(|t| &**t).collect();
    (TEMPLATES.to_owned(), to_text(&templates))
}

/// Every record of `library` and its `ledger`: what a first save (or a migration) writes.
pub fn records_of(library: &Library, ledger: &Ledger) -> RecordChanges {
    RecordChanges {
        parts: vec![
            header_record(),
            classes_record(library),
            templates_record(library),
            (LEDGER.to_owned(), to_text(ledger)),
        ],
        ..RecordChanges::default()
    }
    .with_lessons(library.lessons.values().map(|l| &**l))
}

/// Whether two maps of shared entries differ (an entry shared by both is not compared further).
fn differ<K: Ord, V: PartialEq>(before: &BTreeMap<K, Arc<V>>, after: &BTreeMap<K, Arc<V>>) -> bool {
    before.len() != after.len()
        || before
            .iter()
            .zip(after)
            .any(|((k1, v1), (k2, v2))| k1 != k2 || !(Arc::ptr_eq(v1, v2) || v1 == v2))
}

/// The records to write so that the records of `before` become those of `after`: each lesson
/// added or changed, each lesson gone, and each other part that changed. A lesson still shared
/// with `before` (as every lesson an edit did not touch is) costs one pointer comparison.
pub fn changes_between(before: (&Library, &Ledger), after: (&Library, &Ledger)) -> RecordChanges {
    let (old, old_ledger) = before;
    let (new, new_ledger) = after;
    let lessons = new.lessons.iter().filter(|(id, lesson)| {
        old.lessons
            .get(*id)
            .is_none_or(|was| !(Arc::ptr_eq(was, lesson) || was == *lesson))
    });
    let removed = old
        .lessons
        .keys()
        .filter(|id| !new.lessons.contains_key(*id))
        .map(ToString::to_string)
        .collect();
    let mut parts = Vec::new();
    if differ(&old.classes, &new.classes) {
        parts.push(classes_record(new));
    }
    if differ(&old.templates, &new.templates) {
        parts.push(templates_record(new));
    }
    if old_ledger != new_ledger {
        parts.push((LEDGER.to_owned(), to_text(new_ledger)));
    }
    RecordChanges {
        removed,
        parts,
        ..RecordChanges::default()
    }
    .with_lessons(lessons.map(|(_, lesson)| &**lesson))
}

/// The library as stored after a save that wrote `lessons`, removed `removed` and wrote
/// `parts`, from the library as stored just before it: each lesson record read in place of its
/// lesson, and each part in place of its own, so a window that hears of another's save reads
/// only what it wrote. Records of another version, or damaged, are refused (the caller then
/// reads the whole library); the result is checked as a whole document's is (no class or pupil
/// twice, every lesson's class there).
pub fn patch_records(
    before: (&Library, &Ledger),
    lessons: &[Record],
    removed: &[String],
    parts: &[Record],
) -> Result<(Library, Ledger), DocumentError> {
    let (old, old_ledger) = before;
    let damaged = |why: String| DocumentError::Damaged(why);
    let mut library = old.clone();
    let mut ledger = old_ledger.clone();
    for (key, text) in parts {
        match key.as_str() {
            HEADER => {
                let header: Header =
                    serde_json::from_str(text).map_err(|_| DocumentError::NotALibrary)?;
                if header.format != LIBRARY_FORMAT || header.version != LIBRARY_VERSION {
                    return Err(DocumentError::NotALibrary);
                }
            }
            CLASSES => {
                let classes = serde_json::from_str(text).map_err(|e| damaged(e.to_string()))?;
                library.classes = crate::library::classes_by_id(classes).map_err(damaged)?;
            }
            TEMPLATES => {
                let templates = serde_json::from_str(text).map_err(|e| damaged(e.to_string()))?;
                library.templates = crate::library::templates_by_id(templates).map_err(damaged)?;
            }
            LEDGER => {
                ledger = serde_json::from_str(text).map_err(|e| damaged(e.to_string()))?;
            }
            _ => {}
        }
    }
    library
        .lessons
        .retain(|id, _| !removed.iter().any(|key| *key == id.to_string()));
    for (key, text) in lessons {
        let lesson: Lesson = serde_json::from_str(text).map_err(|e| damaged(e.to_string()))?;
        if lesson.id().to_string() != *key {
            return Err(damaged(format!("the record {key} holds another lesson")));
        }
        library
            .lessons
            .insert(lesson.id().clone(), Arc::new(lesson));
    }
    library.check_lessons_classes().map_err(damaged)?;
    Ok((library, ledger))
}

/// A library read from records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRecords {
    /// The library and its ledger, migrated if the records were older.
    pub loaded: LoadedLibrary,
    /// Keys of lesson records that could not be read and were left out.
    pub left_out: Vec<String>,
}

/// Reads the library from its records (`lessons` by lesson, `parts` by key, as
/// [`records_of`] names them). With no header there is no library: `NotALibrary`. A lesson
/// record that cannot be read, at the current version, is left out and named; damage anywhere
/// else (a class, the ledger, a lesson naming a class that isn't there) refuses the whole.
pub fn read_records(lessons: &[Record], parts: &[Record]) -> Result<ReadRecords, DocumentError> {
    let part = |key: &str| {
        parts
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, text)| text.as_str())
    };
    let header: Header = serde_json::from_str(part(HEADER).ok_or(DocumentError::NotALibrary)?)
        .map_err(|_| DocumentError::NotALibrary)?;
    let document = |lessons: &mut dyn Iterator<Item = &str>| {
        let mut text = format!(
            r#"{{"format":{},"version":{},"library":{{"lessons":["#,
            to_text(&header.format),
            header.version
        );
        for (n, lesson) in lessons.enumerate() {
            if n > 0 {
                text.push(',');
            }
            text.push_str(lesson);
        }
        text.push_str(&format!(
            r#"],"classes":{},"templates":{}}}"#,
            part(CLASSES).unwrap_or("[]"),
            part(TEMPLATES).unwrap_or("[]")
        ));
        if let Some(ledger) = part(LEDGER) {
            text.push_str(&format!(r#","ledger":{ledger}"#));
        }
        text.push('}');
        text
    };
    // A record that is not one JSON value would break the document it is put into: it is
    // left out before, so the rest still reads.
    let (lessons, mut left_out): (Vec<&Record>, Vec<&Record>) = lessons
        .iter()
        .partition(|(_, text)| serde_json::from_str::<IgnoredAny>(text).is_ok());
    let whole = parse_library(&document(&mut lessons.iter().map(|(_, t)| t.as_str())));
    let loaded = match whole {
        Err(DocumentError::Damaged(why)) if header.version == LIBRARY_VERSION => {
            let (readable, damaged): (Vec<&Record>, Vec<&Record>) = lessons
                .into_iter()
                .partition(|(_, text)| serde_json::from_str::<Lesson>(text).is_ok());
            if damaged.is_empty() {
                return Err(DocumentError::Damaged(why));
            }
            left_out.extend(damaged);
            parse_library(&document(&mut readable.iter().map(|(_, t)| t.as_str())))?
        }
        other => other?,
    };
    let mut left_out: Vec<String> = left_out.into_iter().map(|(key, _)| key.clone()).collect();
    left_out.sort();
    Ok(ReadRecords { loaded, left_out })
}
