//! Everything that touches browser storage. The rest of the app sees only these functions.

pub mod local_store;
pub mod pupil_identity;
