//! Reading a pasted class list: one name per line.

use std::collections::BTreeSet;

use crate::class::{Class, MAX_PUPILS_PER_CLASS};
use crate::text::{PupilName, TextError};

/// What was found in a pasted list, sorted into what can be added and what needs a look.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PastedRoster {
    /// Names to add, in the order pasted.
    pub names: Vec<PupilName>,
    /// Lines whose name is already on the roster or earlier in the paste.
    pub duplicates: Vec<String>,
    /// Lines that are not a usable name, with the reason.
    pub invalid: Vec<(String, TextError)>,
    /// Names left out because the roster would pass [`MAX_PUPILS_PER_CLASS`].
    pub over_limit: Vec<String>,
}

/// Splits `text` into names to add to `class` (one per line; blank lines ignored).
pub fn read_pasted_roster(text: &str, class: Option<&Class>) -> PastedRoster {
    let mut result = PastedRoster::default();
    let mut seen: BTreeSet<String> = class
        .map(|c| c.roster().map(|p| p.name().folded()).collect())
        .unwrap_or_default();
    let room = MAX_PUPILS_PER_CLASS - class.map_or(0, |c| c.roster().count());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match PupilName::parse(line) {
            Err(error) => result.invalid.push((line.to_owned(), error)),
            Ok(name) if !seen.insert(name.folded()) => result.duplicates.push(line.to_owned()),
            Ok(_) if result.names.len() >= room => result.over_limit.push(line.to_owned()),
            Ok(name) => result.names.push(name),
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_skips_blanks_and_flags_duplicates_and_bad_lines() {
        let pasted = read_pasted_roster("  Amira \n\nBen\nben\nx@y.z\n", None);
        let names: Vec<_> = pasted.names.iter().map(PupilName::as_str).collect();
        assert_eq!(names, ["Amira", "Ben"]);
        assert_eq!(pasted.duplicates, ["ben"]);
        assert_eq!(pasted.invalid, [("x@y.z".to_owned(), TextError::Email)]);
    }

    #[test]
    fn caps_the_roster_size() {
        let text: String = (1..=65).map(|i| format!("Pupil {i}\n")).collect();
        let pasted = read_pasted_roster(&text, None);
        assert_eq!(pasted.names.len(), MAX_PUPILS_PER_CLASS);
        assert_eq!(pasted.over_limit.len(), 5);
    }
}
