//! Identifiers. Every id is parsed once, at the edge, and then trusted.
//!
//! Entity ids are derived from the id of the operation that created the entity, so they are unique
//! without any randomness inside the core: a lesson created by operation `k3j9x2abcd7q1.17` has the
//! id `k3j9x2abcd7q1.17`, and the third pupil added by that operation has `k3j9x2abcd7q1.17.3`.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Longest id accepted anywhere (in characters).
pub const MAX_ID_LEN: usize = 64;

/// Why a piece of text is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdError {
    /// The id was empty or longer than [`MAX_ID_LEN`].
    #[error("an id must have between 1 and {MAX_ID_LEN} characters")]
    Length,
    /// The id had a character outside `a-z`, `0-9` and `.`.
    #[error("an id may only contain lower-case letters, digits and dots")]
    Character,
    /// An operation id was not `<device>.<sequence>`.
    #[error("an operation id must look like `<device>.<number>`")]
    OperationShape,
}

fn check_id(text: &str, allow_dot: bool) -> Result<(), IdError> {
    if text.is_empty() || text.chars().count() > MAX_ID_LEN {
        return Err(IdError::Length);
    }
    let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || (allow_dot && c == '.');
    if text.chars().all(ok) {
        Ok(())
    } else {
        Err(IdError::Character)
    }
}

macro_rules! entity_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(Arc<str>);

        impl $name {
            /// Parses an id received from outside (a route, a file, the network).
            pub fn parse(text: &str) -> Result<Self, IdError> {
                check_id(text, true)?;
                Ok(Self(text.into()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&OpId> for $name {
            fn from(op: &OpId) -> Self {
                Self(op.to_string().into())
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(text: String) -> Result<Self, IdError> {
                check_id(&text, true)?;
                Ok(Self(text.into()))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.to_string()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

entity_id!(
    /// Identifies a lesson in a library.
    LessonId
);
entity_id!(
    /// Identifies a class (a roster of pupils).
    ClassId
);
entity_id!(
    /// Identifies a pupil on a class roster.
    PupilId
);

entity_id!(
    /// Identifies an entry in a plan's list: an outcome, a criterion, a phase, a keyword…
    ItemId
);
entity_id!(
    /// Identifies a pupil's proposal for a lesson.
    ProposalId
);
entity_id!(
    /// Identifies a teacher's saved lesson template.
    TemplateId
);
entity_id!(
    /// Identifies an enquiry question (in a lesson, or parked for its class).
    QuestionId
);
entity_id!(
    /// Identifies a poll: one vote the teacher opens and closes.
    PollId
);
entity_id!(
    /// Identifies a group role in a class's catalogue, e.g. `facilitator`.
    RoleId
);

impl ItemId {
    /// The id of the `index`-th entry made by operation `op` (e.g. a template's phases).
    pub fn nth_made_by(op: &OpId, index: usize) -> Self {
        Self(format!("{op}.{index}").into())
    }
}

impl PupilId {
    /// The id of the `index`-th pupil added by operation `op`.
    pub fn nth_added_by(op: &OpId, index: usize) -> Self {
        Self(format!("{op}.{index}").into())
    }
}

/// Identifies one device session that makes operations: a browser tab, or later a server.
///
/// Lower-case letters and digits only; chosen at random by the shell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DeviceId(String);

impl DeviceId {
    /// Parses a device id received from outside.
    pub fn parse(text: &str) -> Result<Self, IdError> {
        check_id(text, false)?;
        Ok(Self(text.to_owned()))
    }

    /// A device id made from random bytes supplied by the caller (the core has no randomness).
    pub fn from_random(bytes: [u8; 8]) -> Self {
        const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
        let mut bits = u64::from_le_bytes(bytes);
        let text = (0..13)
            .map(|_| {
                let c = ALPHABET[(bits & 31) as usize] as char;
                bits >>= 5;
                c
            })
            .collect();
        Self(text)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DeviceId {
    type Error = IdError;
    fn try_from(text: String) -> Result<Self, IdError> {
        check_id(&text, false)?;
        Ok(Self(text))
    }
}

impl From<DeviceId> for String {
    fn from(id: DeviceId) -> String {
        id.0
    }
}

/// The unique id of an operation: the device that made it and its sequence number on that device.
///
/// Written as `<device>.<sequence>`, e.g. `k3j9x2abcd7q1.17`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OpId {
    device: DeviceId,
    seq: u64,
}

impl OpId {
    /// The operation numbered `seq` on `device`. Sequence numbers start at 1 and only grow.
    pub fn new(device: DeviceId, seq: u64) -> Self {
        Self { device, seq }
    }

    /// The device that made the operation.
    pub fn device(&self) -> &DeviceId {
        &self.device
    }

    /// The operation's sequence number on its device.
    pub fn seq(&self) -> u64 {
        self.seq
    }
}

impl fmt::Display for OpId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.device.0, self.seq)
    }
}

impl TryFrom<String> for OpId {
    type Error = IdError;
    fn try_from(text: String) -> Result<Self, IdError> {
        let (device, seq) = text.split_once('.').ok_or(IdError::OperationShape)?;
        let seq = seq.parse().map_err(|_| IdError::OperationShape)?;
        Ok(Self::new(DeviceId::parse(device)?, seq))
    }
}

impl From<OpId> for String {
    fn from(id: OpId) -> String {
        id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_ids_from_random_bytes_are_valid_and_distinct() {
        let a = DeviceId::from_random([1, 2, 3, 4, 5, 6, 7, 8]);
        let b = DeviceId::from_random([8, 7, 6, 5, 4, 3, 2, 1]);
        assert_ne!(a, b);
        assert_eq!(DeviceId::parse(a.as_str()), Ok(a.clone()));
        assert_eq!(a.as_str().len(), 13);
    }

    #[test]
    fn op_ids_round_trip_through_text() {
        let id = OpId::new(DeviceId::parse("tab1").unwrap(), 17);
        assert_eq!(id.to_string(), "tab1.17");
        assert_eq!(OpId::try_from("tab1.17".to_owned()), Ok(id));
        assert_eq!(
            OpId::try_from("tab1".to_owned()),
            Err(IdError::OperationShape)
        );
        assert_eq!(
            OpId::try_from("tab1.x".to_owned()),
            Err(IdError::OperationShape)
        );
    }

    #[test]
    fn entity_ids_refuse_odd_characters() {
        assert!(LessonId::parse("abc.1").is_ok());
        assert_eq!(LessonId::parse(""), Err(IdError::Length));
        assert_eq!(LessonId::parse("ABC"), Err(IdError::Character));
        assert_eq!(LessonId::parse("a/b"), Err(IdError::Character));
        assert_eq!(LessonId::parse(&"a".repeat(65)), Err(IdError::Length));
    }
}
