//! Creating a class.

use leptos::prelude::*;
use withme_core::{ClassName, Command};

use super::unique_id;
use crate::state::{use_dispatch, use_notices};

/// A name field and an "Add class" button.
#[component]
pub fn NewClassForm() -> impl IntoView {
    let dispatch = use_dispatch();
    let notices = use_notices();
    let draft = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = unique_id("new-class");
    let message_id = format!("{id}-message");
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let outcome = ClassName::parse(&draft.get_untracked())
            .map_err(|e| e.to_string())
            .and_then(|name| {
                let text = name.to_string();
                dispatch
                    .as_teacher(Command::CreateClass { name })
                    .map(|_| text)
                    .map_err(|r| r.to_string())
            });
        match outcome {
            Ok(name) => {
                draft.set(String::new());
                error.set(None);
                notices.info(format!("Added the class {name}. Now add its pupils."));
            }
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <form class="new-class" on:submit=submit>
            <div class="field">
                <label for=id.clone()>"New class name"</label>
                <input
                    id=id
                    type="text"
                    placeholder="e.g. Year 5 Oak"
                    prop:value=move || draft.get()
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=message_id.clone()
                    on:input=move |event| draft.set(event_target_value(&event))
                />
                <p class="field-error" id=message_id aria-live="polite">{move || error.get()}</p>
            </div>
            <button type="submit" class="primary">"Add class"</button>
        </form>
    }
}
