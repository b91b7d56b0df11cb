//! Validated pieces of text: titles, names, subjects.
//!
//! Each type trims its input and enforces a length in characters (not bytes). The error messages
//! are written for the person at the keyboard and are shown next to the field.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a piece of text was refused. The `Display` text is shown to the user at the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextError {
    /// The text was empty (after trimming) where something is needed.
    #[error("{what} can't be empty.")]
    Empty {
        /// What the text is, e.g. "A lesson title".
        what: &'static str,
    },
    /// The text was longer than allowed.
    #[error("{what} can be at most {max} characters (this has {len}).")]
    TooLong {
        /// What the text is.
        what: &'static str,
        /// The limit.
        max: usize,
        /// The length given.
        len: usize,
    },
    /// The text contained a line break or other control character.
    #[error("{what} must fit on one line.")]
    Control {
        /// What the text is.
        what: &'static str,
    },
    /// A pupil name looked like an e-mail address.
    #[error("Use a first name or a pseudonym, not an e-mail address.")]
    Email,
}

/// Characters that take no room on screen: zero-width spaces and joiners, the byte-order mark,
/// the soft hyphen. Text made only of these looks empty, so it counts as empty.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// Trims white space and invisible characters from both ends.
fn trim_all(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

fn bounded(text: &str, what: &'static str, min: usize, max: usize) -> Result<String, TextError> {
    let trimmed = trim_all(text);
    if trimmed.chars().any(char::is_control) {
        return Err(TextError::Control { what });
    }
    bounded_lines(trimmed, what, min, max)
}

/// Like [`bounded`], but line breaks and tabs are allowed (for notes that run to paragraphs).
fn bounded_lines(
    text: &str,
    what: &'static str,
    min: usize,
    max: usize,
) -> Result<String, TextError> {
    let text = text.replace("\r\n", "\n");
    let trimmed = trim_all(&text);
    let len = trimmed.chars().count();
    if len < min {
        return Err(TextError::Empty { what });
    }
    if len > max {
        return Err(TextError::TooLong { what, max, len });
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(TextError::Control { what });
    }
    Ok(trimmed.to_owned())
}

macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $what:literal, $min:expr, $max:expr) => {
        bounded_text!($(#[$doc])* $name, $what, $min, $max, bounded);
    };
    ($(#[$doc:meta])* $name:ident, $what:literal, $min:expr, $max:expr, $check:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(Arc<str>);

        impl $name {
            /// Most characters allowed.
            pub const MAX_CHARS: usize = $max;

            /// Trims and checks `text`.
            pub fn parse(text: &str) -> Result<Self, TextError> {
                Self::check_extra($check(text, $what, $min, $max)?).map(|t| Self(t.into()))
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = TextError;
            fn try_from(text: String) -> Result<Self, TextError> {
                Self::parse(&text)
            }
        }

        impl From<$name> for String {
            fn from(text: $name) -> String {
                text.0.to_string()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

bounded_text!(
    /// A lesson's title: 1–120 characters.
    LessonTitle,
    "A lesson title",
    1,
    120
);
bounded_text!(
    /// A lesson's subject, e.g. "Science": may be empty, at most 60 characters.
    #[derive(Default)]
    Subject,
    "A subject",
    0,
    60
);
bounded_text!(
    /// A class's name, e.g. "Year 5 Oak": 1–60 characters.
    ClassName,
    "A class name",
    1,
    60
);
bounded_text!(
    /// A pupil's first name or pseudonym: 1–40 characters, never an e-mail address.
    PupilName,
    "A pupil's name",
    1,
    40
);

bounded_text!(
    /// One entry in a plan or a pupil's proposal (an outcome, a criterion, a keyword…):
    /// 1–500 characters on one line.
    ItemText,
    "An item",
    1,
    500
);
bounded_text!(
    /// A phase's title, e.g. "Starter": 1–120 characters.
    PhaseTitle,
    "A phase title",
    1,
    120
);
bounded_text!(
    /// Free notes in a plan (prior knowledge, a phase's description…): up to 2,000 characters,
    /// line breaks allowed.
    #[derive(Default)]
    Notes,
    "These notes",
    0,
    2000,
    bounded_lines
);
bounded_text!(
    /// The short, kind note a teacher sends with a proposal returned for rewording: 1–200
    /// characters.
    KindNote,
    "A note",
    1,
    200
);
bounded_text!(
    /// A saved template's name: 1–60 characters.
    TemplateName,
    "A template name",
    1,
    60
);

bounded_text!(
    /// A label the teacher gives a pupil to balance groups on, e.g. "Reading: green": 1–30
    /// characters. Seen by the teacher only.
    PupilLabel,
    "A label",
    1,
    30
);
bounded_text!(
    /// A group role's name, e.g. "Facilitator": 1–40 characters.
    RoleName,
    "A role's name",
    1,
    40
);
bounded_text!(
    /// What a pupil in a role does, on the role's card: 1–300 characters.
    RoleDuty,
    "What the role does",
    1,
    300
);
bounded_text!(
    /// A sentence starter on a role's card, e.g. "Who would like to go first?": 1–120 characters.
    SentenceStarter,
    "A sentence starter",
    1,
    120
);
bounded_text!(
    /// Why the teacher changed a pupil's role, kept in the history: 1–200 characters.
    Reason,
    "A reason",
    1,
    200
);

macro_rules! no_extra_checks {
    ($($name:ident),*) => {
        $(impl $name {
            fn check_extra(text: String) -> Result<String, TextError> {
                Ok(text)
            }
        })*
    };
}
no_extra_checks!(
    ItemText,
    PhaseTitle,
    KindNote,
    TemplateName,
    ClassName,
    PupilLabel,
    RoleName,
    RoleDuty,
    SentenceStarter,
    Reason
);

impl Notes {
    fn check_extra(text: String) -> Result<String, TextError> {
        Ok(text)
    }

    /// Whether nothing is written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PhaseTitle {
    /// A title from an item's text, or `None` if it is too long to be a title.
    pub fn from_item(text: &ItemText) -> Option<Self> {
        Self::parse(text.as_str()).ok()
    }
}

impl LessonTitle {
    fn check_extra(text: String) -> Result<String, TextError> {
        Ok(text)
    }

    /// The title of a copy: "Copy of …", shortened to fit.
    pub fn copy_of(&self) -> Self {
        let full = format!("Copy of {}", self.0);
        Self(
            full.chars()
                .take(Self::MAX_CHARS)
                .collect::<String>()
                .into(),
        )
    }
}

impl Subject {
    fn check_extra(text: String) -> Result<String, TextError> {
        Ok(text)
    }

    /// Whether no subject is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PupilName {
    fn check_extra(text: String) -> Result<String, TextError> {
        if text.contains('@') {
            Err(TextError::Email)
        } else {
            Ok(text)
        }
    }

    /// The name folded for comparison, so "Sam" and " sam" count as the same pupil.
    pub fn folded(&self) -> String {
        self.0.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(LessonTitle::parse("  Rivers ").unwrap().as_str(), "Rivers");
        assert_eq!(
            LessonTitle::parse("   "),
            Err(TextError::Empty {
                what: "A lesson title"
            })
        );
        let long = "é".repeat(121);
        assert_eq!(
            LessonTitle::parse(&long).unwrap_err().to_string(),
            "A lesson title can be at most 120 characters (this has 121)."
        );
        assert!(LessonTitle::parse(&"é".repeat(120)).is_ok());
        assert!(matches!(
            LessonTitle::parse("a\nb"),
            Err(TextError::Control { .. })
        ));
    }

    #[test]
    fn copy_titles_stay_within_the_limit() {
        let title = LessonTitle::parse(&"x".repeat(120)).unwrap();
        assert_eq!(title.copy_of().as_str().chars().count(), 120);
        let short = LessonTitle::parse("Rivers").unwrap();
        assert_eq!(short.copy_of().as_str(), "Copy of Rivers");
    }

    #[test]
    fn subjects_may_be_empty_but_names_may_not() {
        assert!(Subject::parse("").unwrap().is_empty());
        assert!(ClassName::parse(" ").is_err());
        assert!(PupilName::parse("").is_err());
    }

    #[test]
    fn notes_keep_their_lines_but_items_fit_on_one() {
        let notes = Notes::parse(" Place value.\r\nColumn addition.\n").unwrap();
        assert_eq!(notes.as_str(), "Place value.\nColumn addition.");
        assert!(Notes::parse("").unwrap().is_empty());
        assert!(Notes::parse("a\u{7}b").is_err());
        assert!(matches!(
            ItemText::parse("I can\nadd"),
            Err(TextError::Control { what: "An item" })
        ));
        assert_eq!(
            ItemText::parse(&"x".repeat(501)).unwrap_err().to_string(),
            "An item can be at most 500 characters (this has 501)."
        );
        assert_eq!(
            ItemText::parse(" ").unwrap_err().to_string(),
            "An item can't be empty."
        );
        assert!(PhaseTitle::parse(&"x".repeat(121)).is_err());
    }

    #[test]
    fn pupil_names_refuse_email_addresses() {
        assert_eq!(PupilName::parse("amira@school.org"), Err(TextError::Email));
        assert_eq!(PupilName::parse("Amira").unwrap().folded(), "amira");
    }

    #[test]
    fn deserialising_checks_the_same_rules() {
        let bad: Result<LessonTitle, _> = serde_json::from_str("\"\"");
        assert!(bad.is_err());
        let good: LessonTitle = serde_json::from_str("\"Rivers\"").unwrap();
        assert_eq!(good.as_str(), "Rivers");
    }
}
