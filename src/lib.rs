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

mod board;
pub mod browser;
mod components;
mod enquiry;
mod format;
mod groups;
mod live;
mod pages;
pub mod persistence;
mod routes;
pub mod state;

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

use pages::{
    BoardPage, ClassHistoryPage, ClassesPage, EnquiryPage, GroupsPage, JoinPage, LibraryPage,
    LiveBoardPage, NotFoundPage, PassDevicePage, PlannerPage, PrintPage, PupilPage,
    TabletNotFoundPage,
};

/// The whole app: loads the library (or, on a pupil's tablet, its view of the lesson), then
/// shows the page for the current address.
#[component]
pub fn App() -> impl IntoView {
    let kind = state::provide_app_state();
    if kind == state::WindowKind::LiveBoard {
        // A live Board on its own device shows the one page it was opened on.
        return view! { <LiveBoardPage /> }.into_any();
    }
    if kind == state::WindowKind::Tablet {
        // A tablet's window shows only pupils' pages: it never holds the teacher's library.
        return view! {
            <Router>
                <FlatRoutes fallback=TabletNotFoundPage>
                    <Route path=path!("/lessons/:id/pupil") view=PupilPage />
                    <Route path=path!("/lessons/:id/pass") view=PassDevicePage />
                    <Route path=path!("/join") view=JoinPage />
                    <Route path=path!("/join/:code") view=JoinPage />
                </FlatRoutes>
            </Router>
        }
        .into_any();
    }
    view! {
        <Router>
            <FlatRoutes fallback=NotFoundPage>
                <Route path=path!("/") view=LibraryPage />
                <Route path=path!("/classes") view=ClassesPage />
                <Route path=path!("/lessons/:id") view=PlannerPage />
                <Route path=path!("/lessons/:id/board") view=BoardPage />
                <Route path=path!("/lessons/:id/pupil") view=PupilPage />
                <Route path=path!("/lessons/:id/print") view=PrintPage />
                <Route path=path!("/lessons/:id/enquiry") view=EnquiryPage />
                <Route path=path!("/lessons/:id/pass") view=PassDevicePage />
                <Route path=path!("/lessons/:id/groups") view=GroupsPage />
                <Route path=path!("/classes/:id/history") view=ClassHistoryPage />
            </FlatRoutes>
        </Router>
    }
    .into_any()
}

/// Mounts the app on the page's `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(App);
}
