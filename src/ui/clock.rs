//! Countdowns on screen: this device's clock, read four times a second while a countdown runs,
//! and "1:05" for 65 s.

use std::time::Duration;

use leptos::prelude::*;
use withme_core::Timestamp;

use crate::browser::now;

/// This device's time, updated four times a second while `running` holds and the component
/// that asked lives; with nothing to count down, no timer wakes the device.
pub fn ticking_while(running: impl Fn() -> bool + Send + Sync + 'static) -> ReadSignal<Timestamp> {
    let tick = RwSignal::new(now());
    let interval = StoredValue::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(handle) = interval.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    Effect::new(move |_| {
        let on = running();
        stop();
        if on {
            tick.set(now());
            let started =
                set_interval_with_handle(move || tick.set(now()), Duration::from_millis(250));
            interval.set_value(started.ok());
        }
    });
    on_cleanup(stop);
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
