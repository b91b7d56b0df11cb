//! `/board/live#…`: the Board of a live lesson on its own device (the whiteboard's browser),
//! opened with the teacher's board link.

use leptos::prelude::*;

use crate::board::BoardData;
use crate::board::BoardScreen;
use crate::live::Connection;
use crate::state::use_live_board;
use crate::ui::{browser_online, describe_connection};

/// The Board, as the live lesson's server sends it. It has no notices to give (it changes
/// nothing), so no notice tray: what it must say (a problem, a lost connection) is in its bar.
#[component]
pub fn LiveBoardPage() -> impl IntoView {
    let live = use_live_board();
    let board = BoardData(Memo::new(move |_| live.with_view(|v| v.cloned())));
    provide_context(board);
    let problem = Memo::new(move |_| live.problem());
    let code = Signal::derive(move || {
        let joinable = problem.get().is_none() && live.with_view(|v| v.is_some());
        joinable.then(|| live.code()).flatten()
    });
    // The last screen stays up when the lesson ends (the results, say), with a note.
    let online = browser_online();
    let note = Signal::derive(move || match (problem.get(), live.connection()) {
        (Some(problem), _) if live.with_view(|v| v.is_some()) => Some(problem),
        (_, Connection::Reconnecting) => {
            describe_connection(Connection::Reconnecting, 0, online.get()).map(|(_, text)| text)
        }
        _ => None,
    });
    let missing = move || {
        view! {
            <h1 class="board-title">
                {move || if problem.get().is_some() { "Nothing to show" } else { "Connecting…" }}
            </h1>
            <p class="board-details">{move || problem.get()}</p>
        }
    };
    view! { <BoardScreen board code note missing /> }
}
