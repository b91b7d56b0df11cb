//! Any address the app does not know.

use leptos::prelude::*;

use crate::routes::AppRoute;
use crate::ui::TeacherLayout;

/// A friendly page for an address that leads nowhere.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    crate::ui::page_title(|| "Page not found".into());
    view! {
        <TeacherLayout>
            <div class="empty-state">
                <h1>"There's no page here"</h1>
                <p>"The link may be mistyped, or the page may have moved."</p>
                <a class="button primary" href=AppRoute::Library.href()>"Go to your lessons"</a>
            </div>
        </TeacherLayout>
    }
}

/// On a pupil's tablet, any page but the pupils' own.
#[component]
pub fn TabletNotFoundPage() -> impl IntoView {
    crate::ui::page_title(|| "Page not found".into());
    view! {
        <main class="pupil" id="main">
            <h1>"There's nothing here for this tablet"</h1>
            <p>"Ask your teacher for the link to today's lesson."</p>
        </main>
    }
}
