//! Live lessons through a Withme server: the WebSocket that carries them, and the request that
//! takes a lesson live.

mod http;
mod live_panel;
mod socket;

pub use http::post_json;
pub use live_panel::LivePanel;
pub use socket::{Connection, Handlers, LiveSocket};
