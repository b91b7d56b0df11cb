//! Everything that touches browser storage. The rest of the app sees only these functions.

pub mod library_records;
pub mod local_store;
pub mod outbox;
pub mod pupil_identity;
pub mod reading;
pub mod records;
pub mod unsaved_journal;
pub mod views;
pub mod window_channel;
