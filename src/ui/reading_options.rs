//! Reading options, chosen per device: easier reading (a clearer font shipped with Withme, more
//! spacing) and a larger, high-contrast Board. Every window of the device follows a change.

use leptos::ev;
use leptos::prelude::*;

use crate::persistence::reading::{READING_KEY, Reading, chosen, keep};

/// Shows `reading` on this page: classes on the document's root, which the stylesheet reads.
fn show(reading: Reading) {
    if let Some(root) = document().document_element() {
        let classes = root.class_list();
        let _ = classes.toggle_with_force("reading-easier", reading.easier);
        let _ = classes.toggle_with_force("board-large", reading.large_board);
    }
}

/// Applies this device's reading options now, and again whenever another window changes them.
pub fn apply_reading_options() {
    show(chosen());
    let listener = window_event_listener(ev::storage, |event| {
        if event.key().as_deref() == Some(READING_KEY) {
            show(chosen());
        }
    });
    // Lives as long as the page.
    std::mem::forget(listener);
}

/// The reading options, as a disclosure of switches (the chime among them: how the Board
/// speaks up is this device's choice too).
#[component]
pub fn ReadingOptions() -> impl IntoView {
    let reading = RwSignal::new(chosen());
    let change = move |update: fn(&mut Reading, bool), on: bool| {
        reading.update(|r| update(r, on));
        let now = reading.get_untracked();
        keep(now);
        show(now);
    };
    view! {
        <details class="reading-options">
            <summary>"Reading options"</summary>
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || reading.get().easier
                    on:change=move |event| change(|r, on| r.easier = on, event_target_checked(&event))
                />
                "Easier reading (a clearer font, more space)"
            </label>
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || reading.get().large_board
                    on:change=move |event| change(|r, on| r.large_board = on, event_target_checked(&event))
                />
                "Larger, high-contrast Board"
            </label>
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || reading.get().chime
                    on:change=move |event| change(|r, on| r.chime = on, event_target_checked(&event))
                />
                "A soft chime when the lesson timer ends"
            </label>
        </details>
    }
}
