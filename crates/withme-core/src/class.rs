//! A class and its roster of pupils.

use serde::{Deserialize, Serialize};

use crate::enquiry::ParkedQuestion;
use crate::ids::{ClassId, PupilId};
use crate::text::{ClassName, PupilName};
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
}

impl Class {
    pub(crate) fn new(id: ClassId, name: ClassName, at: Timestamp) -> Self {
        Self {
            id,
            name,
            pupils: Vec::new(),
            created_at: at,
            parked: Vec::new(),
        }
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
}
