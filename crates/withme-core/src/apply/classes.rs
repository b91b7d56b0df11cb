//! Applying the class and roster commands.

use std::collections::BTreeSet;

use std::sync::Arc;

use super::Rejection;
use crate::class::{Class, MAX_PUPILS_PER_CLASS};
use crate::ids::{ClassId, PupilId};
use crate::library::Library;
use crate::operation::{Event, Operation};
use crate::text::{ClassName, PupilName};

impl Library {
    pub(super) fn create_class(
        &mut self,
        op: &Operation,
        name: &ClassName,
    ) -> Result<Event, Rejection> {
        let id = ClassId::from(&op.id);
        if self.classes.contains_key(&id) {
            return Err(Rejection::IdInUse);
        }
        let class = Class::new(id.clone(), name.clone(), op.at);
        self.classes.insert(id.clone(), Arc::new(class));
        Ok(Event::ClassCreated { class: id })
    }

    pub(super) fn rename_class(
        &mut self,
        class: &ClassId,
        name: &ClassName,
    ) -> Result<Event, Rejection> {
        self.class_mut(class)?.rename(name.clone());
        Ok(Event::ClassChanged {
            class: class.clone(),
        })
    }

    pub(super) fn add_pupils(
        &mut self,
        op: &Operation,
        class: &ClassId,
        names: &[PupilName],
    ) -> Result<Event, Rejection> {
        let entry = self.class_mut(class)?;
        if names.is_empty() {
            return Err(Rejection::NoNames);
        }
        if entry.roster().count() + names.len() > MAX_PUPILS_PER_CLASS {
            return Err(Rejection::RosterFull {
                max: MAX_PUPILS_PER_CLASS,
            });
        }
        let mut seen = BTreeSet::new();
        for name in names {
            if entry.rostered_named(name, None).is_some() || !seen.insert(name.folded()) {
                return Err(Rejection::DuplicateName {
                    name: name.to_string(),
                });
            }
        }
        for (index, name) in names.iter().enumerate() {
            entry.add_pupil(PupilId::nth_added_by(&op.id, index + 1), name.clone());
        }
        Ok(Event::ClassChanged {
            class: class.clone(),
        })
    }

    pub(super) fn rename_pupil(
        &mut self,
        class: &ClassId,
        pupil: &PupilId,
        name: &PupilName,
    ) -> Result<Event, Rejection> {
        let entry = self.class_mut(class)?;
        if entry.pupil(pupil).is_none() {
            return Err(Rejection::UnknownPupil);
        }
        if entry.rostered_named(name, Some(pupil)).is_some() {
            return Err(Rejection::DuplicateName {
                name: name.to_string(),
            });
        }
        if let Some(found) = entry.pupil_mut(pupil) {
            found.rename(name.clone());
        }
        Ok(Event::ClassChanged {
            class: class.clone(),
        })
    }

    /// Removing hides the pupil and keeps their name for the work they did; restoring brings them
    /// back unless someone with the same name has joined the roster since.
    pub(super) fn set_pupil_removed(
        &mut self,
        class: &ClassId,
        pupil: &PupilId,
        removed: bool,
    ) -> Result<Event, Rejection> {
        let entry = self.class_mut(class)?;
        let found = entry.pupil(pupil).ok_or(Rejection::UnknownPupil)?;
        if !removed && found.is_removed() {
            if entry.roster().count() >= MAX_PUPILS_PER_CLASS {
                return Err(Rejection::RosterFull {
                    max: MAX_PUPILS_PER_CLASS,
                });
            }
            if entry.rostered_named(found.name(), Some(pupil)).is_some() {
                return Err(Rejection::DuplicateName {
                    name: found.name().to_string(),
                });
            }
        }
        if let Some(found) = entry.pupil_mut(pupil) {
            found.set_removed(removed);
        }
        Ok(Event::ClassChanged {
            class: class.clone(),
        })
    }

    pub(super) fn class_mut(&mut self, class: &ClassId) -> Result<&mut Class, Rejection> {
        self.classes
            .get_mut(class)
            .map(Arc::make_mut)
            .ok_or(Rejection::UnknownClass)
    }
}
