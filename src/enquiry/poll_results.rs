//! A poll's results: a bar chart, and the same numbers as a table for screen readers.

use leptos::prelude::*;
use withme_core::enquiry::VoteMethod;

use crate::enquiry::PollView;

/// The `index`-th bar's width, as a share of the top score.
/// A bar's width, as a share of the top score: set through the style object (the server's
/// Content-Security-Policy refuses style attributes).
fn share(poll: &PollView, index: usize) -> String {
    let top = poll.rows.iter().map(|r| r.score).max().unwrap_or(0).max(1);
    let score = poll.rows.get(index).map_or(0, |r| r.score);
    format!("{}%", u64::from(score) * 100 / u64::from(top))
}

fn score(poll: &PollView, index: usize) -> u32 {
    poll.rows.get(index).map_or(0, |r| r.score)
}

/// The count as bars, with a table beside it. The bars are hidden from screen readers, which
/// read the table; they grow without animation when the reader prefers reduced motion (CSS).
///
/// The rows are built once (a poll's questions never change) and only their numbers follow
/// `poll`, so a ballot arriving changes a few text nodes, not the whole chart.
#[component]
pub fn PollResults(
    /// The poll, with its count shown.
    #[prop(into)]
    poll: Signal<PollView>,
) -> impl IntoView {
    let first = poll.get_untracked();
    let unit = match first.method {
        VoteMethod::Ranked => "Points",
        VoteMethod::HandsUp => "Hands",
        _ => "Votes",
    };
    let bars = first
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let leads =
                move || poll.with(|p| p.winner.as_ref() == p.rows.get(index).map(|r| &r.id));
            view! {
                <li class="bar-row" class:leads=leads>
                    <span class="bar-label">{row.text.clone()}</span>
                    <span class="bar-track">
                        <span class="bar" style:width=move || poll.with(|p| share(p, index))></span>
                    </span>
                    <span class="bar-score">{move || poll.with(|p| score(p, index))}</span>
                </li>
            }
        })
        .collect_view();
    let rows = first
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            view! {
                <tr>
                    <th scope="row">{row.text.clone()}</th>
                    <td>{move || poll.with(|p| score(p, index))}</td>
                </tr>
            }
        })
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
