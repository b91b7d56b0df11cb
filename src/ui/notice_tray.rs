//! Where short messages appear, with "Undo" when a change can be undone.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::{Notice, Notices, Tone, use_notices};

/// The stack of short messages at the bottom of the screen (three at most), announced politely
/// to screen readers, each dismissible. A message that can be undone shows an "Undo" button.
/// The page keeps room below its content for the stack, so a message never hides the work: at
/// the end of the page, everything is above it.
#[component]
pub fn NoticeTray() -> impl IntoView {
    let notices = use_notices();
    let tray = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let shown = notices.current().len();
        request_animation_frame(move || keep_room_for(tray, shown));
    });
    on_cleanup(|| set_room(0));
    view! {
        <div class="notice-tray" role="status" aria-live="polite" node_ref=tray>
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

/// Keeps room at the bottom of the page for the tray's `shown` messages.
fn keep_room_for(tray: NodeRef<leptos::html::Div>, shown: usize) {
    let height = match tray.get_untracked() {
        Some(tray) if shown > 0 => tray.offset_height().max(0) as u32 + 16,
        _ => 0,
    };
    set_room(height);
}

/// Sets the room kept below the page's content, in CSS pixels (`--notice-room`), through the
/// style object (the server's Content-Security-Policy refuses style attributes).
fn set_room(pixels: u32) {
    let root = document()
        .document_element()
        .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(root) = root {
        let _ = root
            .style()
            .set_property("--notice-room", &format!("{pixels}px"));
    }
}
