//! A class's record of groups and roles, read back: per pupil, per role, the gaps, and a CSV.

use std::collections::BTreeMap;

use super::LessonGroups;
use super::rotation::{Rotation, Standing, TurnRecord};
use crate::class::Class;
use crate::enquiry::csv_field;
use crate::ids::{ClassId, LessonId, PupilId, RoleId};
use crate::lesson::Lesson;
use crate::library::Library;
use crate::text::Reason;

/// How many past lessons count as "recent" when the group maker avoids repeated pairings.
pub const RECENT_LESSONS: usize = 3;

/// A pupil's part in one lesson of the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The lesson.
    pub lesson: LessonId,
    /// Their group's number (from 1), if they were in one.
    pub group: Option<usize>,
    /// The role they held.
    pub role: Option<RoleId>,
    /// Whether they were marked absent.
    pub absent: bool,
    /// Why the teacher chose their role by hand, if they did.
    pub override_reason: Option<Reason>,
    /// Roles they stepped out of.
    pub opted_out: Vec<RoleId>,
}

/// One pupil's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilRecord {
    /// Who.
    pub pupil: PupilId,
    /// One turn for each lesson of the record, oldest first.
    pub turns: Vec<Turn>,
    /// Their leading turns.
    pub standing: Standing,
}

/// A class's record: every grouped lesson, oldest first, and each rostered pupil's turns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRecord {
    /// The lessons, in the order their groups were made.
    pub lessons: Vec<LessonId>,
    /// Each pupil on the roster.
    pub pupils: Vec<PupilRecord>,
}

impl ClassRecord {
    /// The pupils who have held `role`, and those who have not.
    pub fn holders(&self, role: &RoleId) -> (Vec<&PupilId>, Vec<&PupilId>) {
        let (held, not): (Vec<&PupilRecord>, Vec<&PupilRecord>) = self
            .pupils
            .iter()
            .partition(|p| p.turns.iter().any(|t| t.role.as_ref() == Some(role)));
        (
            held.into_iter().map(|p| &p.pupil).collect(),
            not.into_iter().map(|p| &p.pupil).collect(),
        )
    }

    /// Pupils who have not led in `threshold` lessons or more, longest first.
    pub fn gaps(&self, threshold: usize) -> Vec<(&PupilId, usize)> {
        let mut gaps: Vec<_> = self
            .pupils
            .iter()
            .filter(|p| p.standing.without_lead >= threshold.max(1))
            .map(|p| (&p.pupil, p.standing.without_lead))
            .collect();
        gaps.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        gaps
    }
}

impl Library {
    /// The class's lessons that have groups, in the order the groups were made (oldest first),
    /// leaving out `except` and lessons in the bin.
    pub fn grouped_lessons(&self, class: &ClassId, except: Option<&LessonId>) -> Vec<&Lesson> {
        let mut lessons: Vec<&Lesson> = self
            .lessons
            .values()
            .map(|l| &**l)
            .filter(|l| {
                !l.is_deleted()
                    && l.plan().class.as_ref() == Some(class)
                    && Some(l.id()) != except
                    && !l.groups().groups.is_empty()
            })
            .collect();
        lessons.sort_by_key(|l| (l.groups().grouped_at, l.created_at()));
        lessons
    }

    /// Who held which role in each grouped lesson of the class before `lesson` is grouped
    /// (every other grouped lesson), oldest first.
    pub fn turn_record(&self, class: &ClassId, except: Option<&LessonId>) -> TurnRecord {
        self.grouped_lessons(class, except)
            .into_iter()
            .map(|lesson| roles_held(lesson.groups()))
            .collect()
    }

    /// How much each pair worked together in the class's last [`RECENT_LESSONS`] grouped
    /// lessons: 3 for the latest, 2 for the one before, 1 for the one before that.
    pub fn recent_pairs(
        &self,
        class: &ClassId,
        except: Option<&LessonId>,
    ) -> BTreeMap<(PupilId, PupilId), u32> {
        let mut pairs = BTreeMap::new();
        let lessons = self.grouped_lessons(class, except);
        for (age, lesson) in lessons.iter().rev().take(RECENT_LESSONS).enumerate() {
            let weight = (RECENT_LESSONS - age) as u32;
            for group in &lesson.groups().groups {
                for (i, a) in group.members.iter().enumerate() {
                    for b in &group.members[i + 1..] {
                        let key = if a.pupil < b.pupil {
                            (a.pupil.clone(), b.pupil.clone())
                        } else {
                            (b.pupil.clone(), a.pupil.clone())
                        };
                        *pairs.entry(key).or_insert(0) += weight;
                    }
                }
            }
        }
        pairs
    }

    /// The class's record for the teacher (or, from a pupil's library, that pupil's own).
    pub fn class_record(&self, class: &Class) -> ClassRecord {
        let lessons = self.grouped_lessons(class.id(), None);
        let record = self.turn_record(class.id(), None);
        let rotation = Rotation {
            catalogue: class.roles(),
            record: &record,
            window: class.lead_window(),
        };
        let pupils = class
            .roster()
            .map(|pupil| PupilRecord {
                pupil: pupil.id().clone(),
                turns: lessons
                    .iter()
                    .map(|lesson| turn_of(lesson, pupil.id()))
                    .collect(),
                standing: rotation.standing(pupil.id()),
            })
            .collect();
        ClassRecord {
            lessons: lessons.iter().map(|l| l.id().clone()).collect(),
            pupils,
        }
    }

    /// The class's record as CSV: one row per pupil per grouped lesson.
    pub fn class_record_csv(&self, class: &Class) -> String {
        let record = self.class_record(class);
        let role_name = |role: &RoleId| {
            class
                .role(role)
                .map_or_else(|| role.as_str().to_owned(), |r| r.name.to_string())
        };
        let mut csv = String::from(
            "Pupil,Lesson,Date,Group,Role,Leading role,Teacher's reason,Stepped out of,Absent\r\n",
        );
        for pupil in &record.pupils {
            let name = class
                .pupil(&pupil.pupil)
                .map_or_else(String::new, |p| p.name().to_string());
            for turn in &pupil.turns {
                let lesson = self.lesson(&turn.lesson);
                let cells = [
                    name.clone(),
                    lesson.map_or_else(String::new, |l| l.plan().title.to_string()),
                    lesson
                        .and_then(|l| l.plan().date)
                        .map_or_else(String::new, |d| d.to_string()),
                    turn.group.map_or_else(String::new, |g| g.to_string()),
                    turn.role.as_ref().map_or_else(String::new, role_name),
                    match &turn.role {
                        Some(role) if class.role(role).is_some_and(|r| r.leading) => "yes".into(),
                        Some(_) => "no".into(),
                        None => String::new(),
                    },
                    turn.override_reason
                        .as_ref()
                        .map_or_else(String::new, |r| r.to_string()),
                    turn.opted_out
                        .iter()
                        .map(role_name)
                        .collect::<Vec<_>>()
                        .join("; "),
                    if turn.absent { "yes" } else { "" }.to_owned(),
                ];
                let row: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
                csv.push_str(&row.join(","));
                csv.push_str("\r\n");
            }
        }
        csv
    }
}

fn roles_held(groups: &LessonGroups) -> BTreeMap<PupilId, RoleId> {
    groups
        .groups
        .iter()
        .flat_map(|g| &g.members)
        .filter_map(|m| Some((m.pupil.clone(), m.role.clone()?)))
        .collect()
}

fn turn_of(lesson: &Lesson, pupil: &PupilId) -> Turn {
    let groups = lesson.groups();
    let found = groups.group_of(pupil);
    let member = found.and_then(|(_, g)| g.member(pupil));
    Turn {
        lesson: lesson.id().clone(),
        group: found.map(|(i, _)| i + 1),
        role: member.and_then(|m| m.role.clone()),
        absent: groups.is_absent(pupil),
        override_reason: member.and_then(|m| m.override_reason.clone()),
        opted_out: groups.opted_out_of(pupil).cloned().collect(),
    }
}
