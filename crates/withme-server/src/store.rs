//! Where live lessons are kept: one interface ([`Store`]), and its embedded SQLite
//! implementation (WAL). A lesson is its [`Start`] plus a journal of [`Entry`]s; an entry is
//! answered to a device only after its transaction has committed.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};
use withme_core::Timestamp;

use crate::live::{Entry, Start};

/// Why the store failed. Shown in the server's log; devices are told only that it failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused.
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    /// A stored value could not be read back.
    #[error("a stored value is damaged: {0}")]
    Damaged(#[from] serde_json::Error),
}

/// A live lesson as stored: how it started, and everything since, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLesson {
    /// How it started.
    pub start: Start,
    /// Its journal, oldest first.
    pub entries: Vec<Entry>,
    /// When the teacher ended it, if they did.
    pub ended_at: Option<Timestamp>,
}

/// Where live lessons are kept. A PostgreSQL store for many schools implements the same.
pub trait Store: Send + Sync + 'static {
    /// Keeps a lesson that has just gone live.
    fn create(&self, start: &Start) -> Result<(), StoreError>;
    /// Appends entries to a lesson's journal, all or none, and returns once committed.
    fn append(&self, code: &str, entries: &[Entry]) -> Result<(), StoreError>;
    /// Every lesson not yet forgotten, to rebuild after a restart.
    fn load_all(&self) -> Result<Vec<StoredLesson>, StoreError>;
    /// Forgets lessons ended before `before`. Returns how many.
    fn forget_ended_before(&self, before: Timestamp) -> Result<usize, StoreError>;
}

/// The embedded store: one SQLite file, in WAL mode.
pub struct SqliteStore {
    connection: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (or makes) the database at `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::with(Connection::open(path)?)
    }

    /// A database in memory (for tests).
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::with(Connection::open_in_memory()?)
    }

    fn with(connection: Connection) -> Result<Self, StoreError> {
        // WAL with NORMAL sync: a commit survives the server being killed (the log is in the
        // file system's hands); only a power cut can lose the latest commits.
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.execute_batch(
            "CREATE TABLE IF NOT EXISTS live (
                 code TEXT PRIMARY KEY,
                 start TEXT NOT NULL,
                 ended_at INTEGER
             );
             CREATE TABLE IF NOT EXISTS journal (
                 code TEXT NOT NULL REFERENCES live(code) ON DELETE CASCADE,
                 n INTEGER NOT NULL,
                 entry TEXT NOT NULL,
                 PRIMARY KEY (code, n)
             );",
        )?;
        Ok(Self {
            connection: Mutex::new(connection),
        })
    }

    fn connection(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written: every change is a
        // transaction. Carry on with the connection.
        self.connection.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Store for SqliteStore {
    fn create(&self, start: &Start) -> Result<(), StoreError> {
        let text = serde_json::to_string(start)?;
        self.connection().execute(
            "INSERT INTO live (code, start) VALUES (?1, ?2)",
            params![start.code, text],
        )?;
        Ok(())
    }

    fn append(&self, code: &str, entries: &[Entry]) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut connection = self.connection();
        let transaction = connection.transaction()?;
        let next: i64 = transaction.query_row(
            "SELECT COALESCE(MAX(n), 0) + 1 FROM journal WHERE code = ?1",
            params![code],
            |row| row.get(0),
        )?;
        for (i, entry) in entries.iter().enumerate() {
            transaction.execute(
                "INSERT INTO journal (code, n, entry) VALUES (?1, ?2, ?3)",
                params![code, next + i as i64, serde_json::to_string(entry)?],
            )?;
            if let Entry::End { at } = entry {
                transaction.execute(
                    "UPDATE live SET ended_at = ?2 WHERE code = ?1",
                    params![code, at.millis() as i64],
                )?;
            }
        }
        transaction.commit()?;
        Ok(())
    }

    fn load_all(&self) -> Result<Vec<StoredLesson>, StoreError> {
        let connection = self.connection();
        let mut lessons = Vec::new();
        let mut live =
            connection.prepare("SELECT code, start, ended_at FROM live ORDER BY rowid")?;
        let rows = live.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<i64>>(2)?,
            ))
        })?;
        let mut journal =
            connection.prepare("SELECT entry FROM journal WHERE code = ?1 ORDER BY n")?;
        for row in rows {
            let (code, start, ended_at) = row?;
            let entries = journal
                .query_map(params![code], |row| row.get::<_, String>(0))?
                .map(|text| Ok(serde_json::from_str(&text?)?))
                .collect::<Result<Vec<Entry>, StoreError>>()?;
            lessons.push(StoredLesson {
                start: serde_json::from_str(&start)?,
                entries,
                ended_at: ended_at.map(|ms| Timestamp::from_millis(ms.max(0) as u64)),
            });
        }
        Ok(lessons)
    }

    fn forget_ended_before(&self, before: Timestamp) -> Result<usize, StoreError> {
        let connection = self.connection();
        let gone = connection.execute(
            "DELETE FROM live WHERE ended_at IS NOT NULL AND ended_at < ?1",
            params![before.millis() as i64],
        )?;
        Ok(gone)
    }
}

impl SqliteStore {
    /// Whether a lesson with this code is kept (for tests).
    pub fn has(&self, code: &str) -> Result<bool, StoreError> {
        Ok(self
            .connection()
            .query_row("SELECT 1 FROM live WHERE code = ?1", params![code], |_| {
                Ok(())
            })
            .optional()?
            .is_some())
    }
}
