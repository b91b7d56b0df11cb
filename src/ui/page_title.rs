//! The document's title, named after the page.

use leptos::prelude::*;

/// Keeps the browser tab's title, "<page> · Withme", in step with the page (WCAG 2.4.2).
/// Sets the document title to "`page` · Withme", again whenever it changes.
pub fn page_title(page: impl Fn() -> String + 'static) {
    Effect::new(move |_| document().set_title(&format!("{} · Withme", page())));
}

/// The tab's title for a page about the lesson in the address: "<page>: <lesson title>", or
/// just "<page>" when the lesson isn't on this device.
/// Titles a lesson's page "`page`: the lesson's title · Withme".
pub fn lesson_page_title(page: &'static str) {
    let library = crate::state::use_library();
    let lesson_id = crate::routes::use_lesson_id();
    page_title(move || {
        let title = lesson_id
            .get()
            .and_then(|id| library.with(|lib| lib.lesson(&id).map(|l| l.plan().title.to_string())));
        title.map_or_else(|| page.into(), |t| format!("{page}: {t}"))
    });
}
