//! A poll's results: a bar chart, and the same numbers as a table for screen readers.

use leptos::prelude::*;
use withme_core::enquiry::VoteMethod;

use crate::enquiry::PollView;

/// The count as bars, with a table beside it. The bars are hidden from screen readers, which
/// read the table; they grow without animation when the reader prefers reduced motion (CSS).
#[component]
pub fn PollResults(
    /// The poll, with its count shown.
    poll: PollView,
) -> impl IntoView {
    let top = poll.rows.iter().map(|r| r.score).max().unwrap_or(0).max(1);
    let unit = match poll.method {
        VoteMethod::Ranked => "Points",
        VoteMethod::HandsUp => "Hands",
        _ => "Votes",
    };
    let winner = poll.winner.clone();
    let bars = poll
        .rows
        .iter()
        .map(|row| {
            let share = format!("width: {}%", row.score * 100 / top);
            let leads = winner.as_ref() == Some(&row.id);
            view! {
                <li class="bar-row" class:leads=leads>
                    <span class="bar-label">{row.text.clone()}</span>
                    <span class="bar-track">
                        <span class="bar" style=share></span>
                    </span>
                    <span class="bar-score">{row.score}</span>
                </li>
            }
        })
        .collect_view();
    let rows = poll
        .rows
        .iter()
        .map(|row| view! { <tr><th scope="row">{row.text.clone()}</th><td>{row.score}</td></tr> })
        .collect_view();
    view! {
        <div class="poll-results">
            <ul class="bar-chart" aria-hidden="true">{bars}</ul>
            <table class="results-table">
                <caption>"Results"</caption>
                <thead><tr><th scope="col">"Question"</th><th scope="col">{unit}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
