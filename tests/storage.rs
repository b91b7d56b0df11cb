//! The local-storage adapter, in a real browser (headless Chromium, through wasm-bindgen-test).
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test storage` (scripts/test.sh does).

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use withme::persistence::local_store::{
    self, KEPT_ASIDE_PREFIX, LIBRARY_KEY, StoreError, StoredRead,
};
use withme::persistence::pupil_identity;
use withme_core::document::DocumentError;
use withme_core::replica::Replica;
use withme_core::sync::{Authority, Ledger};
use withme_core::{Author, ClassId, Command, DeviceId, LessonTitle, Library, PupilId, Timestamp};

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn library_with_lesson(title: &str) -> Authority {
    let mut replica = Replica::new(
        DeviceId::parse("browsertest").unwrap(),
        Authority::default(),
    );
    let command = Command::CreateLesson {
        title: LessonTitle::parse(title).unwrap(),
        class: None,
        template: None,
    };
    replica
        .make(Author::Teacher, command, Timestamp::from_millis(1))
        .unwrap();
    replica.authority().clone()
}

fn write(authority: &Authority) -> Result<(), StoreError> {
    let (library, ledger) = authority.parts();
    local_store::write_library(library, ledger)
}

/// Runs `body` with `Storage.prototype.setItem` replaced by one that throws a `DOMException`
/// named `error_name`, then puts the real one back.
fn with_set_item_throwing(error_name: &str, body: impl FnOnce()) {
    let install = js_sys::Function::new_with_args(
        "name",
        "const proto = Storage.prototype;
         proto.__realSetItem = proto.setItem;
         proto.setItem = function () { throw new DOMException('refused in a test', name); };",
    );
    let restore = js_sys::Function::new_no_args(
        "Storage.prototype.setItem = Storage.prototype.__realSetItem;",
    );
    install
        .call1(&JsValue::NULL, &JsValue::from_str(error_name))
        .unwrap();
    body();
    restore.call0(&JsValue::NULL).unwrap();
}

#[wasm_bindgen_test]
fn an_empty_store_reads_as_empty() {
    storage().clear().unwrap();
    assert!(matches!(local_store::read_library(), Ok(StoredRead::Empty)));
}

#[wasm_bindgen_test]
fn a_written_library_reads_back() {
    storage().clear().unwrap();
    let authority = library_with_lesson("Rivers");
    write(&authority).unwrap();
    match local_store::read_library() {
        Ok(StoredRead::Loaded(loaded)) => {
            assert_eq!(&loaded.library, authority.library());
            assert_eq!(&loaded.ledger, authority.ledger());
        }
        other => panic!("expected the library back, got {other:?}"),
    }
    let raw = storage().get_item(LIBRARY_KEY).unwrap().unwrap();
    let header = format!(
        r#"{{"format":"withme.library","version":{}"#,
        withme_core::document::LIBRARY_VERSION
    );
    assert!(raw.starts_with(&header), "{raw}");
}

#[wasm_bindgen_test]
fn unreadable_text_is_reported_with_the_exact_text() {
    storage().clear().unwrap();
    let corrupt = r#"{"format":"withme.library","version":1,"library":{"lessons":[{"#;
    storage().set_item(LIBRARY_KEY, corrupt).unwrap();
    match local_store::read_library() {
        Ok(StoredRead::Unreadable { raw, error }) => {
            assert_eq!(raw, corrupt);
            assert!(matches!(error, DocumentError::NotJson(_)), "{error:?}");
        }
        other => panic!("expected unreadable, got {other:?}"),
    }
    // Reading never changes what is stored.
    assert_eq!(storage().get_item(LIBRARY_KEY).unwrap().unwrap(), corrupt);
}

#[wasm_bindgen_test]
fn a_newer_library_is_unreadable_as_newer() {
    storage().clear().unwrap();
    let newer = r#"{"format":"withme.library","version":99,"library":{}}"#;
    storage().set_item(LIBRARY_KEY, newer).unwrap();
    match local_store::read_library() {
        Ok(StoredRead::Unreadable { error, .. }) => {
            assert_eq!(error, DocumentError::Newer { found: 99 })
        }
        other => panic!("expected newer, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn keeping_aside_stores_one_exact_copy() {
    storage().clear().unwrap();
    let key = local_store::keep_aside("not json {", Timestamp::from_millis(42)).unwrap();
    assert_eq!(key, format!("{KEPT_ASIDE_PREFIX}42"));
    assert_eq!(storage().get_item(&key).unwrap().unwrap(), "not json {");
    let again = local_store::keep_aside("not json {", Timestamp::from_millis(43)).unwrap();
    assert_eq!(again, key, "the same text is not kept twice");
    let other = local_store::keep_aside("other", Timestamp::from_millis(44)).unwrap();
    assert_ne!(other, key);
}

#[wasm_bindgen_test]
fn two_texts_kept_in_the_same_millisecond_are_both_kept() {
    storage().clear().unwrap();
    let first = local_store::keep_aside("first {", Timestamp::from_millis(7)).unwrap();
    let second = local_store::keep_aside("second {", Timestamp::from_millis(7)).unwrap();
    assert_ne!(first, second);
    assert_eq!(storage().get_item(&first).unwrap().unwrap(), "first {");
    assert_eq!(storage().get_item(&second).unwrap().unwrap(), "second {");
}

#[wasm_bindgen_test]
fn a_full_store_is_reported_and_keeps_the_old_library() {
    storage().clear().unwrap();
    let before = library_with_lesson("Rivers");
    write(&before).unwrap();
    let stored = storage().get_item(LIBRARY_KEY).unwrap();
    with_set_item_throwing("QuotaExceededError", || {
        let result = write(&library_with_lesson("Lakes"));
        assert_eq!(result, Err(StoreError::Full));
    });
    assert_eq!(storage().get_item(LIBRARY_KEY).unwrap(), stored);
}

#[wasm_bindgen_test]
fn other_storage_errors_are_named() {
    storage().clear().unwrap();
    with_set_item_throwing("SecurityError", || {
        let result = local_store::write_library(&Library::default(), &Ledger::default());
        assert_eq!(result, Err(StoreError::Blocked));
    });
    with_set_item_throwing("InvalidStateError", || {
        let result = local_store::write_raw("k", "v");
        assert!(matches!(result, Err(StoreError::Failed(_))), "{result:?}");
    });
}

#[wasm_bindgen_test]
fn a_pupil_choice_is_remembered_per_class() {
    storage().clear().unwrap();
    let class = ClassId::parse("c.1").unwrap();
    let other = ClassId::parse("c.2").unwrap();
    let amira = PupilId::parse("c.1.1").unwrap();
    assert_eq!(pupil_identity::remembered(&class), None);
    pupil_identity::remember(&class, &amira);
    assert_eq!(pupil_identity::remembered(&class), Some(amira));
    assert_eq!(pupil_identity::remembered(&other), None);
}

#[wasm_bindgen_test]
fn blocked_storage_is_reported_instead_of_panicking() {
    let block = js_sys::Function::new_no_args(
        "window.__realStorage = Object.getOwnPropertyDescriptor(window, 'localStorage');
         Object.defineProperty(window, 'localStorage', {
           configurable: true,
           get() { throw new DOMException('cookies are blocked', 'SecurityError'); },
         });",
    );
    let unblock = js_sys::Function::new_no_args(
        "Object.defineProperty(window, 'localStorage', window.__realStorage);",
    );
    block.call0(&JsValue::NULL).unwrap();
    let probed = local_store::probe();
    let read = local_store::read_library().map(|_| ());
    let written = local_store::write_library(&Library::default(), &Ledger::default());
    unblock.call0(&JsValue::NULL).unwrap();
    assert_eq!(probed, Err(StoreError::Blocked));
    assert_eq!(read, Err(StoreError::Blocked));
    assert_eq!(written, Err(StoreError::Blocked));
}

#[wasm_bindgen_test]
fn a_tablets_outbox_keeps_its_operations_in_order_and_is_removed_when_empty() {
    use withme::persistence::outbox;
    use withme_core::sync::Submission;
    use withme_core::{LessonId, PollId, PupilCommand, QuestionId};
    storage().clear().unwrap();
    let device = DeviceId::parse("tablet01").unwrap();
    let ben = PupilId::parse("c.1.2").unwrap();
    let ballot = |seq| Submission {
        seq,
        pupil: Some(ben.clone()),
        command: PupilCommand::CastBallot {
            lesson: LessonId::parse("l.1").unwrap(),
            poll: PollId::parse("p.1").unwrap(),
            choices: vec![QuestionId::parse("q.1").unwrap()],
        },
    };
    let lesson = LessonId::parse("l.1").unwrap();
    let made = [ballot(1), ballot(2)];
    outbox::write(&device, &lesson, made.iter()).unwrap();
    let key = "withme.outbox.tablet01.l.1";
    assert_eq!(
        outbox::outbox_owner(key),
        Some((device.clone(), lesson.clone()))
    );
    assert!(storage().get_item(key).unwrap().is_some());
    storage()
        .set_item("withme.outbox.broken.l.1", "not an outbox")
        .unwrap();
    let mut read = outbox::read_all();
    read.sort_by(|a, b| a.0.cmp(&b.0));
    let broken = DeviceId::parse("broken").unwrap();
    let sent: Vec<_> = made
        .iter()
        .map(|s| Submission {
            seq: s.seq,
            pupil: s.pupil.clone(),
            command: Command::from(s.command.clone()),
        })
        .collect();
    assert_eq!(
        read,
        [
            (broken, lesson.clone(), Vec::new()),
            (device.clone(), lesson.clone(), sent)
        ],
        "a tablet's operations read back as commands, in order; the broken outbox holds none"
    );

    outbox::write(&device, &lesson, std::iter::empty()).unwrap();
    assert_eq!(storage().get_item(key).unwrap(), None);
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_tablets_answers_are_written_once_and_removed_when_none_are_left() {
    use withme::persistence::outbox;
    use withme_core::sync::{Answer, Outcome};
    storage().clear().unwrap();
    let device = DeviceId::parse("tablet02").unwrap();
    let key = outbox::answers_key(&device);
    let answers = vec![
        Answer::Handled {
            seq: 1,
            outcome: Outcome::Accepted { order: 7 },
        },
        Answer::Handled {
            seq: 2,
            outcome: Outcome::Refused {
                code: "poll_closed".into(),
                reason: "This vote has closed.".into(),
            },
        },
    ];
    outbox::write_answers(&device, answers.clone()).unwrap();
    let text = storage().get_item(&key).unwrap().unwrap();
    assert_eq!(outbox::parse_answers(&text), answers);
    assert_eq!(outbox::parse_answers("not answers"), []);
    outbox::write_answers(&device, Vec::new()).unwrap();
    assert_eq!(storage().get_item(&key).unwrap(), None);
}

#[wasm_bindgen_test]
fn a_teachers_window_forgets_tablets_gone_quiet_or_from_the_future_and_keeps_the_latest_forty() {
    use withme::persistence::views::{self, Viewing};
    use withme_core::LessonId;
    storage().clear().unwrap();
    let lesson = LessonId::parse("browsertest.1").unwrap();
    let hour = 60 * 60 * 1000;
    let now = Timestamp::from_millis(100 * hour);
    let device = |n: u64| DeviceId::parse(&format!("tablet{n:03}")).unwrap();
    // 45 tablets heard from in the last hours, and one not for a day.
    for n in 0..45 {
        let viewing = Viewing {
            lesson: lesson.clone(),
            pupil: None,
            at: Timestamp::from_millis(100 * hour - n * 60_000),
        };
        views::write_viewing(&device(n), &viewing).unwrap();
        storage()
            .set_item(&views::view_key(&device(n)), "{}")
            .unwrap();
    }
    let quiet = Viewing {
        lesson: lesson.clone(),
        pupil: None,
        at: Timestamp::from_millis(76 * hour),
    };
    views::write_viewing(&device(999), &quiet).unwrap();
    // One claiming a time to come would never go quiet: it goes too.
    let ahead = Viewing {
        lesson: lesson.clone(),
        pupil: None,
        at: Timestamp::from_millis(1000 * hour),
    };
    views::write_viewing(&device(998), &ahead).unwrap();
    storage()
        .set_item("withme.viewing.not a device", "x")
        .unwrap();

    let kept = views::read_all_viewing(now);
    let kept: Vec<DeviceId> = kept.into_iter().map(|(d, _)| d).collect();
    assert_eq!(
        kept,
        (0..40).map(device).collect::<Vec<_>>(),
        "the 40 latest, latest first"
    );
    for gone in (40..45).chain([998, 999]) {
        let viewing = storage()
            .get_item(&views::viewing_key(&device(gone)))
            .unwrap();
        let view = storage().get_item(&views::view_key(&device(gone))).unwrap();
        assert_eq!(
            (viewing, view),
            (None, None),
            "tablet {gone} is forgotten with its view"
        );
    }
    assert!(
        storage()
            .get_item(&views::view_key(&device(0)))
            .unwrap()
            .is_some()
    );
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn the_room_used_counts_every_key_and_value_as_the_browser_does() {
    storage().clear().unwrap();
    assert_eq!(
        local_store::storage_use().await.unwrap().local_characters,
        0
    );
    storage().set_item("withme.a", "12345").unwrap();
    // "é" and "😀" are one and two UTF-16 units, as the browser counts its room.
    storage().set_item("withme.b", "é😀").unwrap();
    let used = local_store::storage_use().await.unwrap();
    assert_eq!(used.local_characters, (8 + 5) + (8 + 3));
    // The browser's own estimate of the rest is there, with a quota.
    assert!(used.estimate.is_some_and(|(_, quota)| quota > 0));
    assert_eq!(used.percent(), 0);
    assert!(!used.nearly_full());
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_store_seven_tenths_full_warns_and_is_never_more_than_full() {
    use local_store::{ROOM_CHARACTERS, StorageUse};
    let at = |local_characters| StorageUse {
        local_characters,
        estimate: None,
    };
    assert!(!at(ROOM_CHARACTERS * 69 / 100).nearly_full());
    assert!(at(ROOM_CHARACTERS * 70 / 100).nearly_full());
    assert_eq!(at(ROOM_CHARACTERS * 70 / 100).percent(), 70);
    assert_eq!(at(ROOM_CHARACTERS * 2).percent(), 100);
}

#[wasm_bindgen_test]
fn the_fuller_of_the_two_rooms_is_the_one_shown() {
    use local_store::{ROOM_CHARACTERS, StorageUse};
    let room = |local_characters, estimate| StorageUse {
        local_characters,
        estimate,
    };
    // The records' room, as the browser estimates it, fuller than local storage.
    let records_fuller = room(ROOM_CHARACTERS / 10, Some((71, 100)));
    assert_eq!(records_fuller.percent(), 71);
    assert!(records_fuller.nearly_full());
    // Local storage fuller than the records.
    assert_eq!(room(ROOM_CHARACTERS / 2, Some((1, 100))).percent(), 50);
    // A browser that says its quota is nothing: local storage alone counts.
    assert_eq!(room(0, Some((5, 0))).percent(), 0);
    assert_eq!(room(0, Some((300, 100))).percent(), 100);
}
