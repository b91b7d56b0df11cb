//! The library as this window sees it, saved to storage and kept in step with other windows.
//!
//! The window's [`Replica`] lives in one signal. Edits apply to it at once; a write to storage
//! follows a moment later, carrying every edit made meanwhile. Before each write the stored
//! library is read again and this window's pending edits are replayed on it, so two windows never
//! overwrite each other's work. When another window writes, the browser sends a `storage` event
//! and this window rebases on what it wrote.
//!
//! Every such window is an authority (see `withme_core::sync`): it holds the library with its
//! ledger, handles what pupils' tablets in this browser send through their outboxes
//! ([`crate::persistence::outbox`]) exactly as the server will, writes the library, then answers
//! each tablet. A tablet's window is not one of these: see [`super::tablet`].

use std::time::Duration;

use leptos::prelude::*;
use withme_core::document::{DocumentError, salvage_library};
use withme_core::replica::{Rebased, Replica, WRITE_GRACE_MILLIS};
use withme_core::sync::{Answer, Authority, Holder, Outcome, Seat, Submission, VersionedView};
use withme_core::view::{TeacherView, Viewer, project};
use withme_core::{
    AdoptError, Author, Command, DeviceId, Event, LessonId, Library, OpId, Rejection,
};

use super::notices::Notices;
use super::save_status::{KeptAside, SaveState, StorageProblem};
use crate::browser::{now, random_device_id};
use crate::persistence::local_store::{self, LIBRARY_KEY, StoreError, StoredRead};
use crate::persistence::outbox;
use crate::persistence::views::{self, Viewing};

/// Delay between an edit and its write, so that typing is written in batches.
const WRITE_DELAY: Duration = Duration::from_millis(250);

/// After a write, when to check storage again so settled edits can be forgotten.
const SETTLE_CHECK: Duration = Duration::from_millis(WRITE_GRACE_MILLIS + 500);

/// The window's library and its saving machinery. A small handle: copy it freely.
#[derive(Clone, Copy)]
pub struct LibraryState {
    replica: RwSignal<Replica>,
    save: RwSignal<SaveState>,
    kept_aside: RwSignal<Option<KeptAside>>,
    /// False when writing must not happen at all (storage blocked, or a newer version stored).
    writable: StoredValue<bool>,
    write_scheduled: StoredValue<bool>,
    check_scheduled: StoredValue<bool>,
    /// Whether this window has asked the browser to keep its storage.
    asked_to_keep: StoredValue<bool>,
    notices: Notices,
}

impl LibraryState {
    /// Loads the stored library and starts listening to other windows.
    pub fn start(notices: Notices) -> Self {
        let opened = open_stored_library();
        let state = Self {
            replica: RwSignal::new(Replica::new(random_device_id(), opened.authority)),
            save: RwSignal::new(opened.save),
            kept_aside: RwSignal::new(opened.kept_aside),
            writable: StoredValue::new(opened.writable),
            write_scheduled: StoredValue::new(false),
            check_scheduled: StoredValue::new(false),
            asked_to_keep: StoredValue::new(false),
            notices,
        };
        state.listen_to_other_windows();
        state.write_before_leaving();
        for (device, lesson, submissions) in outbox::read_all() {
            state.handle_outbox(&device, &lesson, submissions);
        }
        state.publish_views();
        state
    }

    /// Makes the view of every tablet in this browser from the library as stored, and writes
    /// those that changed ([`crate::persistence::views`]).
    fn publish_views(&self) {
        for (device, viewing) in views::read_all_viewing(now()) {
            self.publish_view(&device, &viewing);
        }
    }

    /// Makes and writes one tablet's view, as the server makes a live tablet's.
    fn publish_view(&self, device: &DeviceId, viewing: &Viewing) {
        let view = self.replica.with_untracked(|r| {
            let (library, ledger) = r.authority().parts();
            let viewer = viewing
                .pupil
                .clone()
                .map_or(Viewer::Unchosen, Viewer::Pupil);
            VersionedView {
                version: ledger.order(),
                projection: project(library, &viewing.lesson, &viewer),
            }
        });
        let _ = views::write_view(device, &view);
    }

    /// Handles a tablet's operations as their authority (the core checks each against the seat
    /// and the library), then schedules the write after which the tablet is answered.
    fn handle_outbox(&self, device: &DeviceId, lesson: &LessonId, submissions: Vec<Submission>) {
        if submissions.is_empty() {
            // The tablet has nothing unanswered: its answers can go.
            let _ = outbox::write_answers(device, Vec::new());
            return;
        }
        if super::live_lessons::is_live_here(lesson) {
            // The lesson's server holds it now: what a tablet here did would be lost when the
            // server's copy comes back. It is refused, so the pupil knows.
            let answers = submissions
                .iter()
                .map(|s| Answer::Handled {
                    seq: s.seq,
                    outcome: Outcome::Refused {
                        code: "live_elsewhere".into(),
                        reason: "This lesson is live. Join it with the code on the board.".into(),
                    },
                })
                .collect();
            let _ = outbox::write_answers(device, answers);
            return;
        }
        let at = now();
        self.replica.update(|replica| {
            for submission in submissions {
                replica.relay(seat_of(device, lesson, &submission), submission, at);
            }
        });
        self.schedule_write();
    }

    /// Reads the library (tracked: the caller re-runs when it changes).
    pub fn with<R>(&self, read: impl FnOnce(&Library) -> R) -> R {
        self.replica.with(|replica| read(replica.library()))
    }

    /// Reads the library without tracking.
    pub fn with_untracked<R>(&self, read: impl FnOnce(&Library) -> R) -> R {
        self.replica
            .with_untracked(|replica| read(replica.library()))
    }

    /// Whether changes are being saved (tracked).
    pub fn save_state(&self) -> SaveState {
        self.save.get()
    }

    /// The stored library that was kept aside at start, if any (tracked).
    pub fn kept_aside(&self) -> Option<KeptAside> {
        self.kept_aside.get()
    }

    /// Hides the message about a kept-aside library (the copy stays in storage).
    pub fn dismiss_kept_aside(&self) {
        self.kept_aside.set(None);
    }

    /// The id this window's next operation will have.
    pub fn next_op_id(&self) -> OpId {
        self.replica.with_untracked(Replica::next_op_id)
    }

    /// Applies a command as `author`, then schedules a write.
    pub fn make(&self, author: Author, command: Command) -> Result<Event, Rejection> {
        let result = self
            .replica
            .try_maybe_update(|replica| {
                let result = replica.make(author, command, now()).map(|(_, event)| event);
                (result.is_ok(), result)
            })
            .unwrap_or(Err(Rejection::UnknownLesson));
        if result.is_ok() {
            if self.save.get_untracked() == SaveState::Saved {
                self.save.set(SaveState::Saving);
            }
            self.schedule_write();
        }
        result
    }

    /// Takes in a live lesson as its server holds it (see [`LiveLessons`]), then schedules a
    /// write.
    ///
    /// [`LiveLessons`]: super::live_lessons::LiveLessons
    pub fn adopt(&self, view: TeacherView) -> Result<(), AdoptError> {
        let changed = self
            .replica
            .try_maybe_update(|replica| match replica.adopt(view) {
                Ok(changed) => (changed, Ok(changed)),
                Err(error) => (false, Err(error)),
            })
            .unwrap_or(Ok(false))?;
        if changed {
            if self.save.get_untracked() == SaveState::Saved {
                self.save.set(SaveState::Saving);
            }
            self.schedule_write();
        }
        Ok(())
    }

    /// Writes pending edits now: reads storage, replays this window's edits on it, writes.
    pub fn flush(&self) {
        self.write_scheduled.set_value(false);
        self.check_scheduled.set_value(false);
        if !self.writable.get_value() {
            return;
        }
        let shared = match local_store::read_library() {
            Ok(StoredRead::Loaded(loaded)) => Some(Authority::new(loaded.library, loaded.ledger)),
            Ok(StoredRead::Empty) => None,
            Ok(StoredRead::Unreadable { raw, error }) => {
                // Not copied again if it is a newer Withme's: that window keeps writing.
                let unreadable = deal_with_unreadable(&raw, &error, false);
                let may_overwrite = unreadable.may_overwrite;
                self.note_unreadable(unreadable);
                if !may_overwrite {
                    return;
                }
                None
            }
            Err(error) => return self.save.set(not_saving(error)),
        };
        let mut must_write = self.replica.with_untracked(Replica::has_unwritten);
        match shared {
            Some(shared) => must_write |= self.rebase(shared).needs_write,
            // Storage was emptied (or held something unreadable): put this window's copy back.
            None => must_write |= !self.with_untracked(Library::is_empty),
        }
        if must_write {
            let written = self.replica.with_untracked(|r| {
                let (library, ledger) = r.authority().parts();
                local_store::write_library(library, ledger)
            });
            match written {
                Ok(()) => {
                    self.replica.update_untracked(Replica::mark_written);
                    self.save.set(SaveState::Saved);
                    self.ask_to_keep_storage_once();
                    // Answers before views: a tablet that saw its operation in a view before
                    // hearing it was accepted would show it twice, as sent and as sending.
                    self.answer_tablets();
                    self.publish_views();
                }
                Err(error) => self.save.set(not_saving(error)),
            }
        } else {
            if matches!(self.save.get_untracked(), SaveState::Saving) {
                self.save.set(SaveState::Saved);
            }
            // Storage already holds what this window holds (a tablet sent again what was
            // stored before, say): answer from it.
            self.answer_tablets();
            self.publish_views();
        }
        if self.replica.with_untracked(|r| r.pending_count() > 0) {
            self.schedule_check();
        }
    }

    /// Answers every tablet whose outbox is in storage, from the library as stored (just written,
    /// or found already holding everything): each operation handled is answered, so the tablet
    /// can forget it.
    fn answer_tablets(&self) {
        for (device, _, submissions) in outbox::read_all() {
            let answers = self.replica.with_untracked(|r| {
                submissions
                    .iter()
                    .filter_map(|s| r.authority().answer_for(&device, s.seq))
                    .collect()
            });
            let _ = outbox::write_answers(&device, answers);
        }
    }

    /// Once this window has saved work of its own, asks the browser not to evict it (Safari
    /// otherwise deletes site data after seven days without a visit).
    fn ask_to_keep_storage_once(&self) {
        if !self.asked_to_keep.get_value() {
            self.asked_to_keep.set_value(true);
            local_store::ask_to_keep_storage();
        }
    }

    fn rebase(&self, shared: Authority) -> Rebased {
        // Most rebases hear back this window's own write: then nothing needs redrawing.
        let rebased = self
            .replica
            .try_maybe_update(|replica| {
                let rebased = replica.rebase(shared, now());
                (rebased.changed, rebased)
            })
            .unwrap_or_default();
        for dropped in &rebased.dropped {
            self.notices.problem(format!(
                "A change made here couldn't be kept, because of a change in another window: {}",
                dropped.reason
            ));
        }
        rebased
    }

    /// Shows what was done about unreadable stored text, and stops saving if it must.
    fn note_unreadable(&self, unreadable: Unreadable) {
        if let Some(kept) = unreadable.kept {
            self.kept_aside.set(Some(kept));
        }
        if let Some(problem) = unreadable.problem {
            self.save.set(SaveState::NotSaving(problem));
        }
        if !unreadable.writable {
            self.writable.set_value(false);
        }
    }

    fn schedule_write(&self) {
        if self.write_scheduled.get_value() {
            return;
        }
        self.write_scheduled.set_value(true);
        let state = *self;
        set_timeout(move || state.flush(), WRITE_DELAY);
    }

    fn schedule_check(&self) {
        if self.check_scheduled.get_value() {
            return;
        }
        self.check_scheduled.set_value(true);
        let state = *self;
        set_timeout(
            move || {
                if state.check_scheduled.get_value() {
                    state.flush();
                }
            },
            SETTLE_CHECK,
        );
    }

    fn listen_to_other_windows(&self) {
        let state = *self;
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            let key = event.key().unwrap_or_default();
            if let Some((device, lesson)) = outbox::outbox_owner(&key) {
                let submissions = event.new_value().map(|text| outbox::parse(&text));
                state.handle_outbox(&device, &lesson, submissions.unwrap_or_default());
                return;
            }
            if let Some(device) = views::viewing_owner(&key) {
                if let Some(viewing) = views::read_viewing(&device) {
                    state.publish_view(&device, &viewing);
                }
                return;
            }
            if key != LIBRARY_KEY || !state.writable.get_value() {
                return;
            }
            let shared = event
                .new_value()
                .map(|text| local_store::parse_shared(&text));
            match shared {
                Some(Ok(shared)) => {
                    if state.rebase(shared).needs_write {
                        state.schedule_write();
                    }
                }
                // Emptied or unreadable: the next write decides, keeping anything unreadable.
                _ => state.schedule_write(),
            }
        });
    }

    fn write_before_leaving(&self) {
        let state = *self;
        let write_now = move || {
            if state.replica.with_untracked(Replica::has_unwritten) {
                state.flush();
            }
        };
        let _ = window_event_listener(leptos::ev::pagehide, move |_| write_now());
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().hidden() {
                write_now();
            }
        });
    }
}

/// The seat of a tablet in this browser: its device, in the lesson it joined, let in for the
/// pupil it says is holding it (one browser is the teacher's own device: every pupil on the
/// class list may use it). Which pupil may do what is still the core's to check.
fn seat_of(device: &DeviceId, lesson: &LessonId, submission: &Submission) -> Seat {
    Seat {
        device: device.clone(),
        lesson: lesson.clone(),
        holder: match &submission.pupil {
            Some(pupil) => Holder::Pupils(vec![pupil.clone()]),
            None => Holder::Waiting,
        },
    }
}

/// What was found in storage when the window opened.
struct Opened {
    authority: Authority,
    save: SaveState,
    kept_aside: Option<KeptAside>,
    writable: bool,
}

fn open_stored_library() -> Opened {
    let fresh = |save, kept_aside, writable| Opened {
        authority: Authority::default(),
        save,
        kept_aside,
        writable,
    };
    match local_store::read_library() {
        Ok(StoredRead::Empty) => fresh(SaveState::Saved, None, true),
        Ok(StoredRead::Loaded(loaded)) => {
            let save = match loaded.migrated_from {
                Some(version) => save_migrated(version, &loaded.library, &loaded.ledger),
                None => SaveState::Saved,
            };
            Opened {
                authority: Authority::new(loaded.library, loaded.ledger),
                save,
                kept_aside: None,
                writable: true,
            }
        }
        Ok(StoredRead::Unreadable { raw, error }) => {
            if let Some(opened) = open_salvaged(&raw, &error) {
                return opened;
            }
            let unreadable = deal_with_unreadable(&raw, &error, true);
            let save = unreadable
                .problem
                .map_or(SaveState::Saved, SaveState::NotSaving);
            fresh(save, unreadable.kept, unreadable.writable)
        }
        Err(StoreError::Blocked) => {
            fresh(SaveState::NotSaving(StorageProblem::Blocked), None, false)
        }
        Err(error) => fresh(not_saving(error), None, true),
    }
}

/// Opens the readable part of a library damaged only inside some lessons: the whole text is
/// kept aside first (without room for that copy, nothing is opened this way), then the rest is
/// saved in its place.
fn open_salvaged(raw: &str, error: &DocumentError) -> Option<Opened> {
    if !matches!(error, DocumentError::Damaged(_)) {
        return None;
    }
    let salvaged = salvage_library(raw)?;
    let key = local_store::keep_aside(raw, now()).ok()?;
    let loaded = salvaged.loaded;
    let save = match local_store::write_library(&loaded.library, &loaded.ledger) {
        Ok(()) => SaveState::Saved,
        Err(error) => not_saving(error),
    };
    Some(Opened {
        authority: Authority::new(loaded.library, loaded.ledger),
        save,
        kept_aside: Some(KeptAside {
            key,
            reason: error.to_string(),
            left_out: salvaged.left_out,
        }),
        writable: true,
    })
}

/// What was done about stored text this version cannot read.
struct Unreadable {
    /// Where the text was copied, untouched.
    kept: Option<KeptAside>,
    /// Why changes are not being saved, if they are not.
    problem: Option<StorageProblem>,
    /// Whether this window may overwrite the text now (only once a copy is kept).
    may_overwrite: bool,
    /// False once a newer Withme owns the stored library: this window stops saving.
    writable: bool,
}

/// The one policy for unreadable stored text. A damaged library is copied aside and then
/// replaced by this window's; a newer Withme's library is never overwritten, and is copied only
/// when this window opens (`copy_newer`), not on each write of the newer window. Without room to
/// keep a copy, nothing is overwritten, and the next save tries again.
fn deal_with_unreadable(raw: &str, error: &DocumentError, copy_newer: bool) -> Unreadable {
    let newer = matches!(error, DocumentError::Newer { .. });
    let newer_problem = newer.then_some(StorageProblem::NewerVersion);
    if newer && !copy_newer {
        return Unreadable {
            kept: None,
            problem: newer_problem,
            may_overwrite: false,
            writable: false,
        };
    }
    match local_store::keep_aside(raw, now()) {
        Ok(key) => Unreadable {
            kept: Some(KeptAside {
                key,
                reason: error.to_string(),
                left_out: Vec::new(),
            }),
            problem: newer_problem,
            may_overwrite: !newer,
            writable: !newer,
        },
        Err(_) => Unreadable {
            kept: None,
            problem: Some(newer_problem.unwrap_or(StorageProblem::CannotKeepAside)),
            may_overwrite: false,
            writable: !newer,
        },
    }
}

/// Writes a library just upgraded from an older format, after keeping the old text under
/// `withme.library.v<version>`, so an upgrade never loses the only copy.
fn save_migrated(version: u32, library: &Library, ledger: &withme_core::sync::Ledger) -> SaveState {
    let kept = local_store::read_raw(LIBRARY_KEY).and_then(|raw| {
        let key = format!("{LIBRARY_KEY}.v{version}");
        local_store::write_raw(&key, &raw.unwrap_or_default())
    });
    match kept.and_then(|()| local_store::write_library(library, ledger)) {
        Ok(()) => SaveState::Saved,
        Err(error) => not_saving(error),
    }
}

fn not_saving(error: StoreError) -> SaveState {
    SaveState::NotSaving(match error {
        StoreError::Blocked => StorageProblem::Blocked,
        StoreError::Full => StorageProblem::Full,
        StoreError::Failed(message) => StorageProblem::Failed(message),
    })
}
