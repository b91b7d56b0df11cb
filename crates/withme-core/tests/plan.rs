//! Editing a plan: entries, phases, notes, templates, undo and redo, and the Markdown export.

mod support;

use proptest::prelude::*;
use support::{Scenario, text, title_of};
use withme_core::markdown::{PlanText, plan_to_markdown, read_plan_text};
use withme_core::undo::UndoHistory;
use withme_core::{
    BuiltInTemplate, Command, ItemId, ItemList, ItemText, LessonId, LessonLength, Library,
    NoteKind, Notes, PhaseMinutes, PhaseTitle, Plan, Rejection, Section, TemplateChoice,
    TemplateId, TemplateName,
};

fn new_lesson_from(s: &mut Scenario, template: BuiltInTemplate) -> LessonId {
    let op = s.op(
        withme_core::Author::Teacher,
        Command::CreateLesson {
            title: title_of("Rivers"),
            class: None,
            template: Some(TemplateChoice::BuiltIn(template)),
        },
    );
    s.library.apply(&op).unwrap();
    LessonId::from(&op.id)
}

fn plan(s: &Scenario, lesson: &LessonId) -> Plan {
    s.library.lesson(lesson).unwrap().plan().clone()
}

#[test]
fn every_built_in_template_fills_an_hour_with_phases() {
    let mut s = Scenario::new();
    for template in BuiltInTemplate::ALL {
        let lesson = new_lesson_from(&mut s, template);
        let plan = plan(&s, &lesson);
        assert!(plan.phases.len() >= 3, "{template:?}");
        assert_eq!(plan.planned_minutes(), 60, "{template:?}");
        assert_eq!(plan.title.as_str(), "Rivers");
    }
}

#[test]
fn phases_that_overrun_the_lesson_are_reported() {
    let mut s = Scenario::new();
    let lesson = new_lesson_from(&mut s, BuiltInTemplate::ThreePart);
    assert_eq!(plan(&s, &lesson).overrun_minutes(), None);
    s.teacher(Command::AddPhase {
        lesson: lesson.clone(),
        title: PhaseTitle::parse("Extra").unwrap(),
        minutes: PhaseMinutes::from_minutes(15).unwrap(),
    })
    .unwrap();
    assert_eq!(plan(&s, &lesson).overrun_minutes(), Some(15));
    s.teacher(Command::SetLessonLength {
        lesson: lesson.clone(),
        length: LessonLength::from_minutes(75).unwrap(),
    })
    .unwrap();
    assert_eq!(plan(&s, &lesson).overrun_minutes(), None);
}

#[test]
fn phases_reorder_and_unknown_entries_are_refused() {
    let mut s = Scenario::new();
    let lesson = new_lesson_from(&mut s, BuiltInTemplate::ThreePart);
    let main = plan(&s, &lesson).phases[1].id.clone();
    s.teacher(Command::MoveEntry {
        lesson: lesson.clone(),
        section: Section::Phases,
        entry: main.clone(),
        to: 0,
    })
    .unwrap();
    let titles: Vec<_> = plan(&s, &lesson)
        .phases
        .iter()
        .map(|p| p.title.to_string())
        .collect();
    assert_eq!(titles, ["Main activity", "Starter", "Plenary"]);
    s.teacher(Command::MoveEntry {
        lesson: lesson.clone(),
        section: Section::Phases,
        entry: main.clone(),
        to: 99,
    })
    .unwrap();
    assert_eq!(plan(&s, &lesson).phases[2].id, main);
    let gone = ItemId::parse("nothing.1").unwrap();
    assert_eq!(
        s.teacher(Command::RemoveEntry {
            lesson: lesson.clone(),
            section: Section::Phases,
            entry: gone,
        }),
        Err(Rejection::UnknownEntry)
    );
}

#[test]
fn a_section_holds_a_bounded_number_of_entries() {
    let mut s = Scenario::new();
    let lesson = s.new_lesson("Rivers");
    for n in 0..withme_core::MAX_ENTRIES_PER_SECTION {
        s.teacher(Command::AddItem {
            lesson: lesson.clone(),
            list: ItemList::Keywords,
            text: text(&format!("word {n}")),
        })
        .unwrap();
    }
    assert_eq!(
        s.teacher(Command::AddItem {
            lesson: lesson.clone(),
            list: ItemList::Keywords,
            text: text("one too many"),
        }),
        Err(Rejection::SectionFull {
            max: withme_core::MAX_ENTRIES_PER_SECTION
        })
    );
}

#[test]
fn a_saved_template_starts_new_lessons_without_names_or_class() {
    let mut s = Scenario::new();
    let (class, _) = s.new_class("Year 5 Oak", &["Amira"]);
    let lesson = new_lesson_from(&mut s, BuiltInTemplate::Cooperative);
    s.teacher(Command::SetLessonClass {
        lesson: lesson.clone(),
        class: Some(class),
    })
    .unwrap();
    s.teacher(Command::AddItem {
        lesson: lesson.clone(),
        list: ItemList::Outcomes,
        text: text("I can work in a team."),
    })
    .unwrap();
    let save = s.op(
        withme_core::Author::Teacher,
        Command::SaveTemplate {
            lesson: lesson.clone(),
            name: TemplateName::parse("Team maths").unwrap(),
        },
    );
    s.library.apply(&save).unwrap();
    let template = TemplateId::from(&save.id);
    let op = s.op(
        withme_core::Author::Teacher,
        Command::CreateLesson {
            title: title_of("Fractions together"),
            class: None,
            template: Some(TemplateChoice::Saved(template.clone())),
        },
    );
    s.library.apply(&op).unwrap();
    let copy = plan(&s, &LessonId::from(&op.id));
    assert_eq!(copy.title.as_str(), "Fractions together");
    assert_eq!(copy.class, None);
    assert_eq!(copy.outcomes[0].text.as_str(), "I can work in a team.");
    assert_eq!(copy.phases.len(), 5);

    s.teacher(Command::DeleteTemplate {
        template: template.clone(),
    })
    .unwrap();
    assert_eq!(
        s.teacher(Command::CreateLesson {
            title: title_of("x"),
            class: None,
            template: Some(TemplateChoice::Saved(template)),
        }),
        Err(Rejection::UnknownTemplate)
    );
}

/// Applies `command` as the teacher, recording it in `history` first, as the Planner does.
fn edit(s: &mut Scenario, history: &mut UndoHistory, command: Command) {
    let op = s.op(withme_core::Author::Teacher, command);
    history.record(&s.library, &op.command, &op.id);
    s.library.apply(&op).unwrap();
}

fn undo(s: &mut Scenario, history: &mut UndoHistory) {
    let id = s.next_id();
    let step = history.undo(&s.library, &id).expect("something to undo");
    let op = s.op(withme_core::Author::Teacher, step.command.clone());
    assert_eq!(op.id, id);
    s.library.apply(&op).unwrap();
    history.undone(step);
}

fn redo(s: &mut Scenario, history: &mut UndoHistory) {
    let id = s.next_id();
    let step = history.redo(&s.library, &id).expect("something to redo");
    let op = s.op(withme_core::Author::Teacher, step.command.clone());
    assert_eq!(op.id, id);
    s.library.apply(&op).unwrap();
    history.redone(step);
}

#[test]
fn undo_and_redo_walk_back_and_forth_through_edits() {
    let mut s = Scenario::new();
    let lesson = new_lesson_from(&mut s, BuiltInTemplate::ThreePart);
    let start = plan(&s, &lesson);
    let mut history = UndoHistory::default();

    // Typing "Pl", "Pla", "Place" in one note is one step.
    for typed in ["Pl", "Pla", "Place value"] {
        edit(
            &mut s,
            &mut history,
            Command::SetNote {
                lesson: lesson.clone(),
                note: NoteKind::PriorKnowledge,
                text: Notes::parse(typed).unwrap(),
            },
        );
    }
    let starter = start.phases[0].id.clone();
    edit(
        &mut s,
        &mut history,
        Command::MoveEntry {
            lesson: lesson.clone(),
            section: Section::Phases,
            entry: starter.clone(),
            to: 2,
        },
    );
    edit(
        &mut s,
        &mut history,
        Command::RemoveEntry {
            lesson: lesson.clone(),
            section: Section::Phases,
            entry: starter.clone(),
        },
    );
    edit(
        &mut s,
        &mut history,
        Command::AddItem {
            lesson: lesson.clone(),
            list: ItemList::Criteria,
            text: text("I add tens first."),
        },
    );
    let end = plan(&s, &lesson);

    for _ in 0..4 {
        undo(&mut s, &mut history);
    }
    assert!(!history.can_undo());
    assert_eq!(plan(&s, &lesson), start);
    for _ in 0..4 {
        redo(&mut s, &mut history);
    }
    assert!(!history.can_redo());
    assert_eq!(plan(&s, &lesson), end);

    undo(&mut s, &mut history);
    edit(
        &mut s,
        &mut history,
        Command::RenameLesson {
            lesson: lesson.clone(),
            title: title_of("Rivers 2"),
        },
    );
    assert!(!history.can_redo(), "a new edit empties the redo stack");
}

fn plan_strategy() -> impl Strategy<Value = Plan> {
    let line = "[A-Za-z0-9 _*#\\[\\]`<>|\\\\()·.,!?'&+=)-]{1,60}"
        .prop_filter_map("not blank", |t| ItemText::parse(&t).ok());
    let note = prop::collection::vec("[A-Za-z0-9 _*#().&+=\\\\-]{0,30}", 0..4)
        .prop_filter_map("valid", |lines| Notes::parse(&lines.join("\n")).ok());
    let title =
        "[A-Za-z0-9 _*#()·-]{1,40}".prop_filter_map("valid", |t| PhaseTitle::parse(&t).ok());
    (
        prop::collection::vec(prop::collection::vec(line.clone(), 0..4), 4),
        prop::collection::vec((title, 1u16..60, note.clone()), 0..5),
        prop::collection::vec(note, 5),
        prop::option::of(line),
    )
        .prop_map(|(lists, phases, notes, question)| {
            let mut plan = Plan::new(title_of("Rivers *and* seas"), None);
            for (n, texts) in lists.into_iter().enumerate() {
                let items = texts
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| withme_core::Item {
                        id: ItemId::parse(&format!("l{n}.{i}")).unwrap(),
                        text,
                        suggested_by: Vec::new(),
                    })
                    .collect();
                match ItemList::ALL[n] {
                    ItemList::Outcomes => plan.outcomes = items,
                    ItemList::Criteria => plan.criteria = items,
                    ItemList::Keywords => plan.keywords = items,
                    ItemList::Resources => plan.resources = items,
                }
            }
            plan.phases = phases
                .into_iter()
                .enumerate()
                .map(|(i, (title, minutes, description))| withme_core::Phase {
                    id: ItemId::parse(&format!("p.{i}")).unwrap(),
                    title,
                    description,
                    minutes: PhaseMinutes::from_minutes(minutes).unwrap(),
                    suggested_by: Vec::new(),
                })
                .collect();
            plan.prior_knowledge = notes[0].clone();
            plan.misconceptions = notes[1].clone();
            plan.support = notes[2].clone();
            plan.stretch = notes[3].clone();
            plan.homework = notes[4].clone();
            plan.enquiry_question = question;
            plan
        })
}

proptest! {
    #[test]
    fn the_markdown_export_round_trips_the_plans_text(plan in plan_strategy()) {
        let markdown = plan_to_markdown(&plan, None);
        prop_assert_eq!(read_plan_text(&markdown), PlanText::of(&plan), "{}", markdown);
    }
}

#[test]
fn the_markdown_export_names_who_suggested_each_entry() {
    let library: Library =
        withme_core::document::parse_library(include_str!("fixtures/library-v2.json"))
            .unwrap()
            .library;
    let lesson = library
        .lesson(&LessonId::parse("k3j9x2abcd7q1.2").unwrap())
        .unwrap();
    let class = library.class(lesson.plan().class.as_ref().unwrap());
    let markdown = plan_to_markdown(lesson.plan(), class);
    assert!(markdown.starts_with(
        "# Where do rivers begin?\n\nGeography · 50 minutes · Year 5 Oak · 2026-11-24\n"
    ));
    assert!(markdown.contains(
        "- I use the words tributary and confluence. _(suggested by Amira and Chloé)_\n"
    ));
    assert!(markdown.contains("### Build a river in a tray · 10 min _(suggested by Dev)_\n"));
    assert!(markdown.contains("50 of 50 minutes planned."));
    assert_eq!(read_plan_text(&markdown), PlanText::of(lesson.plan()));
}

/// The plan's words as a CommonMark reader finds them in the export: the title (level 1), each
/// list item, each phase's heading (level 3), and the paragraphs under each heading.
#[derive(Debug, Default, PartialEq, Eq)]
struct ReadByCommonMark {
    title: Vec<String>,
    items: Vec<String>,
    phases: Vec<String>,
    /// Each heading's text with its paragraphs' text (one line each, in order).
    bodies: Vec<(String, Vec<String>)>,
}

fn read_by_commonmark(markdown: &str) -> ReadByCommonMark {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut read = ReadByCommonMark::default();
    let mut text = String::new();
    let mut in_item = 0usize;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Item) => {
                in_item += 1;
                text.clear();
            }
            Event::Start(Tag::Heading { .. } | Tag::Paragraph) if in_item == 0 => text.clear(),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::Item) => {
                in_item -= 1;
                read.items.push(std::mem::take(&mut text));
            }
            Event::End(TagEnd::Heading(level)) => {
                let heading = std::mem::take(&mut text);
                match level {
                    HeadingLevel::H1 => read.title.push(heading.clone()),
                    HeadingLevel::H3 => read.phases.push(heading.clone()),
                    _ => {}
                }
                read.bodies.push((heading, Vec::new()));
            }
            Event::End(TagEnd::Paragraph) if in_item == 0 => {
                let paragraph = std::mem::take(&mut text);
                if let Some((_, body)) = read.bodies.last_mut() {
                    body.extend(paragraph.lines().map(str::to_owned));
                }
            }
            _ => {}
        }
    }
    read
}

/// Text as a CommonMark paragraph keeps it: each line without the spaces at its ends, and no
/// empty lines.
fn as_paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

proptest! {
    /// Read by a CommonMark parser (not by Withme's own reader), the export says exactly the
    /// plan's words: the title, every entry, every phase, every note and the enquiry question.
    #[test]
    fn a_commonmark_reader_finds_the_plans_words_in_the_export(plan in plan_strategy()) {
        let markdown = plan_to_markdown(&plan, None);
        let read = read_by_commonmark(&markdown);
        prop_assert_eq!(&read.title, &vec![plan.title.as_str().to_owned()], "{}", markdown);
        let items: Vec<String> = [ItemList::Outcomes, ItemList::Criteria, ItemList::Keywords, ItemList::Resources]
            .iter()
            .flat_map(|&list| plan.items(list).iter().map(|i| i.text.as_str().to_owned()))
            .collect();
        prop_assert_eq!(&read.items, &items, "{}", markdown);
        let phases: Vec<String> = plan
            .phases
            .iter()
            .map(|p| format!("{} · {} min", p.title.as_str(), p.minutes.minutes()))
            .collect();
        prop_assert_eq!(&read.phases, &phases, "{}", markdown);
        let body = |heading: &str| -> Vec<String> {
            read.bodies
                .iter()
                .find(|(h, _)| h == heading)
                .map(|(_, b)| b.clone())
                .unwrap_or_default()
        };
        for (phase, heading) in plan.phases.iter().zip(&phases) {
            prop_assert_eq!(body(heading), as_paragraphs(phase.description.as_str()), "{}", markdown);
        }
        for note in withme_core::NoteKind::ALL {
            let text = plan.note(note).as_str();
            let heading = withme_core::markdown::note_heading(note);
            prop_assert_eq!(body(heading), as_paragraphs(text), "{:?} {}", note, markdown);
        }
        if let Some(question) = &plan.enquiry_question {
            prop_assert_eq!(body("Enquiry question"), as_paragraphs(question.as_str()), "{}", markdown);
        }
    }
}

#[test]
fn every_undoable_plan_edit_is_put_back_by_undo_and_made_again_by_redo() {
    use withme_core::{Entry, LessonDate, LessonLength, PhaseMinutes, PhaseTitle, Subject};
    let mut s = Scenario::new();
    let (class, _) = s.new_class("Year 5 Oak", &["Amira"]);
    let lesson = new_lesson_from(&mut s, BuiltInTemplate::ThreePart);
    let first_phase = plan(&s, &lesson).phases[0].clone();
    let l = || lesson.clone();
    // An item to edit, remove and move.
    s.teacher(Command::AddItem {
        lesson: l(),
        list: ItemList::Criteria,
        text: text("I can name a river."),
    })
    .unwrap();
    s.teacher(Command::AddItem {
        lesson: l(),
        list: ItemList::Criteria,
        text: text("I can find its source."),
    })
    .unwrap();
    let item = plan(&s, &lesson).criteria[0].clone();
    let edits = vec![
        Command::RenameLesson {
            lesson: l(),
            title: title_of("Rivers and seas"),
        },
        Command::SetLessonSubject {
            lesson: l(),
            subject: Subject::parse("Geography").unwrap(),
        },
        Command::SetLessonClass {
            lesson: l(),
            class: Some(class.clone()),
        },
        Command::SetLessonDate {
            lesson: l(),
            date: Some(LessonDate::parse("2026-12-01").unwrap()),
        },
        Command::SetLessonLength {
            lesson: l(),
            length: LessonLength::from_minutes(45).unwrap(),
        },
        Command::SetNote {
            lesson: l(),
            note: NoteKind::Homework,
            text: Notes::parse("Find a river near home.").unwrap(),
        },
        Command::AddItem {
            lesson: l(),
            list: ItemList::Keywords,
            text: text("tributary"),
        },
        Command::EditItem {
            lesson: l(),
            list: ItemList::Criteria,
            item: item.id.clone(),
            text: text("I can name two rivers."),
        },
        Command::AddPhase {
            lesson: l(),
            title: PhaseTitle::parse("Plenary").unwrap(),
            minutes: PhaseMinutes::from_minutes(5).unwrap(),
        },
        Command::EditPhase {
            lesson: l(),
            phase: first_phase.id.clone(),
            title: PhaseTitle::parse("Warm-up").unwrap(),
            description: Notes::parse("Rivers we know.").unwrap(),
            minutes: PhaseMinutes::from_minutes(7).unwrap(),
        },
        Command::RemoveEntry {
            lesson: l(),
            section: Section::Items(ItemList::Criteria),
            entry: item.id.clone(),
        },
        Command::MoveEntry {
            lesson: l(),
            section: Section::Phases,
            entry: first_phase.id.clone(),
            to: 2,
        },
        Command::InsertEntry {
            lesson: l(),
            section: Section::Phases,
            at: 1,
            entry: Entry::Phase(withme_core::Phase {
                id: withme_core::ItemId::parse("pasted.1").unwrap(),
                ..first_phase.clone()
            }),
        },
    ];
    for command in edits {
        let what = format!("{command:?}");
        let mut history = UndoHistory::default();
        let before = plan(&s, &lesson);
        edit(&mut s, &mut history, command);
        let after = plan(&s, &lesson);
        assert_ne!(before, after, "{what} changed nothing");
        undo(&mut s, &mut history);
        assert_eq!(plan(&s, &lesson), before, "undo of {what}");
        redo(&mut s, &mut history);
        assert_eq!(plan(&s, &lesson), after, "redo of {what}");
        undo(&mut s, &mut history);
    }
}

#[test]
fn answering_pupils_ideas_is_not_undone_by_the_plans_undo() {
    let mut s = Scenario::new();
    let lesson = new_lesson_from(&mut s, BuiltInTemplate::ThreePart);
    let proposal = withme_core::ProposalId::parse("idea.1").unwrap();
    for command in [
        Command::AcceptProposal {
            lesson: lesson.clone(),
            proposal: proposal.clone(),
            text: text("I can name a river."),
        },
        Command::DeclineProposal {
            lesson: lesson.clone(),
            proposal: proposal.clone(),
        },
        Command::SendBackProposal {
            lesson: lesson.clone(),
            proposal: proposal.clone(),
            note: withme_core::KindNote::parse("Say more?").unwrap(),
        },
    ] {
        let op = s.op(withme_core::Author::Teacher, command.clone());
        assert_eq!(
            withme_core::undo::inverse(&s.library, &command, &op.id),
            None,
            "{command:?} is undone elsewhere, if at all (as the README says)"
        );
    }
}
