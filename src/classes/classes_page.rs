//! `/classes`: classes and their pupils.

use leptos::prelude::*;
use withme_core::ClassId;

use crate::classes::{ClassCard, NewClassForm};
use crate::state::use_library;
use crate::ui::{TeacherLayout, list_of};

/// Classes: create a class, then type or paste its pupils' first names.
#[component]
pub fn ClassesPage() -> impl IntoView {
    let library = use_library();
    let classes_where = move |archived: bool| {
        Memo::new(move |_| {
            library.with(|lib| {
                lib.classes_by_name()
                    .iter()
                    .filter(|c| c.is_archived() == archived)
                    .map(|c| c.id().clone())
                    .collect::<Vec<ClassId>>()
            })
        })
    };
    let classes = classes_where(false);
    let archived = classes_where(true);
    crate::ui::page_title(|| "Classes".into());
    view! {
        <TeacherLayout>
            <div class="page-head">
                <h1>"Classes"</h1>
            </div>
            <p class="privacy-note">
                "Use pupils' first names or pseudonyms only. Class lists stay in this browser: nothing leaves this device."
            </p>
            <NewClassForm />
            {list_of(classes, |class| view! { <ClassCard class /> }.into_any())}
            {move || (!archived.with(Vec::is_empty)).then(|| view! {
                <details class="archived-classes">
                    <summary>{move || format!("Archived classes ({})", archived.with(Vec::len))}</summary>
                    {list_of(archived, |class| view! { <ClassCard class /> }.into_any())}
                </details>
            })}
        </TeacherLayout>
    }
}
