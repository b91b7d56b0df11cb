//! A teacher's window's copy of the library it shares with the browser's other windows.
//!
//! Several windows of one browser share one stored library (with its ledger): each is an
//! authority over it. A [`Replica`] keeps the operations this window made, and those it handled
//! for pupils' tablets, until it knows they are safely in the shared copy, and shows the shared
//! library with them applied on top. When another window's library arrives, [`Replica::rebase`]
//! replays them on it, so neither side's edits are lost, and says whether the result must be
//! written back.
//!
//! Writes to browser storage can race: two windows read, both write, and the later write drops
//! the earlier one's operations. So an operation is forgotten only after this replica has seen
//! it in the shared copy continuously for [`WRITE_GRACE_MILLIS`]; any shared copy that lacks it
//! starts that wait again and gets it replayed. This rests on one assumption, true of browsers
//! by a wide margin: a window reads and writes in one turn of its event loop, and its write
//! reaches the other windows well within the grace period. (A device talking to an authority
//! over a network forgets an operation when it is answered instead: see [`crate::sync::Client`].)

use serde::{Deserialize, Serialize};

use crate::apply::Rejection;
use crate::command::Command;
use crate::ids::{DeviceId, OpId, PupilId};
use crate::library::{AdoptError, Library};
use crate::operation::{Applied, Author, Event, Operation};
use crate::sync::{Answer, Authority, Seat, Source, Submission};
use crate::time::Timestamp;
use crate::view::TeacherView;

/// How long an operation must be seen in the shared copy before it is forgotten here.
pub const WRITE_GRACE_MILLIS: u64 = 10_000;

/// An operation this window keeps until the shared copy has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// One of this window's own.
    Own(Operation),
    /// One a pupil's tablet sent, as this window handled it: the seat, what was sent, and the
    /// time this window stamped on it (so a replay is the same operation).
    Relayed {
        /// The tablet's seat.
        seat: Seat,
        /// What it sent.
        submission: Submission,
        /// The time stamped on it.
        at: Timestamp,
    },
    /// A live lesson as its server holds it, taken in (see [`Library::adopt`]).
    Adopted(Box<TeacherView>),
}

#[derive(Debug, Clone)]
struct Pending {
    kept: Kept,
    /// Its place in the order operations were kept here (see [`Replica::mark`]).
    serial: u64,
    written: bool,
    /// Since when every shared copy this replica has seen contained the operation.
    shared_since: Option<Timestamp>,
}

/// A pending operation that no longer applies after a rebase: someone else's change came first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// The operation.
    pub op: Operation,
    /// Why it no longer applies.
    pub reason: Rejection,
}

/// What a rebase found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rebased {
    /// The shared library lacks some of this window's operations: write the result back.
    pub needs_write: bool,
    /// The library this window shows is different from before the rebase (so views must update).
    pub changed: bool,
    /// Operations that no longer apply and were dropped.
    pub dropped: Vec<Dropped>,
}

/// One window's view of a shared library. Plain data: the shell keeps it in a signal.
#[derive(Debug, Clone)]
pub struct Replica {
    device: DeviceId,
    last_seq: u64,
    next_serial: u64,
    pending: Vec<Pending>,
    current: Authority,
}

impl Replica {
    /// A replica for `device`, starting from `shared`.
    pub fn new(device: DeviceId, shared: Authority) -> Self {
        Self {
            device,
            last_seq: 0,
            next_serial: 0,
            pending: Vec::new(),
            current: shared,
        }
    }

    /// The library as this window sees it: the shared one plus its pending operations.
    pub fn library(&self) -> &Library {
        self.current.library()
    }

    /// The library with its ledger, as this window sees it.
    pub fn authority(&self) -> &Authority {
        &self.current
    }

    /// This window's device id.
    pub fn device(&self) -> &DeviceId {
        &self.device
    }

    /// The id the next operation made here will have (for working out an undo beforehand).
    pub fn next_op_id(&self) -> OpId {
        let mark = match self.current.ledger().handled(&self.device) {
            Some((Source::Window, handled)) => handled,
            _ => 0,
        };
        OpId::new(self.device.clone(), self.last_seq.max(mark) + 1)
    }

    /// Makes an operation from `command`, applies it here and keeps it until it is shared.
    /// A rejected command uses no sequence number and changes nothing.
    pub fn make(
        &mut self,
        author: Author,
        command: Command,
        at: Timestamp,
    ) -> Result<(OpId, Event), Rejection> {
        let op = Operation {
            id: self.next_op_id(),
            author,
            at,
            command,
        };
        let Applied::Changed(event) = self.current.apply_own(&op)? else {
            // `next_op_id` is past every mark of this window: never applied before.
            return Err(Rejection::IdInUse);
        };
        self.last_seq = op.id.seq();
        let id = op.id.clone();
        self.keep(Kept::Own(op));
        Ok((id, event))
    }

    /// Handles an operation a pupil's tablet sent (this window is the authority for it), at
    /// `now`, and keeps it, if it changed anything, until the shared copy has it. Re-delivery
    /// changes nothing and is answered as before.
    pub fn relay(&mut self, seat: Seat, submission: Submission, now: Timestamp) -> Answer {
        let before = self.current.ledger().handled(&seat.device);
        let answer = self.current.submit(&seat, &submission, now);
        if self.current.ledger().handled(&seat.device) != before {
            self.keep(Kept::Relayed {
                seat,
                submission,
                at: now,
            });
        }
        answer
    }

    /// Takes in a live lesson as its server holds it: it replaces this window's copy of the
    /// lesson and its class, and is kept (like an operation) until the shared copy has it. Only
    /// the latest of a lesson is kept. Returns whether the library changed.
    pub fn adopt(&mut self, view: TeacherView) -> Result<bool, AdoptError> {
        if !self.current.adopt(&view)? {
            return Ok(false);
        }
        let lesson = view.lesson.id().clone();
        self.pending.retain(
            |p| !matches!(&p.kept, Kept::Adopted(earlier) if earlier.lesson.id() == &lesson),
        );
        self.keep(Kept::Adopted(Box::new(view)));
        Ok(true)
    }

    fn keep(&mut self, kept: Kept) {
        self.next_serial += 1;
        self.pending.push(Pending {
            kept,
            serial: self.next_serial,
            written: false,
            shared_since: None,
        });
    }

    /// Whether some operation has not been written to the shared copy yet.
    pub fn has_unwritten(&self) -> bool {
        self.pending.iter().any(|p| !p.written)
    }

    /// How many operations are kept for replay (not yet seen shared for the grace period).
    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// Takes `shared` as the new base and replays this window's pending operations on it.
    ///
    /// Operations seen in every shared copy since at least [`WRITE_GRACE_MILLIS`] before `now`
    /// are forgotten; operations that no longer apply are dropped and returned.
    pub fn rebase(&mut self, shared: Authority, now: Timestamp) -> Rebased {
        let mut result = Rebased::default();
        let mut authority = shared;
        let mut kept = Vec::with_capacity(self.pending.len());
        for mut pending in self.pending.drain(..) {
            match replay(&mut authority, &pending.kept) {
                Replayed::AlreadyShared => {
                    let since = *pending.shared_since.get_or_insert(now);
                    if now.millis() < since.millis() + WRITE_GRACE_MILLIS {
                        kept.push(pending);
                    }
                }
                Replayed::Applied => {
                    pending.shared_since = None;
                    result.needs_write = true;
                    kept.push(pending);
                }
                Replayed::Dropped(dropped) => result.dropped.push(*dropped),
            }
        }
        self.pending = kept;
        result.changed = authority.library() != self.current.library();
        self.current = authority;
        result
    }

    /// Records that the library as it stands has been written to the shared copy.
    pub fn mark_written(&mut self) {
        for pending in &mut self.pending {
            pending.written = true;
        }
    }

    /// Where the operations kept so far end: a copy of the library taken now holds every
    /// operation up to this mark, and none made after it.
    pub fn mark(&self) -> SavedUpTo {
        SavedUpTo(self.next_serial)
    }

    /// The operations kept here and not yet saved, to write down as the window closes.
    pub fn unsaved(&self) -> Vec<Unsaved> {
        self.pending
            .iter()
            .filter(|p| !p.written)
            .map(|p| Unsaved::of(&p.kept))
            .collect()
    }

    /// Takes in operations an earlier window of the browser kept but never saved, and replays
    /// them on the library as it stands: each is applied once (one already in the library, by
    /// its id or its tablet's sequence number, changes nothing), and kept until saved.
    pub fn replay_unsaved(&mut self, unsaved: Vec<Unsaved>, now: Timestamp) -> Rebased {
        for unsaved in unsaved {
            self.keep(unsaved.kept());
        }
        let current = self.current.clone();
        self.rebase(current, now)
    }

    /// Forgets the operations up to `mark`, once a copy of the library taken at that mark is in
    /// a store that only accepts a write made on what it holds (a conditional write, as
    /// IndexedDB's records are written): no later write can drop them, so no grace period is
    /// needed. Operations kept after the mark (made while the copy was being written) stay.
    pub fn forget_saved(&mut self, mark: SavedUpTo) {
        self.pending.retain(|p| p.serial > mark.0);
    }
}

/// An operation a window kept but had not saved, as written to the browser's own storage when
/// the window closes (a save to IndexedDB cannot finish once the page has gone), so the next
/// window of the browser replays it ([`Replica::replay_unsaved`]). Read back only by Withme in
/// the same browser: a tablet never sends one. Externally tagged (`{"own": {…}}`): an
/// internally tagged enum would be read through a buffer, and carry a second copy of every
/// command's reader in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Unsaved {
    /// One of the window's own operations (the teacher's, or a pupil's on the teacher's device).
    Own {
        /// Its id.
        id: OpId,
        /// The pupil who made it, if a pupil did.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pupil: Option<PupilId>,
        /// When it was made.
        at: Timestamp,
        /// What was asked for.
        command: Command,
    },
    /// One a pupil's tablet in the browser sent, as the window handled it.
    Relayed {
        /// The tablet's seat.
        seat: Seat,
        /// What it sent.
        submission: Submission,
        /// The time stamped on it.
        at: Timestamp,
    },
    /// A live lesson as its server holds it.
    Adopted {
        /// The lesson with its class.
        view: Box<TeacherView>,
    },
}

impl Unsaved {
    fn of(kept: &Kept) -> Self {
        match kept.clone() {
            Kept::Own(op) => Unsaved::Own {
                id: op.id,
                pupil: match op.author {
                    Author::Teacher => None,
                    Author::Pupil { pupil } => Some(pupil),
                },
                at: op.at,
                command: op.command,
            },
            Kept::Relayed {
                seat,
                submission,
                at,
            } => Unsaved::Relayed {
                seat,
                submission,
                at,
            },
            Kept::Adopted(view) => Unsaved::Adopted { view },
        }
    }

    fn kept(self) -> Kept {
        match self {
            Unsaved::Own {
                id,
                pupil,
                at,
                command,
            } => Kept::Own(Operation {
                id,
                author: pupil.map_or(Author::Teacher, |pupil| Author::Pupil { pupil }),
                at,
                command,
            }),
            Unsaved::Relayed {
                seat,
                submission,
                at,
            } => Kept::Relayed {
                seat,
                submission,
                at,
            },
            Unsaved::Adopted { view } => Kept::Adopted(view),
        }
    }
}

/// A point in the order of a [`Replica`]'s kept operations (see [`Replica::mark`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SavedUpTo(u64);

enum Replayed {
    AlreadyShared,
    Applied,
    Dropped(Box<Dropped>),
}

fn replay(authority: &mut Authority, kept: &Kept) -> Replayed {
    match kept {
        Kept::Own(op) => match authority.apply_own(op) {
            Ok(Applied::AlreadyApplied) => Replayed::AlreadyShared,
            Ok(Applied::Changed(_)) => Replayed::Applied,
            Err(reason) => Replayed::Dropped(Box::new(Dropped {
                op: op.clone(),
                reason,
            })),
        },
        Kept::Relayed {
            seat,
            submission,
            at,
        } => {
            let handled = authority.ledger().handled(&seat.device);
            if handled.is_some_and(|(_, h)| h >= submission.seq) {
                return Replayed::AlreadyShared;
            }
            // Handled again exactly as before; its answer (refused, if it no longer applies)
            // is what the tablet reads once this copy is written.
            authority.submit(seat, submission, *at);
            Replayed::Applied
        }
        Kept::Adopted(view) => match authority.adopt(view) {
            Ok(false) => Replayed::AlreadyShared,
            Ok(true) => Replayed::Applied,
            // Another window's change to the class made it no longer fit: the next view from
            // the server brings the lesson again.
            Err(_) => Replayed::AlreadyShared,
        },
    }
}
