//! Applying the register, group, role and picker commands, and deleting or archiving a class.

use std::collections::BTreeSet;

use std::sync::Arc;

use super::Rejection;
use crate::class::Class;
use crate::enquiry::Enquiry;
use crate::groups::roles::{MAX_ROLES, MAX_STARTERS};
use crate::groups::rotation::Rotation;
use crate::groups::{
    Group, LessonGroups, MAX_GROUPS, MAX_LEAD_WINDOW, MAX_PAIR_RULES, Member, OptOut, PairKind,
    PairRule, Role,
};
use crate::ids::{ClassId, LessonId, PupilId, RoleId};
use crate::lesson::Lesson;
use crate::library::Library;
use crate::operation::{Event, Operation};
use crate::text::{PupilLabel, Reason};

impl Library {
    pub(super) fn archive_class(
        &mut self,
        class: &ClassId,
        archived: bool,
    ) -> Result<Event, Rejection> {
        self.class_mut(class)?.set_archived(archived);
        Ok(Event::ClassChanged {
            class: class.clone(),
        })
    }

    /// Removes the class and, from each of its lessons, every trace of its pupils.
    pub(super) fn delete_class(&mut self, class: &ClassId) -> Result<Event, Rejection> {
        if self.classes.remove(class).is_none() {
            return Err(Rejection::UnknownClass);
        }
        for lesson in self.lessons.values_mut() {
            if lesson.plan().class.as_ref() == Some(class) {
                Arc::make_mut(lesson).forget_pupils();
            }
        }
        Ok(Event::ClassDeleted {
            class: class.clone(),
        })
    }

    pub(super) fn set_pupil_label(
        &mut self,
        class: &ClassId,
        pupil: &PupilId,
        label: &Option<PupilLabel>,
    ) -> Result<Event, Rejection> {
        self.class_mut(class)?
            .pupil_mut(pupil)
            .ok_or(Rejection::UnknownPupil)?
            .set_label(label.clone());
        Ok(Event::ClassChanged {
            class: class.clone(),
        })
    }

    pub(super) fn set_pair_rule(
        &mut self,
        class: &ClassId,
        pupils: &[PupilId; 2],
        kind: Option<PairKind>,
    ) -> Result<Event, Rejection> {
        let entry = self.class_mut(class)?;
        let [a, b] = pupils;
        if !entry.has_on_roster(a) || !entry.has_on_roster(b) {
            return Err(Rejection::UnknownPupil);
        }
        if a == b {
            return Err(Rejection::SamePupil);
        }
        let rules = entry.pair_rules_mut();
        let existing = rules.iter().position(|r| r.is_about(a, b));
        if existing.is_none() && kind.is_some() && rules.len() >= MAX_PAIR_RULES {
            return Err(Rejection::PairRulesFull {
                max: MAX_PAIR_RULES,
            });
        }
        if let Some(i) = existing {
            rules.remove(i);
        }
        if let Some(kind) = kind {
            rules.push(PairRule {
                pupils: pupils.clone(),
                kind,
            });
        }
        Ok(Event::ClassChanged {
            class: class.clone(),
        })
    }

    pub(super) fn set_roles(
        &mut self,
        class: &ClassId,
        roles: &[Role],
    ) -> Result<Event, Rejection> {
        let entry = self.class_mut(class)?;
        if roles.len() > MAX_ROLES {
            return Err(Rejection::TooManyRoles { max: MAX_ROLES });
        }
        let mut ids = BTreeSet::new();
        let mut names = BTreeSet::new();
        for role in roles {
            if !names.insert(role.name.as_str().to_lowercase()) {
                return Err(Rejection::DuplicateRole {
                    name: role.name.to_string(),
                });
            }
            if !ids.insert(&role.id) {
                return Err(Rejection::IdInUse);
            }
            if role.starters.len() > MAX_STARTERS {
                return Err(Rejection::TooManyStarters { max: MAX_STARTERS });
            }
        }
        entry.set_roles(roles.to_vec());
        Ok(Event::ClassChanged {
            class: class.clone(),
        })
    }

    pub(super) fn set_lead_window(
        &mut self,
        class: &ClassId,
        lessons: Option<u8>,
    ) -> Result<Event, Rejection> {
        if lessons.is_some_and(|n| !(2..=MAX_LEAD_WINDOW).contains(&n)) {
            return Err(Rejection::LeadWindowRange);
        }
        self.class_mut(class)?.set_lead_window(lessons);
        Ok(Event::ClassChanged {
            class: class.clone(),
        })
    }

    /// Marking a pupil absent takes them out of their group; marking them present again does
    /// not put them back (the teacher moves them into a group).
    pub(super) fn set_absent(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        pupil: &PupilId,
        absent: bool,
    ) -> Result<Event, Rejection> {
        let class = self.class_of_lesson(lesson)?;
        if !class.has_on_roster(pupil) {
            return Err(Rejection::UnknownPupil);
        }
        self.change_groups(lesson, op, |groups| {
            groups.absent.retain(|p| p != pupil);
            if absent {
                groups.absent.push(pupil.clone());
                for group in &mut groups.groups {
                    group.members.retain(|m| &m.pupil != pupil);
                }
                groups.groups.retain(|g| !g.members.is_empty());
            }
        })
    }

    pub(super) fn set_groups(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        groups: &[Vec<PupilId>],
    ) -> Result<Event, Rejection> {
        let class = self.class_of_lesson(lesson)?;
        if groups.len() > MAX_GROUPS {
            return Err(Rejection::TooManyGroups { max: MAX_GROUPS });
        }
        let absent = &self.lessons[lesson].groups().absent;
        let mut seen = BTreeSet::new();
        for group in groups {
            if group.is_empty() {
                return Err(Rejection::EmptyGroup);
            }
            for pupil in group {
                if !class.has_on_roster(pupil) {
                    return Err(Rejection::UnknownPupil);
                }
                if absent.contains(pupil) {
                    return Err(Rejection::PupilAbsent);
                }
                if !seen.insert(pupil) {
                    return Err(Rejection::GroupedTwice);
                }
            }
        }
        self.change_groups(lesson, op, |state| {
            let old = std::mem::take(&mut state.groups);
            state.groups = groups
                .iter()
                .map(|pupils| {
                    let same: BTreeSet<&PupilId> = pupils.iter().collect();
                    let kept = old.iter().find(|g| {
                        g.members.len() == same.len()
                            && g.members.iter().all(|m| same.contains(&m.pupil))
                    });
                    Group {
                        members: pupils
                            .iter()
                            .map(|p| {
                                kept.and_then(|g| g.member(p).cloned())
                                    .unwrap_or_else(|| Member::new(p.clone()))
                            })
                            .collect(),
                    }
                })
                .collect();
            if state.groups.is_empty() {
                state.grouped_at = None;
            } else if state.grouped_at.is_none() {
                state.grouped_at = Some(op.at);
            }
        })
    }

    /// Gives out roles in every group (or only in `only`), keeping roles chosen by hand.
    pub(super) fn assign_roles(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        only: Option<usize>,
    ) -> Result<Event, Rejection> {
        let class = self.class_of_lesson(lesson)?;
        if class.roles().is_empty() {
            return Err(Rejection::NoRoles);
        }
        let state = self.lessons[lesson].groups();
        if state.groups.is_empty() {
            return Err(Rejection::NoGroups);
        }
        let record = self.turn_record(class.id(), Some(lesson));
        let rotation = Rotation {
            catalogue: class.roles(),
            record: &record,
            window: class.lead_window(),
        };
        let everyone: Vec<PupilId> = state
            .groups
            .iter()
            .flat_map(|g| g.members.iter().map(|m| m.pupil.clone()))
            .collect();
        let due = rotation.due_order(&everyone, lesson_seed(lesson));
        let opted: Vec<(PupilId, RoleId)> = state
            .opt_outs
            .iter()
            .map(|o| (o.pupil.clone(), o.role.clone()))
            .collect();
        let given: Vec<Vec<(PupilId, RoleId)>> = state
            .groups
            .iter()
            .enumerate()
            .map(|(i, group)| {
                if only.is_some_and(|o| o != i) {
                    return Vec::new();
                }
                let pupils: Vec<PupilId> = group.members.iter().map(|m| m.pupil.clone()).collect();
                let fixed: Vec<(PupilId, RoleId)> = group
                    .members
                    .iter()
                    .filter(|m| m.override_reason.is_some())
                    .filter_map(|m| Some((m.pupil.clone(), m.role.clone()?)))
                    .collect();
                rotation.assign(&pupils, &due, &opted, &fixed)
            })
            .collect();
        self.change_groups(lesson, op, |state| {
            for (i, (group, roles)) in state.groups.iter_mut().zip(given).enumerate() {
                if only.is_some_and(|o| o != i) {
                    continue;
                }
                for member in &mut group.members {
                    member.role = roles
                        .iter()
                        .find(|(p, _)| p == &member.pupil)
                        .map(|(_, r)| r.clone());
                }
            }
        })
    }

    pub(super) fn override_role(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        pupil: &PupilId,
        role: &RoleId,
        reason: &Reason,
    ) -> Result<Event, Rejection> {
        let class = self.class_of_lesson(lesson)?;
        if class.role(role).is_none() {
            return Err(Rejection::UnknownRole);
        }
        if self.lessons[lesson].groups().group_of(pupil).is_none() {
            return Err(Rejection::NotInAGroup);
        }
        self.change_groups(lesson, op, |state| {
            let Some(group) = state.groups.iter_mut().find(|g| g.has(pupil)) else {
                return;
            };
            let old = group.member(pupil).and_then(|m| m.role.clone());
            if let Some(other) = group
                .members
                .iter_mut()
                .find(|m| &m.pupil != pupil && m.role.as_ref() == Some(role))
            {
                other.role = old;
                other.override_reason = None;
            }
            if let Some(member) = group.members.iter_mut().find(|m| &m.pupil == pupil) {
                member.role = Some(role.clone());
                member.override_reason = Some(reason.clone());
            }
        })
    }

    pub(super) fn opt_out_of_role(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        pupil: &PupilId,
        role: &RoleId,
    ) -> Result<Event, Rejection> {
        let class = self.class_of_lesson(lesson)?;
        if class.role(role).is_none() {
            return Err(Rejection::UnknownRole);
        }
        let state = self.lessons[lesson].groups();
        let (index, _) = state.group_of(pupil).ok_or(Rejection::NotInAGroup)?;
        let had_roles = state.has_roles();
        self.change_groups(lesson, op, |state| {
            if !state.opted_out_of(pupil).any(|r| r == role) {
                state.opt_outs.push(OptOut {
                    pupil: pupil.clone(),
                    role: role.clone(),
                });
            }
            for member in state.groups[index].members.iter_mut() {
                if &member.pupil == pupil && member.role.as_ref() == Some(role) {
                    member.override_reason = None;
                }
            }
        })?;
        if had_roles {
            self.assign_roles(op, lesson, Some(index))?;
        }
        Ok(Event::LessonChanged {
            lesson: lesson.clone(),
        })
    }

    pub(super) fn pick_pupil(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        pupil: &PupilId,
    ) -> Result<Event, Rejection> {
        let class = self.class_of_lesson(lesson)?;
        if !class.has_on_roster(pupil) {
            return Err(Rejection::UnknownPupil);
        }
        if self.lessons[lesson].groups().is_absent(pupil) {
            return Err(Rejection::PupilAbsent);
        }
        if class.picker().this_round().any(|p| &p.pupil == pupil) {
            return Err(Rejection::AlreadyPicked);
        }
        let id = class.id().clone();
        self.class_mut(&id)?
            .picker_mut()
            .record(pupil.clone(), op.at);
        Ok(Event::ClassChanged { class: id })
    }

    pub(super) fn pass_pick(&mut self, lesson: &LessonId) -> Result<Event, Rejection> {
        let id = self.class_of_lesson(lesson)?.id().clone();
        if !self.class_mut(&id)?.picker_mut().pass_latest() {
            return Err(Rejection::NothingToPass);
        }
        Ok(Event::ClassChanged { class: id })
    }

    pub(super) fn new_picker_round(&mut self, lesson: &LessonId) -> Result<Event, Rejection> {
        let id = self.class_of_lesson(lesson)?.id().clone();
        self.class_mut(&id)?.picker_mut().new_round();
        Ok(Event::ClassChanged { class: id })
    }

    /// The class of a lesson that is not in the bin.
    fn class_of_lesson(&self, lesson: &LessonId) -> Result<&Class, Rejection> {
        let found = self.live_lesson(lesson)?;
        let class = found.plan().class.as_ref().ok_or(Rejection::NoClass)?;
        self.class(class).ok_or(Rejection::UnknownClass)
    }

    /// Changes the lesson's register and groups (through [`Library::change_lesson`]).
    fn change_groups(
        &mut self,
        lesson: &LessonId,
        op: &Operation,
        change: impl FnOnce(&mut LessonGroups),
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, op.at, |l| {
            change(l.groups_mut());
            Ok(())
        })
    }
}

/// A seed for breaking ties in who is due to lead, fixed for each lesson so that the group
/// maker (in the shell) and role assignment (here) agree.
pub fn lesson_seed(lesson: &LessonId) -> u64 {
    // FNV-1a: stable across builds and platforms.
    lesson
        .as_str()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

impl Lesson {
    /// Forgets every pupil: the class, names on the plan, proposals, the enquiry and groups.
    pub(crate) fn forget_pupils(&mut self) {
        self.plan_mut().class = None;
        let without_names = self.plan().without_names();
        *self.plan_mut() = without_names;
        self.proposals_mut().clear();
        *self.enquiry_mut() = Enquiry::default();
        *self.groups_mut() = LessonGroups::default();
    }
}
