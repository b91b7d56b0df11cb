//! The messages between a device and the authority: a public, versioned wire format (see
//! `PROTOCOL.md`). Unknown fields are refused.

use serde::{Deserialize, Serialize};

use crate::command::Command;
use crate::ids::PupilId;
use crate::view::Projection;

/// The version of these messages. A message of another version is refused whole.
pub const PROTOCOL_VERSION: u32 = 1;

/// Most bytes of one message a device may send; a longer one is refused unread.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// One operation as a device sends it: its own sequence number and a command. It carries no
/// author and no time: the authority attaches the author from the device's seat and stamps the
/// time itself.
///
/// `C` is [`Command`] where the authority reads it; a pupil's device writes
/// [`crate::PupilCommand`]s, whose JSON is the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission<C = Command> {
    /// The device's sequence number for it: 1, 2, 3… with no gaps.
    pub seq: u64,
    /// On a tablet shared by a group, which of the seat's pupils is acting. The authority checks
    /// that the seat was let in for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pupil: Option<PupilId>,
    /// What is asked for.
    pub command: C,
}

/// How the authority handled an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Outcome {
    /// Applied, as the authority's operation number `order`: a view of version `order` or later
    /// includes it.
    Accepted {
        /// The authority's sequence number for it.
        order: u64,
    },
    /// Not applied, and never will be.
    Refused {
        /// A stable code for programs (e.g. `teacher_only`).
        code: String,
        /// Why, in words for the person who tried.
        reason: String,
    },
}

/// The authority's answer about one of a device's operations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Answer {
    /// The operation `seq` was handled: accepted or refused.
    Handled {
        /// The device's sequence number.
        seq: u64,
        /// What became of it.
        outcome: Outcome,
    },
    /// Operations arrived out of order: send everything from `seq` again. Nothing after a gap
    /// is applied, and nothing is dropped.
    ResendFrom {
        /// The next sequence number the authority expects.
        seq: u64,
    },
    /// The operation `seq` was handled long ago and its answer is no longer kept. A device that
    /// keeps no more than [`crate::sync::ledger::RECENT_ANSWERS`] operations in flight never
    /// sees this.
    Forgotten {
        /// The device's sequence number.
        seq: u64,
    },
}

/// A lesson as the authority sends it to a device: the viewer's projection, and the authority's
/// operation number it includes everything up to.
///
/// `P` is what a device reads the projection as: any [`Projection`] by default; a pupil's
/// tablet reads only a pupil's ([`crate::view::PupilProjection`], the same JSON), so its app
/// carries no code for reading the teacher's or the Board's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionedView<P = Projection> {
    /// Every operation accepted up to this number is in the view.
    pub version: u64,
    /// What the viewer may see; `None` while the lesson is not there (in the bin, or deleted).
    pub projection: Option<P>,
}

/// What a device sends the authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToAuthority<C = Command> {
    /// [`PROTOCOL_VERSION`].
    pub protocol: u32,
    /// Operations, in sequence order.
    pub submissions: Vec<Submission<C>>,
}

/// What the authority sends a device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToDevice {
    /// [`PROTOCOL_VERSION`].
    pub protocol: u32,
    /// Answers to the device's operations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<Answer>,
    /// The lesson as the device's viewer may see it, when it changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<VersionedView>,
}

/// Why a message could not be read. The `Display` text is for the person at the device.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    /// Longer than [`MAX_MESSAGE_BYTES`].
    #[error("That message is too long to send ({len} bytes; at most {MAX_MESSAGE_BYTES}).")]
    TooLong {
        /// Its length.
        len: usize,
    },
    /// Not a message of this protocol version.
    #[error("That message is from another version of Withme. Reload the page.")]
    Version,
    /// Not JSON of the right shape (an unknown field included).
    #[error("That message couldn't be read ({0}).")]
    Shape(String),
}

impl ToAuthority<Command> {
    /// Reads a device's message, checking its size, version and every field.
    pub fn parse(text: &str) -> Result<Self, MessageError> {
        if text.len() > MAX_MESSAGE_BYTES {
            return Err(MessageError::TooLong { len: text.len() });
        }
        let message: Self =
            serde_json::from_str(text).map_err(|e| MessageError::Shape(e.to_string()))?;
        if message.protocol != PROTOCOL_VERSION {
            return Err(MessageError::Version);
        }
        Ok(message)
    }
}

impl ToDevice {
    /// Reads the authority's message, checking its version and every field.
    pub fn parse(text: &str) -> Result<Self, MessageError> {
        let message: Self =
            serde_json::from_str(text).map_err(|e| MessageError::Shape(e.to_string()))?;
        if message.protocol != PROTOCOL_VERSION {
            return Err(MessageError::Version);
        }
        Ok(message)
    }
}
