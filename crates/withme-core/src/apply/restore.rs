//! Restoring a whole-library backup: add what is missing, keep what is here.

use crate::backup::Restored;
use crate::library::Library;
use crate::operation::Event;
use crate::template::MAX_SAVED_TEMPLATES;

use super::Rejection;

impl Library {
    /// Adds the backup's lessons, classes and templates that this library does not have (by
    /// id); those it has stay exactly as they are here. Refused whole when a class to be added
    /// holds a pupil who is in another class here (a pupil belongs to one class).
    pub(super) fn restore_library(&mut self, backup: &Library) -> Result<Event, Rejection> {
        let mut restored = Restored::default();
        for (id, class) in &backup.classes {
            if self.classes.contains_key(id) {
                restored.classes_kept += 1;
                continue;
            }
            if class
                .all_pupils()
                .iter()
                .any(|pupil| self.class_of_pupil(pupil.id()).is_some())
            {
                return Err(Rejection::BackupClash {
                    class: class.name().to_string(),
                });
            }
            self.classes.insert(id.clone(), class.clone());
            restored.classes_added += 1;
        }
        // Each of the backup's lessons names a class of the backup (checked when it was read),
        // and every such class is now here: added, or kept under the same id.
        for (id, lesson) in &backup.lessons {
            if self.lessons.contains_key(id) {
                restored.lessons_kept += 1;
                continue;
            }
            self.lessons.insert(id.clone(), lesson.clone());
            restored.lessons_added += 1;
        }
        for (id, template) in &backup.templates {
            if self.templates.contains_key(id) {
                continue;
            }
            if self.templates.len() >= MAX_SAVED_TEMPLATES {
                restored.templates_left_out += 1;
                continue;
            }
            self.templates.insert(id.clone(), template.clone());
            restored.templates_added += 1;
        }
        Ok(Event::LibraryRestored { restored })
    }
}
