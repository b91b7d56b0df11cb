//! Where short messages appear, with "Undo" when a change can be undone.

use leptos::prelude::*;

use crate::state::{Tone, use_dispatch, use_notices};

/// The stack of short messages at the bottom of the screen, announced politely to screen
/// readers. A message with an undo command shows an "Undo" button.
#[component]
pub fn NoticeTray() -> impl IntoView {
    let notices = use_notices();
    let dispatch = use_dispatch();
    view! {
        <div class="notice-tray" role="status" aria-live="polite">
            <For each=move || notices.current() key=|notice| notice.id let:notice>
                <div class=match notice.tone {
                    Tone::Info => "notice",
                    Tone::Problem => "notice notice-problem",
                }>
                    <p>{notice.text.clone()}</p>
                    {notice
                        .undo
                        .clone()
                        .map(|undo| {
                            let id = notice.id;
                            view! {
                                <button
                                    type="button"
                                    on:click=move |_| {
                                        if let Err(reason) = dispatch.as_teacher(undo.clone()) {
                                            notices.problem(reason.to_string());
                                        }
                                        notices.dismiss(id);
                                    }
                                >
                                    "Undo"
                                </button>
                            }
                        })}
                    <button
                        type="button"
                        class="notice-close"
                        aria-label="Dismiss message"
                        on:click=move |_| notices.dismiss(notice.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
