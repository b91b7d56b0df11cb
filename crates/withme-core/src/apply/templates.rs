//! Applying the commands that save and delete the teacher's templates.

use std::sync::Arc;

use super::Rejection;
use crate::ids::{LessonId, TemplateId};
use crate::library::Library;
use crate::operation::{Event, Operation};
use crate::template::{MAX_SAVED_TEMPLATES, Template};
use crate::text::TemplateName;

impl Library {
    pub(super) fn save_template(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        name: &TemplateName,
    ) -> Result<Event, Rejection> {
        let plan = self.live_lesson(lesson)?.plan().as_template();
        let id = TemplateId::from(&op.id);
        if self.templates.contains_key(&id) {
            return Err(Rejection::IdInUse);
        }
        if self.templates.len() >= MAX_SAVED_TEMPLATES {
            return Err(Rejection::TemplatesFull {
                max: MAX_SAVED_TEMPLATES,
            });
        }
        let template = Template {
            id: id.clone(),
            name: name.clone(),
            plan,
            saved_at: op.at,
        };
        self.templates.insert(id, Arc::new(template));
        Ok(Event::TemplatesChanged)
    }

    /// Deleting a template that is already gone changes nothing and is not an error.
    pub(super) fn delete_template(&mut self, id: &TemplateId) -> Result<Event, Rejection> {
        self.templates.remove(id);
        Ok(Event::TemplatesChanged)
    }
}
