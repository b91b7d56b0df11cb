//! Parts the Board and pupils' devices both receive: the class's names, the plan's public
//! parts, and groups without the teacher's reasons.

use serde::{Deserialize, Serialize};

use crate::class::Class;
use crate::groups::Group;
use crate::ids::{ClassId, PupilId, RoleId};
use crate::plan::{Item, Phase, Plan};
use crate::text::{ClassName, ItemText, LessonTitle, Notes, PhaseTitle, PupilName, Subject};
use crate::time::{LessonDate, LessonLength, PhaseMinutes};

/// A pupil's name, with the id that other parts of a view use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameSeen {
    /// The pupil.
    pub id: PupilId,
    /// Their first name or pseudonym.
    pub name: PupilName,
}

/// A class as the class may see it: its name and the names on its list. No labels, pair rules
/// or picks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassSeen {
    /// The class.
    pub id: ClassId,
    /// Its name.
    pub name: ClassName,
    /// The pupils on the list now, in roster order.
    pub roster: Vec<NameSeen>,
    /// Pupils taken off the list whose names this view still needs (an author of past work).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former: Vec<NameSeen>,
}

impl ClassSeen {
    /// The class as seen, with the names of former pupils that `named` mentions.
    pub(crate) fn of<'a>(class: &Class, named: impl IntoIterator<Item = &'a PupilId>) -> Self {
        let seen = |p: &crate::class::Pupil| NameSeen {
            id: p.id().clone(),
            name: p.name().clone(),
        };
        let mut former: Vec<NameSeen> = Vec::new();
        for id in named {
            if let Some(pupil) = class.pupil(id).filter(|p| p.is_removed())
                && !former.iter().any(|f| &f.id == id)
            {
                former.push(seen(pupil));
            }
        }
        ClassSeen {
            id: class.id().clone(),
            name: class.name().clone(),
            roster: class.roster().map(seen).collect(),
            former,
        }
    }

    /// The name of `pupil`, if this view knows it.
    pub fn name_of(&self, pupil: &PupilId) -> Option<&PupilName> {
        self.roster
            .iter()
            .chain(&self.former)
            .find(|n| &n.id == pupil)
            .map(|n| &n.name)
    }
}

/// An entry of the plan as the class sees it, with who suggested it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSeen {
    /// What it says.
    pub text: ItemText,
    /// The pupils who suggested it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<PupilId>,
}

/// A phase as the class sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseSeen {
    /// Its title.
    pub title: PhaseTitle,
    /// What happens in it.
    #[serde(default, skip_serializing_if = "Notes::is_empty")]
    pub description: Notes,
    /// How long it lasts.
    pub minutes: PhaseMinutes,
    /// The pupils who suggested it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<PupilId>,
}

/// The plan as the class sees it. The teacher's own notes (prior knowledge, misconceptions,
/// support and stretch) are not part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSeen {
    /// The title.
    pub title: LessonTitle,
    /// The subject (may be empty).
    pub subject: Subject,
    /// The day, if chosen.
    pub date: Option<LessonDate>,
    /// How long it lasts.
    pub length: LessonLength,
    /// "I can…" outcomes.
    pub outcomes: Vec<ItemSeen>,
    /// Success criteria.
    pub criteria: Vec<ItemSeen>,
    /// The phases.
    pub phases: Vec<PhaseSeen>,
    /// Keywords.
    pub keywords: Vec<ItemSeen>,
    /// Resources.
    pub resources: Vec<ItemSeen>,
    /// Homework or extension.
    #[serde(default, skip_serializing_if = "Notes::is_empty")]
    pub homework: Notes,
    /// The enquiry question the class chose.
    pub enquiry_question: Option<ItemText>,
}

fn items(items: &[Item]) -> Vec<ItemSeen> {
    items
        .iter()
        .map(|i| ItemSeen {
            text: i.text.clone(),
            by: i.suggested_by.clone(),
        })
        .collect()
}

fn phase(phase: &Phase) -> PhaseSeen {
    PhaseSeen {
        title: phase.title.clone(),
        description: phase.description.clone(),
        minutes: phase.minutes,
        by: phase.suggested_by.clone(),
    }
}

impl PlanSeen {
    pub(crate) fn of(plan: &Plan) -> Self {
        PlanSeen {
            title: plan.title.clone(),
            subject: plan.subject.clone(),
            date: plan.date,
            length: plan.length,
            outcomes: items(&plan.outcomes),
            criteria: items(&plan.criteria),
            phases: plan.phases.iter().map(phase).collect(),
            keywords: items(&plan.keywords),
            resources: items(&plan.resources),
            homework: plan.homework.clone(),
            enquiry_question: plan.enquiry_question.clone(),
        }
    }

    /// Every pupil credited anywhere in the plan.
    pub(crate) fn credited(&self) -> impl Iterator<Item = &PupilId> {
        [
            &self.outcomes,
            &self.criteria,
            &self.keywords,
            &self.resources,
        ]
        .into_iter()
        .flatten()
        .flat_map(|i| &i.by)
        .chain(self.phases.iter().flat_map(|p| &p.by))
    }
}

/// A member of a group and their role. Never the teacher's reason for a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberSeen {
    /// Who.
    pub pupil: PupilId,
    /// Their role this lesson.
    pub role: Option<RoleId>,
}

/// A group as the class sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSeen {
    /// Its number, from 1.
    pub number: usize,
    /// Its members, in roster order.
    pub members: Vec<MemberSeen>,
}

impl GroupSeen {
    /// Every group of `lesson`, numbered from 1.
    pub(crate) fn all(lesson: &crate::lesson::Lesson) -> Vec<Self> {
        lesson
            .groups()
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| Self::of(i, g))
            .collect()
    }

    fn of(index: usize, group: &Group) -> Self {
        GroupSeen {
            number: index + 1,
            members: group
                .members
                .iter()
                .map(|m| MemberSeen {
                    pupil: m.pupil.clone(),
                    role: m.role.clone(),
                })
                .collect(),
        }
    }
}
