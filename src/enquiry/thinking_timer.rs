//! The thinking-time countdown, shown large on the Board.

use leptos::prelude::*;
use withme_core::enquiry::ThinkingTime;

use crate::ui::{clock_text, ticking_while};

/// Counts down the lesson's thinking time by this device's clock; nothing while none runs.
#[component]
pub fn ThinkingTimer(
    /// The countdown, if one was started.
    #[prop(into)]
    thinking: Signal<Option<ThinkingTime>>,
) -> impl IntoView {
    let tick = ticking_while(move || thinking.with(Option::is_some));
    let left = Memo::new(move |_| thinking.get().map(|t| t.seconds_left(tick.get())));
    move || {
        left.get().map(|seconds| {
            let text = if seconds == 0 {
                "Time's up".to_owned()
            } else {
                clock_text(seconds)
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
