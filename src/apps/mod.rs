//! The apps Withme is built as, each its own wasm binary and Trunk entry: thin shells over the
//! features they share.
//!
//! - [`teacher`] (`index.html`): the library, plans, classes, the enquiry, groups and the Board;
//! - [`pupil`] (`pupil.html`, served from `/pupil/`): a pupil's tablet, live or in the teacher's
//!   browser. It never loads the teacher's wasm.

pub mod pupil;
pub mod teacher;
