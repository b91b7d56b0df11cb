//! Group roles: the catalogue a class uses, the presets it can start from, and which roles a
//! group of a given size fills.

use serde::{Deserialize, Serialize};

use crate::ids::RoleId;
use crate::text::{RoleDuty, RoleName, SentenceStarter};

/// Most roles in one class's catalogue.
pub const MAX_ROLES: usize = 12;
/// Most sentence starters on one role card.
pub const MAX_STARTERS: usize = 6;

/// A role a pupil holds in a group, with its card: what you do, and how to start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// Its id in the class's catalogue.
    pub id: RoleId,
    /// Its name, e.g. "Facilitator".
    pub name: RoleName,
    /// What a pupil in this role does.
    pub duty: RoleDuty,
    /// Sentence starters for the card.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub starters: Vec<SentenceStarter>,
    /// Whether this role counts as leading the group (every pupil should get a turn).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub leading: bool,
}

/// The role sets a teacher can start a catalogue from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RolePreset {
    /// Cooperative learning: facilitator, recorder, timekeeper, reporter, encourager, resources.
    Cooperative,
    /// Checker and summariser, with a facilitator.
    CheckerSummariser,
    /// POGIL: manager, speaker, recorder (and a reflector for groups of four).
    Pogil,
    /// Literature circles: discussion director, summariser, word wizard, connector, illustrator.
    LiteratureCircles,
}

impl RolePreset {
    /// Every preset, in the order they are offered.
    pub const ALL: [RolePreset; 4] = [
        RolePreset::Cooperative,
        RolePreset::CheckerSummariser,
        RolePreset::Pogil,
        RolePreset::LiteratureCircles,
    ];

    /// The preset's name, for the teacher.
    pub fn label(self) -> &'static str {
        match self {
            RolePreset::Cooperative => "Cooperative learning",
            RolePreset::CheckerSummariser => "Checker and summariser",
            RolePreset::Pogil => "POGIL",
            RolePreset::LiteratureCircles => "Literature circles",
        }
    }

    /// The preset's roles, each with its card.
    pub fn roles(self) -> Vec<Role> {
        let cards: &[Card] = match self {
            RolePreset::Cooperative => &COOPERATIVE,
            RolePreset::CheckerSummariser => &CHECKER_SUMMARISER,
            RolePreset::Pogil => &POGIL,
            RolePreset::LiteratureCircles => &LITERATURE_CIRCLES,
        };
        cards.iter().map(Card::role).collect()
    }
}

/// A preset role written as constants.
struct Card {
    id: &'static str,
    name: &'static str,
    duty: &'static str,
    starters: &'static [&'static str],
    leading: bool,
}

impl Card {
    fn role(&self) -> Role {
        Role {
            id: RoleId::parse(self.id).expect("preset ids are valid"),
            name: RoleName::parse(self.name).expect("preset names are valid"),
            duty: RoleDuty::parse(self.duty).expect("preset duties are valid"),
            starters: self
                .starters
                .iter()
                .map(|s| SentenceStarter::parse(s).expect("preset starters are valid"))
                .collect(),
            leading: self.leading,
        }
    }
}

const FACILITATOR: Card = Card {
    id: "facilitator",
    name: "Facilitator",
    duty: "Keep the group on task and make sure everyone has a say.",
    starters: &[
        "Who would like to go first?",
        "We haven't heard from … yet.",
        "Let's get back to the question.",
    ],
    leading: true,
};

const COOPERATIVE: [Card; 6] = [
    FACILITATOR,
    Card {
        id: "recorder",
        name: "Recorder",
        duty: "Write down the group's ideas and answers.",
        starters: &[
            "Can you say that again so I can write it?",
            "So we agree that …",
        ],
        leading: false,
    },
    Card {
        id: "timekeeper",
        name: "Timekeeper",
        duty: "Watch the time and tell the group how long is left.",
        starters: &["We have … minutes left.", "Let's move on to the next part."],
        leading: false,
    },
    Card {
        id: "reporter",
        name: "Reporter",
        duty: "Share the group's work with the class.",
        starters: &["Our group thought that …", "We disagreed about …"],
        leading: true,
    },
    Card {
        id: "encourager",
        name: "Encourager",
        duty: "Praise good ideas and help everyone keep going.",
        starters: &[
            "That's a great idea because …",
            "Good point! Can you say more?",
        ],
        leading: false,
    },
    Card {
        id: "resources",
        name: "Resources manager",
        duty: "Collect and look after what the group needs, and tidy up.",
        starters: &["Does anyone need anything?", "I'll fetch the …"],
        leading: false,
    },
];

const CHECKER_SUMMARISER: [Card; 3] = [
    FACILITATOR,
    Card {
        id: "checker",
        name: "Checker",
        duty: "Check that everyone understands and agrees with the answer.",
        starters: &["Can you explain why?", "Does everyone agree?"],
        leading: false,
    },
    Card {
        id: "summariser",
        name: "Summariser",
        duty: "Sum up what the group has decided.",
        starters: &["So far we have …", "In short, we think …"],
        leading: false,
    },
];

const POGIL: [Card; 4] = [
    Card {
        id: "manager",
        name: "Manager",
        duty: "Keep the group working together and on time; make sure every voice is heard.",
        starters: &["What do we need to do next?", "Let's hear from everyone."],
        leading: true,
    },
    Card {
        id: "speaker",
        name: "Speaker",
        duty: "Speak for the group to the teacher and the class.",
        starters: &["Our group found that …", "We have a question about …"],
        leading: true,
    },
    Card {
        id: "recorder",
        name: "Recorder",
        duty: "Write down the group's answers and how you reached them.",
        starters: &["How should I write that?", "Can we agree on the wording?"],
        leading: false,
    },
    Card {
        id: "reflector",
        name: "Reflector",
        duty: "Notice how well the group works together and suggest how to do better.",
        starters: &["We worked well when …", "Next time we could …"],
        leading: false,
    },
];

const LITERATURE_CIRCLES: [Card; 5] = [
    Card {
        id: "director",
        name: "Discussion director",
        duty: "Write questions about the reading and lead the talk.",
        starters: &[
            "What did you think when …?",
            "Why do you think the author …?",
        ],
        leading: true,
    },
    Card {
        id: "summariser",
        name: "Summariser",
        duty: "Sum up the key events of the reading.",
        starters: &["The most important part was …", "First … then … finally …"],
        leading: false,
    },
    Card {
        id: "wordwizard",
        name: "Word wizard",
        duty: "Find interesting or tricky words and explain them.",
        starters: &["I chose this word because …", "It means …"],
        leading: false,
    },
    Card {
        id: "connector",
        name: "Connector",
        duty: "Link the reading to our lives, other books or the world.",
        starters: &["This reminds me of …", "It is like when …"],
        leading: false,
    },
    Card {
        id: "illustrator",
        name: "Illustrator",
        duty: "Draw a picture of an important part and explain it.",
        starters: &[
            "I drew this because …",
            "What do you think my picture shows?",
        ],
        leading: false,
    },
];

/// The roles a group of `size` fills, one per member: leading roles first, then the others in
/// catalogue order. A group larger than the catalogue doubles up the roles that do not lead
/// (or all of them, when every role leads).
pub fn slots(catalogue: &[Role], size: usize) -> Vec<&Role> {
    let leading = catalogue.iter().filter(|r| r.leading);
    let others: Vec<&Role> = catalogue.iter().filter(|r| !r.leading).collect();
    let mut slots: Vec<&Role> = leading.chain(others.iter().copied()).take(size).collect();
    let extra: Vec<&Role> = if others.is_empty() {
        catalogue.iter().collect()
    } else {
        others
    };
    let mut cycle = extra.iter().cycle();
    while slots.len() < size {
        match cycle.next() {
            Some(role) => slots.push(role),
            None => break,
        }
    }
    slots
}

/// How many leading roles a group of `size` fills.
pub fn leading_slots(catalogue: &[Role], size: usize) -> usize {
    slots(catalogue, size).iter().filter(|r| r.leading).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(slots: &[&Role]) -> Vec<String> {
        slots.iter().map(|r| r.id.as_str().to_owned()).collect()
    }

    #[test]
    fn every_preset_is_valid_and_has_a_leading_role() {
        for preset in RolePreset::ALL {
            let roles = preset.roles();
            assert!(roles.iter().any(|r| r.leading), "{}", preset.label());
            assert!(roles.len() <= MAX_ROLES);
        }
    }

    #[test]
    fn small_groups_fill_leading_roles_first_and_large_groups_double_up_the_others() {
        let pogil = RolePreset::Pogil.roles();
        assert_eq!(names(&slots(&pogil, 2)), ["manager", "speaker"]);
        assert_eq!(
            names(&slots(&pogil, 6)),
            [
                "manager",
                "speaker",
                "recorder",
                "reflector",
                "recorder",
                "reflector"
            ]
        );
        assert_eq!(leading_slots(&pogil, 6), 2);
        assert!(slots(&[], 3).is_empty());
    }
}
