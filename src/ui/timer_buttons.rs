//! The lesson timer's buttons, the same on the Board and in the teacher's Enquiry window.

use leptos::prelude::*;
use withme_core::ItemId;
use withme_core::enquiry::TimerChange;

/// Pause or carry on, add a minute, and start the next phase of the plan when there is one.
#[component]
pub fn TimerButtons(
    /// Whether the timer stands paused (the first button then carries on).
    paused: bool,
    /// The plan's next phase, to start in one step: its id and its title.
    next: Option<(ItemId, String)>,
    /// Sends a change of the timer.
    change: Callback<TimerChange>,
    /// Buttons after these, for the page's own actions.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let (first, first_change) = if paused {
        ("Carry on", TimerChange::Resume)
    } else {
        ("Pause", TimerChange::Pause)
    };
    view! {
        <button type="button" on:click=move |_| change.run(first_change.clone())>{first}</button>
        <button type="button" on:click=move |_| change.run(TimerChange::AddMinute)>"+1 minute"</button>
        {next.map(|(phase, title)| {
            let label = format!("Start {title}");
            view! {
                <button type="button" on:click=move |_| change.run(TimerChange::Phase { phase: phase.clone() })>
                    {label}
                </button>
            }
        })}
        {children.map(|children| children())}
    }
}
