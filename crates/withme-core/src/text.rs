//! Validated pieces of text: titles, names, subjects.
//!
//! Each type trims its input and enforces a length in characters (not bytes). The error messages
//! are written for the person at the keyboard and are shown next to the field.

use std::fmt;

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

fn bounded(text: &str, what: &'static str, min: usize, max: usize) -> Result<String, TextError> {
    let trimmed = text.trim();
    let len = trimmed.chars().count();
    if len < min {
        return Err(TextError::Empty { what });
    }
    if len > max {
        return Err(TextError::TooLong { what, max, len });
    }
    if trimmed.chars().any(char::is_control) {
        return Err(TextError::Control { what });
    }
    Ok(trimmed.to_owned())
}

macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $what:literal, $min:expr, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Most characters allowed.
            pub const MAX_CHARS: usize = $max;

            /// Trims and checks `text`.
            pub fn parse(text: &str) -> Result<Self, TextError> {
                Self::check_extra(bounded(text, $what, $min, $max)?).map(Self)
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
                text.0
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

impl LessonTitle {
    fn check_extra(text: String) -> Result<String, TextError> {
        Ok(text)
    }

    /// The title of a copy: "Copy of …", shortened to fit.
    pub fn copy_of(&self) -> Self {
        let full = format!("Copy of {}", self.0);
        Self(full.chars().take(Self::MAX_CHARS).collect())
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

impl ClassName {
    fn check_extra(text: String) -> Result<String, TextError> {
        Ok(text)
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
