//! What a pupil's device may send: a pupil's own operation, and only a pupil's kind of command.
//!
//! A tablet's outbox (and later the sync server's pupil connections) carries
//! [`PupilOperation`]s, never whole [`Operation`]s: the author is always a pupil and the command
//! always one open to pupils, so nothing sent from a tablet can even say it is the teacher.
//! Its JSON is `{"id", "pupil", "at", "command": {"cast_ballot": {…}}}`.

use serde::{Deserialize, Serialize};

use crate::ids::{LessonId, OpId, PollId, ProposalId, PupilId, QuestionId};
use crate::operation::{Author, Command, Operation};
use crate::proposal::ProposalKind;
use crate::text::ItemText;
use crate::time::Timestamp;

/// A command open to pupils. Each is the [`Command`] of the same name.
///
/// Externally tagged (`{"cast_ballot": {…}}`): reading it needs no buffering, which keeps the
/// app small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum PupilCommand {
    Propose {
        lesson: LessonId,
        kind: ProposalKind,
        text: ItemText,
    },
    ReviseProposal {
        lesson: LessonId,
        proposal: ProposalId,
        text: ItemText,
    },
    WithdrawProposal {
        lesson: LessonId,
        proposal: ProposalId,
    },
    BackProposal {
        lesson: LessonId,
        proposal: ProposalId,
    },
    AskQuestion {
        lesson: LessonId,
        text: ItemText,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        with: Vec<PupilId>,
    },
    ReviseQuestion {
        lesson: LessonId,
        question: QuestionId,
        text: ItemText,
    },
    CastBallot {
        lesson: LessonId,
        poll: PollId,
        choices: Vec<QuestionId>,
    },
}

/// An operation made by a pupil, as a pupil's device sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilOperation {
    /// Its unique id.
    pub id: OpId,
    /// The pupil who made it.
    pub pupil: PupilId,
    /// When, by the device's clock.
    pub at: Timestamp,
    /// What was asked for.
    pub command: PupilCommand,
}

impl From<PupilOperation> for Operation {
    fn from(op: PupilOperation) -> Self {
        use PupilCommand as P;
        let command = match op.command {
            P::Propose { lesson, kind, text } => Command::Propose { lesson, kind, text },
            P::ReviseProposal {
                lesson,
                proposal,
                text,
            } => Command::ReviseProposal {
                lesson,
                proposal,
                text,
            },
            P::WithdrawProposal { lesson, proposal } => {
                Command::WithdrawProposal { lesson, proposal }
            }
            P::BackProposal { lesson, proposal } => Command::BackProposal { lesson, proposal },
            P::AskQuestion { lesson, text, with } => Command::AskQuestion { lesson, text, with },
            P::ReviseQuestion {
                lesson,
                question,
                text,
            } => Command::ReviseQuestion {
                lesson,
                question,
                text,
            },
            P::CastBallot {
                lesson,
                poll,
                choices,
            } => Command::CastBallot {
                lesson,
                poll,
                choices,
            },
        };
        Operation {
            id: op.id,
            author: Author::Pupil { pupil: op.pupil },
            at: op.at,
            command,
        }
    }
}

impl PupilOperation {
    /// The operation as a pupil's device sends it, or `None` when it is not a pupil's own
    /// operation of a pupil's kind (a tablet has nothing else to send).
    pub fn from_operation(op: &Operation) -> Option<Self> {
        use PupilCommand as P;
        let Author::Pupil { pupil } = &op.author else {
            return None;
        };
        let command = match op.command.clone() {
            Command::Propose { lesson, kind, text } => P::Propose { lesson, kind, text },
            Command::ReviseProposal {
                lesson,
                proposal,
                text,
            } => P::ReviseProposal {
                lesson,
                proposal,
                text,
            },
            Command::WithdrawProposal { lesson, proposal } => {
                P::WithdrawProposal { lesson, proposal }
            }
            Command::BackProposal { lesson, proposal } => P::BackProposal { lesson, proposal },
            Command::AskQuestion { lesson, text, with } => P::AskQuestion { lesson, text, with },
            Command::ReviseQuestion {
                lesson,
                question,
                text,
            } => P::ReviseQuestion {
                lesson,
                question,
                text,
            },
            Command::CastBallot {
                lesson,
                poll,
                choices,
            } => P::CastBallot {
                lesson,
                poll,
                choices,
            },
            _ => return None,
        };
        Some(PupilOperation {
            id: op.id.clone(),
            pupil: pupil.clone(),
            at: op.at,
            command,
        })
    }
}
