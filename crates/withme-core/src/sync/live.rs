//! The messages of a live lesson: joining with a code, being let in, coming back after a
//! reload, and the teacher's part (letting pupils in, ending the lesson). Operations and views
//! travel in the same [`Submission`]s, [`Answer`]s and [`VersionedView`]s as in one browser.
//! Documented with examples in `PROTOCOL.md`.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use super::authority::Holder;
use super::message::{Answer, MAX_MESSAGE_BYTES, MessageError, PROTOCOL_VERSION};
use super::message::{Submission, VersionedView};
use crate::command::Command;
use crate::ids::{DeviceId, LessonId, PupilId};
use crate::text::PupilName;
use crate::view::{BoardProjection, Projection};

/// The most characters a join code may be typed with (a code is six, with room for the spaces
/// and dashes a pupil may type): the code box's limit, and what is read of a code in an
/// address, on every device and in the server's early join form.
pub const JOIN_CODE_TYPED_MAX: usize = 12;

/// What a device sends over a live connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum LiveUp<C = Command> {
    /// A new device joins with the lesson's code; it is given a seat, waiting.
    Join {
        /// [`PROTOCOL_VERSION`].
        protocol: u32,
        /// The join code, as typed or scanned.
        code: String,
    },
    /// A device comes back to its seat (after a reload or a dropped connection), saying which
    /// view it holds.
    Resume {
        /// [`PROTOCOL_VERSION`].
        protocol: u32,
        /// The lesson's join code (which lesson the seat is in).
        code: String,
        /// The seat's device.
        device: DeviceId,
        /// The seat's secret, given when it was seated.
        token: String,
        /// The version of the view it holds (0 for none).
        version: u64,
    },
    /// A tablet asks to be let in for this pupil (who tapped their name).
    Claim {
        /// The pupil.
        pupil: PupilId,
    },
    /// A tablet asks to be let in for a group of this lesson (its number, from 1): the group's
    /// members take turns at it.
    ClaimGroup {
        /// The group's number.
        group: usize,
    },
    /// On a group's tablet: which member is at it now. The tablet is sent that pupil's view.
    ActAs {
        /// One of the seat's pupils.
        pupil: PupilId,
    },
    /// Operations.
    Submit {
        /// In sequence order.
        submissions: Vec<Submission<C>>,
    },
    /// The teacher lets a waiting device in for the pupil it claimed.
    Admit {
        /// The device.
        device: DeviceId,
    },
    /// The teacher turns a waiting device away (it may ask again).
    Decline {
        /// The device.
        device: DeviceId,
    },
    /// The teacher removes a device's seat: it is disconnected and must join again.
    RemoveSeat {
        /// The device.
        device: DeviceId,
    },
    /// The teacher ends the live lesson: joining closes, and every device is told.
    End,
}

/// A device asking to be let in, as the teacher sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knock {
    /// The device asking.
    pub device: DeviceId,
    /// The pupils it claims: one, or a group's members.
    pub pupils: Vec<PupilId>,
    /// Their names, in the same order.
    pub names: Vec<PupilName>,
    /// The group's number, when it claims a group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
    /// Another device already holds a seat for one of these pupils (the teacher should check).
    pub already_seated: bool,
}

/// A tablet let in, as the teacher sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeatedTablet {
    /// The tablet.
    pub device: DeviceId,
    /// The pupils it speaks for.
    pub pupils: Vec<PupilId>,
    /// Whether it is connected now.
    pub connected: bool,
}

/// A seat's keys: what a device keeps to come back to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeatKey {
    /// The seat's device id.
    pub device: DeviceId,
    /// The seat's secret.
    pub token: String,
}

/// The teacher takes a lesson live: the lesson and what it needs of its class (the class, and
/// the class's other lessons for role rotation and the parking lot) go up to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoLive {
    /// [`PROTOCOL_VERSION`].
    pub protocol: u32,
    /// The lesson.
    pub lesson: LessonId,
    /// The lesson with its class and the class's lessons.
    pub library: crate::library::Library,
}

/// The server's answer to [`GoLive`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveStarted {
    /// The join code pupils type.
    pub code: String,
    /// The lesson.
    pub lesson: LessonId,
    /// The teacher's seat.
    pub teacher: SeatKey,
    /// The Board's seat (for the board link).
    pub board: SeatKey,
}

/// What the live lesson sends a device (`P`: the projections it reads, see [`VersionedView`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum LiveDown<P = Projection> {
    /// The device's seat: keep `device` and `token` to come back to it.
    Seated {
        /// The lesson.
        lesson: LessonId,
        /// The seat's device id.
        device: DeviceId,
        /// The seat's secret.
        token: String,
        /// Who it speaks for now.
        holder: Holder,
        /// The last sequence number the authority handled from this device: the device's next
        /// operation is numbered after it.
        handled: u64,
    },
    /// Answers to the device's operations.
    Answers {
        /// One per operation, by its sequence number.
        answers: Vec<Answer>,
    },
    /// The lesson as the device's viewer may see it, when it changed.
    View(Box<VersionedView<P>>),
    /// To the teacher: the tablets waiting to be let in, and those let in.
    Knocks {
        /// Oldest first.
        waiting: Vec<Knock>,
        /// The tablets let in (the app sorts them by name).
        #[serde(default)]
        seated: Vec<SeatedTablet>,
    },
    /// A message could not be taken; the connection stays open unless said otherwise.
    Problem {
        /// A stable code (`bad_code`, `too_many_attempts`, `malformed`, `too_long`, …).
        code: String,
        /// Why, for the person holding the device.
        reason: String,
    },
    /// The teacher ended the live lesson.
    Ended,
}

/// A message down as the Board app (a whiteboard's own browser) reads it: its view, a
/// problem, the end. The Board does nothing with its seat, answers or the teacher's knocks, so
/// it reads those without their content (and carries no code to read it). Its JSON is
/// [`LiveDown`]'s: what it reads, it reads as `LiveDown<BoardProjection>` does, and a message
/// that is none of [`LiveDown`]'s is refused.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum BoardDown {
    /// [`LiveDown::View`].
    View(Box<VersionedView<BoardProjection>>),
    /// [`LiveDown::Problem`].
    Problem {
        /// A stable code.
        code: String,
        /// Why, for the people in front of the Board.
        reason: String,
    },
    /// [`LiveDown::Ended`].
    Ended,
    /// [`LiveDown::Seated`], content unread.
    Seated(IgnoredAny),
    /// [`LiveDown::Answers`], content unread.
    Answers(IgnoredAny),
    /// [`LiveDown::Knocks`], content unread.
    Knocks(IgnoredAny),
}

impl LiveUp<Command> {
    /// Reads a device's message, checking its size and every field.
    pub fn parse(text: &str) -> Result<Self, MessageError> {
        if text.len() > MAX_MESSAGE_BYTES {
            return Err(MessageError::TooLong { len: text.len() });
        }
        let message: Self =
            serde_json::from_str(text).map_err(|e| MessageError::Shape(e.to_string()))?;
        match &message {
            LiveUp::Join { protocol, .. } | LiveUp::Resume { protocol, .. }
                if *protocol != PROTOCOL_VERSION =>
            {
                Err(MessageError::Version)
            }
            _ => Ok(message),
        }
    }
}

impl LiveDown {
    /// Reads the live lesson's message.
    pub fn parse(text: &str) -> Result<Self, MessageError> {
        Self::parse_as(text)
    }
}

impl<P: serde::de::DeserializeOwned> LiveDown<P> {
    /// Reads the live lesson's message with its views as `P` (a tablet reads only a pupil's:
    /// [`crate::view::PupilProjection`]).
    pub fn parse_as(text: &str) -> Result<Self, MessageError> {
        serde_json::from_str(text).map_err(|e| MessageError::Shape(e.to_string()))
    }
}
