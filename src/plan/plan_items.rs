//! One list of a plan in the Planner: outcomes, success criteria, keywords or resources.

use leptos::prelude::*;
use withme_core::markdown::list_heading;
use withme_core::{Command, ItemId, ItemList, ItemText, LessonId, Section};

use crate::format::{item_label, suggested_by};
use crate::state::{use_editor, use_library, use_notices};
use crate::ui::{TextField, TextForm, list_of, section_ids};

/// A list of a plan's items: edit each in place, remove it, or add another.
#[component]
pub fn PlanItems(
    /// The lesson.
    lesson: LessonId,
    /// Which list.
    list: ItemList,
    /// A hint under the heading.
    #[prop(optional)]
    hint: &'static str,
) -> impl IntoView {
    let editor = use_editor();
    let lesson = StoredValue::new(lesson);
    let ids = section_ids(lesson, Section::Items(list));
    let add = Callback::new(move |text: String| {
        let text = ItemText::parse(&text).map_err(|e| e.to_string())?;
        editor.edit(Command::AddItem {
            lesson: lesson.get_value(),
            list,
            text,
        })
    });
    let heading = list_heading(list);
    let heading_id = format!("{list:?}-heading").to_lowercase();
    let labelled_by = heading_id.clone();
    view! {
        <section class="plan-section" aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            {(!hint.is_empty()).then(|| view! { <p class="field-hint">{hint}</p> })}
            <ol class="plan-items">
                {list_of(ids, move |item| {
                    let position = ids.with_untracked(|ids| ids.iter().position(|i| *i == item)).unwrap_or(0) + 1;
                    view! { <PlanItemRow lesson=lesson.get_value() list item position /> }.into_any()
                })}
            </ol>
            <TextForm
                label=format!("Add a {}", item_label(list).to_lowercase())
                submit="Add"
                on_submit=add
                class="add-item"
            />
        </section>
    }
}

/// One item: its text, who suggested it, and a remove button.
#[component]
fn PlanItemRow(
    lesson: LessonId,
    list: ItemList,
    item: ItemId,
    /// Its place in the list, from 1 (for labels).
    position: usize,
) -> impl IntoView {
    let library = use_library();
    let editor = use_editor();
    let notices = use_notices();
    let lesson = StoredValue::new(lesson);
    let item = StoredValue::new(item);
    let found = Memo::new(move |_| {
        library.with(|lib| {
            let l = lesson.with_value(|id| lib.lesson(id))?;
            let found = item.with_value(|id| l.plan().items(list).iter().find(|i| &i.id == id))?;
            Some((
                found.text.to_string(),
                suggested_by(lib, l, &found.suggested_by),
            ))
        })
    });
    let label = format!("{} {position}", item_label(list));
    let remove_label = format!("Remove {}", label.to_lowercase());
    let remove = move |_| {
        let removed = editor.edit(Command::RemoveEntry {
            lesson: lesson.get_value(),
            section: Section::Items(list),
            entry: item.get_value(),
        });
        if let Err(reason) = removed {
            notices.problem(reason);
        }
    };
    view! {
        <li class="plan-item">
            <TextField
                label=label
                saved=Signal::derive(move || found.with(|f| f.as_ref().map(|f| f.0.clone()).unwrap_or_default()))
                on_edit=move |text: String| {
                    let text = ItemText::parse(&text).map_err(|e| e.to_string());
                    editor.edit_parsed(text.map(|text| Command::EditItem {
                        lesson: lesson.get_value(),
                        list,
                        item: item.get_value(),
                        text,
                    }))
                }
            />
            <p class="provenance">{move || found.with(|f| f.as_ref().and_then(|f| f.1.clone()))}</p>
            <button type="button" class="quiet" aria-label=remove_label on:click=remove>"Remove"</button>
        </li>
    }
}
