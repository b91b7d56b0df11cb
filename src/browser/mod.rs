//! Small adapters over browser APIs: the clock, randomness, files in and out.

pub mod calendar;
pub mod files;
pub mod join_form;
pub mod json;
#[cfg(feature = "browser-json")]
pub mod json_reader;
pub mod offline;

use withme_core::{DeviceId, Timestamp};

/// Now, by the browser's clock.
pub fn now() -> Timestamp {
    Timestamp::from_millis(js_sys::Date::now().max(0.0) as u64)
}

/// A fresh random id for this window's operations.
pub fn random_device_id() -> DeviceId {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = (js_sys::Math::random() * 256.0) as u8 ^ (i as u8);
        }
    }
    DeviceId::from_random(bytes)
}

/// How long ago `then` was, in words ("just now", "5 minutes ago", "3 days ago").
pub fn time_ago(then: Timestamp, now: Timestamp) -> String {
    let seconds = now.millis().saturating_sub(then.millis()) / 1000;
    let (count, unit) = match seconds {
        0..60 => return "just now".into(),
        60..3_600 => (seconds / 60, "minute"),
        3_600..86_400 => (seconds / 3_600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural} ago")
}

/// A fresh random seed for the group maker and the picker.
pub fn random_seed() -> u64 {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if filled {
        u64::from_le_bytes(bytes)
    } else {
        (js_sys::Math::random() * u64::MAX as f64) as u64
    }
}
