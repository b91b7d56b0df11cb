//! A lesson's plan: the details, the outcomes and criteria, the phases and the notes.
//!
//! Every entry that came from pupils keeps who suggested it (its provenance), even when the
//! teacher edits its text afterwards.

use serde::{Deserialize, Serialize};

use crate::ids::{ClassId, ItemId, PupilId};
use crate::text::{ItemText, LessonTitle, Notes, PhaseTitle, Subject};
use crate::time::{LessonDate, LessonLength, PhaseMinutes};

/// Most entries in one list of a plan (outcomes, criteria, keywords, resources or phases).
pub const MAX_ENTRIES_PER_SECTION: usize = 50;

/// One entry in a list: an "I can…" outcome, a success criterion, a keyword or a resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The entry's id, unique within its list.
    pub id: ItemId,
    /// What it says.
    pub text: ItemText,
    /// The pupils who suggested it; empty when the teacher wrote it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggested_by: Vec<PupilId>,
}

/// A phase of the lesson: a starter, a main activity, a plenary, a learning cycle…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    /// The phase's id, unique within the plan.
    pub id: ItemId,
    /// Its title, e.g. "Starter".
    pub title: PhaseTitle,
    /// What happens in it.
    #[serde(default, skip_serializing_if = "Notes::is_empty")]
    pub description: Notes,
    /// How long it lasts.
    pub minutes: PhaseMinutes,
    /// The pupils who suggested it; empty when the teacher wrote it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggested_by: Vec<PupilId>,
}

/// The lists of plain items in a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemList {
    /// "I can…" learning outcomes.
    Outcomes,
    /// Success criteria, which pupils see.
    Criteria,
    /// Keywords.
    Keywords,
    /// Resources: text or links.
    Resources,
}

impl ItemList {
    /// Every item list, in the order a plan shows them.
    pub const ALL: [ItemList; 4] = [
        ItemList::Outcomes,
        ItemList::Criteria,
        ItemList::Keywords,
        ItemList::Resources,
    ];
}

/// Any list in a plan whose entries can be removed or reordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// A list of items.
    Items(ItemList),
    /// The phases.
    Phases,
}

/// An entry of any section, whole: used to put a removed entry back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    /// An item.
    Item(Item),
    /// A phase.
    Phase(Phase),
}

impl Entry {
    /// The entry's id.
    pub fn id(&self) -> &ItemId {
        match self {
            Entry::Item(item) => &item.id,
            Entry::Phase(phase) => &phase.id,
        }
    }
}

/// The free-text notes of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// What pupils should already know.
    PriorKnowledge,
    /// Misconceptions to look out for.
    Misconceptions,
    /// Adaptations: support.
    Support,
    /// Adaptations: stretch.
    Stretch,
    /// Homework or extension.
    Homework,
}

impl NoteKind {
    /// Every kind of note, in the order a plan shows them.
    pub const ALL: [NoteKind; 5] = [
        NoteKind::PriorKnowledge,
        NoteKind::Misconceptions,
        NoteKind::Support,
        NoteKind::Stretch,
        NoteKind::Homework,
    ];
}

/// The content of a lesson: everything that travels when a lesson is exported or duplicated.
///
/// Each field is already valid by its type; the lists are bounded by
/// [`MAX_ENTRIES_PER_SECTION`] when changed through operations.
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
    /// "I can…" learning outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<Item>,
    /// Success criteria (pupils see these).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Item>,
    /// The phases, in teaching order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    /// Keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<Item>,
    /// Resources: text, or links shown as plain links.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Item>,
    /// What pupils should already know.
    #[serde(default, skip_serializing_if = "Notes::is_empty")]
    pub prior_knowledge: Notes,
    /// Misconceptions to look out for.
    #[serde(default, skip_serializing_if = "Notes::is_empty")]
    pub misconceptions: Notes,
    /// Adaptations: support.
    #[serde(default, skip_serializing_if = "Notes::is_empty")]
    pub support: Notes,
    /// Adaptations: stretch.
    #[serde(default, skip_serializing_if = "Notes::is_empty")]
    pub stretch: Notes,
    /// Homework or extension.
    #[serde(default, skip_serializing_if = "Notes::is_empty")]
    pub homework: Notes,
    /// The question the class chose to pursue, once it has voted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enquiry_question: Option<ItemText>,
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
            outcomes: Vec::new(),
            criteria: Vec::new(),
            phases: Vec::new(),
            keywords: Vec::new(),
            resources: Vec::new(),
            prior_knowledge: Notes::default(),
            misconceptions: Notes::default(),
            support: Notes::default(),
            stretch: Notes::default(),
            homework: Notes::default(),
            enquiry_question: None,
        }
    }

    /// The items of one list.
    pub fn items(&self, list: ItemList) -> &[Item] {
        match list {
            ItemList::Outcomes => &self.outcomes,
            ItemList::Criteria => &self.criteria,
            ItemList::Keywords => &self.keywords,
            ItemList::Resources => &self.resources,
        }
    }

    pub(crate) fn items_mut(&mut self, list: ItemList) -> &mut Vec<Item> {
        match list {
            ItemList::Outcomes => &mut self.outcomes,
            ItemList::Criteria => &mut self.criteria,
            ItemList::Keywords => &mut self.keywords,
            ItemList::Resources => &mut self.resources,
        }
    }

    /// One of the notes.
    pub fn note(&self, kind: NoteKind) -> &Notes {
        match kind {
            NoteKind::PriorKnowledge => &self.prior_knowledge,
            NoteKind::Misconceptions => &self.misconceptions,
            NoteKind::Support => &self.support,
            NoteKind::Stretch => &self.stretch,
            NoteKind::Homework => &self.homework,
        }
    }

    pub(crate) fn note_mut(&mut self, kind: NoteKind) -> &mut Notes {
        match kind {
            NoteKind::PriorKnowledge => &mut self.prior_knowledge,
            NoteKind::Misconceptions => &mut self.misconceptions,
            NoteKind::Support => &mut self.support,
            NoteKind::Stretch => &mut self.stretch,
            NoteKind::Homework => &mut self.homework,
        }
    }

    /// The position of an entry in a section.
    pub fn position(&self, section: Section, id: &ItemId) -> Option<usize> {
        match section {
            Section::Items(list) => self.items(list).iter().position(|i| &i.id == id),
            Section::Phases => self.phases.iter().position(|p| &p.id == id),
        }
    }

    /// The ids of a section's entries, in order.
    pub fn entry_ids(&self, section: Section) -> Vec<ItemId> {
        match section {
            Section::Items(list) => self.items(list).iter().map(|i| i.id.clone()).collect(),
            Section::Phases => self.phases.iter().map(|p| p.id.clone()).collect(),
        }
    }

    /// The entry at `index` of a section, whole.
    pub fn entry(&self, section: Section, index: usize) -> Option<Entry> {
        match section {
            Section::Items(list) => self.items(list).get(index).cloned().map(Entry::Item),
            Section::Phases => self.phases.get(index).cloned().map(Entry::Phase),
        }
    }

    /// How many entries a section has.
    pub fn section_len(&self, section: Section) -> usize {
        match section {
            Section::Items(list) => self.items(list).len(),
            Section::Phases => self.phases.len(),
        }
    }

    /// The phase with this id.
    pub fn phase(&self, id: &ItemId) -> Option<&Phase> {
        self.phases.iter().find(|p| &p.id == id)
    }

    /// The minutes of every phase added up.
    pub fn planned_minutes(&self) -> u32 {
        self.phases
            .iter()
            .map(|p| u32::from(p.minutes.minutes()))
            .sum()
    }

    /// By how many minutes the phases run past the lesson's length, if they do.
    pub fn overrun_minutes(&self) -> Option<u32> {
        let length = u32::from(self.length.minutes());
        self.planned_minutes()
            .checked_sub(length)
            .filter(|&over| over > 0)
    }

    /// The plan as it should be kept in a template: no class, day, enquiry question, or names.
    pub fn as_template(&self) -> Plan {
        let mut plan = self.without_names();
        plan.class = None;
        plan.date = None;
        plan.enquiry_question = None;
        plan
    }

    /// Whether any entry credits a pupil.
    pub fn names_pupils(&self) -> bool {
        ItemList::ALL
            .iter()
            .any(|&list| self.items(list).iter().any(|i| !i.suggested_by.is_empty()))
            || self.phases.iter().any(|p| !p.suggested_by.is_empty())
    }

    /// The plan with no pupil credited for any entry.
    pub fn without_names(&self) -> Plan {
        let mut plan = self.clone();
        for list in ItemList::ALL {
            for item in plan.items_mut(list) {
                item.suggested_by.clear();
            }
        }
        for phase in &mut plan.phases {
            phase.suggested_by.clear();
        }
        plan
    }
}
