//! The plan as a read-only document: for print, and for anyone reading rather than editing.

use leptos::prelude::*;
use withme_core::markdown::{list_heading, note_heading};
use withme_core::{ItemList, LessonId, NoteKind};

use crate::format::{class_of, plan_details, suggested_by};
use crate::state::use_library;

/// Text with every `http://` or `https://` word shown as a plain link.
pub fn linked_text(text: &str) -> Vec<AnyView> {
    let mut parts = Vec::new();
    let mut plain = String::new();
    for word in text.split_inclusive(' ') {
        let bare = word.trim_end();
        if bare.starts_with("https://") || bare.starts_with("http://") {
            parts.push(std::mem::take(&mut plain).into_any());
            parts.push(view! { <a href=bare.to_owned()>{bare.to_owned()}</a> }.into_any());
            plain.push_str(&word[bare.len()..]);
        } else {
            plain.push_str(word);
        }
    }
    parts.push(plain.into_any());
    parts
}

/// A titled list of entries with who suggested each.
fn entry_list(heading: &'static str, entries: Vec<(String, Option<String>)>) -> AnyView {
    if entries.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="sheet-section">
            <h2>{heading}</h2>
            <ul>
                {entries.into_iter().map(|(text, by)| view! {
                    <li>{linked_text(&text)}{by.map(|by| view! { <span class="provenance">{format!(" ({by})")}</span> })}</li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// The whole plan, laid out to read or print. Re-renders as a whole when the lesson changes.
#[component]
pub fn PlanSheet(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let lesson = StoredValue::new(lesson);
    move || {
        library.with(|lib| {
            let l = lesson.with_value(|id| lib.lesson(id))?;
            let plan = l.plan();
            let list = |list: ItemList| {
                let entries = plan
                    .items(list)
                    .iter()
                    .map(|i| (i.text.to_string(), suggested_by(lib, l, &i.suggested_by)))
                    .collect();
                entry_list(list_heading(list), entries)
            };
            let phases = (!plan.phases.is_empty()).then(|| view! {
                <section class="sheet-section">
                    <h2>"Phases"</h2>
                    <p>{format!("{} of {} minutes planned", plan.planned_minutes(), plan.length.minutes())}</p>
                    <ol class="sheet-phases">
                        {plan.phases.iter().map(|p| view! {
                            <li>
                                <h3>{format!("{} · {} min", p.title, p.minutes.minutes())}</h3>
                                {(!p.description.is_empty()).then(|| view! { <p class="sheet-notes">{p.description.to_string()}</p> })}
                                {suggested_by(lib, l, &p.suggested_by).map(|by| view! { <p class="provenance">{by}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                </section>
            });
            let notes = NoteKind::ALL
                .iter()
                .filter(|&&n| !plan.note(n).is_empty())
                .map(|&n| view! {
                    <section class="sheet-section">
                        <h2>{note_heading(n)}</h2>
                        <p class="sheet-notes">{plan.note(n).to_string()}</p>
                    </section>
                })
                .collect_view();
            let class = class_of(lib, l).map(|c| c.name().as_str());
            Some(view! {
                <article class="plan-sheet">
                    <h1>{plan.title.to_string()}</h1>
                    <p class="sheet-details">{plan_details(plan, class)}</p>
                    {list(ItemList::Outcomes)}
                    {list(ItemList::Criteria)}
                    {phases}
                    {list(ItemList::Keywords)}
                    {list(ItemList::Resources)}
                    {notes}
                    {plan.enquiry_question.as_ref().map(|q| view! {
                        <section class="sheet-section"><h2>"Enquiry question"</h2><p>{q.to_string()}</p></section>
                    })}
                </article>
            })
        })
    }
}
