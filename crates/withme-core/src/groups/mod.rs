//! Groups and fair roles: who works with whom in a lesson, which role each pupil holds, and the
//! class's record of turns.
//!
//! - [`maker`] makes groups from a [`GroupRequest`](maker::GroupRequest): sizes, absentees,
//!   keep-apart and keep-together pairs, a balance on the teacher's labels, no repeats of recent
//!   pairings, and the pupils due to lead spread across groups. The same seed gives the same groups.
//! - [`rotation`] gives out roles within groups from the class's history.
//! - [`history`] reads that history back for the teacher (and a pupil's own for the pupil).
//! - [`picker`] draws names for the Board.
//!
//! All of it is pure: the shell passes seeds, and operations record the results.

mod assignment;
pub mod history;
pub mod maker;
pub mod picker;
pub mod pseudonyms;
mod random;
mod request;
pub mod roles;
pub mod rotation;

use serde::{Deserialize, Serialize};

use crate::ids::{PupilId, RoleId};
use crate::text::Reason;
use crate::time::Timestamp;

pub use picker::{Pick, Picker};
pub use request::MakerChoices;
pub use roles::{Role, RolePreset};

/// Most groups in one lesson.
pub const MAX_GROUPS: usize = 20;
/// Most keep-apart and keep-together pairs in one class.
pub const MAX_PAIR_RULES: usize = 60;
/// The longest lead window a teacher can set, in lessons.
pub const MAX_LEAD_WINDOW: u8 = 20;

/// How the teacher asks for groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupSize {
    /// Groups of at most this many pupils (2–20).
    Size(u8),
    /// This many groups (1–20).
    Count(u8),
}

/// A rule the teacher sets for two pupils of a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairKind {
    /// Never in the same group.
    Apart,
    /// Always in the same group.
    Together,
}

/// A pair rule: two pupils (in roster order) and whether they go apart or together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairRule {
    /// The two pupils.
    pub pupils: [PupilId; 2],
    /// Apart or together.
    pub kind: PairKind,
}

impl PairRule {
    /// Whether the rule is about this pair (in either order).
    pub fn is_about(&self, a: &PupilId, b: &PupilId) -> bool {
        (&self.pupils[0] == a && &self.pupils[1] == b)
            || (&self.pupils[0] == b && &self.pupils[1] == a)
    }
}

/// One pupil in a group, and the role they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Who.
    pub pupil: PupilId,
    /// Their role this lesson, once roles are given out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<RoleId>,
    /// Why the teacher chose this role by hand, if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<Reason>,
}

impl Member {
    /// A member with no role yet.
    pub fn new(pupil: PupilId) -> Self {
        Self {
            pupil,
            role: None,
            override_reason: None,
        }
    }
}

/// A group in a lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Its members, in roster order.
    pub members: Vec<Member>,
}

impl Group {
    /// Whether `pupil` is in this group.
    pub fn has(&self, pupil: &PupilId) -> bool {
        self.members.iter().any(|m| &m.pupil == pupil)
    }

    /// The member entry for `pupil`.
    pub fn member(&self, pupil: &PupilId) -> Option<&Member> {
        self.members.iter().find(|m| &m.pupil == pupil)
    }
}

/// A pupil stepping out of a role for one lesson, kept in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptOut {
    /// Who.
    pub pupil: PupilId,
    /// The role they stepped out of.
    pub role: RoleId,
}

/// A lesson's register, groups and roles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonGroups {
    /// When the groups were made: lessons enter the class's record in this order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grouped_at: Option<Timestamp>,
    /// Pupils marked absent for this lesson.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<PupilId>,
    /// The groups, once made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// Roles pupils stepped out of this lesson.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opt_outs: Vec<OptOut>,
}

impl LessonGroups {
    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.absent.is_empty() && self.groups.is_empty() && self.opt_outs.is_empty()
    }

    /// Whether `pupil` is marked absent.
    pub fn is_absent(&self, pupil: &PupilId) -> bool {
        self.absent.contains(pupil)
    }

    /// The group `pupil` is in, with its index.
    pub fn group_of(&self, pupil: &PupilId) -> Option<(usize, &Group)> {
        self.groups.iter().enumerate().find(|(_, g)| g.has(pupil))
    }

    /// The role `pupil` holds this lesson.
    pub fn role_of(&self, pupil: &PupilId) -> Option<&RoleId> {
        self.group_of(pupil)
            .and_then(|(_, g)| g.member(pupil))
            .and_then(|m| m.role.as_ref())
    }

    /// Whether any member has a role.
    pub fn has_roles(&self) -> bool {
        self.groups
            .iter()
            .any(|g| g.members.iter().any(|m| m.role.is_some()))
    }

    /// The roles `pupil` stepped out of this lesson.
    pub fn opted_out_of(&self, pupil: &PupilId) -> impl Iterator<Item = &RoleId> {
        self.opt_outs
            .iter()
            .filter(move |o| &o.pupil == pupil)
            .map(|o| &o.role)
    }
}
