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
pub mod archive;
pub mod backup;
mod class;
mod command;
pub mod coproduction;
pub mod document;
pub mod enquiry;
pub mod groups;
mod ids;
mod lesson;
pub mod lesson_file;
mod library;
pub mod markdown;
mod operation;
mod plan;
mod proposal;
pub mod records;
pub mod replica;
mod rights;
pub mod roster;
pub mod sync;
mod template;
mod text;
mod time;
pub mod undo;
pub mod view;

pub use apply::{Rejection, lesson_seed};
pub use class::{Class, MAX_PUPILS_PER_CLASS, Pupil};
pub use command::{Command, PupilCommand};
pub use ids::{
    ClassId, DeviceId, IdError, ItemId, LessonId, OpId, PollId, ProposalId, PupilId, QuestionId,
    RoleId, TemplateId,
};
pub use lesson::Lesson;
pub use library::{AdoptError, Library};
pub use operation::{Applied, Author, Event, Operation};
pub use plan::{Entry, Item, ItemList, MAX_ENTRIES_PER_SECTION, NoteKind, Phase, Plan, Section};
pub use proposal::{
    MAX_OPEN_PROPOSALS_PER_PUPIL, MAX_PROPOSALS_PER_LESSON, Proposal, ProposalKind, ProposalStatus,
};
pub use template::{BuiltInTemplate, MAX_SAVED_TEMPLATES, Template, TemplateChoice};
pub use text::{
    ClassName, ItemText, KindNote, LessonTitle, Notes, PhaseTitle, PupilLabel, PupilName, Reason,
    RoleDuty, RoleName, SentenceStarter, Subject, TemplateName, TextError,
};
pub use time::{LessonDate, LessonLength, PhaseMinutes, TimeError, Timestamp};
