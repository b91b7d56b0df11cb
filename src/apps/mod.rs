//! The apps Withme is built as, each its own wasm binary and Trunk entry: thin shells over the
//! features they share.
//!
//! - [`teacher`] (`index.html`): the library, plans, classes, the enquiry, groups and the Board;
//! - [`pupil`] (`pupil.html`, served from `/pupil/`): a pupil's tablet, live or in the teacher's
//!   browser. It never loads the teacher's wasm.
//! - [`board`] (`board.html`, served from `/board/`): a live lesson's Board on the whiteboard's
//!   own browser. (The Board in a second window of the teacher's browser, which the teacher
//!   steers, is the teacher's app's.)

pub mod board;
pub mod pupil;
pub mod teacher;
