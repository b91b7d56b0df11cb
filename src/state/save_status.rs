//! Whether this window's changes are being saved, in words a teacher can act on.

/// The saving state shown in the header and, when it matters, in a banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is in storage.
    Saved,
    /// Some changes are waiting to be written (a fraction of a second).
    Saving,
    /// Changes are kept in this window only; they are lost when it closes.
    NotSaving(StorageProblem),
}

/// Why changes are not being saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser refuses storage (often: cookies blocked for this site).
    Blocked,
    /// Storage is full.
    Full,
    /// A library from a newer version of Withme is stored: this version won't overwrite it.
    NewerVersion,
    /// The stored library couldn't be read, and couldn't be copied aside either, so it is left
    /// as it is.
    CannotKeepAside,
    /// The stored library's records could not be read outside its lessons (its classes, say):
    /// they are left exactly as they were, and nothing is saved over them.
    Unreadable,
    /// Any other error from the browser.
    Failed(String),
}

impl StorageProblem {
    /// One sentence: what is wrong.
    pub fn headline(&self) -> &'static str {
        match self {
            Self::Blocked => "This browser is blocking storage for Withme.",
            Self::Full => "This browser's storage for Withme is full.",
            Self::NewerVersion => "A newer version of Withme has saved your library.",
            Self::CannotKeepAside => {
                "Your saved library couldn't be opened, and there is no room to keep a copy."
            }
            Self::Unreadable => "Your saved library couldn't be opened: part of it is damaged.",
            Self::Failed(_) => "The browser refused to save your changes.",
        }
    }

    /// What the teacher can do about it.
    pub fn advice(&self) -> &'static str {
        match self {
            Self::Blocked => {
                "Allow cookies and site data for this site, then reload. Until then, export any lesson you need to keep."
            }
            Self::Full => {
                "Export lessons you want to keep, then delete some you no longer need. Your work in this window is safe until you close it."
            }
            Self::NewerVersion => {
                "Reload the page to get the newer version. Nothing has been overwritten."
            }
            Self::CannotKeepAside => {
                "It has been left exactly as it was. Withme keeps a copy and carries on saving as soon as there is room; until then, export any lesson you make here."
            }
            Self::Unreadable => {
                "It has been left exactly as it was, and nothing will be saved over it. Export any lesson you make here, or restore a backup in a fresh browser profile."
            }
            Self::Failed(_) => {
                "Export any lesson you need to keep. Your work in this window is safe until you close it."
            }
        }
    }
}

/// A stored library that could not be read and was copied aside, untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptAside {
    /// The storage key holding the copy.
    pub key: String,
    /// Why it could not be read.
    pub reason: String,
    /// When only some lessons were damaged, their titles: every other lesson and class opened.
    /// Empty when nothing could be opened.
    pub left_out: Vec<String>,
    /// When the copies are records on the kept-aside shelf (damaged lesson records), their
    /// keys there; empty when the copy is in local storage under `key`.
    pub in_records: Vec<String>,
}
