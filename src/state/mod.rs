//! Application state: one library per window, reached through small typed handles.
//!
//! [`provide_app_state`] runs once, in `App`; components then call [`use_library`],
//! [`use_dispatch`], [`use_save_status`] or [`use_notices`].

mod acting;
mod editor;
mod handles;
mod library_state;
mod notices;
mod save_status;

use leptos::prelude::*;

pub use acting::Acting;
pub use editor::{PlanEditor, use_editor};
pub use handles::{LessonDispatch, LibraryView, SaveStatus};
pub use library_state::WindowRole;
pub use notices::{Notice, Notices, Tone};
pub use save_status::{KeptAside, SaveState, StorageProblem};

/// Loads the library and provides the handles to every component below.
pub fn provide_app_state() {
    let notices = Notices::new();
    let state = library_state::LibraryState::start(notices, role_of_this_window());
    let (view, dispatch, save) = handles::handles(state);
    provide_context(notices);
    provide_context(view);
    provide_context(dispatch);
    provide_context(save);
    provide_context(Acting::new(dispatch, notices));
}

/// A window opened on a pupil's page is a pupil's tablet; every other window is the teacher's.
fn role_of_this_window() -> WindowRole {
    let path = window().location().pathname().unwrap_or_default();
    if crate::routes::is_pupil_device(&path) {
        WindowRole::PupilDevice { viewer: None }
    } else {
        WindowRole::Authority
    }
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
