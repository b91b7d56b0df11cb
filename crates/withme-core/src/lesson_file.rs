//! The `.withme.json` lesson file: a public, versioned format for sharing one lesson.
//!
//! ```json
//! { "format": "withme.lesson", "version": 1, "exported_at": 1795000000000,
//!   "class_name": "Year 5 Oak", "plan": { "title": "Rivers", "subject": "Geography", … } }
//! ```
//!
//! A file carries the plan and pupils' proposals: never a class list or any pupil's name. Reading checks the
//! size, the JSON, the format, the version and every field, and says what is wrong in words a
//! teacher can act on.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::lesson::Lesson;
use crate::plan::Plan;
use crate::proposal::Proposal;
use crate::text::{ClassName, LessonTitle};
use crate::time::Timestamp;

/// The `format` field of a lesson file.
pub const LESSON_FILE_FORMAT: &str = "withme.lesson";

/// The version this build writes, and the newest it reads.
///
/// - **1**: the plan's title, subject, class, date and length.
/// - **2**: adds, all optional: the rest of the plan (outcomes, criteria, phases, notes…, with who
///   suggested each entry) and pupils' proposals. A version 1 file reads unchanged.
pub const LESSON_FILE_VERSION: u32 = 2;

/// The largest lesson file Withme will read.
pub const MAX_LESSON_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// Why a file could not be imported. The `Display` text is shown to the teacher.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Over [`MAX_LESSON_FILE_BYTES`].
    #[error("This file is {size}. A Withme lesson file is at most 5 MB: is it the right file?", size = megabytes(*bytes))]
    TooLarge {
        /// The file's size.
        bytes: u64,
    },
    /// Not JSON.
    #[error("This file isn't a Withme lesson: it isn't valid JSON ({0}).")]
    NotJson(String),
    /// JSON, but not a Withme lesson file.
    #[error("This file isn't a Withme lesson file.")]
    NotALessonFile,
    /// Written by a newer version of Withme.
    #[error(
        "This lesson was saved by a newer version of Withme (format {found}). Update Withme to open it."
    )]
    Newer {
        /// The version found.
        found: u64,
    },
    /// A lesson file with a missing or invalid field.
    #[error("This lesson file is damaged or incomplete ({0}).")]
    WrongShape(String),
}

/// "7.2 MB", rounded down to a tenth, in integer arithmetic (no float formatting in the app).
pub(crate) fn megabytes(bytes: u64) -> String {
    let tenths = bytes * 10 / (1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// A lesson read from a file, ready to import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonFile {
    /// When it was exported.
    pub exported_at: Timestamp,
    /// The name of the class it was planned for, on the device that exported it.
    #[serde(default)]
    pub class_name: Option<ClassName>,
    /// The lesson's content.
    pub plan: Plan,
    /// Pupils' proposals (by pupil id, never by name). Kept on import only when the lesson's
    /// class is on the importing device.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<Proposal>,
}

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    #[serde(flatten)]
    file: &'a LessonFile,
}

impl LessonFile {
    /// A file for `lesson`, planned for the class named `class_name`.
    pub fn of(lesson: &Lesson, class_name: Option<ClassName>, at: Timestamp) -> Self {
        Self {
            exported_at: at,
            class_name,
            plan: lesson.plan().clone(),
            proposals: lesson.proposals().to_vec(),
        }
    }

    /// The file's text: indented JSON, so it reads well in a text editor and a diff.
    pub fn to_json(&self) -> String {
        let envelope = Envelope {
            format: LESSON_FILE_FORMAT,
            version: LESSON_FILE_VERSION,
            file: self,
        };
        serde_json::to_string_pretty(&envelope).expect("a lesson file always serialises")
    }

    /// A file name for the lesson: its title in lower case, with dashes, and `.withme.json`.
    pub fn file_name(&self) -> String {
        format!("{}.withme.json", file_stem(&self.plan.title))
    }
}

/// A file name stem from a lesson's title: lower case, with dashes, at most 60 characters,
/// "lesson" when nothing is left. Shared by every file Withme saves for a lesson.
pub fn file_stem(title: &LessonTitle) -> String {
    let mut stem = String::new();
    for c in title.as_str().chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem: String = stem.trim_end_matches('-').chars().take(60).collect();
    if stem.is_empty() {
        "lesson".into()
    } else {
        stem
    }
}

/// Refuses a file by its size before it is read.
pub fn check_lesson_file_size(bytes: u64) -> Result<(), ImportError> {
    if bytes > MAX_LESSON_FILE_BYTES {
        Err(ImportError::TooLarge { bytes })
    } else {
        Ok(())
    }
}

/// The envelope's two header fields, read without building the rest of the file.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u64>,
}

/// Reads a lesson file's text.
pub fn read_lesson_file(text: &str) -> Result<LessonFile, ImportError> {
    check_lesson_file_size(text.len() as u64)?;
    let header: Header = serde_json::from_str(text).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            ImportError::NotJson(e.to_string())
        } else {
            ImportError::NotALessonFile
        }
    })?;
    if header.format.as_deref() != Some(LESSON_FILE_FORMAT) {
        return Err(ImportError::NotALessonFile);
    }
    match header.version {
        Some(v) if v > LESSON_FILE_VERSION as u64 => return Err(ImportError::Newer { found: v }),
        Some(v) if v >= 1 => {}
        _ => return Err(ImportError::WrongShape("no version number".into())),
    }
    serde_json::from_str(text).map_err(|e| ImportError::WrongShape(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_titled(title: &str) -> LessonFile {
        LessonFile {
            exported_at: Timestamp::from_millis(1),
            class_name: None,
            plan: Plan::new(LessonTitle::parse(title).unwrap(), None),
            proposals: Vec::new(),
        }
    }

    #[test]
    fn file_names_come_from_titles() {
        assert_eq!(
            file_titled("Rivers: Source to Sea!").file_name(),
            "rivers-source-to-sea.withme.json"
        );
        assert_eq!(file_titled("???").file_name(), "lesson.withme.json");
        assert_eq!(file_titled("Ça va").file_name(), "ça-va.withme.json");
    }

    #[test]
    fn a_written_file_reads_back() {
        let file = file_titled("Rivers");
        assert_eq!(read_lesson_file(&file.to_json()), Ok(file));
    }

    #[test]
    fn each_kind_of_bad_file_is_named() {
        assert!(matches!(
            read_lesson_file("{not json"),
            Err(ImportError::NotJson(_))
        ));
        assert_eq!(
            read_lesson_file(r#"{"hello": 1}"#),
            Err(ImportError::NotALessonFile)
        );
        assert_eq!(
            read_lesson_file(r#"{"format": "withme.lesson", "version": 9}"#),
            Err(ImportError::Newer { found: 9 })
        );
        let missing_title =
            r#"{"format": "withme.lesson", "version": 1, "exported_at": 1, "plan": {}}"#;
        let err = read_lesson_file(missing_title).unwrap_err();
        assert!(err.to_string().contains("missing field `title`"), "{err}");
        assert_eq!(
            check_lesson_file_size(6 * 1024 * 1024)
                .unwrap_err()
                .to_string(),
            "This file is 6.0 MB. A Withme lesson file is at most 5 MB: is it the right file?"
        );
    }
}
