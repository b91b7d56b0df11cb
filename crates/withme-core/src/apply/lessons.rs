//! Applying the lesson commands.

use super::Rejection;
use crate::ids::{ClassId, LessonId};
use crate::lesson::{Lesson, Plan};
use crate::library::Library;
use crate::operation::{Event, Operation};
use crate::text::LessonTitle;
use crate::time::Timestamp;

impl Library {
    fn insert_new_lesson(&mut self, op: &Operation, plan: Plan) -> Result<Event, Rejection> {
        let id = LessonId::from(&op.id);
        if self.lessons.contains_key(&id) {
            return Err(Rejection::IdInUse);
        }
        self.lessons
            .insert(id.clone(), Lesson::new(id.clone(), plan, op.at));
        Ok(Event::LessonCreated { lesson: id })
    }

    pub(super) fn create_lesson(
        &mut self,
        op: &Operation,
        title: &LessonTitle,
        class: &Option<ClassId>,
    ) -> Result<Event, Rejection> {
        self.check_class(class)?;
        self.insert_new_lesson(op, Plan::new(title.clone(), class.clone()))
    }

    pub(super) fn import_lesson(
        &mut self,
        op: &Operation,
        plan: &Plan,
    ) -> Result<Event, Rejection> {
        let mut plan = plan.clone();
        if plan
            .class
            .as_ref()
            .is_some_and(|c| !self.classes.contains_key(c))
        {
            plan.class = None;
        }
        self.insert_new_lesson(op, plan)
    }

    pub(super) fn duplicate_lesson(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
    ) -> Result<Event, Rejection> {
        let original = self.live_lesson(lesson)?;
        let mut plan = original.plan().clone();
        plan.title = plan.title.copy_of();
        self.insert_new_lesson(op, plan)
    }

    pub(super) fn edit_lesson(
        &mut self,
        lesson: &LessonId,
        at: Timestamp,
        change: impl FnOnce(&mut Plan),
    ) -> Result<Event, Rejection> {
        self.live_lesson(lesson)?;
        let entry = self
            .lessons
            .get_mut(lesson)
            .ok_or(Rejection::UnknownLesson)?;
        entry.edit(at, change);
        Ok(Event::LessonChanged {
            lesson: lesson.clone(),
        })
    }

    pub(super) fn set_lesson_class(
        &mut self,
        lesson: &LessonId,
        class: &Option<ClassId>,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.check_class(class)?;
        self.edit_lesson(lesson, at, |plan| plan.class = class.clone())
    }

    /// Binning twice, or restoring a lesson not in the bin, changes nothing and is not an error:
    /// two windows may both press "Undo".
    pub(super) fn delete_lesson(
        &mut self,
        lesson: &LessonId,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        let entry = self
            .lessons
            .get_mut(lesson)
            .ok_or(Rejection::UnknownLesson)?;
        if !entry.is_deleted() {
            entry.set_deleted(Some(at), at);
        }
        Ok(Event::LessonDeleted {
            lesson: lesson.clone(),
        })
    }

    pub(super) fn restore_lesson(
        &mut self,
        lesson: &LessonId,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        let entry = self
            .lessons
            .get_mut(lesson)
            .ok_or(Rejection::UnknownLesson)?;
        if entry.is_deleted() {
            entry.set_deleted(None, at);
        }
        Ok(Event::LessonRestored {
            lesson: lesson.clone(),
        })
    }

    fn live_lesson(&self, lesson: &LessonId) -> Result<&Lesson, Rejection> {
        let found = self.lessons.get(lesson).ok_or(Rejection::UnknownLesson)?;
        if found.is_deleted() {
            Err(Rejection::LessonInBin)
        } else {
            Ok(found)
        }
    }

    fn check_class(&self, class: &Option<ClassId>) -> Result<(), Rejection> {
        match class {
            Some(id) if !self.classes.contains_key(id) => Err(Rejection::UnknownClass),
            _ => Ok(()),
        }
    }
}
