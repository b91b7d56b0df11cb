//! A pupil's tablet's outbox: the operations it made, waiting for the teacher's window.
//!
//! A window showing the Pupil view (or the passed tablet) never writes the shared library: it
//! holds only what a pupil may see, so it could not write the rest back. It keeps its
//! operations under `withme.outbox.<device>` instead, and any teacher window of the browser
//! (the authority) checks and applies them with the core, exactly as the sync server will, then
//! writes the library. The outbox empties as its operations settle in the stored library.
//!
//! It carries only pupils' own operations ([`PupilOperation`]): nothing in an outbox can speak
//! for the teacher.
//!
//! ```json
//! { "format": "withme.outbox", "version": 1, "ops": [ { "id": "…", "pupil": "…", "at": …, "command": { "type": "cast_ballot", … } } ] }
//! ```

use serde::{Deserialize, Serialize};
use withme_core::{Author, DeviceId, OpId, Operation, PupilCommand, PupilId, Timestamp};

use super::local_store::{self, StoreError};

/// Outbox keys start with this, followed by the device id.
pub const OUTBOX_PREFIX: &str = "withme.outbox.";

const FORMAT: &str = "withme.outbox";
const VERSION: u32 = 1;

/// A pupil's operation as a tablet sends it.
#[derive(Serialize, Deserialize)]
struct PupilOperation {
    id: OpId,
    pupil: PupilId,
    at: Timestamp,
    command: PupilCommand,
}

impl PupilOperation {
    fn from_operation(op: &Operation) -> Option<Self> {
        let Author::Pupil { pupil } = &op.author else {
            return None;
        };
        Some(Self {
            id: op.id.clone(),
            pupil: pupil.clone(),
            at: op.at,
            command: op.command.as_pupil_command()?,
        })
    }
}

impl From<PupilOperation> for Operation {
    fn from(op: PupilOperation) -> Self {
        Operation {
            id: op.id,
            author: Author::Pupil { pupil: op.pupil },
            at: op.at,
            command: op.command.into(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Outbox {
    format: String,
    version: u32,
    ops: Vec<PupilOperation>,
}

/// Whether a storage key is a tablet's outbox.
pub fn is_outbox_key(key: &str) -> bool {
    key.starts_with(OUTBOX_PREFIX)
}

/// Replaces this device's outbox with the pupils' operations among `ops`, or removes it when
/// there are none.
pub fn write<'a>(
    device: &DeviceId,
    ops: impl Iterator<Item = &'a Operation>,
) -> Result<(), StoreError> {
    let key = format!("{OUTBOX_PREFIX}{}", device.as_str());
    let ops: Vec<PupilOperation> = ops.filter_map(PupilOperation::from_operation).collect();
    if ops.is_empty() {
        return local_store::remove(&key);
    }
    let outbox = Outbox {
        format: FORMAT.into(),
        version: VERSION,
        ops,
    };
    let text = serde_json::to_string(&outbox).map_err(|e| StoreError::Failed(e.to_string()))?;
    local_store::write_raw(&key, &text)
}

/// The operations in one outbox's text, in order; nothing if it is not a readable outbox.
pub fn parse(text: &str) -> Vec<Operation> {
    match serde_json::from_str::<Outbox>(text) {
        Ok(outbox) if outbox.format == FORMAT && outbox.version == VERSION => {
            outbox.ops.into_iter().map(Operation::from).collect()
        }
        _ => Vec::new(),
    }
}

/// The operations in every outbox in storage, each outbox's in order.
pub fn read_all() -> Vec<Operation> {
    local_store::keys()
        .into_iter()
        .filter(|key| is_outbox_key(key))
        .filter_map(|key| local_store::read_raw(&key).ok().flatten())
        .flat_map(|text| parse(&text))
        .collect()
}
