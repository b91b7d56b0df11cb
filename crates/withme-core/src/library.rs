//! The library: every lesson and class on a device.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::class::Class;
use crate::ids::{ClassId, LessonId, PupilId, TemplateId};
use crate::lesson::Lesson;
use crate::template::Template;

/// Every lesson and class on one device. Change it only through [`Library::apply`].
///
/// Each lesson, class and template is shared (`Arc`) and copied on write, so a copy of the whole
/// library costs one pointer per entry: `apply` works on such a copy and keeps it only when the
/// operation succeeds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "LibraryRepr")]
pub struct Library {
    pub(crate) lessons: BTreeMap<LessonId, Arc<Lesson>>,
    pub(crate) classes: BTreeMap<ClassId, Arc<Class>>,
    pub(crate) templates: BTreeMap<TemplateId, Arc<Template>>,
}

impl Library {
    /// The lesson with this id, in the bin or not.
    pub fn lesson(&self, id: &LessonId) -> Option<&Lesson> {
        self.lessons.get(id).map(|l| &**l)
    }

    /// Lessons not in the bin, most recently edited first.
    pub fn lessons_by_last_edited(&self) -> Vec<&Lesson> {
        let mut lessons: Vec<&Lesson> = self
            .lessons
            .values()
            .map(|l| &**l)
            .filter(|l| !l.is_deleted())
            .collect();
        lessons.sort_by(|a, b| {
            b.updated_at()
                .cmp(&a.updated_at())
                .then_with(|| a.id().cmp(b.id()))
        });
        lessons
    }

    /// Whether any lesson is outside the bin (without sorting them all).
    pub fn has_live_lessons(&self) -> bool {
        self.lessons.values().any(|l| !l.is_deleted())
    }

    /// Lessons in the bin, most recently binned first.
    pub fn binned_lessons(&self) -> Vec<&Lesson> {
        let mut lessons: Vec<&Lesson> = self
            .lessons
            .values()
            .map(|l| &**l)
            .filter(|l| l.is_deleted())
            .collect();
        lessons.sort_by_key(|l| std::cmp::Reverse(l.deleted_at()));
        lessons
    }

    /// The class with this id.
    pub fn class(&self, id: &ClassId) -> Option<&Class> {
        self.classes.get(id).map(|c| &**c)
    }

    /// Every class, by name.
    pub fn classes_by_name(&self) -> Vec<&Class> {
        let mut classes: Vec<&Class> = self.classes.values().map(|c| &**c).collect();
        classes.sort_by_key(|c| c.name().as_str().to_lowercase());
        classes
    }

    /// The class a pupil belongs to, if any.
    pub fn class_of_pupil(&self, pupil: &PupilId) -> Option<&Class> {
        self.classes
            .values()
            .map(|c| &**c)
            .find(|c| c.pupil(pupil).is_some())
    }

    /// Whether the library holds no lesson and no class (not even in the bin).
    pub fn is_empty(&self) -> bool {
        self.lessons.is_empty() && self.classes.is_empty()
    }

    /// What a live lesson needs, and nothing else of the teacher's: the lesson, its class, and
    /// the class's other lessons (for role rotation and the parking lot). `None` when the lesson
    /// is not here or is in the bin.
    pub fn live_excerpt(&self, lesson: &LessonId) -> Option<Library> {
        let live = self.lessons.get(lesson).filter(|l| !l.is_deleted())?;
        let mut excerpt = Library::default();
        if let Some(class) = live.plan().class.as_ref().and_then(|c| self.classes.get(c)) {
            excerpt.classes.insert(class.id().clone(), class.clone());
            for (id, other) in &self.lessons {
                if !other.is_deleted() && other.plan().class.as_ref() == Some(class.id()) {
                    excerpt.lessons.insert(id.clone(), other.clone());
                }
            }
        }
        excerpt.lessons.insert(lesson.clone(), live.clone());
        Some(excerpt)
    }

    /// Takes in a live lesson as its authority holds it: `lesson` and its `class` replace this
    /// library's copies. Returns whether anything changed. Refused, changing nothing, when the
    /// class is not the lesson's, or holds a pupil of another class here.
    pub fn adopt(&mut self, lesson: &Lesson, class: Option<&Class>) -> Result<bool, AdoptError> {
        if lesson.plan().class.as_ref() != class.map(Class::id) {
            return Err(AdoptError::NotItsClass);
        }
        if let Some(class) = class {
            let elsewhere = class.all_pupils().iter().any(|pupil| {
                self.class_of_pupil(pupil.id())
                    .is_some_and(|other| other.id() != class.id())
            });
            if elsewhere {
                return Err(AdoptError::PupilElsewhere);
            }
        }
        let mut changed = false;
        if let Some(class) = class
            && self.class(class.id()) != Some(class)
        {
            self.classes
                .insert(class.id().clone(), Arc::new(class.clone()));
            changed = true;
        }
        if self.lesson(lesson.id()) != Some(lesson) {
            self.lessons
                .insert(lesson.id().clone(), Arc::new(lesson.clone()));
            changed = true;
        }
        Ok(changed)
    }

    /// The teacher's saved templates, by name.
    pub fn templates_by_name(&self) -> Vec<&Template> {
        let mut templates: Vec<&Template> = self.templates.values().map(|t| &**t).collect();
        templates.sort_by_key(|t| t.name.as_str().to_lowercase());
        templates
    }
}

/// Why a live lesson could not be taken in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdoptError {
    /// The class sent is not the lesson's.
    #[error("the live lesson's class is not the one sent with it")]
    NotItsClass,
    /// The class sent holds a pupil who belongs to another class here.
    #[error("the live lesson's class holds a pupil of another class")]
    PupilElsewhere,
}

/// The serialised shape: lists rather than maps, so an id is written once and checked on load.
#[derive(Deserialize)]
struct LibraryRepr {
    #[serde(default)]
    lessons: Vec<Lesson>,
    #[serde(default)]
    classes: Vec<Class>,
    #[serde(default)]
    templates: Vec<Template>,
    /// Version 4 kept the high-water marks of operations here; they now live in the ledger
    /// (`document.rs` moves them).
    #[serde(default)]
    applied: Option<serde::de::IgnoredAny>,
}

impl Serialize for Library {
    /// Writes the [`LibraryRepr`] shape from borrows, so saving never copies the library.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Borrowed<'a> {
            lessons: Vec<&'a Lesson>,
            classes: Vec<&'a Class>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            templates: Vec<&'a Template>,
        }
        Borrowed {
            lessons: self.lessons.values().map(|l| &**l).collect(),
            classes: self.classes.values().map(|c| &**c).collect(),
            templates: self.templates.values().map(|t| &**t).collect(),
        }
        .serialize(serializer)
    }
}

impl TryFrom<LibraryRepr> for Library {
    type Error = String;

    fn try_from(repr: LibraryRepr) -> Result<Self, String> {
        let _ = repr.applied;
        let mut library = Library {
            classes: classes_by_id(repr.classes)?,
            templates: templates_by_id(repr.templates)?,
            ..Library::default()
        };
        for lesson in repr.lessons {
            if let Some(old) = library
                .lessons
                .insert(lesson.id().clone(), Arc::new(lesson))
            {
                return Err(format!("lesson {} appears twice", old.id()));
            }
        }
        library.check_lessons_classes()?;
        Ok(library)
    }
}

/// Classes by id, as a stored list holds them: no class, and no pupil, twice.
pub(crate) fn classes_by_id(classes: Vec<Class>) -> Result<BTreeMap<ClassId, Arc<Class>>, String> {
    let mut by_id = BTreeMap::new();
    let mut pupil_ids = BTreeSet::new();
    for class in classes {
        for pupil in class.all_pupils() {
            if !pupil_ids.insert(pupil.id().clone()) {
                return Err(format!("pupil {} appears twice", pupil.id()));
            }
        }
        if let Some(old) = by_id.insert(class.id().clone(), Arc::new(class)) {
            return Err(format!("class {} appears twice", old.id()));
        }
    }
    Ok(by_id)
}

/// Templates by id, as a stored list holds them: none twice.
pub(crate) fn templates_by_id(
    templates: Vec<Template>,
) -> Result<BTreeMap<TemplateId, Arc<Template>>, String> {
    let mut by_id = BTreeMap::new();
    for template in templates {
        if let Some(old) = by_id.insert(template.id.clone(), Arc::new(template)) {
            return Err(format!("template {} appears twice", old.id));
        }
    }
    Ok(by_id)
}

impl Library {
    /// Checks that every lesson's class is in the library.
    pub(crate) fn check_lessons_classes(&self) -> Result<(), String> {
        for lesson in self.lessons.values() {
            if let Some(class) = &lesson.plan().class
                && !self.classes.contains_key(class)
            {
                return Err(format!(
                    "lesson {} names a class that does not exist",
                    lesson.id()
                ));
            }
        }
        Ok(())
    }
}
