//! Golden examples of the two public formats: they must keep loading, and keep their shape.

use serde_json::Value;
use withme_core::document::{
    DocumentError, LIBRARY_VERSION, StoredLibrary, parse_library, salvage_library,
};
use withme_core::enquiry::Standing;
use withme_core::lesson_file::{ImportError, LessonFile, read_lesson_file};
use withme_core::{ClassId, LessonId, NoteKind, ProposalStatus, PupilId};

const LIBRARY_V1: &str = include_str!("fixtures/library-v1.json");
const LESSON_V1: &str = include_str!("fixtures/lesson-v1.withme.json");
const LIBRARY_V2: &str = include_str!("fixtures/library-v2.json");
const LESSON_V2: &str = include_str!("fixtures/lesson-v2.withme.json");
const LIBRARY_V3: &str = include_str!("fixtures/library-v3.json");
const LIBRARY_V4: &str = include_str!("fixtures/library-v4.json");

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// An older document as this version writes it back: the current version number, and the
/// `applied` marks moved out of the library into the ledger beside it (each a window's).
fn upgraded(old: &str) -> Value {
    let mut doc = json(old);
    doc["version"] = LIBRARY_VERSION.into();
    let applied = doc["library"].as_object_mut().unwrap().remove("applied");
    let devices: Vec<Value> = applied
        .and_then(|a| a.as_object().cloned())
        .unwrap_or_default()
        .into_iter()
        .map(|(device, handled)| {
            serde_json::json!({"device": device, "source": "window", "handled": handled, "heard": 0})
        })
        .collect();
    doc["ledger"] = serde_json::json!({"order": 0, "devices": devices});
    doc
}

fn written(loaded: &withme_core::document::LoadedLibrary) -> Value {
    json(&StoredLibrary::new(&loaded.library, &loaded.ledger).to_json())
}

#[test]
fn the_version_1_library_loads() {
    let loaded = parse_library(LIBRARY_V1).unwrap();
    let library = &loaded.library;
    let current = (LIBRARY_VERSION > 1).then_some(1);
    assert_eq!(loaded.migrated_from, current);

    let listed: Vec<_> = library
        .lessons_by_last_edited()
        .iter()
        .map(|l| l.plan().title.to_string())
        .collect();
    assert_eq!(listed, ["Where do rivers begin?"]);
    assert_eq!(library.binned_lessons().len(), 1);

    let rivers = library
        .lesson(&LessonId::parse("k3j9x2abcd7q1.2").unwrap())
        .unwrap();
    assert_eq!(rivers.plan().length.minutes(), 50);
    assert_eq!(rivers.plan().date.unwrap().to_string(), "2026-11-24");

    let class = library
        .class(&ClassId::parse("k3j9x2abcd7q1.1").unwrap())
        .unwrap();
    let roster: Vec<_> = class.roster().map(|p| p.name().to_string()).collect();
    assert_eq!(roster, ["Amira", "Chloé"]);
    let ben = PupilId::parse("k3j9x2abcd7q1.1x.2").unwrap();
    assert!(class.pupil(&ben).unwrap().is_removed());
}

#[test]
fn the_version_1_library_is_written_back_in_the_same_shape_at_the_new_version() {
    let loaded = parse_library(LIBRARY_V1).unwrap();
    assert_eq!(written(&loaded), upgraded(LIBRARY_V1));
}

#[test]
fn the_version_2_library_loads_with_plans_proposals_and_templates() {
    let loaded = parse_library(LIBRARY_V2).unwrap();
    assert_eq!(loaded.migrated_from, Some(2));
    let library = &loaded.library;
    let rivers = library
        .lesson(&LessonId::parse("k3j9x2abcd7q1.2").unwrap())
        .unwrap();
    let plan = rivers.plan();
    assert_eq!(plan.criteria.len(), 2);
    assert_eq!(plan.criteria[1].suggested_by.len(), 2);
    assert_eq!(plan.planned_minutes(), 50);
    assert_eq!(plan.overrun_minutes(), None);
    assert_eq!(
        plan.note(NoteKind::PriorKnowledge).as_str(),
        "The water cycle.\nCompass points."
    );
    let statuses: Vec<_> = rivers
        .proposals()
        .iter()
        .map(|p| p.status.clone())
        .collect();
    assert!(statuses.contains(&ProposalStatus::Merged));
    assert!(matches!(statuses[3], ProposalStatus::SentBack { .. }));
    assert_eq!(rivers.proposals()[0].backers.len(), 1);
    let templates = library.templates_by_name();
    assert_eq!(templates[0].name.as_str(), "Fieldwork");
    assert_eq!(written(&loaded), upgraded(LIBRARY_V2));
}

#[test]
fn the_version_3_library_loads_with_an_enquiry_and_a_parking_lot() {
    let loaded = parse_library(LIBRARY_V3).unwrap();
    assert_eq!(loaded.migrated_from, Some(3));
    let library = &loaded.library;
    let lesson = library
        .lesson(&LessonId::parse("testdevice.3").unwrap())
        .unwrap();
    let enquiry = lesson.enquiry();
    assert_eq!(enquiry.questions.len(), 5);
    assert_eq!(enquiry.questions[3].authors.len(), 2, "a pair's question");
    assert_eq!(enquiry.polls.len(), 2);
    let (tied, run_off) = (&enquiry.polls[0], &enquiry.polls[1]);
    assert!(tied.blind && tied.revealed);
    assert!(matches!(tied.standing(), Standing::Tie(_)));
    assert_eq!(run_off.runoff_of.as_ref(), Some(&tied.id));
    assert_eq!(run_off.winner(), enquiry.chosen.clone());
    assert_eq!(
        lesson.plan().enquiry_question.as_ref().unwrap().as_str(),
        "Is a white lie still a lie?"
    );
    let class = library
        .class(lesson.plan().class.as_ref().unwrap())
        .unwrap();
    let parked: Vec<_> = class.parked().iter().map(|p| p.votes).collect();
    assert_eq!(
        parked,
        [Some(2), Some(0)],
        "votes from the main poll, not the run-off"
    );
    assert_eq!(written(&loaded), upgraded(LIBRARY_V3));
}

#[test]
fn the_version_4_library_loads_with_groups_roles_and_the_picker() {
    let loaded = parse_library(LIBRARY_V4).unwrap();
    assert_eq!(loaded.migrated_from, Some(4));
    let library = &loaded.library;
    let classes = library.classes_by_name();
    assert!(classes[0].is_archived(), "last year's class");
    let class = classes[1];
    assert_eq!(class.lead_window(), Some(3));
    assert_eq!(class.roles().len(), 3);
    assert_eq!(class.pair_rules().len(), 1);
    let amira = class.roster().next().unwrap();
    assert_eq!(amira.label().unwrap().as_str(), "Green");
    assert_eq!(class.picker().this_round().filter(|p| p.passed).count(), 1);
    let lesson = library.grouped_lessons(class.id(), None)[0];
    let groups = lesson.groups();
    assert_eq!(groups.absent.len(), 1);
    assert_eq!(groups.groups.len(), 2);
    assert_eq!(groups.opt_outs.len(), 1);
    let reasons: Vec<_> = groups
        .groups
        .iter()
        .flat_map(|g| &g.members)
        .filter_map(|m| m.override_reason.as_ref())
        .map(|r| r.as_str())
        .collect();
    assert_eq!(reasons, ["Ready to lead today"]);
    assert_eq!(written(&loaded), upgraded(LIBRARY_V4));
}

#[test]
fn the_version_2_lesson_file_round_trips() {
    let file = read_lesson_file(LESSON_V2).unwrap();
    assert_eq!(file.plan.phases.len(), 3);
    assert_eq!(file.proposals.len(), 6);
    assert_eq!(json(&file.to_json()), json(LESSON_V2));
}

#[test]
fn a_newer_library_is_refused_not_misread() {
    let result = parse_library(include_str!("fixtures/library-newer.json"));
    assert_eq!(result, Err(DocumentError::Newer { found: 6 }));
}

#[test]
fn a_damaged_library_is_refused_with_the_reason() {
    let error = parse_library(include_str!("fixtures/library-damaged.json")).unwrap_err();
    assert!(matches!(error, DocumentError::Damaged(_)), "{error:?}");
    assert!(
        error.to_string().contains("A lesson title can't be empty"),
        "{error}"
    );
    assert!(matches!(
        parse_library("{\"format\": \"withme.library\", \"vers"),
        Err(DocumentError::NotJson(_))
    ));
    assert_eq!(parse_library("[1, 2]"), Err(DocumentError::NotALibrary));
}

#[test]
fn a_library_naming_a_missing_class_is_damaged() {
    let mut value = json(LIBRARY_V1);
    value["library"]["classes"] = Value::Array(vec![]);
    let error = withme_core::document::load_library(value).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("names a class that does not exist")
    );
}

#[test]
fn the_version_1_lesson_file_loads_and_keeps_its_shape() {
    let file = read_lesson_file(LESSON_V1).unwrap();
    assert_eq!(file.plan.title.as_str(), "Where do rivers begin?");
    assert_eq!(file.class_name.as_ref().unwrap().as_str(), "Year 5 Oak");
    let mut expected = json(LESSON_V1);
    expected["version"] = 2.into();
    assert_eq!(json(&file.to_json()), expected);
    assert_eq!(file.file_name(), "where-do-rivers-begin.withme.json");
}

#[test]
fn a_lesson_file_never_carries_pupils() {
    let library = parse_library(LIBRARY_V2).unwrap().library;
    let lesson = library
        .lesson(&LessonId::parse("k3j9x2abcd7q1.2").unwrap())
        .unwrap();
    let text = LessonFile::of(lesson, None, withme_core::Timestamp::from_millis(5)).to_json();
    assert!(
        text.contains("k3j9x2abcd7q1.1x.1"),
        "provenance is kept by id"
    );
    for name in ["Amira", "Ben", "Chloé", "Dev"] {
        assert!(!text.contains(name), "{name} leaked into {text}");
    }
}

#[test]
fn a_library_document_is_not_a_lesson_file() {
    assert_eq!(
        read_lesson_file(LIBRARY_V1),
        Err(ImportError::NotALessonFile)
    );
}

/// The version 5 golden library with two more lessons, copies of its own under new ids.
fn with_three_lessons() -> Value {
    let mut doc = json(include_str!("fixtures/library-v5.json"));
    let first = doc["library"]["lessons"][0].clone();
    let id = first["id"].as_str().unwrap().to_owned();
    let device = id.split('.').next().unwrap().to_owned();
    for n in [901, 902] {
        let mut copy = first.clone();
        copy["id"] = Value::String(format!("{device}.{n}"));
        doc["library"]["lessons"]
            .as_array_mut()
            .unwrap()
            .insert(0, copy);
    }
    doc
}

#[test]
fn a_library_with_damaged_lessons_opens_without_them_and_names_them() {
    let good = with_three_lessons();
    let lessons = good["library"]["lessons"].as_array().unwrap().clone();
    let mut damaged = good.clone();
    damaged["library"]["lessons"][0]["plan"]["title"] = Value::String("x".repeat(5_000));
    damaged["library"]["lessons"][1]["plan"] = Value::String("half-written".into());
    let text = damaged.to_string();
    assert!(matches!(
        parse_library(&text),
        Err(DocumentError::Damaged(_))
    ));

    let salvaged = salvage_library(&text).expect("the other lessons are readable");
    assert_eq!(
        salvaged.left_out,
        vec!["x".repeat(80), "A lesson with no readable title".to_owned()]
    );
    let kept: Vec<String> = salvaged
        .loaded
        .library
        .lessons_by_last_edited()
        .iter()
        .chain(salvaged.loaded.library.binned_lessons().iter())
        .map(|l| l.id().to_string())
        .collect();
    let expected: Vec<String> = lessons[2..]
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = kept.clone();
    sorted.sort();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(sorted, expected_sorted);
    // Everything else is as it was: the classes, and each kept lesson exactly.
    let whole = parse_library(&good.to_string()).unwrap();
    assert_eq!(
        salvaged.loaded.library.classes_by_name(),
        whole.library.classes_by_name()
    );
    for id in &kept {
        let id = withme_core::LessonId::parse(id).unwrap();
        assert_eq!(
            salvaged.loaded.library.lesson(&id),
            whole.library.lesson(&id)
        );
    }
    assert_eq!(salvaged.loaded.ledger, whole.ledger);
}

#[test]
fn a_library_damaged_outside_its_lessons_is_not_salvaged() {
    let good = with_three_lessons();
    // Nothing damaged in a lesson: nothing to salvage.
    assert_eq!(salvage_library(&good.to_string()), None);
    let mut class_damaged = good.clone();
    class_damaged["library"]["classes"][0]["name"] = Value::Null;
    class_damaged["library"]["lessons"][0]["plan"]["title"] = Value::String(String::new());
    assert_eq!(salvage_library(&class_damaged.to_string()), None);
    assert_eq!(
        salvage_library("{\"format\": \"withme.library\", \"vers"),
        None
    );
    let mut newer = good;
    newer["version"] = 99.into();
    newer["library"]["lessons"][0]["plan"]["title"] = Value::String(String::new());
    assert_eq!(salvage_library(&newer.to_string()), None);
}
