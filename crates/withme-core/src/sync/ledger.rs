//! The authority's ledger: which operations it has handled from each device, and the answers a
//! device may still ask for again. Kept beside the library, never inside it, and never sent to a
//! device.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::message::Outcome;
use crate::ids::DeviceId;

/// Most devices the ledger remembers. Past this, the device heard from longest ago is forgotten:
/// a teacher's window that closed long since, or a tablet from an old lesson.
pub const MAX_DEVICES: usize = 256;

/// Most answers kept per device for re-delivery. A device never has more operations than this
/// in flight (see [`crate::sync::Client`]), so every repeat it sends can be answered again.
pub const RECENT_ANSWERS: usize = 32;

/// How a device reaches the authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A window of the teacher's own device, applying its own operations (trusted: it is the
    /// teacher's, and it keeps and replays its own operations).
    Window,
    /// A device in a seat: the authority attaches its author and time.
    Seat,
}

/// What the ledger knows of one device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeviceMark {
    pub(crate) device: DeviceId,
    pub(crate) source: Source,
    /// The highest sequence number handled (applied, or for a seat also refused).
    pub(crate) handled: u64,
    /// The ledger's order when the device was last heard from.
    pub(crate) heard: u64,
    /// A seat's latest answers, oldest first, at most [`RECENT_ANSWERS`].
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    pub(crate) recent: VecDeque<(u64, Outcome)>,
}

/// Why a device may not use the ledger as it asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DeviceInUse;

/// Which operations an authority has handled, per device; bounded in size.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "LedgerRepr", into = "LedgerRepr")]
pub struct Ledger {
    order: u64,
    devices: BTreeMap<DeviceId, DeviceMark>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerRepr {
    order: u64,
    #[serde(default)]
    devices: Vec<DeviceMark>,
}

impl TryFrom<LedgerRepr> for Ledger {
    type Error = String;
    fn try_from(repr: LedgerRepr) -> Result<Self, String> {
        let mut ledger = Ledger {
            order: repr.order,
            devices: BTreeMap::new(),
        };
        for mark in repr.devices {
            if mark.recent.len() > RECENT_ANSWERS {
                return Err(format!(
                    "device {} keeps too many answers",
                    mark.device.as_str()
                ));
            }
            if let Some(old) = ledger.devices.insert(mark.device.clone(), mark) {
                return Err(format!("device {} appears twice", old.device.as_str()));
            }
        }
        if ledger.devices.len() > MAX_DEVICES {
            return Err("the ledger remembers too many devices".into());
        }
        Ok(ledger)
    }
}

impl From<Ledger> for LedgerRepr {
    fn from(ledger: Ledger) -> Self {
        LedgerRepr {
            order: ledger.order,
            devices: ledger.devices.into_values().collect(),
        }
    }
}

impl Ledger {
    /// The authority's sequence number of the latest accepted operation (0 before any): a view
    /// made now includes every operation accepted up to it.
    pub fn order(&self) -> u64 {
        self.order
    }

    /// A ledger from the marks a version 4 library kept: each a window's highest operation.
    pub(crate) fn from_window_marks(marks: impl IntoIterator<Item = (DeviceId, u64)>) -> Self {
        let mut ledger = Ledger::default();
        for (device, handled) in marks {
            if let Ok(mark) = ledger.mark(&device, Source::Window) {
                mark.handled = handled;
            }
        }
        ledger
    }

    /// How many devices it remembers.
    pub fn devices(&self) -> usize {
        self.devices.len()
    }

    /// The highest sequence number handled from `device`, and how it reaches the authority.
    pub fn handled(&self, device: &DeviceId) -> Option<(Source, u64)> {
        self.devices.get(device).map(|m| (m.source, m.handled))
    }

    pub(crate) fn device_mark(&self, device: &DeviceId) -> Option<&DeviceMark> {
        self.devices.get(device)
    }

    /// The device's mark, made if new. A device known by the other source is refused: a tablet
    /// can never borrow a teacher's window's id, nor a window a seat's.
    pub(crate) fn mark(
        &mut self,
        device: &DeviceId,
        source: Source,
    ) -> Result<&mut DeviceMark, DeviceInUse> {
        if !self.devices.contains_key(device) {
            self.forget_quietest_if_full();
            self.devices.insert(
                device.clone(),
                DeviceMark {
                    device: device.clone(),
                    source,
                    handled: 0,
                    heard: self.order,
                    recent: VecDeque::new(),
                },
            );
        }
        let mark = self.devices.get_mut(device).expect("inserted above");
        if mark.source != source {
            return Err(DeviceInUse);
        }
        Ok(mark)
    }

    /// Counts one more accepted operation and returns its order.
    pub(crate) fn next_order(&mut self) -> u64 {
        self.order += 1;
        self.order
    }

    fn forget_quietest_if_full(&mut self) {
        while self.devices.len() >= MAX_DEVICES {
            let quietest = self
                .devices
                .values()
                .min_by_key(|m| (m.heard, m.handled))
                .map(|m| m.device.clone());
            match quietest {
                Some(device) => self.devices.remove(&device),
                None => break,
            };
        }
    }
}

impl DeviceMark {
    /// Records a seat's answer for `seq`, keeping the latest [`RECENT_ANSWERS`].
    pub(crate) fn answered(&mut self, seq: u64, outcome: Outcome, order: u64) {
        self.handled = seq;
        self.heard = order;
        self.recent.push_back((seq, outcome));
        while self.recent.len() > RECENT_ANSWERS {
            self.recent.pop_front();
        }
    }

    /// The answer kept for `seq`, if still kept.
    pub(crate) fn answer_for(&self, seq: u64) -> Option<&Outcome> {
        self.recent.iter().find(|(s, _)| *s == seq).map(|(_, o)| o)
    }
}
