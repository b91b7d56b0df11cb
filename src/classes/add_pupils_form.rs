//! Pasting pupils' names into a class.

use leptos::prelude::*;
use withme_core::roster::{PastedRoster, read_pasted_roster};
use withme_core::{ClassId, Command, MAX_PUPILS_PER_CLASS};

use crate::state::{use_dispatch, use_library, use_notices};
use crate::ui::unique_id;

/// A box to type or paste first names, one per line. It says, before adding, which lines are
/// duplicates or not usable; those lines stay in the box after the others are added.
#[component]
pub fn AddPupilsForm(
    /// The class to add to.
    class: StoredValue<ClassId>,
) -> impl IntoView {
    let library = use_library();
    let dispatch = use_dispatch();
    let notices = use_notices();
    let text = RwSignal::new(String::new());
    let id = unique_id("paste");
    let hint_id = format!("{id}-hint");
    let read = move |text: &str| {
        library.with(|lib| class.with_value(|c| read_pasted_roster(text, lib.class(c))))
    };
    let preview = Memo::new(move |_| text.with(|t| read(t)));

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let pasted = preview.get_untracked();
        if pasted.names.is_empty() {
            notices.problem("There are no new names to add.");
            return;
        }
        let added = pasted.names.len();
        match dispatch.as_teacher(Command::AddPupils {
            class: class.get_value(),
            names: pasted.names.clone(),
        }) {
            Ok(_) => {
                text.set(leftover_lines(&pasted));
                notices.info(format!(
                    "Added {added} pupil{}.",
                    if added == 1 { "" } else { "s" }
                ));
            }
            Err(reason) => notices.problem(reason.to_string()),
        }
    };

    view! {
        <form class="add-pupils" on:submit=submit>
            <div class="field">
                <label for=id.clone()>"Add pupils: one first name per line"</label>
                <p class="field-hint" id=hint_id.clone()>
                    {format!("First names or pseudonyms only, up to {MAX_PUPILS_PER_CLASS} per class. Class lists stay on this device.")}
                </p>
                <textarea
                    id=id
                    rows="5"
                    aria-describedby=hint_id
                    prop:value=move || text.get()
                    on:input=move |event| text.set(event_target_value(&event))
                ></textarea>
            </div>
            <div class="paste-preview" aria-live="polite">{move || {
                    preview
                        .with(describe)
                        .into_iter()
                        .map(|line| view! { <p>{line}</p> })
                        .collect_view()
                }}</div>
            <button type="submit" class="primary">"Add pupils"</button>
        </form>
    }
}

/// Lines that were not added, to leave in the box for the teacher to fix.
fn leftover_lines(pasted: &PastedRoster) -> String {
    let invalid = pasted.invalid.iter().map(|(line, _)| line.clone());
    let lines: Vec<String> = pasted
        .duplicates
        .iter()
        .cloned()
        .chain(invalid)
        .chain(pasted.over_limit.iter().cloned())
        .collect();
    lines.join("\n")
}

/// What the preview says about a pasted list, one sentence per line.
fn describe(pasted: &PastedRoster) -> Vec<String> {
    let mut lines = Vec::new();
    if !pasted.names.is_empty() {
        lines.push(format!(
            "Ready to add {} name{}.",
            pasted.names.len(),
            if pasted.names.len() == 1 { "" } else { "s" }
        ));
    }
    if !pasted.duplicates.is_empty() {
        lines.push(format!(
            "Already on the list, so not added again: {}. Add an initial to tell pupils apart.",
            pasted.duplicates.join(", ")
        ));
    }
    for (line, reason) in &pasted.invalid {
        lines.push(format!("“{line}” can't be added: {reason}"));
    }
    if !pasted.over_limit.is_empty() {
        lines.push(format!(
            "A class can have at most {MAX_PUPILS_PER_CLASS} pupils; {} name(s) left out.",
            pasted.over_limit.len()
        ));
    }
    lines
}
