//! Reading a file in (a lesson file, a backup): a button that opens the browser's file chooser,
//! and what went wrong with the chosen file, said under it.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::files::take_chosen_file;
use crate::state::use_notices;
use crate::ui::unique_id;

/// A button that opens the file chooser for `.json` files and hands the chosen file to `read`.
/// What `read` answers is shown as a message when it worked, and in `problem` (shown by
/// [`FileProblem`]) when it did not.
#[component]
pub fn FileChooser<R, Done>(
    /// The button's words, e.g. "Import a lesson".
    label: &'static str,
    /// Reads the chosen file in: what it did, or why it couldn't.
    read: R,
    /// Where a problem with the file goes.
    problem: RwSignal<Option<String>>,
) -> impl IntoView
where
    R: Fn(web_sys::File) -> Done + Copy + 'static,
    Done: Future<Output = Result<String, String>> + 'static,
{
    let notices = use_notices();
    let id = unique_id("file");
    let chosen = move |event: leptos::ev::Event| {
        let Some(file) = take_chosen_file(&event) else {
            return;
        };
        problem.set(None);
        spawn_local(async move {
            match read(file).await {
                Ok(message) => notices.info(message),
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    view! {
        <input
            id=id.clone()
            class="visually-hidden file-input"
            type="file"
            accept=".json,application/json"
            on:change=chosen
        />
        <label for=id class="button">{label}</label>
    }
}

/// What was wrong with the last file chosen, as an alert; nothing when it was fine.
#[component]
pub fn FileProblem(
    /// The problem, from [`FileChooser`].
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    move || {
        problem.get().map(|text| {
            view! { <p class="import-problem" role="alert" data-testid="file-problem">{text}</p> }
        })
    }
}
