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
    view! {
        <details class="reading-options">
            <summary>"Reading options"</summary>
            <ReadingSwitch
                reading
                label="Easier reading (a clearer font, more space)"
                get=|r| r.easier
                set=|r, on| r.easier = on
            />
            <ReadingSwitch
                reading
                label="Larger, high-contrast Board"
                get=|r| r.large_board
                set=|r, on| r.large_board = on
            />
            <ReadingSwitch
                reading
                label="A soft chime when the lesson timer ends"
                get=|r| r.chime
                set=|r, on| r.chime = on
            />
        </details>
    }
}

/// One reading option as a labelled checkbox; a change is kept on the device and shown at once.
#[component]
fn ReadingSwitch(
    /// This device's reading options.
    reading: RwSignal<Reading>,
    /// The option, in the teacher's words.
    label: &'static str,
    /// Reads the option.
    get: fn(&Reading) -> bool,
    /// Sets the option.
    set: fn(&mut Reading, bool),
) -> impl IntoView {
    let change = move |event| {
        reading.update(|r| set(r, event_target_checked(&event)));
        let now = reading.get_untracked();
        keep(now);
        show(now);
    };
    view! {
        <label class="choice">
            <input type="checkbox" prop:checked=move || get(&reading.get()) on:change=change />
            {label}
        </label>
    }
}
