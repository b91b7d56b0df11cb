//! The Board app: what the whiteboard's own browser loads for a live lesson (`/board/live#…`,
//! the teacher's board link), and nothing of the teacher's app. It shows the Board's projection
//! as the live lesson's server sends it.

use leptos::prelude::*;

use crate::board::LiveBoardPage;
use crate::state::LiveBoard;

/// The Board app: connects to the live lesson with the board link's seat, and shows its Board.
#[component]
pub fn BoardApp() -> impl IntoView {
    provide_context(LiveBoard::start());
    view! { <LiveBoardPage /> }
}

/// Mounts the Board app on the page's `<body>`.
pub fn start() {
    crate::browser::offline::keep_for_offline();
    crate::ui::apply_reading_options();
    leptos::mount::mount_to_body(BoardApp);
}
