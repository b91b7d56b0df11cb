//! Days on this computer's calendar (its own time zone).

use withme_core::{LessonDate, Timestamp};

/// Today on this computer's calendar.
pub fn today() -> Option<LessonDate> {
    let date = js_sys::Date::new_0();
    LessonDate::parse(&format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    ))
    .ok()
}

/// The first moment of `day` on this computer's calendar.
pub fn start_of(day: LessonDate) -> Timestamp {
    let midnight = js_sys::Date::new_with_year_month_day(
        u32::from(day.year()),
        i32::from(day.month()) - 1,
        i32::from(day.day()),
    );
    Timestamp::from_millis(midnight.get_time().max(0.0) as u64)
}
