//! The plan as Markdown, for pasting into a school's planning system or a shared drive.
//!
//! [`plan_to_markdown`] writes it; [`read_plan_text`] reads the text back out of that Markdown,
//! so tests can prove the export loses no words. Characters Markdown would treat as formatting
//! are escaped with a backslash, and who suggested an entry follows it in italics.

use crate::class::Class;
use crate::coproduction::names;
use crate::ids::PupilId;
use crate::plan::{ItemList, NoteKind, Plan};

/// A section heading for each item list.
pub fn list_heading(list: ItemList) -> &'static str {
    match list {
        ItemList::Outcomes => "Learning outcomes",
        ItemList::Criteria => "Success criteria",
        ItemList::Keywords => "Keywords",
        ItemList::Resources => "Resources",
    }
}

/// A section heading for each note.
pub fn note_heading(note: NoteKind) -> &'static str {
    match note {
        NoteKind::PriorKnowledge => "Prior knowledge",
        NoteKind::Misconceptions => "Misconceptions",
        NoteKind::Support => "Support",
        NoteKind::Stretch => "Stretch",
        NoteKind::Homework => "Homework or extension",
    }
}

const PHASES: &str = "Phases";
const ENQUIRY: &str = "Enquiry question";
const SUGGESTED: &str = " _(suggested by ";

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text for a paragraph or a list item: escaped, and each line's start made plain too, so that
/// no line reads as a list item, a numbered item, a heading underline or indented code (the
/// spaces a line starts with are dropped, as a Markdown reader would drop them).
fn escape_lines(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let line = escape(line.trim_start());
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            match line[digits..].chars().next() {
                Some('-' | '+' | '=') if digits == 0 => format!("\\{line}"),
                Some('.' | ')') if digits > 0 => {
                    format!("{}\\{}", &line[..digits], &line[digits..])
                }
                _ => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

fn provenance(class: Option<&Class>, pupils: &[PupilId]) -> String {
    if pupils.is_empty() {
        String::new()
    } else {
        format!("{SUGGESTED}{})_", escape(&names(class, pupils)))
    }
}

/// The plan as Markdown. `class` names the pupils who suggested entries.
pub fn plan_to_markdown(plan: &Plan, class: Option<&Class>) -> String {
    let mut md = format!("# {}\n", escape(plan.title.as_str()));
    let mut details = vec![format!("{} minutes", plan.length.minutes())];
    if !plan.subject.is_empty() {
        details.insert(0, escape(plan.subject.as_str()));
    }
    if let Some(class) = class {
        details.push(escape(class.name().as_str()));
    }
    if let Some(date) = plan.date {
        details.push(date.to_string());
    }
    md += &format!("\n{}\n", details.join(" · "));
    let list = |md: &mut String, list: ItemList| {
        let items = plan.items(list);
        if items.is_empty() {
            return;
        }
        *md += &format!("\n## {}\n\n", list_heading(list));
        for item in items {
            *md += &format!(
                "- {}{}\n",
                escape_lines(item.text.as_str()),
                provenance(class, &item.suggested_by)
            );
        }
    };
    list(&mut md, ItemList::Outcomes);
    list(&mut md, ItemList::Criteria);
    if !plan.phases.is_empty() {
        md += &format!(
            "\n## {PHASES}\n\n{} of {} minutes planned.\n",
            plan.planned_minutes(),
            plan.length.minutes()
        );
        for phase in &plan.phases {
            md += &format!(
                "\n### {} · {} min{}\n",
                escape(phase.title.as_str()),
                phase.minutes.minutes(),
                provenance(class, &phase.suggested_by)
            );
            if !phase.description.is_empty() {
                md += &format!("\n{}\n", escape_lines(phase.description.as_str()));
            }
        }
    }
    list(&mut md, ItemList::Keywords);
    list(&mut md, ItemList::Resources);
    for note in NoteKind::ALL {
        let text = plan.note(note);
        if !text.is_empty() {
            md += &format!(
                "\n## {}\n\n{}\n",
                note_heading(note),
                escape_lines(text.as_str())
            );
        }
    }
    if let Some(question) = &plan.enquiry_question {
        md += &format!("\n## {ENQUIRY}\n\n{}\n", escape_lines(question.as_str()));
    }
    md
}

/// A phase as read back from Markdown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PhaseText {
    /// Its title.
    pub title: String,
    /// Its minutes.
    pub minutes: u16,
    /// Its description.
    pub description: String,
}

/// The words of a plan, as read back from its Markdown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanText {
    /// The title.
    pub title: String,
    /// Each item list's texts, in order.
    pub lists: Vec<(ItemList, Vec<String>)>,
    /// The phases.
    pub phases: Vec<PhaseText>,
    /// Each note that is written.
    pub notes: Vec<(NoteKind, String)>,
    /// The enquiry question, if chosen.
    pub enquiry_question: Option<String>,
}

impl PlanText {
    /// The words of `plan`, as [`read_plan_text`] should find them in its Markdown (where, as
    /// for any Markdown reader, the spaces that start a line are not kept).
    pub fn of(plan: &Plan) -> Self {
        let texts =
            |items: &[crate::plan::Item]| items.iter().map(|i| kept(i.text.as_str())).collect();
        Self {
            title: plan.title.as_str().to_owned(),
            lists: ItemList::ALL
                .iter()
                .filter(|&&list| !plan.items(list).is_empty())
                .map(|&list| (list, texts(plan.items(list))))
                .collect(),
            phases: plan
                .phases
                .iter()
                .map(|p| PhaseText {
                    title: p.title.as_str().to_owned(),
                    minutes: p.minutes.minutes(),
                    description: kept(p.description.as_str()),
                })
                .collect(),
            notes: NoteKind::ALL
                .iter()
                .filter(|&&note| !plan.note(note).is_empty())
                .map(|&note| (note, kept(plan.note(note).as_str())))
                .collect(),
            enquiry_question: plan.enquiry_question.as_ref().map(|q| kept(q.as_str())),
        }
    }
}

/// Text as Markdown keeps it: without the spaces that start each line.
fn kept(text: &str) -> String {
    text.split('\n')
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Strips the unescaped " _(suggested by …)_" that ends an entry, if there is one.
fn without_provenance(line: &str) -> &str {
    let mut escaped = false;
    for (index, c) in line.char_indices() {
        if !escaped && line[index..].starts_with(SUGGESTED) {
            return &line[..index];
        }
        escaped = !escaped && c == '\\';
    }
    line
}

/// Reads the words of a plan back out of Markdown written by [`plan_to_markdown`].
pub fn read_plan_text(markdown: &str) -> PlanText {
    let mut text = PlanText::default();
    let mut section = "";
    let mut body: Vec<&str> = Vec::new();
    let finish = |text: &mut PlanText, section: &str, body: &mut Vec<&str>| {
        let joined = unescape(body.join("\n").trim());
        body.clear();
        if section == ENQUIRY {
            text.enquiry_question = Some(joined);
        } else if let Some(note) = NoteKind::ALL
            .into_iter()
            .find(|&n| note_heading(n) == section)
        {
            text.notes.push((note, joined));
        } else if section == PHASES
            && let Some(phase) = text.phases.last_mut()
        {
            phase.description = joined;
        }
    };
    for line in markdown.lines() {
        if let Some(title) = line.strip_prefix("# ") {
            text.title = unescape(title);
        } else if let Some(heading) = line.strip_prefix("## ") {
            finish(&mut text, section, &mut body);
            section = heading;
            if let Some(list) = ItemList::ALL
                .into_iter()
                .find(|&l| list_heading(l) == heading)
            {
                text.lists.push((list, Vec::new()));
            }
        } else if let Some(heading) = line.strip_prefix("### ") {
            finish(&mut text, section, &mut body);
            let heading = without_provenance(heading);
            let (title, minutes) = heading.rsplit_once(" · ").unwrap_or((heading, ""));
            text.phases.push(PhaseText {
                title: unescape(title),
                minutes: minutes.trim_end_matches(" min").parse().unwrap_or(0),
                description: String::new(),
            });
        } else if let (Some(entry), Some((_, items))) =
            (line.strip_prefix("- "), text.lists.last_mut())
            && ItemList::ALL.iter().any(|&l| list_heading(l) == section)
        {
            items.push(unescape(without_provenance(entry)));
        } else if section == PHASES && text.phases.is_empty() {
            // The "N of M minutes planned" line.
        } else if !section.is_empty() {
            body.push(line);
        }
    }
    finish(&mut text, section, &mut body);
    text
}
