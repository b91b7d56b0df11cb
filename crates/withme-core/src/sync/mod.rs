//! Delivery between devices and the authority, with no transport: what a device sends, how the
//! authority handles it, what it answers, and what a device keeps until answered.
//!
//! - A device sends [`Submission`]s: its own sequence number and a command, no author, no time.
//! - The [`Authority`] (the library and its [`Ledger`]) knows each device by its [`Seat`], given
//!   by the authority, and attaches the author from it and the time from its own clock. It
//!   handles a device's operations in order, answers every one by its sequence number (accepted
//!   with the authority's own number, or refused with a code and a reason), answers a gap with
//!   "resend from", and answers a repeat as the first time without applying it again.
//! - A device's [`Client`] keeps each operation until it is answered.
//!
//! The same code runs in one browser (a pupil's window and a teacher's window, through storage)
//! and on the server (through sockets); `tests/simulation.rs` runs it over a lossy network.

mod ahead;
mod authority;
mod client;
pub mod ledger;
mod live;
mod message;

pub use ahead::ahead_of;
pub use authority::{Authority, Holder, Seat, keeps_live};
pub use client::{Client, IN_FLIGHT, Refusal};
pub use ledger::{Ledger, Source};
pub use live::{
    BoardDown, GoLive, JOIN_CODE_TYPED_MAX, Knock, LiveDown, LiveStarted, LiveUp, SeatKey,
    SeatedTablet,
};
pub use message::{
    Answer, MAX_MESSAGE_BYTES, MessageError, Outcome, PROTOCOL_VERSION, Submission, ToAuthority,
    ToDevice, VersionedView,
};
