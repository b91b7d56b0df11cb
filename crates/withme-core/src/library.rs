//! The library: every lesson and class on a device, and which operations it has applied.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::class::Class;
use crate::ids::{ClassId, DeviceId, LessonId, OpId, PupilId, TemplateId};
use crate::lesson::Lesson;
use crate::template::Template;

/// Which operations a library has applied: the highest sequence number seen from each device.
///
/// Operations from one device are applied in sequence order, so one number per device is enough
/// to make re-delivery a no-op (an operation at or below the mark has been processed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AppliedOps(BTreeMap<DeviceId, u64>);

impl AppliedOps {
    /// Whether `op` is at or below its device's high-water mark.
    pub fn contains(&self, op: &OpId) -> bool {
        self.0.get(op.device()).is_some_and(|&seq| op.seq() <= seq)
    }

    pub(crate) fn record(&mut self, op: &OpId) {
        let mark = self.0.entry(op.device().clone()).or_default();
        *mark = (*mark).max(op.seq());
    }
}

/// Every lesson and class on one device. Change it only through [`Library::apply`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "LibraryRepr")]
pub struct Library {
    pub(crate) lessons: BTreeMap<LessonId, Lesson>,
    pub(crate) classes: BTreeMap<ClassId, Class>,
    pub(crate) templates: BTreeMap<TemplateId, Template>,
    pub(crate) applied: AppliedOps,
}

impl Library {
    /// The lesson with this id, in the bin or not.
    pub fn lesson(&self, id: &LessonId) -> Option<&Lesson> {
        self.lessons.get(id)
    }

    /// Lessons not in the bin, most recently edited first.
    pub fn lessons_by_last_edited(&self) -> Vec<&Lesson> {
        let mut lessons: Vec<_> = self.lessons.values().filter(|l| !l.is_deleted()).collect();
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
        let mut lessons: Vec<_> = self.lessons.values().filter(|l| l.is_deleted()).collect();
        lessons.sort_by_key(|l| std::cmp::Reverse(l.deleted_at()));
        lessons
    }

    /// The class with this id.
    pub fn class(&self, id: &ClassId) -> Option<&Class> {
        self.classes.get(id)
    }

    /// Every class, by name.
    pub fn classes_by_name(&self) -> Vec<&Class> {
        let mut classes: Vec<_> = self.classes.values().collect();
        classes.sort_by_key(|c| c.name().as_str().to_lowercase());
        classes
    }

    /// The class a pupil belongs to, if any.
    pub fn class_of_pupil(&self, pupil: &PupilId) -> Option<&Class> {
        self.classes.values().find(|c| c.pupil(pupil).is_some())
    }

    /// Whether the library holds no lesson and no class (not even in the bin).
    pub fn is_empty(&self) -> bool {
        self.lessons.is_empty() && self.classes.is_empty()
    }

    /// The teacher's saved templates, by name.
    pub fn templates_by_name(&self) -> Vec<&Template> {
        let mut templates: Vec<_> = self.templates.values().collect();
        templates.sort_by_key(|t| t.name.as_str().to_lowercase());
        templates
    }

    /// Which operations this library has applied.
    pub fn applied(&self) -> &AppliedOps {
        &self.applied
    }

    /// The library as a pupil's device may hold it: in every enquiry, only `pupil`'s own
    /// ballots and questions besides the approved ones, and no hidden counts (see
    /// [`crate::enquiry::Enquiry::seen_by_pupil`]); only their own group, absence and opt-outs
    /// (see [`crate::groups::LessonGroups::seen_by`]); no labels, pair rules or picks. With no
    /// pupil chosen, no ballot and no group at all.
    pub fn seen_by_pupil(&self, pupil: Option<&PupilId>) -> Library {
        let mut seen = self.clone();
        for lesson in seen.lessons.values_mut() {
            let enquiry = lesson.enquiry().seen_by(pupil);
            *lesson.enquiry_mut() = enquiry;
            let groups = lesson.groups().seen_by(pupil);
            *lesson.groups_mut() = groups;
        }
        for class in seen.classes.values_mut() {
            *class = class.seen_by_pupil();
        }
        seen
    }
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
    #[serde(default)]
    applied: AppliedOps,
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
            applied: &'a AppliedOps,
        }
        Borrowed {
            lessons: self.lessons.values().collect(),
            classes: self.classes.values().collect(),
            templates: self.templates.values().collect(),
            applied: &self.applied,
        }
        .serialize(serializer)
    }
}

impl TryFrom<LibraryRepr> for Library {
    type Error = String;

    fn try_from(repr: LibraryRepr) -> Result<Self, String> {
        let mut library = Library {
            applied: repr.applied,
            ..Library::default()
        };
        let mut pupil_ids = BTreeSet::new();
        for class in repr.classes {
            for pupil in class.all_pupils() {
                if !pupil_ids.insert(pupil.id().clone()) {
                    return Err(format!("pupil {} appears twice", pupil.id()));
                }
            }
            if let Some(old) = library.classes.insert(class.id().clone(), class) {
                return Err(format!("class {} appears twice", old.id()));
            }
        }
        for lesson in repr.lessons {
            if let Some(class) = &lesson.plan().class
                && !library.classes.contains_key(class)
            {
                return Err(format!(
                    "lesson {} names a class that does not exist",
                    lesson.id()
                ));
            }
            if let Some(old) = library.lessons.insert(lesson.id().clone(), lesson) {
                return Err(format!("lesson {} appears twice", old.id()));
            }
        }
        for template in repr.templates {
            if let Some(old) = library.templates.insert(template.id.clone(), template) {
                return Err(format!("template {} appears twice", old.id));
            }
        }
        Ok(library)
    }
}
