//! Where short messages appear, with "Undo" when a change can be undone.

use leptos::prelude::*;

use crate::state::{Notice, Notices, Tone, use_notices};

/// The stack of short messages at the bottom of the screen, announced politely to screen
/// readers. A message that can be undone shows an "Undo" button.
#[component]
pub fn NoticeTray() -> impl IntoView {
    let notices = use_notices();
    view! {
        <div class="notice-tray" role="status" aria-live="polite">
            {move || {
                notices
                    .current()
                    .into_iter()
                    .map(|notice| notice_view(notice, notices))
                    .collect::<Vec<_>>()
            }}
        </div>
    }
}

fn notice_view(notice: Notice, notices: Notices) -> AnyView {
    let id = notice.id;
    let undo = notice.undo.map(|undo| {
        let run = move |_| {
            undo();
            notices.dismiss(id);
        };
        view! { <button type="button" on:click=run>"Undo"</button> }
    });
    let class = match notice.tone {
        Tone::Info => "notice",
        Tone::Problem => "notice notice-problem",
    };
    view! {
        <div class=class>
            <p>{notice.text}</p>
            {undo}
            <button
                type="button"
                class="notice-close"
                aria-label="Dismiss message"
                on:click=move |_| notices.dismiss(id)
            >
                "×"
            </button>
        </div>
    }
    .into_any()
}
