//! Turning domain values into the words shown on screen.

use withme_core::coproduction::names;
use withme_core::view::PlanSeen;
use withme_core::{
    Class, ItemList, Lesson, LessonDate, LessonLength, Library, Plan, ProposalKind, PupilId,
    Subject,
};

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date as a teacher writes it: "Tue 24 Nov 2026".
pub fn date(date: LessonDate) -> String {
    format!(
        "{} {} {} {}",
        WEEKDAYS[date.weekday() as usize],
        date.day(),
        MONTHS[date.month() as usize - 1],
        date.year()
    )
}

/// The class a lesson is for, if it has one.
pub fn class_of<'a>(library: &'a Library, lesson: &Lesson) -> Option<&'a Class> {
    lesson
        .plan()
        .class
        .as_ref()
        .and_then(|id| library.class(id))
}

/// One line about a lesson: "Geography · Year 5 Oak · Tue 24 Nov 2026 · 50 minutes".
pub fn lesson_details(library: &Library, lesson: &Lesson) -> String {
    let class = class_of(library, lesson).map(|c| c.name().as_str());
    plan_details(lesson.plan(), class)
}

/// A plan's details, with the class's name when given: "Geography · Tue 24 Nov 2026 · 50 minutes".
pub fn plan_details(plan: &Plan, class_name: Option<&str>) -> String {
    details(&plan.subject, class_name, plan.date, plan.length)
}

/// The same line for the plan as the class sees it (the Board), without the class's name.
pub fn seen_details(plan: &PlanSeen) -> String {
    details(&plan.subject, None, plan.date, plan.length)
}

fn details(
    subject: &Subject,
    class_name: Option<&str>,
    day: Option<LessonDate>,
    length: LessonLength,
) -> String {
    let mut parts = Vec::new();
    if !subject.is_empty() {
        parts.push(subject.to_string());
    }
    if let Some(name) = class_name {
        parts.push(name.to_owned());
    }
    if let Some(day) = day {
        parts.push(date(day));
    }
    parts.push(format!("{} minutes", length.minutes()));
    parts.join(" · ")
}

/// "Suggested by Amira and Chloé", or nothing when the teacher wrote the entry.
pub fn suggested_by(library: &Library, lesson: &Lesson, pupils: &[PupilId]) -> Option<String> {
    (!pupils.is_empty())
        .then(|| format!("Suggested by {}", names(class_of(library, lesson), pupils)))
}

/// One entry of a list, as a field label says it: "Success criterion".
pub fn item_label(list: ItemList) -> &'static str {
    match list {
        ItemList::Outcomes => "Learning outcome",
        ItemList::Criteria => "Success criterion",
        ItemList::Keywords => "Keyword",
        ItemList::Resources => "Resource",
    }
}

/// What a pupil proposes, as a button or a tag says it.
pub fn proposal_kind(kind: ProposalKind) -> &'static str {
    match kind {
        ProposalKind::Criterion => "Success criterion",
        ProposalKind::Activity => "Activity",
        ProposalKind::Resource => "Resource",
        ProposalKind::Keyword => "Keyword",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally() {
        let day = LessonDate::parse("2026-11-24").unwrap();
        assert_eq!(date(day), "Tue 24 Nov 2026");
    }
}
