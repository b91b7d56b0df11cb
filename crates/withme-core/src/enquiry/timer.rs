//! The lesson timer on the Board: a countdown for one phase of the plan or for a time set by
//! hand, that the teacher pauses, resumes and gives another minute.

use serde::{Deserialize, Serialize};

use crate::ids::ItemId;
use crate::time::Timestamp;

/// Longest a lesson timer runs, in minutes (six hours, as the longest phase).
pub const MAX_TIMER_MINUTES: u32 = 360;

/// A lesson timer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonTimer {
    /// The phase of the plan it times; none for a time set by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<ItemId>,
    /// How long it runs in all, in seconds, with every minute added.
    pub seconds: u32,
    /// How long it had run, in milliseconds, before it was last started or resumed.
    #[serde(default)]
    pub ran: u64,
    /// When it was last started or resumed; none while paused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Timestamp>,
}

/// What the teacher does to the lesson timer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum TimerChange {
    /// Time one phase of the plan, for its minutes (replacing any timer).
    Phase {
        /// Which phase.
        phase: ItemId,
    },
    /// Time a number of minutes set by hand (replacing any timer).
    Minutes {
        /// How many.
        minutes: u32,
    },
    /// Pause it.
    Pause,
    /// Carry on after a pause.
    Resume,
    /// Give it another minute.
    AddMinute,
    /// Take it off the Board.
    Stop,
}

impl LessonTimer {
    /// A timer of `seconds` for `phase`, running from `at`.
    pub fn start(phase: Option<ItemId>, seconds: u32, at: Timestamp) -> Self {
        LessonTimer {
            phase,
            seconds,
            ran: 0,
            since: Some(at),
        }
    }

    /// Milliseconds it has run at `now`, never beyond its length.
    fn ran_at(&self, now: Timestamp) -> u64 {
        // A start in the future (another device's clock) counts as just started.
        let running = self
            .since
            .map_or(0, |since| now.millis().saturating_sub(since.millis()));
        self.ran
            .saturating_add(running)
            .min(u64::from(self.seconds) * 1000)
    }

    /// Whole seconds left at `now` (0 once over).
    pub fn seconds_left(&self, now: Timestamp) -> u32 {
        let left = (u64::from(self.seconds) * 1000).saturating_sub(self.ran_at(now));
        u32::try_from(left.div_ceil(1000)).unwrap_or(self.seconds)
    }

    /// Whether it is paused.
    pub fn is_paused(&self) -> bool {
        self.since.is_none()
    }

    /// Paused at `at`.
    pub fn paused(&self, at: Timestamp) -> Self {
        LessonTimer {
            ran: self.ran_at(at),
            since: None,
            ..self.clone()
        }
    }

    /// Running again from `at` (unchanged if it runs already).
    pub fn resumed(&self, at: Timestamp) -> Self {
        LessonTimer {
            since: Some(self.since.unwrap_or(at)),
            ..self.clone()
        }
    }

    /// With another minute, counted from `at`: a timer already over has one minute left.
    pub fn with_another_minute(&self, at: Timestamp) -> Self {
        LessonTimer {
            seconds: self.seconds.saturating_add(60).min(MAX_TIMER_MINUTES * 60),
            ran: self.ran_at(at),
            since: self.since.map(|_| at),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64) -> Timestamp {
        Timestamp::from_millis(1_000_000 + seconds * 1000)
    }

    #[test]
    fn it_counts_down_pauses_resumes_and_gains_a_minute_even_once_over() {
        let timer = LessonTimer::start(None, 120, at(0));
        assert_eq!(timer.seconds_left(at(30)), 90);
        let paused = timer.paused(at(30));
        assert!(paused.is_paused());
        assert_eq!(
            paused.seconds_left(at(500)),
            90,
            "a paused timer stands still"
        );
        let resumed = paused.resumed(at(500));
        assert_eq!(resumed.seconds_left(at(510)), 80);
        assert_eq!(resumed.seconds_left(at(9_999)), 0);
        let more = resumed.with_another_minute(at(9_999));
        assert_eq!(
            more.seconds_left(at(9_999)),
            60,
            "over, then one more minute"
        );
        assert_eq!(more.seconds_left(at(10_029)), 30);
        let paused_more = resumed.paused(at(510)).with_another_minute(at(600));
        assert_eq!(paused_more.seconds_left(at(700)), 140);
        assert_eq!(
            LessonTimer::start(None, 60, at(100)).seconds_left(at(0)),
            60
        );
    }
}
