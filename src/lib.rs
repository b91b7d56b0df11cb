//! # Withme
//!
//! Pupils and their teacher co-produce a lesson: they build the plan together, vote on the
//! enquiry question, and record who does which job in each group.
//!
//! This crate is the browser app (Leptos, client-side rendered, built by Trunk). It holds no
//! domain rules: those live in `withme-core`. The app turns clicks and keystrokes into
//! commands for the core ([`state::LessonDispatch`]), keeps the library in the browser's local
//! storage ([`persistence`]), and keeps windows of one browser in step ([`state`]).

#![warn(missing_docs)]

pub mod apps;
mod board;
pub mod browser;
mod classes;
mod enquiry;
mod format;
mod groups;
mod library;
mod live;
pub mod persistence;
mod plan;
mod pupil;
mod routes;
pub mod state;
mod ui;

/// Mounts the teacher's app on the page's `<body>`.
pub fn start() {
    apps::teacher::start();
}
