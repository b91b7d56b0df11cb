//! A lesson: the plan the class builds, and when it was made, changed and binned.

use serde::{Deserialize, Serialize};

use crate::ids::{ClassId, LessonId};
use crate::text::{LessonTitle, Subject};
use crate::time::{LessonDate, LessonLength, Timestamp};

/// The content of a lesson: everything that travels when a lesson is exported or duplicated.
///
/// Each field is already valid by its type; a plan has no rules across fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The lesson's title.
    pub title: LessonTitle,
    /// The subject, e.g. "Science"; may be empty.
    #[serde(default)]
    pub subject: Subject,
    /// The class the lesson is for, if chosen.
    #[serde(default)]
    pub class: Option<ClassId>,
    /// The day it will be taught, if chosen.
    #[serde(default)]
    pub date: Option<LessonDate>,
    /// How long it lasts.
    #[serde(default)]
    pub length: LessonLength,
}

impl Plan {
    /// A new plan with just a title and, optionally, a class.
    pub fn new(title: LessonTitle, class: Option<ClassId>) -> Self {
        Self {
            title,
            subject: Subject::default(),
            class,
            date: None,
            length: LessonLength::default(),
        }
    }
}

/// A lesson in the library. Changed only by operations (see [`crate::Library::apply`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    id: LessonId,
    plan: Plan,
    created_at: Timestamp,
    updated_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    deleted_at: Option<Timestamp>,
}

impl Lesson {
    pub(crate) fn new(id: LessonId, plan: Plan, at: Timestamp) -> Self {
        Self {
            id,
            plan,
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }

    /// The lesson's id.
    pub fn id(&self) -> &LessonId {
        &self.id
    }

    /// The lesson's plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// When the lesson was created.
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// When the lesson was last changed (created, edited, binned or restored).
    pub fn updated_at(&self) -> Timestamp {
        self.updated_at
    }

    /// When the lesson was put in the bin, if it is there.
    pub fn deleted_at(&self) -> Option<Timestamp> {
        self.deleted_at
    }

    /// Whether the lesson is in the bin (deleted, and restorable).
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    pub(crate) fn edit(&mut self, at: Timestamp, change: impl FnOnce(&mut Plan)) {
        change(&mut self.plan);
        self.touch(at);
    }

    pub(crate) fn set_deleted(&mut self, deleted_at: Option<Timestamp>, at: Timestamp) {
        self.deleted_at = deleted_at;
        self.touch(at);
    }

    /// Times from different devices may arrive out of order; "last edited" never goes backwards.
    fn touch(&mut self, at: Timestamp) {
        self.updated_at = self.updated_at.max(at);
    }
}
