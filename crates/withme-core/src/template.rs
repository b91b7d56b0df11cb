//! Templates: ready-made lesson shapes, built in or saved by the teacher.

use serde::{Deserialize, Serialize};

use crate::ids::{ItemId, OpId, TemplateId};
use crate::plan::{Phase, Plan};
use crate::text::{LessonTitle, Notes, PhaseTitle, TemplateName};
use crate::time::{LessonLength, PhaseMinutes, Timestamp};

/// Most templates a teacher may save.
pub const MAX_SAVED_TEMPLATES: usize = 50;

/// The templates every Withme has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuiltInTemplate {
    /// Starter, main activities, plenary.
    ThreePart,
    /// A Philosophy for Children enquiry.
    P4cEnquiry,
    /// A cooperative-learning lesson with group roles.
    Cooperative,
}

/// Phases of a built-in template: title, minutes, description.
type PhaseSketch = (&'static str, u16, &'static str);

impl BuiltInTemplate {
    /// Every built-in template, in the order they are offered.
    pub const ALL: [BuiltInTemplate; 3] = [
        BuiltInTemplate::ThreePart,
        BuiltInTemplate::P4cEnquiry,
        BuiltInTemplate::Cooperative,
    ];

    /// The template's name.
    pub fn name(self) -> &'static str {
        match self {
            BuiltInTemplate::ThreePart => "Three-part lesson",
            BuiltInTemplate::P4cEnquiry => "P4C enquiry",
            BuiltInTemplate::Cooperative => "Cooperative-learning lesson",
        }
    }

    fn phases(self) -> &'static [PhaseSketch] {
        match self {
            BuiltInTemplate::ThreePart => &[
                (
                    "Starter",
                    10,
                    "A quick task that recalls what pupils already know.",
                ),
                ("Main activity", 40, "Teach, model, then pupils practise."),
                (
                    "Plenary",
                    10,
                    "Pupils check their work against the success criteria.",
                ),
            ],
            BuiltInTemplate::P4cEnquiry => &[
                ("Getting started", 5, "A warm-up game or thinking exercise."),
                ("Stimulus", 10, "Share the stimulus; quiet thinking time."),
                (
                    "Question making",
                    10,
                    "Pairs or groups write questions about the stimulus.",
                ),
                (
                    "Airing and voting",
                    10,
                    "Each question is read out; the class votes.",
                ),
                (
                    "First words and dialogue",
                    20,
                    "The enquiry itself, led by the chosen question.",
                ),
                ("Last words", 5, "Each pupil says what they think now."),
            ],
            BuiltInTemplate::Cooperative => &[
                (
                    "Warm-up",
                    5,
                    "Share the outcome and criteria; explain the roles.",
                ),
                (
                    "Groups and roles",
                    5,
                    "Pupils take their roles and role cards.",
                ),
                (
                    "Group task",
                    35,
                    "Groups work together; each role does its job.",
                ),
                ("Report back", 10, "Reporters share each group's work."),
                ("Reflection", 5, "How well did we work together?"),
            ],
        }
    }

    /// A plan in this template's shape, titled `title`, with phase ids made by `op`.
    pub fn plan(self, title: LessonTitle, op: &OpId) -> Plan {
        let mut plan = Plan::new(title, None);
        plan.length = LessonLength::default();
        plan.phases = self
            .phases()
            .iter()
            .enumerate()
            .map(|(index, &(title, minutes, description))| Phase {
                id: ItemId::nth_made_by(op, index + 1),
                title: PhaseTitle::parse(title).expect("built-in titles are valid"),
                description: Notes::parse(description).expect("built-in notes are valid"),
                minutes: PhaseMinutes::from_minutes(minutes).expect("built-in minutes are valid"),
                suggested_by: Vec::new(),
            })
            .collect();
        plan
    }
}

/// What a new lesson starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateChoice {
    /// A built-in template.
    BuiltIn(BuiltInTemplate),
    /// One of the teacher's saved templates.
    Saved(TemplateId),
}

/// A template the teacher saved from one of their lessons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// Its id.
    pub id: TemplateId,
    /// Its name.
    pub name: TemplateName,
    /// The plan it starts lessons from (no class, day, or pupils' names).
    pub plan: Plan,
    /// When it was saved.
    pub saved_at: Timestamp,
}
