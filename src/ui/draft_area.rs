//! A labelled text area for a form that is sent with a button (a stimulus, a question).

use leptos::prelude::*;

use crate::ui::unique_id;

/// A labelled text area over `draft`, with `error` shown under it (announced to screen readers)
/// and the area marked invalid while there is one. The typed text stays when it is refused.
#[component]
pub fn DraftArea(
    /// The visible label, which is also the area's accessible name.
    label: &'static str,
    /// The text being written.
    draft: RwSignal<String>,
    /// Why the last attempt to send it was refused, if it was.
    error: RwSignal<Option<String>>,
    /// How many lines show.
    #[prop(default = 3)]
    rows: u8,
) -> impl IntoView {
    let id = unique_id("draft");
    let message_id = format!("{id}-message");
    view! {
        <label for=id.clone()>{label}</label>
        <textarea
            id=id
            rows=rows
            prop:value=move || draft.get()
            aria-invalid=move || error.with(Option::is_some).then_some("true")
            aria-describedby=message_id.clone()
            on:input=move |event| draft.set(event_target_value(&event))
        ></textarea>
        <p class="field-error" id=message_id aria-live="polite">{move || error.get()}</p>
    }
}
