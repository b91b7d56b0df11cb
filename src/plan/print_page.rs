//! `/lessons/:id/print`: the plan laid out for A4 paper.

use leptos::prelude::*;

use crate::plan::PlanSheet;
use crate::routes::{AppRoute, use_lesson_id};
use crate::state::use_library;

/// The printable plan, with a Print button and a way back; neither is printed.
#[component]
pub fn PrintPage() -> impl IntoView {
    let library = use_library();
    let lesson_id = use_lesson_id();
    crate::ui::page_title(move || {
        let title = lesson_id
            .get()
            .and_then(|id| library.with(|lib| lib.lesson(&id).map(|l| l.plan().title.to_string())));
        title.map_or_else(|| "Lesson not found".into(), |t| format!("Print: {t}"))
    });
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <main class="print-page" id="main">
            {move || lesson_id.get().map(|id| view! {
                <div class="print-actions">
                    <a class="button" href=AppRoute::Planner(id.clone()).href()>"← Back to the plan"</a>
                    <button type="button" class="primary" on:click=print>"Print"</button>
                </div>
                <PlanSheet lesson=id />
            })}
        </main>
    }
}
