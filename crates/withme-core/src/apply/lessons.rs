//! Applying the lesson commands.

use std::sync::Arc;

use super::Rejection;
use crate::ids::{ClassId, LessonId};
use crate::lesson::Lesson;
use crate::library::Library;
use crate::operation::{Event, Operation};
use crate::plan::Plan;
use crate::proposal::{MAX_PROPOSALS_PER_LESSON, Proposal};
use crate::template::TemplateChoice;
use crate::text::LessonTitle;
use crate::time::Timestamp;

impl Library {
    fn insert_new_lesson(&mut self, op: &Operation, plan: Plan) -> Result<Event, Rejection> {
        self.insert_lesson(op, plan, Vec::new())
    }

    fn insert_lesson(
        &mut self,
        op: &Operation,
        plan: Plan,
        proposals: Vec<Proposal>,
    ) -> Result<Event, Rejection> {
        let id = LessonId::from(&op.id);
        if self.lessons.contains_key(&id) {
            return Err(Rejection::IdInUse);
        }
        let lesson = Lesson::new(id.clone(), plan, op.at).with_proposals(proposals);
        self.lessons.insert(id.clone(), Arc::new(lesson));
        Ok(Event::LessonCreated { lesson: id })
    }

    pub(super) fn create_lesson(
        &mut self,
        op: &Operation,
        title: &LessonTitle,
        class: &Option<ClassId>,
        template: &Option<TemplateChoice>,
    ) -> Result<Event, Rejection> {
        self.check_class(class)?;
        let mut plan = match template {
            None => Plan::new(title.clone(), None),
            Some(TemplateChoice::BuiltIn(built_in)) => built_in.plan(title.clone(), &op.id),
            Some(TemplateChoice::Saved(id)) => {
                let saved = self.templates.get(id).ok_or(Rejection::UnknownTemplate)?;
                let mut plan = saved.plan.clone();
                plan.title = title.clone();
                plan
            }
        };
        plan.class = class.clone();
        self.insert_new_lesson(op, plan)
    }

    pub(super) fn import_lesson(
        &mut self,
        op: &Operation,
        plan: &Plan,
        proposals: &[Proposal],
    ) -> Result<Event, Rejection> {
        let mut plan = plan.clone();
        if plan
            .class
            .as_ref()
            .is_some_and(|c| !self.classes.contains_key(c))
        {
            plan.class = None;
        }
        let proposals = match plan.class {
            Some(_) => proposals
                .iter()
                .take(MAX_PROPOSALS_PER_LESSON)
                .cloned()
                .collect(),
            None => Vec::new(),
        };
        self.insert_lesson(op, plan, proposals)
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
            .map(Arc::make_mut)
            .ok_or(Rejection::UnknownLesson)?;
        entry.edit(at, change);
        Ok(Event::LessonChanged {
            lesson: lesson.clone(),
        })
    }

    /// Runs a change that may refuse on a copy of a live lesson, and keeps the copy only if the
    /// change succeeded: a refused operation never leaves a lesson half-changed.
    pub(super) fn change_lesson(
        &mut self,
        lesson: &LessonId,
        at: Timestamp,
        change: impl FnOnce(&mut Lesson) -> Result<(), Rejection>,
    ) -> Result<Event, Rejection> {
        let mut copy = self.live_lesson(lesson)?.clone();
        change(&mut copy)?;
        copy.touch_at(at);
        self.lessons.insert(lesson.clone(), Arc::new(copy));
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
        let found = self.live_lesson(lesson)?;
        if found.plan().class == *class {
            return Ok(Event::LessonChanged {
                lesson: lesson.clone(),
            });
        }
        // Pupils' work names pupils of the class it was made in: it never moves to another.
        if found.holds_pupils_work() {
            return Err(Rejection::LessonHasPupilsWork);
        }
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
            .map(Arc::make_mut)
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
            .map(Arc::make_mut)
            .ok_or(Rejection::UnknownLesson)?;
        if entry.is_deleted() {
            entry.set_deleted(None, at);
        }
        Ok(Event::LessonRestored {
            lesson: lesson.clone(),
        })
    }

    /// Deletes for good the listed lessons that are in the bin; any other is left as it is.
    pub(super) fn empty_bin(&mut self, lessons: &[LessonId]) -> Event {
        let mut removed = 0;
        for lesson in lessons {
            if self.lessons.get(lesson).is_some_and(|l| l.is_deleted()) {
                self.lessons.remove(lesson);
                removed += 1;
            }
        }
        Event::BinEmptied { removed }
    }

    pub(super) fn archive_lessons(&mut self, archive: &Library) -> Event {
        let mut archived = 0;
        let mut kept = 0;
        for (id, saved) in &archive.lessons {
            match self.lessons.get(id) {
                Some(here) if here == saved => {
                    self.lessons.remove(id);
                    archived += 1;
                }
                Some(_) => kept += 1,
                None => {}
            }
        }
        Event::LessonsArchived { archived, kept }
    }

    pub(super) fn live_lesson(&self, lesson: &LessonId) -> Result<&Lesson, Rejection> {
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
