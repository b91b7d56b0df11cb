//! Live lessons through a Withme server: the WebSocket that carries them, and the request that
//! takes a lesson live.

mod http;
mod socket;

pub use http::post_json;
pub use socket::{Connection, Handlers, LiveSocket};
