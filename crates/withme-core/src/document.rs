//! The stored library document: a public, versioned format.
//!
//! ```json
//! { "format": "withme.library", "version": 5, "library": { "lessons": [], "classes": [], "templates": [] },
//!   "ledger": { "order": 0, "devices": [] } }
//! ```
//!
//! Versions:
//! - **1**: lessons (title, subject, class, date, length), classes, applied operations.
//! - **2**: adds, all optional: a plan's outcomes, criteria, phases, keywords, resources, notes
//!   and enquiry question; a lesson's proposals; saved templates. A version 1 document reads as
//!   version 2 unchanged, but a version 1 Withme must not write over a version 2 document (it
//!   would drop what it does not know), so the version number moved.
//! - **3**: adds, all optional: a lesson's enquiry (stimulus, thinking time, questions, polls
//!   with their ballots, what the Board shows, the chosen question) and a class's question
//!   parking lot. Again a version 2 document reads unchanged.
//! - **4**: adds, all optional: a lesson's register, groups and roles (with the teacher's
//!   reasons and pupils' opt-outs); a class's archived mark, pupils' labels, keep-apart and
//!   keep-together pairs, group roles, lead window and picker. A version 3 document reads
//!   unchanged.
//! - **5**: the marks of which operations were applied leave the library for the authority's
//!   ledger beside it (`ledger`: its operation count, and per device what was handled, bounded;
//!   see [`crate::sync::Ledger`]); a poll may be a secret ballot (`secret`, `boxed`,
//!   `secret_voters`); a parked question's votes may be absent (never revealed) and it may be
//!   `hidden`. A version 4 document's `applied` marks move into the ledger.
//!
//! Loading runs the migrations from the stored version up to [`LIBRARY_VERSION`]. A document from
//! a newer version of Withme, or one that cannot be read, is refused with a [`DocumentError`] so
//! the shell can keep it aside untouched; when only some lessons are damaged,
//! [`salvage_library`] reads the rest. Golden examples live in `tests/fixtures/`.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;
use thiserror::Error;

use crate::ids::DeviceId;
use crate::lesson::Lesson;
use crate::library::Library;
use crate::sync::Ledger;

/// The `format` field of a stored library.
pub const LIBRARY_FORMAT: &str = "withme.library";

/// The version this build writes, and the newest it reads.
pub const LIBRARY_VERSION: u32 = 5;

/// Documents from this version on read straight into the current types: every later version
/// only added optional fields. Older ones go through [`MIGRATIONS`] as JSON values.
const TYPED_SINCE: u64 = 1;

/// A migration upgrades a document's `library` value by one version.
type Migration = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[i]` upgrades a library from version `i + 1` to version `i + 2`.
const MIGRATIONS: [Migration; (LIBRARY_VERSION - 1) as usize] = [
    only_added_fields,
    only_added_fields,
    only_added_fields,
    only_added_fields,
];

/// A step for a version that only added optional fields: the value is already readable.
fn only_added_fields(library: Value) -> Result<Value, String> {
    Ok(library)
}

/// Why a stored library could not be loaded. The `Display` text is shown to the teacher.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocumentError {
    /// Not JSON at all: a half-finished write, or an edit by hand.
    #[error("The saved library isn't readable ({0}).")]
    NotJson(String),
    /// JSON, but not a Withme library.
    #[error("The saved data isn't a Withme library.")]
    NotALibrary,
    /// Written by a newer version of Withme than this one.
    #[error(
        "The saved library was made by a newer version of Withme (format {found}; this version reads up to {LIBRARY_VERSION}). Reload the page to update."
    )]
    Newer {
        /// The version found.
        found: u64,
    },
    /// A Withme library whose content is damaged.
    #[error("The saved library is damaged ({0}).")]
    Damaged(String),
}

/// A library read from storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedLibrary {
    /// The library, at the current version.
    pub library: Library,
    /// The authority's ledger kept beside it.
    pub ledger: Ledger,
    /// The version it was stored at, when that was older than [`LIBRARY_VERSION`]: the shell
    /// keeps the old text aside before writing the upgraded document.
    pub migrated_from: Option<u32>,
}

/// The stored form of a library, borrowed for writing.
#[derive(Debug, Serialize)]
pub struct StoredLibrary<'a> {
    format: &'static str,
    version: u32,
    library: &'a Library,
    ledger: &'a Ledger,
}

impl<'a> StoredLibrary<'a> {
    /// Wraps `library` and its `ledger` in the current format.
    pub fn new(library: &'a Library, ledger: &'a Ledger) -> Self {
        Self {
            format: LIBRARY_FORMAT,
            version: LIBRARY_VERSION,
            library,
            ledger,
        }
    }

    /// The document as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a library always serialises")
    }
}

/// The envelope's two header fields, read without building the rest of the document.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u64>,
}

/// The whole document at the current version.
#[derive(Deserialize)]
struct Current {
    library: Library,
    #[serde(default)]
    ledger: Option<Ledger>,
}

/// Before version 5, the applied marks sat inside the library.
#[derive(Deserialize)]
struct BeforeLedger {
    library: LegacyMarks,
}

#[derive(Deserialize)]
struct LegacyMarks {
    #[serde(default)]
    applied: std::collections::BTreeMap<DeviceId, u64>,
}

/// The ledger of a document read at `version`: its own, or one made from the old marks.
fn ledger_of(text: &str, version: u64, ledger: Option<Ledger>) -> Result<Ledger, DocumentError> {
    if version >= 5 {
        return Ok(ledger.unwrap_or_default());
    }
    let old: BeforeLedger =
        serde_json::from_str(text).map_err(|e| DocumentError::Damaged(e.to_string()))?;
    Ok(Ledger::from_window_marks(old.library.applied))
}

/// Reads a stored library from JSON text, migrating it when it is older.
///
/// A document from [`TYPED_SINCE`] on is read straight into typed structs; only an older one
/// goes through a `serde_json::Value` to be migrated (so the browser build carries no `Value`
/// code until a migration needs it).
pub fn parse_library(text: &str) -> Result<LoadedLibrary, DocumentError> {
    let header: Header = serde_json::from_str(text).map_err(not_json_or_shape)?;
    let version = check_header(&header, LIBRARY_VERSION as u64)?;
    // `TYPED_SINCE > 1` is a constant: while every version reads as typed, the compiler drops
    // the whole `Value` path from the browser build.
    if TYPED_SINCE > 1 && version < TYPED_SINCE {
        let value =
            serde_json::from_str(text).map_err(|e| DocumentError::NotJson(e.to_string()))?;
        return load_library(value);
    }
    let current: Current =
        serde_json::from_str(text).map_err(|e| DocumentError::Damaged(e.to_string()))?;
    Ok(LoadedLibrary {
        library: current.library,
        ledger: ledger_of(text, version, current.ledger)?,
        migrated_from: (version < LIBRARY_VERSION as u64).then_some(version as u32),
    })
}

/// A syntax error means the text is not JSON; anything else means it is JSON of another shape.
fn not_json_or_shape(error: serde_json::Error) -> DocumentError {
    if error.is_syntax() || error.is_eof() {
        DocumentError::NotJson(error.to_string())
    } else {
        DocumentError::NotALibrary
    }
}

/// Checks the format and returns the version, refusing versions newer than `current`.
fn check_header(header: &Header, current: u64) -> Result<u64, DocumentError> {
    if header.format.as_deref() != Some(LIBRARY_FORMAT) {
        return Err(DocumentError::NotALibrary);
    }
    match header.version {
        Some(v) if v > current => Err(DocumentError::Newer { found: v }),
        Some(v) if v >= 1 => Ok(v),
        _ => Err(DocumentError::Damaged("no version number".into())),
    }
}

/// Reads a stored library from an already-parsed JSON value, migrating it when it is older.
pub fn load_library(value: Value) -> Result<LoadedLibrary, DocumentError> {
    load_with(value, &MIGRATIONS)
}

fn load_with(mut value: Value, migrations: &[Migration]) -> Result<LoadedLibrary, DocumentError> {
    let header = Header {
        format: value
            .get("format")
            .and_then(Value::as_str)
            .map(str::to_owned),
        version: value.get("version").and_then(Value::as_u64),
    };
    let current = migrations.len() as u64 + 1;
    let version = check_header(&header, current)?;
    let mut library = value
        .get_mut("library")
        .map(Value::take)
        .ok_or_else(|| DocumentError::Damaged("no library".into()))?;
    for migrate in &migrations[(version - 1) as usize..] {
        library = migrate(library).map_err(DocumentError::Damaged)?;
    }
    let damaged = |e: serde_json::Error| DocumentError::Damaged(e.to_string());
    let ledger = match (
        value.get_mut("ledger").map(Value::take),
        library.get("applied"),
    ) {
        (Some(ledger), _) => serde_json::from_value(ledger).map_err(damaged)?,
        (None, Some(applied)) => Ledger::from_window_marks(
            serde_json::from_value::<std::collections::BTreeMap<DeviceId, u64>>(applied.clone())
                .map_err(damaged)?,
        ),
        (None, None) => Ledger::default(),
    };
    let library =
        serde_json::from_value(library).map_err(|e| DocumentError::Damaged(e.to_string()))?;
    Ok(LoadedLibrary {
        library,
        ledger,
        migrated_from: (version < current).then_some(version as u32),
    })
}

/// What could be read of a stored library that [`parse_library`] refused as damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Salvaged {
    /// The library without the lessons that could not be read.
    pub loaded: LoadedLibrary,
    /// Those lessons, by title where it could be read.
    pub left_out: Vec<String>,
}

/// The longest title a left-out lesson is named by (a damaged title may be any length).
const LEFT_OUT_TITLE_MAX: usize = 80;

/// A stored document cut into its pieces, each kept as its JSON text: its lessons one by one.
#[derive(Deserialize)]
struct Pieces<'a> {
    #[serde(borrow)]
    format: &'a RawValue,
    #[serde(borrow)]
    version: &'a RawValue,
    #[serde(borrow)]
    library: LibraryPieces<'a>,
    #[serde(borrow, default)]
    ledger: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct LibraryPieces<'a> {
    #[serde(borrow, default)]
    lessons: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    classes: Option<&'a RawValue>,
    #[serde(borrow, default)]
    templates: Option<&'a RawValue>,
    #[serde(borrow, default)]
    applied: Option<&'a RawValue>,
}

/// Just a lesson's title, to name a lesson that cannot be read whole.
#[derive(Deserialize)]
struct TitleOnly {
    plan: PlanTitleOnly,
}

#[derive(Deserialize)]
struct PlanTitleOnly {
    title: String,
}

/// Reads what it can of a damaged stored library: when the damage is inside some lessons, the
/// library without them, and which they were. `None` when no lesson is damaged, or something
/// else is too (a class, the ledger, a lesson naming a class that isn't there): then the whole
/// document is kept aside, as before. Each lesson is read from its own text by the same code
/// as a whole document (no `Value` in the browser build).
pub fn salvage_library(text: &str) -> Option<Salvaged> {
    let pieces: Pieces = serde_json::from_str(text).ok()?;
    let mut left_out = Vec::new();
    let mut readable = Vec::new();
    for lesson in &pieces.library.lessons {
        if serde_json::from_str::<Lesson>(lesson.get()).is_ok() {
            readable.push(lesson.get());
        } else {
            left_out.push(left_out_title(lesson.get()));
        }
    }
    if left_out.is_empty() {
        return None;
    }
    let mut rest = String::new();
    for (name, piece) in [
        ("classes", pieces.library.classes),
        ("templates", pieces.library.templates),
        ("applied", pieces.library.applied),
    ] {
        if let Some(piece) = piece {
            rest.push_str(&format!(r#","{name}":{}"#, piece.get()));
        }
    }
    let ledger = pieces
        .ledger
        .map(|ledger| format!(r#","ledger":{}"#, ledger.get()))
        .unwrap_or_default();
    let without = format!(
        r#"{{"format":{},"version":{},"library":{{"lessons":[{}]{rest}}}{ledger}}}"#,
        pieces.format.get(),
        pieces.version.get(),
        readable.join(","),
    );
    let loaded = parse_library(&without).ok()?;
    Some(Salvaged { loaded, left_out })
}

/// A damaged lesson's title, as far as it can be read.
/// How a lesson that could not be read is named to the teacher: its title, where that much of
/// its text reads, or a plain description.
pub fn left_out_title(lesson: &str) -> String {
    serde_json::from_str::<TitleOnly>(lesson)
        .ok()
        .map(|only| {
            only.plan
                .title
                .trim()
                .chars()
                .take(LEFT_OUT_TITLE_MAX)
                .collect::<String>()
        })
        .filter(|title| !title.is_empty())
        .unwrap_or_else(|| "A lesson with no readable title".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_migration_chain_runs_every_step_from_the_stored_version() {
        fn add_classes(mut v: Value) -> Result<Value, String> {
            v["classes"] = json!([]);
            Ok(v)
        }
        fn rename_lessons_key(mut v: Value) -> Result<Value, String> {
            let lessons = v["items"].take();
            v.as_object_mut().unwrap().remove("items");
            v["lessons"] = lessons;
            Ok(v)
        }
        let chain: [Migration; 2] = [add_classes, rename_lessons_key];
        let v1 = json!({"format": LIBRARY_FORMAT, "version": 1, "library": {"items": []}});
        let loaded = load_with(v1, &chain).unwrap();
        assert_eq!(loaded.migrated_from, Some(1));
        assert_eq!(loaded.library, Library::default());

        let v3 = json!({"format": LIBRARY_FORMAT, "version": 3, "library": {"lessons": []}});
        assert_eq!(load_with(v3, &chain).unwrap().migrated_from, None);

        let v4 = json!({"format": LIBRARY_FORMAT, "version": 4, "library": {}});
        assert_eq!(
            load_with(v4, &chain),
            Err(DocumentError::Newer { found: 4 })
        );
    }

    #[test]
    fn a_failing_migration_reports_damage() {
        fn refuse(_: Value) -> Result<Value, String> {
            Err("lessons missing".into())
        }
        let v1 = json!({"format": LIBRARY_FORMAT, "version": 1, "library": {}});
        assert_eq!(
            load_with(v1, &[refuse]),
            Err(DocumentError::Damaged("lessons missing".into()))
        );
    }
}
