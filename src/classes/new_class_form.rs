//! Creating a class.

use leptos::prelude::*;
use withme_core::{ClassName, Command};

use crate::state::{use_dispatch, use_notices};
use crate::ui::TextForm;

/// A name field and an "Add class" button.
#[component]
pub fn NewClassForm() -> impl IntoView {
    let dispatch = use_dispatch();
    let notices = use_notices();
    let add = move |text: String| {
        let name = ClassName::parse(&text).map_err(|e| e.to_string())?;
        let said = format!("Added the class {name}. Now add its pupils.");
        dispatch
            .as_teacher(Command::CreateClass { name })
            .map_err(|r| r.to_string())?;
        notices.info(said);
        Ok(())
    };
    view! {
        <TextForm
            label="New class name"
            placeholder="e.g. Year 5 Oak"
            submit="Add class"
            on_submit=Callback::new(add)
            class="new-class"
        />
    }
}
