//! On a pupil's tablet: a note when its work is still waiting for the teacher's window.

use leptos::prelude::*;

use crate::state::use_save_status;

/// Says, politely and only when it matters, that the tablet's work has not reached the teacher
/// yet (no teacher's window is open in this browser). Nothing is lost meanwhile.
#[component]
pub fn DeliveryNote() -> impl IntoView {
    let save = use_save_status();
    view! {
        <p class="waiting-note" role="status">
            {move || save.undelivered().then_some(
                "Your work is kept on this tablet. It reaches your teacher when their Withme screen is open.",
            )}
        </p>
    }
}
