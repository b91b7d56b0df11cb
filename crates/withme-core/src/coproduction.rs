//! The co-production record: how much of a plan the class wrote, and who wrote it.

use std::collections::BTreeSet;

use crate::class::Class;
use crate::ids::PupilId;
use crate::lesson::Lesson;
use crate::plan::ItemList;

/// How much of a lesson's plan came from the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coproduction {
    /// Entries in the plan's lists and phases.
    pub entries: usize,
    /// Of those, the entries pupils suggested.
    pub by_pupils: usize,
    /// The different pupils whose suggestions are in the plan.
    pub writers: BTreeSet<PupilId>,
    /// Pupils on the class list who have proposed nothing for this lesson yet (teacher only).
    pub not_heard_from: Vec<PupilId>,
}

impl Coproduction {
    /// Works out the record of `lesson`, whose class is `class`.
    pub fn of(lesson: &Lesson, class: Option<&Class>) -> Self {
        let plan = lesson.plan();
        let provenance = ItemList::ALL
            .iter()
            .flat_map(|&list| plan.items(list).iter().map(|i| &i.suggested_by))
            .chain(plan.phases.iter().map(|p| &p.suggested_by));
        let mut entries = 0;
        let mut by_pupils = 0;
        let mut writers = BTreeSet::new();
        for suggested_by in provenance {
            entries += 1;
            if !suggested_by.is_empty() {
                by_pupils += 1;
                writers.extend(suggested_by.iter().cloned());
            }
        }
        let proposers: BTreeSet<&PupilId> =
            lesson.proposals().iter().flat_map(|p| &p.authors).collect();
        let not_heard_from = class
            .map(|class| {
                class
                    .roster()
                    .map(|p| p.id())
                    .filter(|id| !proposers.contains(id) && !writers.contains(*id))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        Self {
            entries,
            by_pupils,
            writers,
            not_heard_from,
        }
    }
}

/// Pupils' names joined for a sentence: "Amira", "Amira and Chloé", "Amira, Chloé and Dev".
///
/// A removed pupil keeps their name here; an id no class knows reads "a pupil".
pub fn names(class: Option<&Class>, pupils: &[PupilId]) -> String {
    let names: Vec<&str> = pupils
        .iter()
        .map(|id| {
            class
                .and_then(|c| c.pupil(id))
                .map_or("a pupil", |p| p.name().as_str())
        })
        .collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
