//! The whole-library backup file: every lesson, class (with its roster and roles) and template on
//! a device, to keep safe or to move to another computer.
//!
//! ```json
//! { "format": "withme.library", "version": 5, "made_at": 1795000000000,
//!   "library": { "lessons": [], "classes": [], "templates": [] } }
//! ```
//!
//! A backup is a stored library document ([`crate::document`]) without the authority's ledger
//! (which belongs to the device that wrote it) and with the moment it was made: one format, one
//! set of migrations and golden files, so a backup from any earlier version restores. Unlike a
//! lesson file it holds pupils' first names: it is the teacher's own copy, never a file to share.
//!
//! Restoring ([`crate::Command::RestoreLibrary`]) adds what the device does not have and keeps
//! what it has: nothing saved here is overwritten.

use serde::Serialize;
use thiserror::Error;

use crate::document::{DocumentError, LIBRARY_FORMAT, LIBRARY_VERSION, parse_library};
use crate::lesson_file::megabytes;
use crate::library::Library;
use crate::template::MAX_SAVED_TEMPLATES;
use crate::time::{LessonDate, Timestamp};

/// The largest backup Withme will read: a year of rich lessons is about 5 MB.
pub const MAX_BACKUP_BYTES: u64 = 50 * 1024 * 1024;

/// Why a backup could not be restored. The `Display` text is shown to the teacher.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BackupError {
    /// Over [`MAX_BACKUP_BYTES`].
    #[error("This file is {size}. A Withme backup is at most 50 MB: is it the right file?", size = megabytes(*bytes))]
    TooLarge {
        /// The file's size.
        bytes: u64,
    },
    /// Not JSON.
    #[error("This file isn't a Withme backup: it isn't valid JSON ({0}).")]
    NotJson(String),
    /// JSON, but not a Withme library.
    #[error(
        "This file isn't a Withme backup. (A single lesson's file is opened with “Import a lesson”.)"
    )]
    NotABackup,
    /// Written by a newer version of Withme.
    #[error(
        "This backup was made by a newer version of Withme (format {found}; this version reads up to {LIBRARY_VERSION}). Update Withme to restore it."
    )]
    Newer {
        /// The version found.
        found: u64,
    },
    /// A backup with a missing or invalid part.
    #[error("This backup is damaged or incomplete ({0}). Nothing was restored.")]
    Damaged(String),
}

impl From<DocumentError> for BackupError {
    fn from(error: DocumentError) -> Self {
        match error {
            DocumentError::NotJson(why) => BackupError::NotJson(why),
            DocumentError::NotALibrary => BackupError::NotABackup,
            DocumentError::Newer { found } => BackupError::Newer { found },
            DocumentError::Damaged(why) => BackupError::Damaged(why),
        }
    }
}

#[derive(Serialize)]
struct BackupDocument<'a> {
    format: &'static str,
    version: u32,
    made_at: Timestamp,
    library: &'a Library,
}

/// The backup file's text for `library`, made at `at`.
pub fn backup_json(library: &Library, at: Timestamp) -> String {
    serde_json::to_string(&BackupDocument {
        format: LIBRARY_FORMAT,
        version: LIBRARY_VERSION,
        made_at: at,
        library,
    })
    .expect("a library always serialises")
}

/// The backup's file name for the day it is made: `withme-library-2026-11-30.withme.json`.
pub fn backup_file_name(day: LessonDate) -> String {
    format!("withme-library-{day}.withme.json")
}

/// Refuses a file by its size before it is read.
pub fn check_backup_size(bytes: u64) -> Result<(), BackupError> {
    if bytes > MAX_BACKUP_BYTES {
        Err(BackupError::TooLarge { bytes })
    } else {
        Ok(())
    }
}

/// Reads a backup's text (or a stored library document of any version this build reads).
pub fn read_backup(text: &str) -> Result<Library, BackupError> {
    check_backup_size(text.len() as u64)?;
    Ok(parse_library(text)?.library)
}

/// What restoring a backup did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct Restored {
    /// Lessons added (those in the bin included).
    pub lessons_added: u32,
    /// Lessons already here, kept as they are here.
    pub lessons_kept: u32,
    /// Classes added.
    pub classes_added: u32,
    /// Classes already here, kept as they are here.
    pub classes_kept: u32,
    /// Saved templates added.
    pub templates_added: u32,
    /// Saved templates not added because this device keeps as many as it may.
    pub templates_left_out: u32,
}

/// "12 lessons and 2 classes", naming only the parts there are; and whether they are one thing.
fn counted(parts: &[(u32, &str, &str)]) -> (String, bool) {
    let named: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    let text = match named.as_slice() {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    let single = parts.iter().map(|(n, _, _)| n).sum::<u32>() == 1;
    (text, single)
}

impl std::fmt::Display for Restored {
    /// "Restored 12 lessons and 2 classes from the backup. 3 lessons and 1 class were already
    /// here and are kept as they are."
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (added, _) = counted(&[
            (self.lessons_added, "lesson", "lessons"),
            (self.classes_added, "class", "classes"),
            (self.templates_added, "template", "templates"),
        ]);
        if added.is_empty() {
            write!(
                f,
                "Nothing to restore: everything in the backup is already here."
            )?;
        } else {
            write!(f, "Restored {added} from the backup.")?;
        }
        let (kept, single) = counted(&[
            (self.lessons_kept, "lesson", "lessons"),
            (self.classes_kept, "class", "classes"),
        ]);
        if !kept.is_empty() {
            let rest = if single {
                "was already here and is kept as it is"
            } else {
                "were already here and are kept as they are"
            };
            write!(f, " {kept} {rest}.")?;
        }
        if self.templates_left_out > 0 {
            write!(
                f,
                " {} not added: this device keeps at most {MAX_SAVED_TEMPLATES} templates.",
                counted(&[(self.templates_left_out, "template was", "templates were")]).0
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_restore_did_reads_as_a_teacher_would_say_it() {
        let both = Restored {
            lessons_added: 12,
            lessons_kept: 3,
            classes_added: 2,
            classes_kept: 1,
            ..Restored::default()
        };
        assert_eq!(
            both.to_string(),
            "Restored 12 lessons and 2 classes from the backup. 3 lessons and 1 class were already here and are kept as they are."
        );
        let one = Restored {
            lessons_added: 1,
            classes_added: 1,
            ..Restored::default()
        };
        assert_eq!(
            one.to_string(),
            "Restored 1 lesson and 1 class from the backup."
        );
        let templates = Restored {
            lessons_added: 2,
            templates_added: 1,
            ..Restored::default()
        };
        assert_eq!(
            templates.to_string(),
            "Restored 2 lessons and 1 template from the backup."
        );
        let full = Restored {
            lessons_added: 1,
            templates_left_out: 2,
            ..Restored::default()
        };
        assert_eq!(
            full.to_string(),
            "Restored 1 lesson from the backup. 2 templates were not added: this device keeps at most 50 templates."
        );
        let nothing = Restored {
            lessons_kept: 1,
            ..Restored::default()
        };
        assert_eq!(
            nothing.to_string(),
            "Nothing to restore: everything in the backup is already here. 1 lesson was already here and is kept as it is."
        );
    }

    #[test]
    fn file_names_carry_the_day() {
        let day = LessonDate::parse("2026-11-30").unwrap();
        assert_eq!(
            backup_file_name(day),
            "withme-library-2026-11-30.withme.json"
        );
    }

    #[test]
    fn an_oversized_file_is_refused_before_it_is_read() {
        assert_eq!(
            check_backup_size(MAX_BACKUP_BYTES + 1)
                .unwrap_err()
                .to_string(),
            "This file is 50.0 MB. A Withme backup is at most 50 MB: is it the right file?"
        );
        assert!(check_backup_size(MAX_BACKUP_BYTES).is_ok());
    }
}
