//! The teacher's app: the library, plans, classes, the enquiry, groups and the Board in one
//! browser. A pupil's pages are the Pupil app's ([`super::pupil`]), and a live lesson's Board
//! on the whiteboard's own device the Board app's ([`super::board`]).

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

use crate::board::BoardPage;
use crate::classes::{ClassHistoryPage, ClassesPage};
use crate::enquiry::EnquiryPage;
use crate::groups::GroupsPage;
use crate::library::LibraryPage;
use crate::plan::{PlannerPage, PrintPage};
use crate::state;
use crate::ui::NotFoundPage;

/// The teacher's app: loads the library, then shows the page for the current address.
#[component]
pub fn TeacherApp() -> impl IntoView {
    state::provide_app_state();
    let library = state::use_library();
    view! {
        <Show when=move || !library.is_opening() fallback=OpeningLibrary>
            <TeacherRoutes />
        </Show>
    }
}

/// Shown for the moment the library is read from storage: on the library's address, its
/// lessons as the index lists them, as soon as the index is read.
#[component]
fn OpeningLibrary() -> impl IntoView {
    let library = state::use_library();
    let on_library_page = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|path| path == "/");
    let lessons = move || {
        let lessons = library.opening_index().filter(|_| on_library_page)?;
        Some(view! {
            <ul class="opening-lessons" aria-label="Your lessons, while the library opens">
                {lessons
                    .into_iter()
                    .map(|lesson| {
                        let details = summary_details(&lesson);
                        view! {
                            <li>
                                <strong>{lesson.title.to_string()}</strong>
                                <span>{details}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        })
    };
    view! {
        <main class="opening-library" aria-busy="true">
            <p role="status">"Opening your library…"</p>
            {lessons}
        </main>
    }
}

/// A listed lesson's subject and day, as far as its index record tells them.
fn summary_details(lesson: &withme_core::records::LessonSummary) -> String {
    let subject = Some(lesson.subject.as_str()).filter(|s| !s.is_empty());
    let day = lesson.date.map(crate::format::date);
    subject
        .map(str::to_owned)
        .into_iter()
        .chain(day)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The teacher's pages, by address.
#[component]
fn TeacherRoutes() -> impl IntoView {
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
}

/// Mounts the teacher's app on the page's `<body>`.
pub fn start() {
    crate::browser::offline::keep_for_offline();
    crate::ui::apply_reading_options();
    leptos::mount::mount_to_body(TeacherApp);
}
