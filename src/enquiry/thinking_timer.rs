//! The thinking-time countdown, shown large on the Board.

use std::time::Duration;

use leptos::prelude::*;
use withme_core::enquiry::ThinkingTime;

use crate::browser::now;

/// "1:05" for 65 seconds.
fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Counts down the lesson's thinking time by this device's clock; nothing while none runs.
#[component]
pub fn ThinkingTimer(
    /// The countdown, if one was started.
    #[prop(into)]
    thinking: Signal<Option<ThinkingTime>>,
) -> impl IntoView {
    let tick = RwSignal::new(now());
    if let Ok(handle) =
        set_interval_with_handle(move || tick.set(now()), Duration::from_millis(250))
    {
        on_cleanup(move || handle.clear());
    }
    let left = Memo::new(move |_| thinking.get().map(|t| t.seconds_left(tick.get())));
    move || {
        left.get().map(|seconds| {
            let text = if seconds == 0 {
                "Time's up".to_owned()
            } else {
                clock(seconds)
            };
            view! {
                <p class="thinking-timer" class:over=seconds == 0>
                    <span class="timer-label">"Thinking time "</span>
                    <span class="timer-clock" role="timer">{text}</span>
                </p>
            }
        })
    }
}
