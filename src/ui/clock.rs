//! Countdowns on screen: this device's clock, read four times a second, and "1:05" for 65 s.

use std::time::Duration;

use leptos::prelude::*;
use withme_core::Timestamp;

use crate::browser::now;

/// This device's time, updated four times a second while the component that asked lives.
pub fn ticking_now() -> ReadSignal<Timestamp> {
    let tick = RwSignal::new(now());
    if let Ok(handle) =
        set_interval_with_handle(move || tick.set(now()), Duration::from_millis(250))
    {
        on_cleanup(move || handle.clear());
    }
    tick.read_only()
}

/// "1:05" for 65 seconds, "1:02:05" from an hour.
pub fn clock_text(seconds: u32) -> String {
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::clock_text;

    #[test]
    fn a_countdown_reads_as_a_clock() {
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(65), "1:05");
        assert_eq!(clock_text(12 * 60), "12:00");
        assert_eq!(clock_text(3600 + 2 * 60 + 5), "1:02:05");
    }
}
