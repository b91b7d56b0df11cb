//! What the screens show of a lesson's groups: names and role names looked up once.

use withme_core::{LessonId, Library, PupilId, RoleId};

use crate::format::class_of;

/// A member of a group as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberView {
    /// Who.
    pub pupil: PupilId,
    /// Their name.
    pub name: String,
    /// Their role's id and name, once roles are given out.
    pub role: Option<(RoleId, String)>,
    /// Whether the role leads.
    pub leading: bool,
    /// The teacher's reason, when the role was chosen by hand.
    pub reason: Option<String>,
}

/// A group as shown: its number (from 1) and members.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupView {
    /// Its number, from 1.
    pub number: usize,
    /// Its members.
    pub members: Vec<MemberView>,
}

/// The lesson's groups, with names (from whatever library this window holds).
pub fn group_views(library: &Library, lesson: &LessonId) -> Vec<GroupView> {
    let Some(found) = library.lesson(lesson) else {
        return Vec::new();
    };
    let Some(class) = class_of(library, found) else {
        return Vec::new();
    };
    found
        .groups()
        .groups
        .iter()
        .enumerate()
        .map(|(i, group)| GroupView {
            number: i + 1,
            members: group
                .members
                .iter()
                .map(|m| {
                    let role = m.role.as_ref().and_then(|r| class.role(r));
                    MemberView {
                        pupil: m.pupil.clone(),
                        name: class
                            .pupil(&m.pupil)
                            .map_or_else(|| "A pupil".into(), |p| p.name().to_string()),
                        role: role.map(|r| (r.id.clone(), r.name.to_string())),
                        leading: role.is_some_and(|r| r.leading),
                        reason: m.override_reason.as_ref().map(|r| r.to_string()),
                    }
                })
                .collect(),
        })
        .collect()
}
