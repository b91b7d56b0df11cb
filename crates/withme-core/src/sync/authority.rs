//! The authority: the library with its ledger, and the only code that turns what a device sent
//! into an operation.

use serde::{Deserialize, Serialize};

use super::ledger::{Ledger, Source};
use super::message::{Answer, Outcome, Submission};
use crate::apply::Rejection;
use crate::command::Command;
use crate::ids::{DeviceId, LessonId, OpId, PupilId};
use crate::library::{AdoptError, Library};
use crate::operation::{Applied, Author, Operation};
use crate::time::Timestamp;
use crate::view::TeacherView;

/// Who a device speaks for: given by the authority when a device joins (or, in one browser, when
/// a pupil's window chooses a name), never read from what the device sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Holder {
    /// The teacher's device.
    Teacher,
    /// The whiteboard: it shows, and sends nothing.
    Board,
    /// A tablet let in for these pupils: one pupil's, or a group's.
    Pupils(Vec<PupilId>),
    /// A tablet not let in yet: it sees the names to choose from, and sends nothing.
    Waiting,
}

/// A device's seat in one lesson: its id (which its operations' ids and everything they create
/// carry), the lesson it joined, and who it speaks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seat {
    /// The device.
    pub device: DeviceId,
    /// The lesson it joined: a pupil's tablet acts in this lesson only.
    pub lesson: LessonId,
    /// Who it speaks for.
    pub holder: Holder,
}

impl Seat {
    /// The author of `submission` from this seat, or why the seat may not send it.
    fn author(&self, submission: &Submission) -> Result<Author, Rejection> {
        let elsewhere = submission.command.lesson() != Some(&self.lesson);
        if elsewhere && !matches!(self.holder, Holder::Teacher) {
            return Err(Rejection::NotThisLesson);
        }
        match (&self.holder, &submission.pupil) {
            (Holder::Teacher, None) => Ok(Author::Teacher),
            (Holder::Pupils(pupils), Some(pupil)) if pupils.contains(pupil) => Ok(Author::Pupil {
                pupil: pupil.clone(),
            }),
            (Holder::Pupils(pupils), None) if pupils.len() == 1 => Ok(Author::Pupil {
                pupil: pupils[0].clone(),
            }),
            (Holder::Teacher | Holder::Pupils(_), _) => Err(Rejection::NotYourSeat),
            (Holder::Board | Holder::Waiting, _) => Err(Rejection::SeatCannotAct),
        }
    }
}

/// Refuses what would end a live lesson under its pupils, from any seat, the teacher's too:
/// putting `live` (the lesson a server runs) in the bin, deleting its class, or giving it
/// another class (the pupils seated in it are its class's). The teacher's window checks the
/// same before sending, so the refusal shows at once.
pub fn keeps_live(library: &Library, live: &LessonId, command: &Command) -> Result<(), Rejection> {
    let live_class = || library.lesson(live).and_then(|l| l.plan().class.as_ref());
    match command {
        Command::DeleteLesson { lesson } if lesson == live => Err(Rejection::LessonIsLive),
        Command::ArchiveLessons { archive } if archive.lesson(live).is_some() => {
            Err(Rejection::LessonIsLive)
        }
        Command::DeleteClass { class } if live_class() == Some(class) => {
            Err(Rejection::ClassIsLive)
        }
        Command::SetLessonClass { lesson, class }
            if lesson == live && class.as_ref() != live_class() =>
        {
            Err(Rejection::ClassIsLive)
        }
        _ => Ok(()),
    }
}

/// A library with its ledger: what makes a device (the teacher's window with no server, the
/// server in a live lesson) the authority for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Authority {
    library: Library,
    ledger: Ledger,
}

impl Authority {
    /// An authority over `library`, with what its `ledger` knows.
    pub fn new(library: Library, ledger: Ledger) -> Self {
        Self { library, ledger }
    }

    /// The library.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The ledger.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Takes in a live lesson as the server holds it (see [`Library::adopt`]); the ledger is
    /// untouched. Returns whether anything changed.
    pub fn adopt(&mut self, view: &TeacherView) -> Result<bool, AdoptError> {
        self.library.adopt(&view.lesson, view.class.as_ref())
    }

    /// The library and the ledger, for storing.
    pub fn parts(&self) -> (&Library, &Ledger) {
        (&self.library, &self.ledger)
    }

    /// Applies an operation made by a window of the teacher's own device (the device that holds
    /// this authority). Each window numbers its own operations; one at or below its window's
    /// mark was applied before and changes nothing.
    pub fn apply_own(&mut self, op: &Operation) -> Result<Applied, Rejection> {
        match self.ledger.handled(op.id.device()) {
            Some((Source::Seat, _)) => return Err(Rejection::DeviceInUse),
            Some((Source::Window, handled)) if op.id.seq() <= handled => {
                return Ok(Applied::AlreadyApplied);
            }
            _ => {}
        }
        // A refused operation leaves the ledger as it was too: a window keeps only what applied.
        let event = self.library.apply(op)?;
        let order = self.ledger.next_order();
        let mark = self
            .ledger
            .mark(op.id.device(), Source::Window)
            .expect("marked above");
        mark.handled = op.id.seq();
        mark.heard = order;
        Ok(Applied::Changed(event))
    }

    /// Handles one operation sent from `seat`, at the authority's time `now`, and answers it.
    ///
    /// - The author is the seat's, never what the device wrote; the time is `now`.
    /// - Operations are handled in their device's order: a gap is answered
    ///   [`Answer::ResendFrom`], and nothing after it is applied.
    /// - A repeat is answered as the first time, and applied once only.
    /// - Whatever is refused (the seat's rights, the library's rules) is answered with a stable
    ///   code and a reason, and counted as handled, so a later operation never hides it.
    pub fn submit(&mut self, seat: &Seat, submission: &Submission, now: Timestamp) -> Answer {
        let seq = submission.seq;
        let mark = match self.ledger.mark(&seat.device, Source::Seat) {
            Ok(mark) => mark,
            Err(_) => return refused(seq, &Rejection::DeviceInUse),
        };
        if seq <= mark.handled {
            return match mark.answer_for(seq) {
                Some(outcome) => Answer::Handled {
                    seq,
                    outcome: outcome.clone(),
                },
                None => Answer::Forgotten { seq },
            };
        }
        if seq > mark.handled + 1 {
            return Answer::ResendFrom {
                seq: mark.handled + 1,
            };
        }
        let outcome = match self.apply_from(seat, submission, now) {
            Ok(order) => Outcome::Accepted { order },
            Err(rejection) => Outcome::Refused {
                code: rejection.code().into(),
                reason: rejection.to_string(),
            },
        };
        let order = self.ledger.order();
        let mark = self
            .ledger
            .mark(&seat.device, Source::Seat)
            .expect("marked above");
        mark.answered(seq, outcome.clone(), order);
        Answer::Handled { seq, outcome }
    }

    /// The answer given for operation `seq` of `device`, if it has been handled: what an
    /// authority sends (again) once the operation is safely stored.
    pub fn answer_for(&self, device: &DeviceId, seq: u64) -> Option<Answer> {
        let mark = self.ledger.device_mark(device)?;
        if seq > mark.handled {
            return None;
        }
        Some(match mark.answer_for(seq) {
            Some(outcome) => Answer::Handled {
                seq,
                outcome: outcome.clone(),
            },
            None => Answer::Forgotten { seq },
        })
    }

    fn apply_from(
        &mut self,
        seat: &Seat,
        submission: &Submission,
        now: Timestamp,
    ) -> Result<u64, Rejection> {
        let op = Operation {
            id: OpId::new(seat.device.clone(), submission.seq),
            author: seat.author(submission)?,
            at: now,
            command: submission.command.clone(),
        };
        keeps_live(&self.library, &seat.lesson, &op.command)?;
        self.library.apply(&op)?;
        Ok(self.ledger.next_order())
    }
}

fn refused(seq: u64, rejection: &Rejection) -> Answer {
    Answer::Handled {
        seq,
        outcome: Outcome::Refused {
            code: rejection.code().into(),
            reason: rejection.to_string(),
        },
    }
}

impl Submission<Command> {
    /// A submission of `command` as operation `seq`, acting as `pupil` if given.
    pub fn new(seq: u64, pupil: Option<PupilId>, command: Command) -> Self {
        Self {
            seq,
            pupil,
            command,
        }
    }
}
