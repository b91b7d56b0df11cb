//! Telling this browser's other Withme windows what a save wrote, for a store that sends no
//! storage events (IndexedDB): a BroadcastChannel. A window hears every other window's
//! messages, never its own; a message that does not read, or is too long, is ignored.

use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent};

use super::local_store::StoreError;

/// The channel's name.
pub const CHANNEL: &str = "withme.library";

/// The longest message read, in characters: the keys of every record of a year's library.
const MESSAGE_MAX: usize = 1_000_000;

/// What one save wrote, by record key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// The save's stamp (see [`super::library_records::SAVE_STAMP`]): a window that has
    /// already read the library at this stamp need not read it again.
    pub stamp: String,
    /// The stamp of the save it was made against: a window holding the library at that stamp
    /// reads only the records named here.
    #[serde(default)]
    pub after: Option<String>,
    /// Lesson records written.
    #[serde(default)]
    pub lessons: Vec<String>,
    /// Lesson records removed.
    #[serde(default)]
    pub removed: Vec<String>,
    /// Other records written (classes, templates, the ledger).
    #[serde(default)]
    pub parts: Vec<String>,
}

/// This window's end of the channel. Dropping it closes it.
pub struct WindowChannel {
    channel: BroadcastChannel,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl WindowChannel {
    /// Opens the channel named `name` ([`CHANNEL`]; tests use their own), calling `heard` with
    /// each message another window sends.
    pub fn open(name: &str, mut heard: impl FnMut(Written) + 'static) -> Result<Self, StoreError> {
        let channel = BroadcastChannel::new(name).map_err(|_| StoreError::Blocked)?;
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(written) = read_message(&event.data()) {
                heard(written);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Ok(Self {
            channel,
            _listener: listener,
        })
    }

    /// Tells every other window what this one wrote.
    pub fn tell(&self, written: &Written) {
        if let Ok(text) = serde_json::to_string(written) {
            let _ = self.channel.post_message(&JsValue::from_str(&text));
        }
    }
}

impl Drop for WindowChannel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// A message as another window sent it, if it is one.
fn read_message(data: &JsValue) -> Option<Written> {
    let text = data.as_string()?;
    if text.len() > MESSAGE_MAX {
        return None;
    }
    serde_json::from_str(&text).ok()
}
