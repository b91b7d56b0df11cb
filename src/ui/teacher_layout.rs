//! The frame around the teacher's pages: header, navigation, saving status and messages.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::routes::AppRoute;
use crate::ui::{NoticeTray, ReadingOptions, SaveIndicator, StorageBanner};

/// Header with navigation and saving status, banners about storage, the page, and messages.
#[component]
pub fn TeacherLayout(
    /// The page's content.
    children: Children,
) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header">
            <a class="wordmark" href=AppRoute::Library.href()>"Withme"</a>
            <nav aria-label="Main">
                <A href=AppRoute::Library.href() exact=true>"Lessons"</A>
                <A href=AppRoute::Classes.href()>"Classes"</A>
            </nav>
            <SaveIndicator />
            <ReadingOptions />
        </header>
        <StorageBanner />
        <main id="main" class="page" tabindex="-1">{children()}</main>
        <NoticeTray />
    }
}
