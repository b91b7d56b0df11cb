//! One page per file, one per route.

mod board;
mod class_history;
mod classes;
mod enquiry;
mod groups;
mod join;
mod library;
mod live_board;
mod not_found;
mod pass_device;
mod planner;
mod print;
mod pupil;

pub use board::BoardPage;
pub use class_history::ClassHistoryPage;
pub use classes::ClassesPage;
pub use enquiry::EnquiryPage;
pub use groups::GroupsPage;
pub use join::JoinPage;
pub use library::LibraryPage;
pub use live_board::LiveBoardPage;
pub use not_found::{NotFoundPage, TabletNotFoundPage};
pub use pass_device::PassDevicePage;
pub use planner::PlannerPage;
pub use print::PrintPage;
pub use pupil::PupilPage;

use leptos::prelude::*;

/// Keeps the browser tab's title, "<page> · Withme", in step with the page (WCAG 2.4.2).
fn page_title(page: impl Fn() -> String + 'static) {
    Effect::new(move |_| document().set_title(&format!("{} · Withme", page())));
}

/// The tab's title for a page about the lesson in the address: "<page>: <lesson title>", or
/// just "<page>" when the lesson isn't on this device.
fn lesson_page_title(page: &'static str) {
    let library = crate::state::use_library();
    let lesson_id = crate::routes::use_lesson_id();
    page_title(move || {
        let title = lesson_id
            .get()
            .and_then(|id| library.with(|lib| lib.lesson(&id).map(|l| l.plan().title.to_string())));
        title.map_or_else(|| page.into(), |t| format!("{page}: {t}"))
    });
}
