//! The app's addresses, as a type: links are built from [`AppRoute`], never by hand.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use withme_core::{ClassId, LessonId};

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppRoute {
    /// `/`: the teacher's lessons.
    Library,
    /// `/classes`: classes and their pupils.
    Classes,
    /// `/lessons/:id`: the plan editor.
    Planner(LessonId),
    /// `/lessons/:id/board`: the whiteboard view.
    Board(LessonId),
    /// `/lessons/:id/pupil`: the pupils' tablet view.
    Pupil(LessonId),
    /// `/lessons/:id/print`: the plan laid out for A4 paper.
    Print(LessonId),
    /// `/lessons/:id/enquiry`: the teacher runs the enquiry and its votes.
    Enquiry(LessonId),
    /// `/lessons/:id/pass`: one tablet passed round for a secret ballot.
    PassDevice(LessonId),
    /// `/lessons/:id/groups`: the register, groups, roles and the picker.
    Groups(LessonId),
    /// `/classes/:id/history`: who held which role in which lesson.
    ClassHistory(ClassId),
}

impl AppRoute {
    /// The address of the page.
    pub fn href(&self) -> String {
        match self {
            Self::Library => "/".into(),
            Self::Classes => "/classes".into(),
            Self::Planner(id) => format!("/lessons/{id}"),
            Self::Board(id) => format!("/lessons/{id}/board"),
            Self::Pupil(id) => format!("/lessons/{id}/pupil"),
            Self::Print(id) => format!("/lessons/{id}/print"),
            Self::Enquiry(id) => format!("/lessons/{id}/enquiry"),
            Self::PassDevice(id) => format!("/lessons/{id}/pass"),
            Self::Groups(id) => format!("/lessons/{id}/groups"),
            Self::ClassHistory(id) => format!("/classes/{id}/history"),
        }
    }
}

/// The lesson named by the current address (`/lessons/:id…`), if it is a valid id.
pub fn use_lesson_id() -> Memo<Option<LessonId>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| LessonId::parse(&id).ok())))
}

/// The class named by the current address (`/classes/:id…`), if it is a valid id.
pub fn use_class_id() -> Memo<Option<ClassId>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| ClassId::parse(&id).ok())))
}

/// Whether `path` is a page for a pupil's tablet (the Pupil view, or the passed tablet): such a
/// window holds only what pupils may see.
pub fn is_pupil_device(path: &str) -> bool {
    let mut parts = path.trim_end_matches('/').split('/');
    matches!(
        (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next()
        ),
        (
            Some(""),
            Some("lessons"),
            Some(_),
            Some("pupil" | "pass"),
            None
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pupil_pages_are_told_apart_from_the_teachers() {
        assert!(is_pupil_device("/lessons/abc.1/pupil"));
        assert!(is_pupil_device("/lessons/abc.1/pass/"));
        assert!(!is_pupil_device("/lessons/abc.1"));
        assert!(!is_pupil_device("/lessons/abc.1/board"));
        assert!(!is_pupil_device("/lessons/pupil"));
        assert!(!is_pupil_device("/lessons/abc.1/pupil/x"));
    }
}
