//! The teacher's app: the library, plans, classes, the enquiry, groups and the Board in one
//! browser, and the live Board on the whiteboard's own device (`/board/live`). A pupil's pages
//! are the Pupil app's ([`super::pupil`]).

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

use crate::pages::{
    BoardPage, ClassHistoryPage, ClassesPage, EnquiryPage, GroupsPage, LibraryPage, LiveBoardPage,
    NotFoundPage, PlannerPage, PrintPage,
};
use crate::state::{self, WindowKind};

/// The teacher's app: loads the library, then shows the page for the current address.
#[component]
pub fn TeacherApp() -> impl IntoView {
    if state::provide_app_state() == WindowKind::LiveBoard {
        // A live Board on its own device shows the one page it was opened on.
        return view! { <LiveBoardPage /> }.into_any();
    }
    view! {
        <Router>
            <FlatRoutes fallback=NotFoundPage>
                <Route path=path!("/") view=LibraryPage />
                <Route path=path!("/classes") view=ClassesPage />
                <Route path=path!("/lessons/:id") view=PlannerPage />
                <Route path=path!("/lessons/:id/board") view=BoardPage />
                <Route path=path!("/lessons/:id/print") view=PrintPage />
                <Route path=path!("/lessons/:id/enquiry") view=EnquiryPage />
                <Route path=path!("/lessons/:id/groups") view=GroupsPage />
                <Route path=path!("/classes/:id/history") view=ClassHistoryPage />
            </FlatRoutes>
        </Router>
    }
    .into_any()
}

/// Mounts the teacher's app on the page's `<body>`.
pub fn start() {
    crate::browser::offline::keep_for_offline();
    leptos::mount::mount_to_body(TeacherApp);
}
