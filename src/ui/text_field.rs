//! A labelled input or text area that applies each edit as it is typed.

use leptos::html::{Input, Textarea};
use leptos::prelude::*;

use crate::ui::unique_id;

/// A labelled one-line input. Each keystroke is offered to `on_edit`; an edit it refuses shows
/// its message under the field (announced to screen readers) and the typed text stays, so
/// nothing is lost. When the saved value changes elsewhere (another window), the input follows.
#[component]
pub fn TextField(
    /// The visible label, which is also the input's accessible name.
    #[prop(into)]
    label: String,
    /// The saved value, as text.
    #[prop(into)]
    saved: Signal<String>,
    /// Applies an edit; returns the message to show when the text is refused.
    #[prop(into)]
    on_edit: Callback<String, Result<(), String>>,
    /// The input's type: "text" (the default), "date" or "number".
    #[prop(default = "text")]
    kind: &'static str,
    /// Extra CSS class for the input.
    #[prop(optional)]
    class: &'static str,
    /// A short hint shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Offers several lines (a text area) instead of one.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let id = unique_id("field");
    let message_id = format!("{id}-message");
    let hint_id = format!("{id}-hint");
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<Input>::new();
    let area = NodeRef::<Textarea>::new();

    Effect::new(move |_| {
        let saved = saved.get();
        let shown = match (input.get(), area.get()) {
            (Some(element), _) => element.value(),
            (_, Some(element)) => element.value(),
            _ => return,
        };
        if shown.trim() != saved.trim() {
            if let Some(element) = input.get() {
                element.set_value(&saved);
            }
            if let Some(element) = area.get() {
                element.set_value(&saved);
            }
            error.set(None);
        }
    });

    let described_by = match hint {
        Some(_) => format!("{hint_id} {message_id}"),
        None => message_id.clone(),
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let edited = move |event: leptos::ev::Event| {
        let outcome = on_edit.run(event_target_value(&event));
        error.set(outcome.err());
    };
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                node_ref=area
                class=class
                rows="3"
                aria-invalid=invalid
                aria-describedby=described_by
                on:input=edited
            >
                {saved.get_untracked()}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                node_ref=input
                type=kind
                class=class
                value=saved.get_untracked()
                aria-invalid=invalid
                aria-describedby=described_by
                on:input=edited
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|text| view! { <p class="field-hint" id=hint_id>{text}</p> })}
            {control}
            <p class="field-error" id=message_id aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}
