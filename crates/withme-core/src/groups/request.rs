//! Building a [`GroupRequest`] for a lesson from the library: who is present, the class's rules
//! and labels, its recent pairings, and who is due to lead.

use super::maker::GroupRequest;
use super::roles::leading_slots;
use super::rotation::Rotation;
use crate::apply::lesson_seed;
use crate::class::Pupil;
use crate::ids::LessonId;
use crate::library::Library;

/// What the teacher chose in the group maker, besides the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MakerChoices {
    /// Balance the groups on the teacher's labels.
    pub balance_labels: bool,
    /// Avoid pairings from the class's recent lessons.
    pub avoid_recent: bool,
    /// Where the random choices start.
    pub seed: u64,
}

impl Library {
    /// The lesson's class's pupils on the roster and not marked absent, in roster order.
    pub fn present_pupils(&self, lesson: &LessonId) -> Vec<&Pupil> {
        let Some(found) = self.lesson(lesson) else {
            return Vec::new();
        };
        let Some(class) = found.plan().class.as_ref().and_then(|c| self.class(c)) else {
            return Vec::new();
        };
        class
            .roster()
            .filter(|p| !found.groups().is_absent(p.id()))
            .collect()
    }

    /// Everything the group maker needs for `lesson`; `None` for a lesson with no class.
    pub fn group_request(&self, lesson: &LessonId, choices: MakerChoices) -> Option<GroupRequest> {
        let found = self.lesson(lesson)?;
        let class = self.class(found.plan().class.as_ref()?)?;
        let present = self.present_pupils(lesson);
        let record = self.turn_record(class.id(), Some(lesson));
        let rotation = Rotation {
            catalogue: class.roles(),
            record: &record,
            window: class.lead_window(),
        };
        let ids: Vec<_> = present.iter().map(|p| p.id().clone()).collect();
        Some(GroupRequest {
            pupils: present
                .iter()
                .map(|p| (p.id().clone(), p.name().to_string()))
                .collect(),
            rules: class.pair_rules().to_vec(),
            labels: if choices.balance_labels {
                present
                    .iter()
                    .filter_map(|p| Some((p.id().clone(), p.label()?.to_string())))
                    .collect()
            } else {
                Default::default()
            },
            recent_pairs: if choices.avoid_recent {
                self.recent_pairs(class.id(), Some(lesson))
            } else {
                Default::default()
            },
            due_to_lead: rotation.due_order(&ids, lesson_seed(lesson)),
            lead_slots: (0..=present.len())
                .map(|size| leading_slots(class.roles(), size))
                .collect(),
            seed: choices.seed,
        })
    }
}
