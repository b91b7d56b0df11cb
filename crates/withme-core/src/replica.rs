//! A device's copy of a shared library: its own operations, rebased on whatever is shared.
//!
//! Several windows of one browser share one stored library, and (later) several devices share one
//! on the sync server. A [`Replica`] keeps the operations this device made until it knows they
//! are safely in the shared copy, and shows the shared library with those operations applied on
//! top. When another window's library arrives, [`Replica::rebase`] replays the pending operations
//! on it, so neither side's edits are lost, and says whether the result must be written back.
//!
//! Writes to browser storage can race: two windows read, both write, and the later write drops the
//! earlier one's operations. So an operation is forgotten only after this replica has seen it in
//! the shared copy continuously for [`WRITE_GRACE_MILLIS`]; any shared copy that lacks it starts
//! that wait again and gets it replayed. This rests on one assumption, true of browsers by a wide
//! margin: a window reads and writes in one turn of its event loop, and its write reaches the
//! other windows well within the grace period.

use crate::apply::Rejection;
use crate::command::Command;
use crate::ids::{DeviceId, OpId};
use crate::library::Library;
use crate::operation::{Applied, Author, Event, Operation};
use crate::time::Timestamp;

/// How long an operation must be seen in the shared copy before it is forgotten here.
pub const WRITE_GRACE_MILLIS: u64 = 10_000;

#[derive(Debug, Clone)]
struct Pending {
    op: Operation,
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
    /// The shared library lacks some of this device's operations: write the result back.
    pub needs_write: bool,
    /// The library this device shows is different from before the rebase (so views must update).
    pub changed: bool,
    /// Operations that no longer apply and were dropped.
    pub dropped: Vec<Dropped>,
}

/// One device's view of a shared library. Plain data: the shell keeps it in a signal.
#[derive(Debug, Clone)]
pub struct Replica {
    device: DeviceId,
    last_seq: u64,
    pending: Vec<Pending>,
    current: Library,
}

impl Replica {
    /// A replica for `device`, starting from `shared`.
    pub fn new(device: DeviceId, shared: Library) -> Self {
        Self {
            device,
            last_seq: 0,
            pending: Vec::new(),
            current: shared,
        }
    }

    /// The library as this device sees it: the shared one plus its own pending operations.
    pub fn library(&self) -> &Library {
        &self.current
    }

    /// This device's id.
    pub fn device(&self) -> &DeviceId {
        &self.device
    }

    /// The id the next operation made here will have (for working out an undo beforehand).
    pub fn next_op_id(&self) -> OpId {
        OpId::new(self.device.clone(), self.last_seq + 1)
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
        match self.current.apply(&op)? {
            Applied::Changed(event) => {
                self.last_seq += 1;
                let id = op.id.clone();
                self.pending.push(Pending {
                    op,
                    written: false,
                    shared_since: None,
                });
                Ok((id, event))
            }
            Applied::AlreadyApplied => unreachable!("a fresh sequence number is never applied"),
        }
    }

    /// Whether some operation has not been written to the shared copy yet.
    pub fn has_unwritten(&self) -> bool {
        self.pending.iter().any(|p| !p.written)
    }

    /// How many operations are kept for replay (not yet seen shared for the grace period).
    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// Takes `shared` as the new base and replays this device's pending operations on it.
    ///
    /// Operations seen in every shared copy since at least [`WRITE_GRACE_MILLIS`] before `now`
    /// are forgotten; operations that no longer apply are dropped and returned.
    pub fn rebase(&mut self, shared: Library, now: Timestamp) -> Rebased {
        let mut result = Rebased::default();
        let mut library = shared;
        let mut kept = Vec::with_capacity(self.pending.len());
        for mut pending in self.pending.drain(..) {
            match library.apply(&pending.op) {
                Ok(Applied::AlreadyApplied) => {
                    let since = *pending.shared_since.get_or_insert(now);
                    if now.millis() < since.millis() + WRITE_GRACE_MILLIS {
                        kept.push(pending);
                    }
                }
                Ok(Applied::Changed(_)) => {
                    pending.shared_since = None;
                    result.needs_write = true;
                    kept.push(pending);
                }
                Err(reason) => result.dropped.push(Dropped {
                    op: pending.op,
                    reason,
                }),
            }
        }
        self.pending = kept;
        result.changed = library != self.current;
        self.current = library;
        result
    }

    /// Applies an operation another device made and handed to this one to store (a pupil's
    /// tablet sends its operations to the teacher's window, the authority). It is kept and
    /// replayed like this replica's own until the shared copy has it. Re-delivery changes nothing.
    pub fn accept(&mut self, op: Operation) -> Result<Applied, Rejection> {
        let applied = self.current.apply(&op)?;
        if matches!(applied, Applied::Changed(_)) {
            self.pending.push(Pending {
                op,
                written: false,
                shared_since: None,
            });
        }
        Ok(applied)
    }

    /// How many of this replica's operations the shared copy has not shown yet (on a pupil's
    /// tablet: not yet stored by the teacher's window).
    pub fn unshared_count(&self) -> usize {
        self.pending
            .iter()
            .filter(|p| p.shared_since.is_none())
            .count()
    }

    /// This replica's operations not yet settled in the shared copy, oldest first: what a
    /// pupil's tablet keeps in its outbox until the authority has stored them.
    pub fn pending_ops(&self) -> impl Iterator<Item = &Operation> {
        self.pending.iter().map(|p| &p.op)
    }

    /// Records that the library as it stands has been written to the shared copy.
    pub fn mark_written(&mut self) {
        for pending in &mut self.pending {
            pending.written = true;
        }
    }
}
