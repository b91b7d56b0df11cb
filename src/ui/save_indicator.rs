//! "All changes saved", in the header.

use leptos::prelude::*;

use crate::state::{SaveState, use_save_status};

/// A quiet line in the header telling the teacher whether their work is saved on this device.
#[component]
pub fn SaveIndicator() -> impl IntoView {
    let status = use_save_status();
    let text = move || match status.state() {
        SaveState::Saved => "All changes saved on this device",
        SaveState::Saving => "Saving…",
        SaveState::NotSaving(_) => "Changes not saved",
    };
    let class = move || match status.state() {
        SaveState::NotSaving(_) => "save-indicator problem",
        _ => "save-indicator",
    };
    view! {
        <p class=class data-testid="save-indicator">
            {text}
        </p>
    }
}
