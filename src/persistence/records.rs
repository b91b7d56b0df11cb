//! The adapter between Withme and the browser's IndexedDB: records of text, one per key, on a
//! few shelves (object stores), each shelf read whole and every write one all-or-nothing batch.
//!
//! This is where a year of lessons is to live, one record per lesson, so that a save writes only
//! the lessons that changed (issue 15). Records are text (each a JSON document), so a damaged
//! record is found where it is parsed and kept aside on its own; reading never fails on one.
//! The adapter speaks to IndexedDB through web-sys alone: no crate, no JavaScript of its own
//! (which the Content-Security-Policy and the service worker would have to know about).

use js_sys::{Array, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

use super::local_store::{StoreError, js_store_error};

/// The database Withme keeps its records in.
pub const DATABASE: &str = "withme";

/// The database's version: it changes only when shelves are added or removed.
const VERSION: u32 = 1;

/// A shelf of records (an IndexedDB object store).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shelf {
    /// One record per lesson, keyed by the lesson's id.
    Lessons,
    /// The small index the library page opens with: a record per lesson, keyed the same.
    Index,
    /// What is not a lesson (classes, templates, the authority's ledger), one record per part.
    Library,
    /// Records that could not be read, kept exactly as they were.
    KeptAside,
}

impl Shelf {
    /// Every shelf, as the database is made with them.
    pub const ALL: [Shelf; 4] = [
        Shelf::Lessons,
        Shelf::Index,
        Shelf::Library,
        Shelf::KeptAside,
    ];

    /// The object store's name.
    pub fn name(self) -> &'static str {
        match self {
            Shelf::Lessons => "lessons",
            Shelf::Index => "index",
            Shelf::Library => "library",
            Shelf::KeptAside => "kept-aside",
        }
    }
}

/// One change in a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Store `text` under `key`, replacing what was there.
    Put {
        /// The shelf.
        shelf: Shelf,
        /// The record's key.
        key: String,
        /// The record.
        text: String,
    },
    /// Remove the record under `key`, if there is one.
    Delete {
        /// The shelf.
        shelf: Shelf,
        /// The record's key.
        key: String,
    },
}

impl Change {
    fn shelf(&self) -> Shelf {
        match self {
            Change::Put { shelf, .. } | Change::Delete { shelf, .. } => *shelf,
        }
    }
}

/// A record a conditional write expects to find: its text, or `None` for no record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect {
    /// The shelf.
    pub shelf: Shelf,
    /// The record's key.
    pub key: String,
    /// The text expected.
    pub text: Option<String>,
}

/// Why a conditional write wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteRefused {
    /// The browser refused (full, blocked, or another failure).
    Store(StoreError),
    /// These records were not as expected: another window wrote them.
    Changed(Vec<(Shelf, String)>),
}

impl From<StoreError> for WriteRefused {
    fn from(error: StoreError) -> Self {
        WriteRefused::Store(error)
    }
}

/// An open connection to Withme's records.
#[derive(Debug, Clone)]
pub struct Records {
    db: IdbDatabase,
}

impl Records {
    /// Opens Withme's records, making the shelves on the first visit.
    pub async fn open() -> Result<Self, StoreError> {
        Self::open_named(DATABASE).await
    }

    /// Opens the records kept in the database called `name` (tests use names of their own).
    pub async fn open_named(name: &str) -> Result<Self, StoreError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or(StoreError::Blocked)?;
        let request: IdbOpenDbRequest = factory
            .open_with_u32(name, VERSION)
            .map_err(js_store_error)?;
        let make_shelves = Handler::new({
            let request = request.clone();
            move || {
                let Ok(db) = request.result() else { return };
                let db: IdbDatabase = db.unchecked_into();
                let names = db.object_store_names();
                for shelf in Shelf::ALL {
                    if !names.contains(shelf.name()) {
                        let _ = db.create_object_store(shelf.name());
                    }
                }
            }
        });
        request.set_onupgradeneeded(as_function(&make_shelves));
        let opened = settled(&request).await;
        request.set_onupgradeneeded(None);
        drop(make_shelves);
        let db: IdbDatabase = opened?.unchecked_into();
        // A newer Withme in another window needs this connection closed to change the shelves.
        let close = Handler::new({
            let db = db.clone();
            move || db.close()
        });
        db.set_onversionchange(as_function(&close));
        close.forget();
        Ok(Self { db })
    }

    /// One transaction over the shelves `over` picks (those only, so it waits on no other).
    fn transaction(
        &self,
        over: impl Fn(Shelf) -> bool,
        mode: IdbTransactionMode,
    ) -> Result<IdbTransaction, StoreError> {
        let names = Array::new();
        for shelf in Shelf::ALL.into_iter().filter(|shelf| over(*shelf)) {
            names.push(&JsValue::from_str(shelf.name()));
        }
        self.db
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(js_store_error)
    }

    /// Every record on `shelf`, as `(key, text)`, in key order. A record that is not text (not
    /// written by Withme) comes as its JSON form, for the reader to find damaged.
    pub async fn read_all(&self, shelf: Shelf) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self.read_shelves(&[shelf]).await?.pop().unwrap_or_default())
    }

    /// Every record on each of `shelves`, read in one transaction, so no write lands between
    /// one shelf and the next: as [`Records::read_all`], a list per shelf in the order asked.
    pub async fn read_shelves(
        &self,
        shelves: &[Shelf],
    ) -> Result<Vec<Vec<(String, String)>>, StoreError> {
        let transaction = self.transaction(
            |shelf| shelves.contains(&shelf),
            IdbTransactionMode::Readonly,
        )?;
        let mut asked = Vec::with_capacity(shelves.len());
        for shelf in shelves {
            let store = transaction
                .object_store(shelf.name())
                .map_err(js_store_error)?;
            let keys = settled(&store.get_all_keys().map_err(js_store_error)?);
            let values = settled(&store.get_all().map_err(js_store_error)?);
            asked.push((keys, values));
        }
        let mut read = Vec::with_capacity(shelves.len());
        for (keys, values) in asked {
            let keys: Array = keys.await?.unchecked_into();
            let values: Array = values.await?.unchecked_into();
            read.push(
                keys.iter()
                    .zip(values.iter())
                    .map(|(key, value)| (text_of(&key), text_of(&value)))
                    .collect(),
            );
        }
        Ok(read)
    }

    /// The records under these keys, read in one transaction (`None` where there is none).
    pub async fn read_keys(
        &self,
        keys: &[(Shelf, String)],
    ) -> Result<Vec<Option<String>>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let transaction = self.transaction(
            |shelf| keys.iter().any(|(s, _)| *s == shelf),
            IdbTransactionMode::Readonly,
        )?;
        let mut asked = Vec::with_capacity(keys.len());
        for (shelf, key) in keys {
            let store = transaction
                .object_store(shelf.name())
                .map_err(js_store_error)?;
            asked.push(settled(
                &store.get(&JsValue::from_str(key)).map_err(js_store_error)?,
            ));
        }
        let mut read = Vec::with_capacity(keys.len());
        for answer in asked {
            let value = answer.await?;
            read.push((!value.is_undefined()).then(|| text_of(&value)));
        }
        Ok(read)
    }

    /// Makes every change, or none: when one fails (the browser's room is used up, say), the
    /// records stay as they were before the write.
    pub async fn write(&self, changes: &[Change]) -> Result<(), StoreError> {
        match self.write_if(&[], changes).await {
            Ok(()) => Ok(()),
            Err(WriteRefused::Store(error)) => Err(error),
            Err(WriteRefused::Changed(_)) => unreachable!("nothing was expected"),
        }
    }

    /// Makes every change only if each expected record is still as expected, all in one
    /// transaction, so no other window can write in between: the way two windows writing the
    /// same record never lose each other's work. When one has changed, nothing is written and
    /// the changed keys are returned, for the caller to read, rebase and try again.
    pub async fn write_if(
        &self,
        expected: &[Expect],
        changes: &[Change],
    ) -> Result<(), WriteRefused> {
        if changes.is_empty() {
            return Ok(());
        }
        let touched = |shelf| {
            changes.iter().any(|c| c.shelf() == shelf) || expected.iter().any(|e| e.shelf == shelf)
        };
        let transaction = self.transaction(touched, IdbTransactionMode::Readwrite)?;
        let finished = Finished::watch(&transaction);
        let stop = |error: StoreError| async {
            let _ = transaction.abort();
            let _ = finished.wait().await;
            error
        };
        // Every read is asked for at once; the transaction stays open while they are answered.
        let mut reads = Vec::with_capacity(expected.len());
        for expect in expected {
            match transaction
                .object_store(expect.shelf.name())
                .and_then(|store| store.get(&JsValue::from_str(&expect.key)))
            {
                Ok(request) => reads.push(settled(&request)),
                Err(error) => return Err(stop(js_store_error(error)).await.into()),
            }
        }
        let mut changed = Vec::new();
        for (expect, read) in expected.iter().zip(reads) {
            let found = match read.await {
                Ok(value) if value.is_undefined() => None,
                Ok(value) => Some(text_of(&value)),
                Err(error) => return Err(stop(error).await.into()),
            };
            if found != expect.text {
                changed.push((expect.shelf, expect.key.clone()));
            }
        }
        if !changed.is_empty() {
            let _ = stop(StoreError::Failed(String::new())).await;
            return Err(WriteRefused::Changed(changed));
        }
        for change in changes {
            if let Err(error) = make(&transaction, change) {
                return Err(stop(js_store_error(error)).await.into());
            }
        }
        finished.wait().await.map_err(WriteRefused::Store)
    }

    /// Closes the connection (a window does when it leaves; tests between steps).
    pub fn close(&self) {
        self.db.close();
    }
}

/// Deletes the database called `name` and every record in it (tests start from nothing).
pub async fn delete_database(name: &str) -> Result<(), StoreError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(StoreError::Blocked)?;
    let request = factory.delete_database(name).map_err(js_store_error)?;
    settled(&request).await.map(|_| ())
}

fn make(transaction: &IdbTransaction, change: &Change) -> Result<IdbRequest, JsValue> {
    let store = transaction.object_store(change.shelf().name())?;
    match change {
        Change::Put { key, text, .. } => {
            store.put_with_key(&JsValue::from_str(text), &JsValue::from_str(key))
        }
        Change::Delete { key, .. } => store.delete(&JsValue::from_str(key)),
    }
}

fn text_of(value: &JsValue) -> String {
    value.as_string().unwrap_or_else(|| {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    })
}

/// A callback the browser calls once, kept alive by whoever waits for it.
type Handler = Closure<dyn FnMut()>;

/// A promise settled by the first of two callbacks, and the two callbacks: `install` hands them
/// to the browser (as success and failure). Keep the callbacks until the promise has settled.
fn promise_of(install: impl FnOnce(&Handler, &Handler)) -> (Promise, [Handler; 2]) {
    let mut handlers = None;
    let promise = Promise::new(&mut |resolve, reject| {
        let success = Handler::new(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failure = Handler::new(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        handlers = Some([success, failure]);
    });
    let handlers = handlers.expect("a promise runs its executor at once");
    install(&handlers[0], &handlers[1]);
    (promise, handlers)
}

fn as_function(handler: &Handler) -> Option<&js_sys::Function> {
    Some(handler.as_ref().unchecked_ref())
}

/// Waits for a request's answer: its result, or the browser's error. The callbacks are given
/// to the request at once, not when the wait begins, so a second request made before the first
/// is awaited cannot answer unheard.
fn settled(request: &IdbRequest) -> impl Future<Output = Result<JsValue, StoreError>> + use<> {
    let (answered, handlers) = promise_of(|success, failure| {
        request.set_onsuccess(as_function(success));
        request.set_onerror(as_function(failure));
    });
    let request = request.clone();
    async move {
        let outcome = JsFuture::from(answered).await;
        request.set_onsuccess(None);
        request.set_onerror(None);
        drop(handlers);
        match outcome {
            Ok(_) => request.result().map_err(js_store_error),
            Err(_) => Err(request.error().ok().flatten().map_or_else(
                || StoreError::Failed("no answer".into()),
                |e| js_store_error(e.into()),
            )),
        }
    }
}

/// The end of a write's transaction: committed, or aborted with the browser's reason.
struct Finished {
    transaction: IdbTransaction,
    ended: Promise,
    _handlers: [Handler; 2],
}

impl Finished {
    fn watch(transaction: &IdbTransaction) -> Self {
        let (ended, handlers) = promise_of(|complete, abort| {
            transaction.set_oncomplete(as_function(complete));
            transaction.set_onabort(as_function(abort));
        });
        Self {
            transaction: transaction.clone(),
            ended,
            _handlers: handlers,
        }
    }

    /// Waits for the end; the callbacks go when `self` does.
    async fn wait(&self) -> Result<(), StoreError> {
        let outcome = JsFuture::from(self.ended.clone()).await;
        self.transaction.set_oncomplete(None);
        self.transaction.set_onabort(None);
        match outcome {
            Ok(_) => Ok(()),
            Err(_) => Err(self.transaction.error().map_or_else(
                || StoreError::Failed("the write was stopped".into()),
                |e| js_store_error(e.into()),
            )),
        }
    }
}
