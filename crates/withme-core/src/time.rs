//! Times, dates and durations. The core never reads a clock: every time is passed in.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A moment, in milliseconds since the Unix epoch, as read by the shell's clock.
///
/// Never later than [`Timestamp::MAX`] (the last moment a JavaScript `Date` can hold): a time
/// read from outside past it is refused, so no arithmetic on a time can overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct Timestamp(u64);

/// A time later than [`Timestamp::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("a time must be at most {} milliseconds after 1970", Timestamp::MAX.0)]
pub struct TimeOutOfRange;

impl TryFrom<u64> for Timestamp {
    type Error = TimeOutOfRange;
    fn try_from(millis: u64) -> Result<Self, TimeOutOfRange> {
        if millis > Self::MAX.0 {
            Err(TimeOutOfRange)
        } else {
            Ok(Self(millis))
        }
    }
}

impl From<Timestamp> for u64 {
    fn from(time: Timestamp) -> u64 {
        time.0
    }
}

impl Timestamp {
    /// The latest time Withme keeps: 8.64 × 10¹⁵ ms after 1970, in the year 275760.
    pub const MAX: Timestamp = Timestamp(8_640_000_000_000_000);

    /// The moment `millis` milliseconds after the Unix epoch.
    ///
    /// A reading later than [`Timestamp::MAX`] is taken as [`Timestamp::MAX`].
    pub const fn from_millis(millis: u64) -> Self {
        if millis > Self::MAX.0 {
            Self::MAX
        } else {
            Self(millis)
        }
    }

    /// Milliseconds since the Unix epoch.
    pub const fn millis(self) -> u64 {
        self.0
    }
}

/// Why a date or a length was refused. The `Display` text is shown at the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TimeError {
    /// Not a real calendar date in `YYYY-MM-DD` form.
    #[error("Enter a date like 2026-11-23.")]
    Date,
    /// A lesson length outside the allowed range.
    #[error("A lesson lasts between {min} and {max} minutes.", min = LessonLength::MIN, max = LessonLength::MAX)]
    Length,
    /// A phase's duration outside the allowed range.
    #[error("A phase lasts between {min} and {max} minutes.", min = PhaseMinutes::MIN, max = PhaseMinutes::MAX)]
    PhaseMinutes,
}

/// A calendar date, `YYYY-MM-DD`, with no time zone: the day the lesson is taught.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LessonDate {
    year: u16,
    month: u8,
    day: u8,
}

impl LessonDate {
    /// Parses `YYYY-MM-DD`, checking that the day exists (leap years included).
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(TimeError::Date);
        }
        let number = |range: std::ops::Range<usize>| -> Result<u16, TimeError> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| TimeError::Date)
            } else {
                Err(TimeError::Date)
            }
        };
        let year = number(0..4)?;
        let month = number(5..7)? as u8;
        let day = number(8..10)? as u8;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(TimeError::Date);
        }
        Ok(Self { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 (January) to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The day of the week: 0 is Monday, 6 is Sunday.
    pub fn weekday(self) -> u8 {
        const OFFSETS: [u16; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = self.year - u16::from(self.month < 3);
        let sunday_first = (y + y / 4 - y / 100
            + y / 400
            + OFFSETS[self.month as usize - 1]
            + u16::from(self.day))
            % 7;
        ((sunday_first + 6) % 7) as u8
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for LessonDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for LessonDate {
    type Error = TimeError;
    fn try_from(text: String) -> Result<Self, TimeError> {
        Self::parse(&text)
    }
}

impl From<LessonDate> for String {
    fn from(date: LessonDate) -> String {
        date.to_string()
    }
}

/// How long a lesson lasts, in whole minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct LessonLength(u16);

impl LessonLength {
    /// Shortest lesson allowed, in minutes.
    pub const MIN: u16 = 5;
    /// Longest lesson allowed, in minutes (a whole teaching day).
    pub const MAX: u16 = 360;

    /// A length in minutes, if it is within range.
    pub fn from_minutes(minutes: u16) -> Result<Self, TimeError> {
        if (Self::MIN..=Self::MAX).contains(&minutes) {
            Ok(Self(minutes))
        } else {
            Err(TimeError::Length)
        }
    }

    /// Parses what a person typed, e.g. "60".
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let minutes = text.trim().parse().map_err(|_| TimeError::Length)?;
        Self::from_minutes(minutes)
    }

    /// The length in minutes.
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl Default for LessonLength {
    /// An hour: the most common lesson length in UK schools.
    fn default() -> Self {
        Self(60)
    }
}

impl TryFrom<u16> for LessonLength {
    type Error = TimeError;
    fn try_from(minutes: u16) -> Result<Self, TimeError> {
        Self::from_minutes(minutes)
    }
}

impl From<LessonLength> for u16 {
    fn from(length: LessonLength) -> u16 {
        length.0
    }
}

/// How long one phase of a lesson lasts, in whole minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct PhaseMinutes(u16);

impl PhaseMinutes {
    /// Shortest phase allowed.
    pub const MIN: u16 = 1;
    /// Longest phase allowed (a whole teaching day, like a lesson).
    pub const MAX: u16 = LessonLength::MAX;

    /// A duration in minutes, if it is within range.
    pub fn from_minutes(minutes: u16) -> Result<Self, TimeError> {
        if (Self::MIN..=Self::MAX).contains(&minutes) {
            Ok(Self(minutes))
        } else {
            Err(TimeError::PhaseMinutes)
        }
    }

    /// Parses what a person typed, e.g. "10".
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let minutes = text.trim().parse().map_err(|_| TimeError::PhaseMinutes)?;
        Self::from_minutes(minutes)
    }

    /// The duration in minutes.
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for PhaseMinutes {
    type Error = TimeError;
    fn try_from(minutes: u16) -> Result<Self, TimeError> {
        Self::from_minutes(minutes)
    }
}

impl From<PhaseMinutes> for u16 {
    fn from(minutes: PhaseMinutes) -> u16 {
        minutes.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            LessonDate::parse("2028-02-29").unwrap().to_string(),
            "2028-02-29"
        );
        assert_eq!(LessonDate::parse("2026-02-29"), Err(TimeError::Date));
        assert_eq!(LessonDate::parse("2026-13-01"), Err(TimeError::Date));
        assert_eq!(LessonDate::parse("2026-1-01"), Err(TimeError::Date));
        assert_eq!(LessonDate::parse("2026-+1-01"), Err(TimeError::Date));
        assert_eq!(LessonDate::parse("yesterday"), Err(TimeError::Date));
        assert!(
            LessonDate::parse("2026-11-23").unwrap() < LessonDate::parse("2026-12-01").unwrap()
        );
    }

    #[test]
    fn weekdays_are_right() {
        let weekday = |text| LessonDate::parse(text).unwrap().weekday();
        assert_eq!(weekday("2026-11-23"), 0, "a Monday");
        assert_eq!(weekday("2026-11-29"), 6, "a Sunday");
        assert_eq!(weekday("2028-02-29"), 1, "a Tuesday");
        assert_eq!(weekday("2000-01-01"), 5, "a Saturday");
    }

    #[test]
    fn lengths_are_bounded() {
        assert_eq!(LessonLength::parse(" 50 ").unwrap().minutes(), 50);
        assert_eq!(LessonLength::parse("4"), Err(TimeError::Length));
        assert_eq!(LessonLength::parse("361"), Err(TimeError::Length));
        assert_eq!(LessonLength::parse("an hour"), Err(TimeError::Length));
        assert_eq!(
            TimeError::Length.to_string(),
            "A lesson lasts between 5 and 360 minutes."
        );
    }
}
