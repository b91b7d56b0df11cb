//! The reading options chosen on this device: a setting of the device, not part of any lesson.

use serde::{Deserialize, Serialize};

use super::local_store::{read_json, write_raw};

/// The key the options are kept under.
pub const READING_KEY: &str = "withme.reading";

/// How this device shows text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reading {
    /// Easier reading: a clearer font shipped with Withme, and more space between letters,
    /// words and lines.
    pub easier: bool,
    /// The Board in larger type, white on black.
    pub large_board: bool,
    /// A soft chime from the Board when the lesson timer runs out (off unless chosen).
    pub chime: bool,
}

/// The options chosen on this device (the defaults if none, or if they can't be read).
pub fn chosen() -> Reading {
    read_json(READING_KEY).unwrap_or_default()
}

/// Keeps the options for this device (for this page only if storage is unavailable).
pub fn keep(reading: Reading) {
    if let Ok(text) = crate::browser::json::write(&reading) {
        let _ = write_raw(READING_KEY, &text);
    }
}
