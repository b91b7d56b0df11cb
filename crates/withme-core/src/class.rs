//! A class and its roster of pupils.

use serde::{Deserialize, Serialize};

use crate::enquiry::ParkedQuestion;
use crate::groups::{PairRule, Picker, Role};
use crate::ids::{ClassId, PupilId, RoleId};
use crate::text::{ClassName, PupilLabel, PupilName};
use crate::time::Timestamp;

/// Most pupils on one class roster.
pub const MAX_PUPILS_PER_CLASS: usize = 60;

/// A pupil on a roster: a first name or pseudonym, nothing more.
///
/// A removed pupil is kept (hidden from the roster) so that their past work keeps its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pupil {
    id: PupilId,
    name: PupilName,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    removed: bool,
    /// The teacher's label to balance groups on. Never sent to a pupil's device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<PupilLabel>,
}

impl Pupil {
    /// The pupil's id.
    pub fn id(&self) -> &PupilId {
        &self.id
    }

    /// The pupil's first name or pseudonym.
    pub fn name(&self) -> &PupilName {
        &self.name
    }

    /// Whether the teacher has taken the pupil off the roster.
    pub fn is_removed(&self) -> bool {
        self.removed
    }

    /// The teacher's label for balancing groups, if any.
    pub fn label(&self) -> Option<&PupilLabel> {
        self.label.as_ref()
    }
}

/// A class: a name and a roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Class {
    id: ClassId,
    name: ClassName,
    #[serde(default)]
    pupils: Vec<Pupil>,
    created_at: Timestamp,
    /// Questions from past enquiries, waiting for a later lesson to take them up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    parked: Vec<ParkedQuestion>,
    /// Put away at the end of a year: kept, but out of the way.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    archived: bool,
    /// Keep-apart and keep-together pairs for the group maker. Never sent to a pupil's device.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pair_rules: Vec<PairRule>,
    /// The class's group roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    roles: Vec<Role>,
    /// Every pupil should lead at least once in this many lessons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lead_window: Option<u8>,
    /// The Board's random picker.
    #[serde(default, skip_serializing_if = "Picker::is_empty")]
    picker: Picker,
}

impl Class {
    pub(crate) fn new(id: ClassId, name: ClassName, at: Timestamp) -> Self {
        Self {
            id,
            name,
            pupils: Vec::new(),
            created_at: at,
            parked: Vec::new(),
            archived: false,
            pair_rules: Vec::new(),
            roles: Vec::new(),
            lead_window: None,
            picker: Picker::default(),
        }
    }

    /// Whether the teacher has archived the class.
    pub fn is_archived(&self) -> bool {
        self.archived
    }

    /// The keep-apart and keep-together pairs.
    pub fn pair_rules(&self) -> &[PairRule] {
        &self.pair_rules
    }

    /// The class's group roles, in the teacher's order.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// The role with this id.
    pub fn role(&self, id: &RoleId) -> Option<&Role> {
        self.roles.iter().find(|r| &r.id == id)
    }

    /// Every pupil should lead at least once in this many lessons, if the teacher set it.
    pub fn lead_window(&self) -> Option<u8> {
        self.lead_window
    }

    /// The Board's random picker.
    pub fn picker(&self) -> &Picker {
        &self.picker
    }

    pub(crate) fn set_archived(&mut self, archived: bool) {
        self.archived = archived;
    }

    pub(crate) fn pair_rules_mut(&mut self) -> &mut Vec<PairRule> {
        &mut self.pair_rules
    }

    pub(crate) fn set_roles(&mut self, roles: Vec<Role>) {
        self.roles = roles;
    }

    pub(crate) fn set_lead_window(&mut self, window: Option<u8>) {
        self.lead_window = window;
    }

    pub(crate) fn picker_mut(&mut self) -> &mut Picker {
        &mut self.picker
    }

    /// The class's id.
    pub fn id(&self) -> &ClassId {
        &self.id
    }

    /// The class's name.
    pub fn name(&self) -> &ClassName {
        &self.name
    }

    /// When the class was created.
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// The pupils on the roster now, in the order they were added.
    pub fn roster(&self) -> impl Iterator<Item = &Pupil> {
        self.pupils.iter().filter(|p| !p.removed)
    }

    /// Pupils the teacher has taken off the roster (kept so their work keeps its author).
    pub fn removed_pupils(&self) -> impl Iterator<Item = &Pupil> {
        self.pupils.iter().filter(|p| p.removed)
    }

    /// Any pupil of this class, on the roster or removed.
    pub fn pupil(&self, id: &PupilId) -> Option<&Pupil> {
        self.pupils.iter().find(|p| &p.id == id)
    }

    /// Whether `id` is on the roster now.
    pub fn has_on_roster(&self, id: &PupilId) -> bool {
        self.pupil(id).is_some_and(|p| !p.removed)
    }

    /// The rostered pupil called `name` (compared without case), other than `except`.
    pub fn rostered_named(&self, name: &PupilName, except: Option<&PupilId>) -> Option<&Pupil> {
        let folded = name.folded();
        self.roster()
            .find(|p| Some(&p.id) != except && p.name.folded() == folded)
    }

    /// The class's question parking lot, oldest first.
    pub fn parked(&self) -> &[ParkedQuestion] {
        &self.parked
    }

    pub(crate) fn parked_mut(&mut self) -> &mut Vec<ParkedQuestion> {
        &mut self.parked
    }

    pub(crate) fn rename(&mut self, name: ClassName) {
        self.name = name;
    }

    pub(crate) fn add_pupil(&mut self, id: PupilId, name: PupilName) {
        self.pupils.push(Pupil {
            id,
            name,
            removed: false,
            label: None,
        });
    }

    pub(crate) fn pupil_mut(&mut self, id: &PupilId) -> Option<&mut Pupil> {
        self.pupils.iter_mut().find(|p| &p.id == id)
    }

    pub(crate) fn all_pupils(&self) -> &[Pupil] {
        &self.pupils
    }
}

impl Pupil {
    pub(crate) fn rename(&mut self, name: PupilName) {
        self.name = name;
    }

    pub(crate) fn set_removed(&mut self, removed: bool) {
        self.removed = removed;
    }

    pub(crate) fn set_label(&mut self, label: Option<PupilLabel>) {
        self.label = label;
    }
}
