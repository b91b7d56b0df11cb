//! A device's side of delivery: its operations until the authority answers them, and the last
//! view the authority sent.
//!
//! A device numbers its operations 1, 2, 3…, sends them in order (at most [`IN_FLIGHT`] ahead of
//! the oldest unanswered one), and forgets each one when the authority answers it, never after a
//! timer. After a reconnect, or when the authority asks ([`Answer::ResendFrom`]), it sends every
//! unanswered operation again: the authority applies each once, and answers repeats as before.
//! An accepted operation is shown as "on its way" until a view that includes it arrives.

use std::collections::VecDeque;

use super::ledger::RECENT_ANSWERS;
use super::message::{Answer, Outcome, Submission, VersionedView};
use crate::ids::PupilId;
use crate::view::Projection;

/// Most operations a device sends ahead of the oldest unanswered one. No more than the
/// authority keeps answers for, so every repeat can be answered.
pub const IN_FLIGHT: usize = RECENT_ANSWERS;

/// An operation the authority refused, with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal<C> {
    /// The operation.
    pub submission: Submission<C>,
    /// A stable code.
    pub code: String,
    /// Why, in words for the person at the device.
    pub reason: String,
}

#[derive(Debug, Clone)]
struct Unanswered<C> {
    submission: Submission<C>,
    sent: bool,
}

/// What a device keeps of its operations and of the lesson (`P`: the projections it reads, see
/// [`VersionedView`]). Plain data: the shell keeps it in a signal, and stores
/// [`Client::unanswered`] so nothing is lost when the page closes.
#[derive(Debug, Clone)]
pub struct Client<C, P = Projection> {
    last_seq: u64,
    unanswered: VecDeque<Unanswered<C>>,
    /// Accepted, waiting for a view that shows them: (order, operation).
    settling: Vec<(u64, Submission<C>)>,
    refusals: Vec<Refusal<C>>,
    forgotten: usize,
    view: Option<VersionedView<P>>,
}

impl<C, P> Default for Client<C, P> {
    fn default() -> Self {
        Self {
            last_seq: 0,
            unanswered: VecDeque::new(),
            settling: Vec::new(),
            refusals: Vec::new(),
            forgotten: 0,
            view: None,
        }
    }
}

impl<C: Clone, P> Client<C, P> {
    /// A client that resumes after `last_seq`, with operations kept from before (a reload).
    pub fn resume(last_seq: u64, unanswered: Vec<Submission<C>>) -> Self {
        let last_seq = unanswered.iter().map(|s| s.seq).fold(last_seq, u64::max);
        Self {
            last_seq,
            unanswered: unanswered
                .into_iter()
                .map(|submission| Unanswered {
                    submission,
                    sent: false,
                })
                .collect(),
            ..Self::default()
        }
    }

    /// Queues a new operation and returns its sequence number.
    pub fn make(&mut self, pupil: Option<PupilId>, command: C) -> u64 {
        self.last_seq += 1;
        self.unanswered.push_back(Unanswered {
            submission: Submission {
                seq: self.last_seq,
                pupil,
                command,
            },
            sent: false,
        });
        self.last_seq
    }

    /// The operations to send now, in order: those not sent since the last reconnect whose
    /// sequence number is within [`IN_FLIGHT`] of the oldest unanswered one (so the authority
    /// still holds the answer to every operation this device may ask about again). Marks them
    /// sent.
    pub fn to_send(&mut self) -> Vec<Submission<C>> {
        let Some(oldest) = self.unanswered.front().map(|u| u.submission.seq) else {
            return Vec::new();
        };
        let limit = oldest + IN_FLIGHT as u64;
        self.unanswered
            .iter_mut()
            .take_while(|u| u.submission.seq < limit)
            .filter(|u| !u.sent)
            .map(|u| {
                u.sent = true;
                u.submission.clone()
            })
            .collect()
    }

    /// After a reconnect (or a long silence): every unanswered operation goes again.
    pub fn resend_all(&mut self) {
        for unanswered in &mut self.unanswered {
            unanswered.sent = false;
        }
    }

    /// Takes in one answer. An operation is forgotten here only once answered.
    pub fn receive(&mut self, answer: Answer) {
        match answer {
            Answer::Handled { seq, outcome } => {
                let Some(at) = self.unanswered.iter().position(|u| u.submission.seq == seq) else {
                    return; // a repeat of an answer already taken in
                };
                let submission = self.unanswered.remove(at).expect("found").submission;
                match outcome {
                    Outcome::Accepted { order } => {
                        if self.view_version() < order {
                            self.settling.push((order, submission));
                        }
                    }
                    Outcome::Refused { code, reason } => self.refusals.push(Refusal {
                        submission,
                        code,
                        reason,
                    }),
                }
            }
            Answer::ResendFrom { .. } => self.resend_all(),
            Answer::Forgotten { seq } => {
                if let Some(at) = self.unanswered.iter().position(|u| u.submission.seq == seq) {
                    self.unanswered.remove(at);
                    self.forgotten += 1;
                }
            }
        }
    }

    /// Takes in a view; an older one than held is ignored.
    pub fn receive_view(&mut self, view: VersionedView<P>) {
        if self.view.as_ref().is_some_and(|v| v.version > view.version) {
            return;
        }
        let version = view.version;
        self.view = Some(view);
        self.settling.retain(|(order, _)| *order > version);
    }

    /// The latest view from the authority.
    pub fn view(&self) -> Option<&VersionedView<P>> {
        self.view.as_ref()
    }

    fn view_version(&self) -> u64 {
        self.view.as_ref().map_or(0, |v| v.version)
    }

    /// Operations not yet answered, oldest first: what the device must keep (store) until then.
    pub fn unanswered(&self) -> impl Iterator<Item = &Submission<C>> {
        self.unanswered.iter().map(|u| &u.submission)
    }

    /// Operations on their way: not answered yet, or accepted but not yet in the view. What a
    /// screen shows as "sending".
    pub fn on_their_way(&self) -> impl Iterator<Item = &Submission<C>> {
        self.unanswered()
            .chain(self.settling.iter().map(|(_, s)| s))
    }

    /// Takes the refusals received since last asked (to tell the person at the device).
    pub fn take_refusals(&mut self) -> Vec<Refusal<C>> {
        std::mem::take(&mut self.refusals)
    }

    /// The sequence number of the latest operation made here.
    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }

    /// How many operations were answered [`Answer::Forgotten`] (never, with [`IN_FLIGHT`] kept).
    pub fn forgotten(&self) -> usize {
        self.forgotten
    }
}
