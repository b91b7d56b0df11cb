//! The app's addresses, as a type: links are built from [`AppRoute`], never by hand.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use withme_core::sync::JOIN_CODE_TYPED_MAX;
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

/// For a live tablet's page (`/join`, or `/join/:code` as the QR code opens it), the code in
/// the address, if any; `None` for any other page.
pub fn join_code(path: &str) -> Option<Option<String>> {
    let mut parts = path.trim_end_matches('/').split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(""), Some("join"), None, None) => Some(None),
        (Some(""), Some("join"), Some(code), None) if !code.is_empty() => {
            Some(Some(code.chars().take(JOIN_CODE_TYPED_MAX).collect()))
        }
        _ => None,
    }
}

/// The code the join page's form sent in the address (`?code=ACE+347`), when Join was pressed
/// before the app had loaded; at most [`JOIN_CODE_TYPED_MAX`] characters, like a typed code.
pub fn code_in_query(search: &str) -> Option<String> {
    let code = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("code="))?;
    let code: String = code
        .replace('+', " ")
        .chars()
        .take(JOIN_CODE_TYPED_MAX)
        .collect();
    (!code.trim().is_empty()).then_some(code)
}

/// For a page of a pupil's tablet (the Pupil view, or the passed tablet), the lesson it names
/// (`None` inside if the id is not valid); `None` for any other page. Such a window holds only
/// what pupils may see.
pub fn pupil_device_lesson(path: &str) -> Option<Option<LessonId>> {
    let mut parts = path.trim_end_matches('/').split('/');
    match (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) {
        (Some(""), Some("lessons"), Some(id), Some("pupil" | "pass"), None) => {
            Some(LessonId::parse(id).ok())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pupil_pages_are_told_apart_from_the_teachers() {
        let lesson = LessonId::parse("abc.1").ok();
        assert_eq!(
            pupil_device_lesson("/lessons/abc.1/pupil"),
            Some(lesson.clone())
        );
        assert_eq!(pupil_device_lesson("/lessons/abc.1/pass/"), Some(lesson));
        assert_eq!(pupil_device_lesson("/lessons/ABC/pupil"), Some(None));
        assert_eq!(pupil_device_lesson("/lessons/abc.1"), None);
        assert_eq!(pupil_device_lesson("/lessons/abc.1/board"), None);
        assert_eq!(pupil_device_lesson("/lessons/pupil"), None);
        assert_eq!(pupil_device_lesson("/lessons/abc.1/pupil/x"), None);
    }

    #[test]
    fn a_join_address_gives_the_code_it_carries() {
        assert_eq!(join_code("/join"), Some(None));
        assert_eq!(join_code("/join/"), Some(None));
        assert_eq!(join_code("/join/ACE347"), Some(Some("ACE347".into())));
        assert_eq!(join_code("/join/ACE347/x"), None);
        assert_eq!(join_code("/joiner"), None);
        assert_eq!(join_code("/lessons/abc.1/pupil"), None);
    }

    #[test]
    fn a_code_sent_by_the_early_join_form_is_read_from_the_address() {
        assert_eq!(code_in_query("?code=ACE+347"), Some("ACE 347".into()));
        assert_eq!(code_in_query("?x=1&code=ace347"), Some("ace347".into()));
        assert_eq!(code_in_query("?code="), None);
        assert_eq!(code_in_query("?code=+++"), None);
        assert_eq!(code_in_query(""), None);
        assert_eq!(code_in_query("?codes=ACE347"), None);
        assert_eq!(
            code_in_query(&format!("?code={}", "A".repeat(40))),
            Some("A".repeat(12))
        );
    }
}
