//! # withme-core
//!
//! The Withme domain: lessons, classes and the operations that change them.
//!
//! This crate must never know about the browser, the network, storage, the clock or randomness.
//! Its only dependencies are serde, serde_json and thiserror. Ids, times and random bytes are
//! passed in by the shells (the Leptos app, and later the sync server), which is why it compiles
//! and is tested natively in milliseconds.
//!
//! Everything changes through one function, [`Library::apply`]: the shell builds an
//! [`Operation`] (a [`Command`] with a unique [`OpId`], an [`Author`] and a [`Timestamp`]); `apply`
//! checks the author's rights and the library's rules, then applies it and answers with an
//! [`Event`], or refuses it with a [`Rejection`] whose text a person can act on. Applying an
//! operation twice changes nothing the second time.
//!
//! Two formats are public contracts, each versioned and with golden examples in
//! `tests/fixtures/`: the stored library ([`document`]) and the `.withme.json` lesson file
//! ([`lesson_file`]).

#![warn(missing_docs)]

mod apply;
mod class;
pub mod document;
mod ids;
mod lesson;
pub mod lesson_file;
mod library;
mod operation;
pub mod replica;
mod rights;
pub mod roster;
mod text;
mod time;

pub use apply::Rejection;
pub use class::{Class, MAX_PUPILS_PER_CLASS, Pupil};
pub use ids::{ClassId, DeviceId, IdError, LessonId, OpId, PupilId};
pub use lesson::{Lesson, Plan};
pub use library::{AppliedOps, Library};
pub use operation::{Applied, Author, Command, Event, Operation};
pub use text::{ClassName, LessonTitle, PupilName, Subject, TextError};
pub use time::{LessonDate, LessonLength, TimeError, Timestamp};
