//! Reads and writes the JSON of messages and small stored texts.
//!
//! Built with the `browser-json` feature (the Pupil and Board apps), it goes through the
//! browser's own `JSON.parse` and `JSON.stringify`: reading with Withme's own small deserializer
//! over the parsed value ([`super::json_reader`]), writing with `serde-wasm-bindgen`. Far less
//! code per type than `serde_json`'s parser, generated for every type read, which keeps a
//! tablet's download small (figures in the README). Without it (the teacher's app, which reads
//! whole libraries through `serde_json` anyway) it is `serde_json`. Either way the same JSON is
//! read and written: every validated type checked, unknown fields refused where the type
//! refuses them, maps as objects and `None` as `null`. The browser's reader keeps no wording
//! of why it refused (a tablet only ever drops what it cannot read).

use serde::Serialize;
use serde::de::DeserializeOwned;

/// `text` read as a `T`; why not, if it is not JSON or not a `T`.
#[cfg(feature = "browser-json")]
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|_| "not JSON".to_string())?;
    super::json_reader::from_parsed(value).map_err(|refused| refused.to_string())
}

/// `value` as JSON text (a map's keys perhaps in another order than `serde_json`'s); why not,
/// if it holds a number JSON cannot carry exactly.
#[cfg(feature = "browser-json")]
pub fn write<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = value.serialize(&serializer).map_err(|e| e.to_string())?;
    js_sys::JSON::stringify(&value)
        .map(String::from)
        .map_err(|_| "not JSON".to_string())
}

/// `text` read as a `T`; why not, if it is not JSON or not a `T`.
#[cfg(not(feature = "browser-json"))]
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// `value` as JSON text; why not, if it cannot be written as JSON.
#[cfg(not(feature = "browser-json"))]
pub fn write<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}
