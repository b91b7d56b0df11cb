//! Applying the commands that edit a plan's lists and phases.

use super::Rejection;
use crate::ids::{ItemId, LessonId};
use crate::library::Library;
use crate::operation::{Event, Operation};
use crate::plan::{Entry, Item, ItemList, MAX_ENTRIES_PER_SECTION, Phase, Plan, Section};
use crate::text::{ItemText, Notes, PhaseTitle};
use crate::time::{PhaseMinutes, Timestamp};

/// Refuses a new entry when the section is full or the id is taken.
pub(super) fn check_room(plan: &Plan, section: Section, id: &ItemId) -> Result<(), Rejection> {
    if plan.section_len(section) >= MAX_ENTRIES_PER_SECTION {
        return Err(Rejection::SectionFull {
            max: MAX_ENTRIES_PER_SECTION,
        });
    }
    if plan.position(section, id).is_some() {
        return Err(Rejection::IdInUse);
    }
    Ok(())
}

/// Puts `entry` into `section` at `index` (clamped to the end), after [`check_room`].
pub(super) fn insert(
    plan: &mut Plan,
    section: Section,
    index: usize,
    entry: Entry,
) -> Result<(), Rejection> {
    check_room(plan, section, entry.id())?;
    let index = index.min(plan.section_len(section));
    match (section, entry) {
        (Section::Items(list), Entry::Item(item)) => plan.items_mut(list).insert(index, item),
        (Section::Phases, Entry::Phase(phase)) => plan.phases.insert(index, phase),
        _ => return Err(Rejection::WrongSection),
    }
    Ok(())
}

impl Library {
    pub(super) fn add_item(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        list: ItemList,
        text: &ItemText,
    ) -> Result<Event, Rejection> {
        let item = Item {
            id: ItemId::from(&op.id),
            text: text.clone(),
            suggested_by: Vec::new(),
        };
        self.change_lesson(lesson, op.at, |l| {
            insert(
                l.plan_mut(),
                Section::Items(list),
                usize::MAX,
                Entry::Item(item),
            )
        })
    }

    pub(super) fn edit_item(
        &mut self,
        lesson: &LessonId,
        list: ItemList,
        id: &ItemId,
        text: &ItemText,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, at, |l| {
            let item = l
                .plan_mut()
                .items_mut(list)
                .iter_mut()
                .find(|i| &i.id == id)
                .ok_or(Rejection::UnknownEntry)?;
            item.text = text.clone();
            Ok(())
        })
    }

    pub(super) fn add_phase(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        title: &PhaseTitle,
        minutes: PhaseMinutes,
    ) -> Result<Event, Rejection> {
        let phase = Phase {
            id: ItemId::from(&op.id),
            title: title.clone(),
            description: Notes::default(),
            minutes,
            suggested_by: Vec::new(),
        };
        self.change_lesson(lesson, op.at, |l| {
            insert(
                l.plan_mut(),
                Section::Phases,
                usize::MAX,
                Entry::Phase(phase),
            )
        })
    }

    pub(super) fn edit_phase(
        &mut self,
        lesson: &LessonId,
        id: &ItemId,
        title: &PhaseTitle,
        description: &Notes,
        minutes: PhaseMinutes,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, at, |l| {
            let phase = l
                .plan_mut()
                .phases
                .iter_mut()
                .find(|p| &p.id == id)
                .ok_or(Rejection::UnknownEntry)?;
            phase.title = title.clone();
            phase.description = description.clone();
            phase.minutes = minutes;
            Ok(())
        })
    }

    pub(super) fn remove_entry(
        &mut self,
        lesson: &LessonId,
        section: Section,
        id: &ItemId,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, at, |l| {
            let plan = l.plan_mut();
            let index = plan.position(section, id).ok_or(Rejection::UnknownEntry)?;
            match section {
                Section::Items(list) => drop(plan.items_mut(list).remove(index)),
                Section::Phases => drop(plan.phases.remove(index)),
            }
            Ok(())
        })
    }

    pub(super) fn move_entry(
        &mut self,
        lesson: &LessonId,
        section: Section,
        id: &ItemId,
        to: usize,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, at, |l| {
            let plan = l.plan_mut();
            let from = plan.position(section, id).ok_or(Rejection::UnknownEntry)?;
            let to = to.min(plan.section_len(section) - 1);
            match section {
                Section::Items(list) => {
                    let items = plan.items_mut(list);
                    let item = items.remove(from);
                    items.insert(to, item);
                }
                Section::Phases => {
                    let phase = plan.phases.remove(from);
                    plan.phases.insert(to, phase);
                }
            }
            Ok(())
        })
    }

    pub(super) fn insert_entry(
        &mut self,
        lesson: &LessonId,
        section: Section,
        index: usize,
        entry: &Entry,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, at, |l| {
            insert(l.plan_mut(), section, index, entry.clone())
        })
    }
}
