//! The co-production record in the Planner: how much of the plan the class wrote.

use leptos::prelude::*;
use withme_core::LessonId;
use withme_core::coproduction::{Coproduction, names};

use crate::format::class_of;
use crate::state::use_library;

/// "The class wrote 4 of 12 entries, by 3 different pupils", and who has not been heard from
/// yet. For the teacher's eyes only: it is never shown on the Board or the Pupil view.
#[component]
pub fn CoproductionSummary(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let lesson = StoredValue::new(lesson);
    let summary = Memo::new(move |_| {
        library.with(|lib| {
            let l = lesson.with_value(|id| lib.lesson(id))?;
            let class = class_of(lib, l);
            let record = Coproduction::of(l, class);
            let wrote = format!(
                "The class wrote {} of the plan's {} entries, by {} different {}.",
                record.by_pupils,
                record.entries,
                record.writers.len(),
                if record.writers.len() == 1 {
                    "pupil"
                } else {
                    "pupils"
                },
            );
            let quiet = (class.is_some() && !record.not_heard_from.is_empty()).then(|| {
                format!(
                    "Not heard from yet: {}.",
                    names(class, &record.not_heard_from)
                )
            });
            Some((wrote, quiet))
        })
    });
    view! {
        <section class="plan-section coproduction" aria-labelledby="coproduction-heading">
            <h2 id="coproduction-heading">"Co-production"</h2>
            <p>{move || summary.get().map(|s| s.0)}</p>
            <p class="field-hint">{move || summary.get().and_then(|s| s.1)}</p>
        </section>
    }
}
