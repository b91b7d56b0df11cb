//! Rate limits: how often one address may try a join code, and how fast one connection may send.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Wrong join codes one address may try in [`ATTEMPT_WINDOW`].
pub const WRONG_CODES_PER_ADDRESS: usize = 10;
/// How long wrong attempts are remembered.
pub const ATTEMPT_WINDOW: Duration = Duration::from_secs(10 * 60);

/// Lessons one address may take live in an hour.
pub const GO_LIVE_PER_HOUR: usize = 30;

/// Counts attempts per address in a sliding window.
#[derive(Default)]
pub struct Attempts {
    seen: Mutex<HashMap<IpAddr, Vec<Instant>>>,
}

impl Attempts {
    /// Whether `address` has already made `most` attempts in `window`.
    pub fn exhausted(&self, address: IpAddr, most: usize, window: Duration) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let since = Instant::now().checked_sub(window);
        let times = seen.entry(address).or_default();
        times.retain(|at| since.is_none_or(|since| *at > since));
        times.len() >= most
    }

    /// Counts one attempt by `address`.
    pub fn count(&self, address: IpAddr) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.entry(address).or_default().push(Instant::now());
        // Bounded: addresses quiet for a window are forgotten once the map grows.
        if seen.len() > 10_000 {
            let since = Instant::now().checked_sub(ATTEMPT_WINDOW);
            seen.retain(|_, times| times.iter().any(|at| since.is_none_or(|s| *at > s)));
        }
    }
}

/// A token bucket: `rate` messages a second, bursts of `burst`.
pub struct Bucket {
    tokens: f64,
    rate: f64,
    burst: f64,
    last: Instant,
}

impl Bucket {
    /// A full bucket.
    pub fn new(rate: f64, burst: f64) -> Self {
        Self {
            tokens: burst,
            rate,
            burst,
            last: Instant::now(),
        }
    }

    /// Takes a token if there is one.
    pub fn take(&mut self) -> bool {
        let now = Instant::now();
        let elapsed = now.duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_are_counted_per_address_within_the_window() {
        let attempts = Attempts::default();
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        for _ in 0..3 {
            attempts.count(a);
        }
        assert!(attempts.exhausted(a, 3, Duration::from_secs(60)));
        assert!(!attempts.exhausted(b, 3, Duration::from_secs(60)));
        assert!(!attempts.exhausted(a, 3, Duration::ZERO));
    }

    #[test]
    fn a_bucket_allows_a_burst_then_its_rate() {
        let mut bucket = Bucket::new(1.0, 3.0);
        assert!(bucket.take() && bucket.take() && bucket.take());
        assert!(!bucket.take());
    }
}
