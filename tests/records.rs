//! The IndexedDB records adapter, in a real browser (headless Chromium, through
//! wasm-bindgen-test): batches written whole or not at all, a full browser said so, records
//! that are not Withme's read as text, and blocked storage.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test records` (scripts/test.sh does).

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use withme::persistence::local_store::StoreError;
use withme::persistence::records::{Change, Records, Shelf, delete_database};

wasm_bindgen_test_configure!(run_in_browser);

fn put(shelf: Shelf, key: &str, text: &str) -> Change {
    Change::Put {
        shelf,
        key: key.into(),
        text: text.into(),
    }
}

fn pairs(records: &[(&str, &str)]) -> Vec<(String, String)> {
    records
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A database of its own for one test, empty.
async fn fresh(name: &str) -> Records {
    delete_database(name).await.unwrap();
    Records::open_named(name).await.unwrap()
}

/// Runs a script (a test's stand-in for the browser misbehaving), awaiting it if it promises.
async fn run(script: &str, name: &str) {
    let function = js_sys::Function::new_with_args("name", script);
    let value = function
        .call1(&JsValue::NULL, &JsValue::from_str(name))
        .unwrap();
    if let Ok(promise) = value.dyn_into::<js_sys::Promise>() {
        JsFuture::from(promise).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn records_written_in_one_batch_read_back_after_the_database_is_opened_again() {
    let name = "withme-test-read-back";
    let records = fresh(name).await;
    records
        .write(&[
            put(Shelf::Lessons, "dev.2", r#"{"title":"Volcanoes"}"#),
            put(Shelf::Lessons, "dev.1", r#"{"title":"Rivers"}"#),
            put(Shelf::Index, "dev.1", r#"{"title":"Rivers"}"#),
            put(Shelf::Library, "classes", "[]"),
        ])
        .await
        .unwrap();
    records.close();

    let records = Records::open_named(name).await.unwrap();
    assert_eq!(
        records.read_all(Shelf::Lessons).await.unwrap(),
        pairs(&[
            ("dev.1", r#"{"title":"Rivers"}"#),
            ("dev.2", r#"{"title":"Volcanoes"}"#)
        ])
    );
    assert_eq!(
        records.read_all(Shelf::Library).await.unwrap(),
        pairs(&[("classes", "[]")])
    );
    // A later write changes only what it names.
    records
        .write(&[
            Change::Delete {
                shelf: Shelf::Lessons,
                key: "dev.1".into(),
            },
            put(Shelf::Lessons, "dev.2", r#"{"title":"Volcanoes and us"}"#),
        ])
        .await
        .unwrap();
    assert_eq!(
        records.read_all(Shelf::Lessons).await.unwrap(),
        pairs(&[("dev.2", r#"{"title":"Volcanoes and us"}"#)])
    );
    assert_eq!(
        records.read_all(Shelf::Index).await.unwrap(),
        pairs(&[("dev.1", r#"{"title":"Rivers"}"#)])
    );
    assert!(records.read_all(Shelf::KeptAside).await.unwrap().is_empty());
    records.close();
}

#[wasm_bindgen_test]
async fn a_write_refused_for_room_changes_nothing_and_says_storage_is_full() {
    let name = "withme-test-full";
    let records = fresh(name).await;
    records
        .write(&[put(Shelf::Lessons, "dev.1", "kept")])
        .await
        .unwrap();
    // The browser's room runs out at the batch's second record.
    run(
        "const proto = IDBObjectStore.prototype;
         proto.__realPut = proto.put;
         let calls = 0;
         proto.put = function (...args) {
           calls += 1;
           if (calls === 2) throw new DOMException('refused in a test', 'QuotaExceededError');
           return proto.__realPut.apply(this, args);
         };",
        name,
    )
    .await;
    let written = records
        .write(&[
            put(Shelf::Lessons, "dev.1", "changed"),
            put(Shelf::Lessons, "dev.2", "new"),
            put(Shelf::Index, "dev.2", "new"),
        ])
        .await;
    run(
        "IDBObjectStore.prototype.put = IDBObjectStore.prototype.__realPut;",
        name,
    )
    .await;
    assert_eq!(written, Err(StoreError::Full));
    assert_eq!(
        records.read_all(Shelf::Lessons).await.unwrap(),
        pairs(&[("dev.1", "kept")])
    );
    assert!(records.read_all(Shelf::Index).await.unwrap().is_empty());
    records.close();
}

#[wasm_bindgen_test]
async fn a_write_stopped_part_way_leaves_every_record_as_it_was() {
    let name = "withme-test-stopped";
    let records = fresh(name).await;
    records
        .write(&[put(Shelf::Lessons, "dev.1", "kept")])
        .await
        .unwrap();
    // The browser stops the transaction after its first change has been made.
    run(
        "const proto = IDBObjectStore.prototype;
         proto.__realPut = proto.put;
         proto.put = function (...args) {
           const request = proto.__realPut.apply(this, args);
           request.onsuccess = () => this.transaction.abort();
           return request;
         };",
        name,
    )
    .await;
    let written = records
        .write(&[put(Shelf::Lessons, "dev.1", "changed")])
        .await;
    run(
        "IDBObjectStore.prototype.put = IDBObjectStore.prototype.__realPut;",
        name,
    )
    .await;
    assert!(written.is_err(), "{written:?}");
    assert_eq!(
        records.read_all(Shelf::Lessons).await.unwrap(),
        pairs(&[("dev.1", "kept")])
    );
    records.close();
}

#[wasm_bindgen_test]
async fn a_record_that_is_not_text_reads_as_its_json_for_the_reader_to_find_damaged() {
    let name = "withme-test-odd";
    fresh(name).await.close();
    run(
        "return new Promise((done, fail) => {
           const opening = indexedDB.open(name);
           opening.onerror = fail;
           opening.onsuccess = () => {
             const db = opening.result;
             const writing = db.transaction('lessons', 'readwrite');
             writing.objectStore('lessons').put({ not: 'text' }, 'dev.9');
             writing.oncomplete = () => { db.close(); done(); };
             writing.onabort = fail;
           };
         });",
        name,
    )
    .await;
    let records = Records::open_named(name).await.unwrap();
    assert_eq!(
        records.read_all(Shelf::Lessons).await.unwrap(),
        pairs(&[("dev.9", r#"{"not":"text"}"#)])
    );
    records.close();
}

#[wasm_bindgen_test]
async fn a_browser_without_indexeddb_is_said_to_block_storage() {
    let name = "withme-test-blocked";
    run(
        "window.__indexedDB = Object.getOwnPropertyDescriptor(window, 'indexedDB');
         Object.defineProperty(window, 'indexedDB', { value: null, configurable: true });",
        name,
    )
    .await;
    let opened = Records::open_named(name).await;
    run(
        "Object.defineProperty(window, 'indexedDB', window.__indexedDB);",
        name,
    )
    .await;
    assert_eq!(opened.err(), Some(StoreError::Blocked));
    // With IndexedDB back, the same database opens.
    fresh(name).await.close();
}

// The library in records, and moving it out of local storage.

use withme::persistence::library_records::{
    MOVED_FROM_LOCAL_STORAGE, Moved, RecordsRead, keep_lesson_aside, move_from_local_storage,
    read_library,
};
use withme::persistence::local_store::{self, LIBRARY_KEY};
use withme_core::records::read_index;
use withme_core::replica::Replica;
use withme_core::sync::Authority;
use withme_core::{Author, Command, DeviceId, LessonTitle, Timestamp};

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A library of lessons with these titles, with its ledger.
fn library_of(titles: &[&str]) -> Authority {
    let mut replica = Replica::new(DeviceId::parse("recordtest").unwrap(), Authority::default());
    for (n, title) in titles.iter().enumerate() {
        let command = Command::CreateLesson {
            title: LessonTitle::parse(title).unwrap(),
            class: None,
            template: None,
        };
        replica
            .make(
                Author::Teacher,
                command,
                Timestamp::from_millis(n as u64 + 1),
            )
            .unwrap();
    }
    replica.authority().clone()
}

fn store_in_local_storage(authority: &Authority) -> String {
    local_storage().clear().unwrap();
    let (library, ledger) = authority.parts();
    local_store::write_library(library, ledger).unwrap();
    local_storage().get_item(LIBRARY_KEY).unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn a_library_moves_out_of_local_storage_only_once_its_records_read_back_the_same() {
    let name = "withme-test-move";
    let records = fresh(name).await;
    let authority = library_of(&["Rivers", "Volcanoes", "Coasts"]);
    let text = store_in_local_storage(&authority);

    assert_eq!(
        move_from_local_storage(&records).await,
        Ok(Moved::Moved { lessons: 3 })
    );
    match read_library(&records).await.unwrap() {
        RecordsRead::Loaded(read) => {
            assert_eq!(&read.loaded.library, authority.library());
            assert_eq!(&read.loaded.ledger, authority.ledger());
            assert!(read.left_out.is_empty());
        }
        other => panic!("expected the library in records, got {other:?}"),
    }
    assert_eq!(records.read_all(Shelf::Lessons).await.unwrap().len(), 3);
    let index = records.read_all(Shelf::Index).await.unwrap();
    let mut titles: Vec<String> = read_index(&index)
        .into_iter()
        .map(|summary| summary.title.to_string())
        .collect();
    titles.sort();
    assert_eq!(titles, ["Coasts", "Rivers", "Volcanoes"]);
    // The old text left local storage, and is kept aside exactly.
    assert_eq!(local_storage().get_item(LIBRARY_KEY).unwrap(), None);
    assert_eq!(
        records.read_all(Shelf::KeptAside).await.unwrap(),
        vec![(MOVED_FROM_LOCAL_STORAGE.to_owned(), text.clone())]
    );
    // Once moved, a library in local storage again (an older Withme's window) is left alone.
    local_storage().set_item(LIBRARY_KEY, &text).unwrap();
    assert_eq!(
        move_from_local_storage(&records).await,
        Ok(Moved::AlreadyInRecords)
    );
    assert_eq!(local_storage().get_item(LIBRARY_KEY).unwrap(), Some(text));
    records.close();
}

#[wasm_bindgen_test]
async fn a_library_that_cannot_move_stays_in_local_storage_untouched() {
    let name = "withme-test-no-move";
    let records = fresh(name).await;
    local_storage().clear().unwrap();
    assert_eq!(
        move_from_local_storage(&records).await,
        Ok(Moved::NothingToMove)
    );

    // Unreadable text stays where it is, and nothing is written.
    let damaged = r#"{"format":"withme.library","version":5,"library":{"lessons":[{"#;
    local_storage().set_item(LIBRARY_KEY, damaged).unwrap();
    assert!(matches!(
        move_from_local_storage(&records).await,
        Ok(Moved::Unreadable(_))
    ));
    assert_eq!(
        local_storage().get_item(LIBRARY_KEY).unwrap().as_deref(),
        Some(damaged)
    );
    assert!(matches!(
        read_library(&records).await.unwrap(),
        RecordsRead::Empty
    ));

    // With no room for the records, the library stays in local storage, and nothing is
    // half-written.
    let text = store_in_local_storage(&library_of(&["Rivers", "Volcanoes"]));
    run(
        "const proto = IDBObjectStore.prototype;
         proto.__realPut = proto.put;
         proto.put = function () { throw new DOMException('refused in a test', 'QuotaExceededError'); };",
        name,
    )
    .await;
    let moved = move_from_local_storage(&records).await;
    run(
        "IDBObjectStore.prototype.put = IDBObjectStore.prototype.__realPut;",
        name,
    )
    .await;
    assert_eq!(moved, Err(StoreError::Full));
    assert_eq!(local_storage().get_item(LIBRARY_KEY).unwrap(), Some(text));
    assert!(records.read_all(Shelf::Lessons).await.unwrap().is_empty());
    assert!(matches!(
        read_library(&records).await.unwrap(),
        RecordsRead::Empty
    ));
    records.close();
}

#[wasm_bindgen_test]
async fn a_damaged_lesson_record_is_kept_aside_on_its_own_and_the_others_open() {
    let name = "withme-test-damaged-record";
    let records = fresh(name).await;
    let authority = library_of(&["Rivers", "Volcanoes"]);
    store_in_local_storage(&authority);
    move_from_local_storage(&records).await.unwrap();
    let lessons = records.read_all(Shelf::Lessons).await.unwrap();
    let (damaged_key, _) = lessons[0].clone();
    records
        .write(&[put(Shelf::Lessons, &damaged_key, "{\"plan\":")])
        .await
        .unwrap();

    let read = match read_library(&records).await.unwrap() {
        RecordsRead::Loaded(read) => read,
        other => panic!("expected the other lesson to open, got {other:?}"),
    };
    assert_eq!(read.left_out, vec![damaged_key.clone()]);
    assert_eq!(read.loaded.library.lessons_by_last_edited().len(), 1);

    keep_lesson_aside(&records, &damaged_key).await.unwrap();
    assert_eq!(records.read_all(Shelf::Lessons).await.unwrap().len(), 1);
    let index = records.read_all(Shelf::Index).await.unwrap();
    assert_eq!(index.len(), 1, "the library page no longer lists it");
    assert_ne!(index[0].0, damaged_key);
    assert!(
        records
            .read_all(Shelf::KeptAside)
            .await
            .unwrap()
            .contains(&(format!("lesson {damaged_key}"), "{\"plan\":".to_owned()))
    );
    match read_library(&records).await.unwrap() {
        RecordsRead::Loaded(read) => assert!(read.left_out.is_empty()),
        other => panic!("expected the library, got {other:?}"),
    }
    records.close();
}

// Conditional writes: two windows writing the same record.

use withme::persistence::records::{Expect, WriteRefused};

fn expect(shelf: Shelf, key: &str, text: Option<&str>) -> Expect {
    Expect {
        shelf,
        key: key.into(),
        text: text.map(str::to_owned),
    }
}

#[wasm_bindgen_test]
async fn a_conditional_write_writes_only_over_what_it_expected() {
    let name = "withme-test-conditional";
    let records = fresh(name).await;
    records
        .write(&[put(Shelf::Lessons, "dev.1", "first")])
        .await
        .unwrap();

    // As expected: written, the index too.
    records
        .write_if(
            &[
                expect(Shelf::Lessons, "dev.1", Some("first")),
                expect(Shelf::Lessons, "dev.2", None),
            ],
            &[
                put(Shelf::Lessons, "dev.1", "second"),
                put(Shelf::Index, "dev.1", "second"),
            ],
        )
        .await
        .unwrap();
    assert_eq!(
        records.read_all(Shelf::Lessons).await.unwrap(),
        pairs(&[("dev.1", "second")])
    );

    // Another window wrote in between: nothing is written, and the changed record is named.
    let refused = records
        .write_if(
            &[
                expect(Shelf::Lessons, "dev.1", Some("first")),
                expect(Shelf::Lessons, "dev.2", None),
            ],
            &[
                put(Shelf::Lessons, "dev.1", "lost"),
                put(Shelf::Lessons, "dev.2", "new"),
                put(Shelf::Index, "dev.1", "lost"),
            ],
        )
        .await;
    assert_eq!(
        refused,
        Err(WriteRefused::Changed(vec![(
            Shelf::Lessons,
            "dev.1".into()
        )]))
    );
    assert_eq!(
        records.read_all(Shelf::Lessons).await.unwrap(),
        pairs(&[("dev.1", "second")])
    );
    assert_eq!(
        records.read_all(Shelf::Index).await.unwrap(),
        pairs(&[("dev.1", "second")])
    );

    // A record expected absent that is there is changed too.
    let refused = records
        .write_if(
            &[expect(Shelf::Lessons, "dev.1", None)],
            &[put(Shelf::Lessons, "dev.1", "again")],
        )
        .await;
    assert_eq!(
        refused,
        Err(WriteRefused::Changed(vec![(
            Shelf::Lessons,
            "dev.1".into()
        )]))
    );
    records.close();
}

/// Fresh records holding a library of one lesson saved with the stamp "one", and the changes
/// that make it a library of two.
struct SavedOnce {
    records: Records,
    /// The library saved.
    first: Authority,
    /// The library of two.
    second: Authority,
    /// From the first to the second.
    changes: withme_core::records::RecordChanges,
}

async fn saved_once(name: &str) -> SavedOnce {
    use withme::persistence::library_records::save_changes;
    use withme_core::records::{changes_between, records_of};
    let records = fresh(name).await;
    let first = library_of(&["Rivers"]);
    let (library, ledger) = first.parts();
    save_changes(&records, records_of(library, ledger), None, "one".into())
        .await
        .unwrap();
    let second = library_of(&["Rivers", "Volcanoes"]);
    let changes = changes_between(first.parts(), second.parts());
    SavedOnce {
        records,
        first,
        second,
        changes,
    }
}

#[wasm_bindgen_test]
async fn a_save_is_written_only_over_the_save_it_was_made_against() {
    use withme::persistence::library_records::{SAVE_STAMP, read_stored, save_changes};
    let SavedOnce {
        records,
        first,
        second,
        changes,
    } = saved_once("withme-test-save-stamp").await;
    let stored = read_stored(&records).await.unwrap();
    assert_eq!(stored.stamp.as_deref(), Some("one"));

    // A window that last saw no save at all, or another save, writes nothing.
    for stale in [None, Some("two".to_owned())] {
        let refused = save_changes(&records, changes.clone(), stale, "three".into()).await;
        assert_eq!(
            refused,
            Err(WriteRefused::Changed(vec![(
                Shelf::Library,
                SAVE_STAMP.to_owned()
            )]))
        );
    }
    match read_stored(&records).await.unwrap() {
        withme::persistence::library_records::Stored {
            read: RecordsRead::Loaded(read),
            stamp,
        } => {
            assert_eq!(stamp.as_deref(), Some("one"));
            assert_eq!(&read.loaded.library, first.library());
        }
        other => panic!("expected the first save, got {other:?}"),
    }
    // Made against the save as stored, it is written, with its stamp.
    save_changes(&records, changes, Some("one".into()), "three".into())
        .await
        .unwrap();
    let stored = read_stored(&records).await.unwrap();
    assert_eq!(stored.stamp.as_deref(), Some("three"));
    match stored.read {
        RecordsRead::Loaded(read) => assert_eq!(&read.loaded.library, second.library()),
        other => panic!("expected the second save, got {other:?}"),
    }
    records.close();
}

#[wasm_bindgen_test]
async fn a_heard_save_is_read_record_by_record_only_while_it_is_the_latest() {
    use withme::persistence::library_records::{read_written, save_changes};
    let SavedOnce {
        records, changes, ..
    } = saved_once("withme-test-read-written").await;
    let lessons: Vec<String> = changes.lessons.iter().map(|(k, _)| k.clone()).collect();
    let parts: Vec<String> = changes.parts.iter().map(|(k, _)| k.clone()).collect();
    let expected_lessons = changes.lessons.clone();
    save_changes(&records, changes, Some("one".into()), "two".into())
        .await
        .unwrap();

    let read = read_written(&records, "two", &lessons, &parts)
        .await
        .unwrap()
        .expect("the save is the latest");
    assert_eq!(read.0, expected_lessons);
    assert_eq!(
        read.1.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
        parts
    );
    // Once a later save is made, only the whole library tells what is stored.
    assert_eq!(
        read_written(&records, "one", &lessons, &parts)
            .await
            .unwrap(),
        None
    );
    // A record named but gone (removed by a later save under the same stamp cannot happen;
    // a damaged store can): not read as if it were there.
    records
        .write(&[Change::Delete {
            shelf: Shelf::Lessons,
            key: lessons[0].clone(),
        }])
        .await
        .unwrap();
    assert_eq!(
        read_written(&records, "two", &lessons, &parts)
            .await
            .unwrap(),
        None
    );
    records.close();
}
