//! Live lessons through a Withme server: the WebSocket that carries them.

mod socket;

pub use socket::{Connection, Handlers, LiveSocket};
