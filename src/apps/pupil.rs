//! The Pupil app: what a pupil's tablet loads, and nothing of the teacher's. It joins a live
//! lesson (`/join`, `/join/CODE`) or, in the teacher's browser, shows the Pupil view
//! (`/lessons/:id/pupil`) or the tablet passed round (`/lessons/:id/pass`). On the join page it
//! takes over from the form the server drew before it loaded.

use leptos::prelude::*;

use crate::browser::join_form::take_early_join_form;
use crate::pupil::{JoinPage, PassDevicePage, PupilPage};
use crate::routes::{code_in_query, join_code, pupil_device_lesson};
use crate::state::{Notices, SaveStatus, Tablet};
use crate::ui::ReadingOptions;
use crate::ui::TabletNotFoundPage;

/// The page a tablet shows, decided once from its address.
enum TabletPage {
    Join,
    Pupil,
    Pass,
    Nowhere,
}

/// The Pupil app: starts the tablet for its address and shows its one page.
#[component]
pub fn PupilApp() -> impl IntoView {
    let notices = Notices::new();
    provide_context(notices);
    let path = window().location().pathname().unwrap_or_default();
    let early = take_early_join_form();
    let (tablet, page) = if let Some(code) = join_code(&path) {
        let sent_early = || code_in_query(&window().location().search().unwrap_or_default());
        provide_context(early.unwrap_or_default());
        (
            Tablet::start_live(notices, code.or_else(sent_early)),
            TabletPage::Join,
        )
    } else if let Some(lesson) = pupil_device_lesson(&path) {
        let page = if path.trim_end_matches('/').ends_with("/pass") {
            TabletPage::Pass
        } else {
            TabletPage::Pupil
        };
        (Tablet::start(notices, lesson), page)
    } else {
        (Tablet::start(notices, None), TabletPage::Nowhere)
    };
    provide_context(tablet);
    provide_context(SaveStatus::of_tablet(tablet));
    let page = match page {
        TabletPage::Join => view! { <JoinPage /> }.into_any(),
        TabletPage::Pupil => view! { <PupilPage /> }.into_any(),
        TabletPage::Pass => view! { <PassDevicePage /> }.into_any(),
        TabletPage::Nowhere => view! { <TabletNotFoundPage /> }.into_any(),
    };
    view! {
        {page}
        <footer class="reading-footer"><ReadingOptions /></footer>
    }
}

/// Mounts the Pupil app on the page's `<body>`.
pub fn start() {
    crate::browser::offline::keep_for_offline();
    crate::ui::apply_reading_options();
    leptos::mount::mount_to_body(PupilApp);
}
