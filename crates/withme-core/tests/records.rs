//! The stored library as records: written whole, changed record by record, read back, and a
//! damaged lesson record left out on its own.

mod support;

use std::collections::BTreeMap;

use support::classroom::Classroom;
use support::random::{Rng, any_command, likely_author};
use support::{Scenario, text};
use withme_core::document::DocumentError;
use withme_core::records::{
    CLASSES, HEADER, LEDGER, LessonSummary, Record, RecordChanges, changes_between, patch_records,
    read_index, read_records, records_of,
};
use withme_core::sync::Ledger;
use withme_core::{Command, DeviceId, ItemList, Library, OpId, Operation, Timestamp};

/// A store of records, as IndexedDB's two shelves would hold them.
#[derive(Default)]
struct Shelves {
    lessons: BTreeMap<String, String>,
    index: BTreeMap<String, String>,
    parts: BTreeMap<String, String>,
}

impl Shelves {
    fn write(&mut self, changes: RecordChanges) {
        self.lessons.extend(changes.lessons);
        self.index.extend(changes.index);
        for key in changes.removed {
            self.lessons.remove(&key);
            self.index.remove(&key);
        }
        self.parts.extend(changes.parts);
    }

    fn lessons(&self) -> Vec<Record> {
        self.lessons.clone().into_iter().collect()
    }

    fn parts(&self) -> Vec<Record> {
        self.parts.clone().into_iter().collect()
    }
}

fn keys(records: &[Record]) -> Vec<&str> {
    records.iter().map(|(k, _)| k.as_str()).collect()
}

#[test]
fn a_library_written_as_records_reads_back_whole() {
    let mut room = Classroom::new();
    room.play(&mut Rng::new(3), 200);
    let (library, ledger) = room.authority.parts();
    let mut shelves = Shelves::default();
    shelves.write(records_of(library, ledger));
    assert_eq!(
        shelves.lessons.len(),
        library.lessons_by_last_edited().len() + library.binned_lessons().len()
    );
    let read = read_records(&shelves.lessons(), &shelves.parts()).unwrap();
    assert_eq!(&read.loaded.library, library);
    assert_eq!(&read.loaded.ledger, ledger);
    assert!(read.left_out.is_empty());
    assert_eq!(read.loaded.migrated_from, None);
}

#[test]
fn an_edit_writes_only_its_lessons_record_and_a_new_class_only_the_classes() {
    let mut s = Scenario::new();
    let rivers = s.new_lesson("Rivers");
    let _volcanoes = s.new_lesson("Volcanoes");
    let ledger = Ledger::default();
    let before = s.library.clone();
    s.teacher(Command::AddItem {
        lesson: rivers.clone(),
        list: ItemList::Outcomes,
        text: text("Name three rivers"),
    })
    .unwrap();
    let changes = changes_between((&before, &ledger), (&s.library, &ledger));
    assert_eq!(keys(&changes.lessons), vec![rivers.to_string().as_str()]);
    assert_eq!(keys(&changes.index), vec![rivers.to_string().as_str()]);
    assert!(
        changes.removed.is_empty() && changes.parts.is_empty(),
        "{changes:?}"
    );

    let before = s.library.clone();
    s.new_class("Year 5 Oak", &["Amira"]);
    let changes = changes_between((&before, &ledger), (&s.library, &ledger));
    assert!(changes.lessons.is_empty(), "{changes:?}");
    assert_eq!(keys(&changes.parts), vec![CLASSES]);

    // Nothing changed, nothing written.
    assert!(changes_between((&s.library, &ledger), (&s.library.clone(), &ledger)).is_empty());
}

#[test]
fn records_changed_op_by_op_always_equal_the_whole_library_written_again() {
    for seed in 0..20u64 {
        let mut rng = Rng::new(seed);
        let mut room = Classroom::new();
        let mut shelves = Shelves::default();
        let (library, ledger) = room.authority.parts();
        shelves.write(records_of(library, ledger));
        for n in 0..150u64 {
            let (before, before_ledger): (Library, Ledger) = {
                let (l, g) = room.authority.parts();
                (l.clone(), g.clone())
            };
            if rng.chance(50) {
                room.play(&mut rng, 1);
            } else {
                let command = any_command(room.library(), &mut rng, Some(&room.lesson.clone()));
                let author = likely_author(room.library(), &command, &mut rng);
                let op = Operation {
                    id: OpId::new(DeviceId::parse("records").unwrap(), n + 1),
                    author,
                    at: Timestamp::from_millis(1_900_000_000_000 + n),
                    command,
                };
                let _ = room.authority.apply_own(&op);
            }
            let (library, ledger) = room.authority.parts();
            let changes = changes_between((&before, &before_ledger), (library, ledger));
            // A window hearing of this save reads only its records onto what it held.
            let heard = patch_records(
                (&before, &before_ledger),
                &changes.lessons,
                &changes.removed,
                &changes.parts,
            )
            .unwrap();
            assert_eq!(
                (&heard.0, &heard.1),
                (library, ledger),
                "seed {seed} step {n}"
            );
            shelves.write(changes);
        }
        let (library, ledger) = room.authority.parts();
        let mut whole = Shelves::default();
        whole.write(records_of(library, ledger));
        assert_eq!(shelves.lessons, whole.lessons, "seed {seed}");
        assert_eq!(shelves.index, whole.index, "seed {seed}");
        assert_eq!(shelves.parts, whole.parts, "seed {seed}");
        // The index lists every lesson as the library holds it, without reading a lesson.
        let index: Vec<Record> = shelves.index.clone().into_iter().collect();
        let mut summaries: Vec<LessonSummary> = library
            .lessons_by_last_edited()
            .into_iter()
            .chain(library.binned_lessons())
            .map(LessonSummary::of)
            .collect();
        summaries.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(read_index(&index), summaries, "seed {seed}");
        let read = read_records(&shelves.lessons(), &shelves.parts()).unwrap();
        assert_eq!(&read.loaded.library, library, "seed {seed}");
    }
}

#[test]
fn a_damaged_lesson_record_is_left_out_on_its_own_and_named_by_its_key() {
    let mut s = Scenario::new();
    let rivers = s.new_lesson("Rivers");
    let volcanoes = s.new_lesson("Volcanoes");
    let mut shelves = Shelves::default();
    shelves.write(records_of(&s.library, &Ledger::default()));
    shelves.lessons.insert(
        rivers.to_string(),
        r#"{"id":"testdevice.1","plan":{"#.into(),
    );
    // Another is JSON, but not a lesson.
    let coasts = s.new_lesson("Coasts");
    shelves.write(changes_between(
        (&Library::default(), &Ledger::default()),
        (&s.library, &Ledger::default()),
    ));
    shelves.lessons.insert(
        rivers.to_string(),
        r#"{"id":"testdevice.1","plan":{"#.into(),
    );
    shelves
        .lessons
        .insert(coasts.to_string(), r#"{"plan":{"title":"Coasts"}}"#.into());
    let read = read_records(&shelves.lessons(), &shelves.parts()).unwrap();
    let mut expected = vec![rivers.to_string(), coasts.to_string()];
    expected.sort();
    assert_eq!(read.left_out, expected);
    assert!(read.loaded.library.lesson(&rivers).is_none());
    assert!(read.loaded.library.lesson(&coasts).is_none());
    assert_eq!(
        read.loaded.library.lesson(&volcanoes),
        s.library.lesson(&volcanoes)
    );
}

#[test]
fn damage_outside_the_lessons_or_no_header_refuses_the_whole() {
    let mut s = Scenario::new();
    s.new_lesson("Rivers");
    s.new_class("Year 5 Oak", &["Amira"]);
    let mut shelves = Shelves::default();
    shelves.write(records_of(&s.library, &Ledger::default()));
    let mut damaged = shelves.parts();
    damaged.retain(|(k, _)| k != LEDGER);
    damaged.push((LEDGER.into(), "{not json".into()));
    assert!(read_records(&shelves.lessons(), &damaged).is_err());
    let mut classes = shelves.parts();
    classes.retain(|(k, _)| k != CLASSES);
    classes.push((CLASSES.into(), r#"[{"id":7}]"#.into()));
    assert!(matches!(
        read_records(&shelves.lessons(), &classes),
        Err(DocumentError::Damaged(_))
    ));
    assert_eq!(
        read_records(&shelves.lessons(), &[]),
        Err(DocumentError::NotALibrary)
    );
    // A header from a newer Withme is said so, as a whole document's is.
    let newer = vec![(
        "header".to_owned(),
        r#"{"format":"withme.library","version":99}"#.to_owned(),
    )];
    assert_eq!(
        read_records(&shelves.lessons(), &newer),
        Err(DocumentError::Newer { found: 99 })
    );
}

#[test]
fn a_heard_save_of_another_version_or_damaged_is_refused_for_a_whole_read() {
    let mut room = Classroom::new();
    room.play(&mut Rng::new(5), 60);
    let (library, ledger) = room.authority.parts();
    let newer = (
        HEADER.to_owned(),
        r#"{"format":"withme.library","version":99}"#.to_owned(),
    );
    assert!(patch_records((library, ledger), &[], &[], &[newer]).is_err());
    let lesson = library.lessons_by_last_edited()[0];
    let broken = (lesson.id().to_string(), "{\"id\":".to_owned());
    assert!(matches!(
        patch_records((library, ledger), &[broken], &[], &[]),
        Err(DocumentError::Damaged(_))
    ));
    // A lesson record under another lesson's key.
    let other = library.lessons_by_last_edited()[1];
    let swapped = (
        other.id().to_string(),
        serde_json::to_string(lesson).unwrap(),
    );
    assert!(patch_records((library, ledger), &[swapped], &[], &[]).is_err());
    // Classes that leave a lesson's class out.
    let no_classes = (CLASSES.to_owned(), "[]".to_owned());
    let has_class = library
        .lessons_by_last_edited()
        .iter()
        .any(|l| l.plan().class.is_some());
    assert_eq!(
        patch_records((library, ledger), &[], &[], &[no_classes]).is_err(),
        has_class
    );
}
