//! Application state: one library per window, reached through small typed handles.
//!
//! [`provide_app_state`] runs once, in `App`; components then call [`use_library`],
//! [`use_dispatch`], [`use_save_status`] or [`use_notices`].

mod acting;
mod editor;
mod handles;
mod library_state;
mod live_board;
mod live_lessons;
mod notices;
mod opening;
mod save_status;
mod tablet;

use leptos::prelude::*;

pub use acting::Acting;
pub use editor::{PlanEditor, use_editor};
pub use handles::{LessonDispatch, LibraryView, SaveStatus};
pub use live_board::{LiveBoard, board_link};
pub use live_lessons::{LiveLessons, LiveStatus, live_here};
pub use notices::{Notice, Notices, Tone, UndoAction};
pub use save_status::{KeptAside, SaveState, StorageProblem};
pub use tablet::{KeptSeat, LiveState, Tablet};

/// Starts a teacher's window's state and provides its handles to every component below.
pub fn provide_app_state() {
    let notices = Notices::new();
    provide_context(notices);
    let state = library_state::LibraryState::start(notices);
    let live = LiveLessons::start(state, notices);
    provide_context(live);
    let (view, dispatch, save) = handles::handles(state, live);
    provide_context(view);
    provide_context(dispatch);
    provide_context(save);
    provide_context(Acting::new(dispatch, notices));
}

/// The tablet this window is.
pub fn use_tablet() -> Tablet {
    expect_context()
}

/// This window's live Board.
pub fn use_live_board() -> LiveBoard {
    expect_context()
}

/// This window's live lessons.
pub fn use_live_lessons() -> LiveLessons {
    expect_context()
}

/// Read access to the library.
pub fn use_library() -> LibraryView {
    expect_context()
}

/// The handle that applies commands.
pub fn use_dispatch() -> LessonDispatch {
    expect_context()
}

/// Saving status.
pub fn use_save_status() -> SaveStatus {
    expect_context()
}

/// Applying commands with their refusals shown.
pub fn use_acting() -> Acting {
    expect_context()
}

/// Short on-screen messages.
pub fn use_notices() -> Notices {
    expect_context()
}
