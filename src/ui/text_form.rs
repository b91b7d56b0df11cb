//! A one-field form: rename a lesson or a pupil, add a class.

use leptos::prelude::*;

use crate::ui::unique_id;

/// A labelled input with a submit button, an optional "Cancel" (also Escape), and the reason
/// when the text is refused; the typed text then stays, so nothing is lost. After a successful
/// submit the input goes back to `initial`.
#[component]
pub fn TextForm(
    /// The input's label, which is also its accessible name.
    #[prop(into)]
    label: String,
    /// Shows the label to screen readers only.
    #[prop(optional)]
    hide_label: bool,
    /// The text to start with.
    #[prop(optional, into)]
    initial: String,
    /// A hint shown inside the empty input.
    #[prop(optional)]
    placeholder: &'static str,
    /// The submit button's text.
    submit: &'static str,
    /// Applies the text; returns the message to show when it is refused.
    on_submit: Callback<String, Result<(), String>>,
    /// Offers "Cancel" and Escape, which call this.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
    /// The form's CSS class.
    class: &'static str,
    /// Puts the cursor in the input when the form appears.
    #[prop(optional)]
    autofocus: bool,
) -> impl IntoView {
    let draft = RwSignal::new(initial.clone());
    let error = RwSignal::new(None::<String>);
    let id = unique_id("text-form");
    let message_id = format!("{id}-message");
    let send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match on_submit.run(draft.get_untracked()) {
            Ok(()) => {
                draft.set(initial.clone());
                error.set(None);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let keydown = move |event: leptos::ev::KeyboardEvent| {
        if let (Some(cancel), "Escape") = (on_cancel, event.key().as_str()) {
            cancel.run(());
        }
    };
    view! {
        <form class=class on:submit=send>
            <label class:visually-hidden=hide_label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                placeholder=placeholder
                autofocus=autofocus
                prop:value=move || draft.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=message_id.clone()
                on:input=move |event| draft.set(event_target_value(&event))
                on:keydown=keydown
            />
            <button type="submit" class="primary">{submit}</button>
            {on_cancel.map(|cancel| view! {
                <button type="button" on:click=move |_| cancel.run(())>"Cancel"</button>
            })}
            <p class="field-error" id=message_id aria-live="polite">{move || error.get()}</p>
        </form>
    }
}
