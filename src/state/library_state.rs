//! The library as this window sees it, saved to storage and kept in step with other windows.
//!
//! The window's [`Replica`] lives in one signal. Edits apply to it at once; a write to storage
//! follows a moment later, carrying every edit made meanwhile. The library lives in IndexedDB, a
//! record per lesson ([`crate::persistence::library_records`]): a save writes only the records
//! that changed since the library as stored (its [`Base`]), and only if no other window saved
//! since this one last read or wrote (the save stamp); otherwise it reads the library again,
//! replays this window's pending edits on it, and tries again, so two windows never overwrite
//! each other's work. After each save the window tells the browser's other windows on a
//! [`WindowChannel`], and a window that hears reads the library again and rebases.
//!
//! Every such window is an authority (see `withme_core::sync`): it holds the library with its
//! ledger, handles what pupils' tablets in this browser send through their outboxes
//! ([`crate::persistence::outbox`]) exactly as the server will, writes the library, then answers
//! each tablet. A tablet's window is not one of these: see [`super::tablet`].

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use withme_core::records::{
    LessonSummary, RecordChanges, changes_between, patch_records, records_of,
};
use withme_core::replica::{Rebased, Replica};
use withme_core::sync::{Answer, Authority, Holder, Outcome, Seat, Submission, VersionedView};
use withme_core::view::{TeacherView, Viewer, project};
use withme_core::{
    AdoptError, Author, Command, DeviceId, Event, LessonId, Library, OpId, Rejection,
};

use super::notices::Notices;
use super::opening::{Base, LocalText, keep_local_text_aside, not_saving, open_library};
use super::save_status::{KeptAside, SaveState, StorageProblem};
use crate::browser::{now, random_device_id};
use crate::persistence::library_records::{
    RecordsRead, Stored, read_stored, read_written, save_changes,
};
use crate::persistence::local_store;
use crate::persistence::records::{Records, WriteRefused};
use crate::persistence::views::{self, Viewing};
use crate::persistence::window_channel::{CHANNEL, WindowChannel, Written};
use crate::persistence::{outbox, unsaved_journal};

/// Delay between an edit and its write, so that typing is written in batches.
const WRITE_DELAY: Duration = Duration::from_millis(250);

/// How many times a save reads the library again after another window saved first, before it
/// waits for the next edit (two windows typing at once settle in one or two).
const SAVE_ATTEMPTS: usize = 5;

/// The window's library and its saving machinery. A small handle: copy it freely.
#[derive(Clone, Copy)]
pub struct LibraryState {
    replica: RwSignal<Replica>,
    save: RwSignal<SaveState>,
    kept_aside: RwSignal<Option<KeptAside>>,
    /// True until the library has been read from storage.
    opening: RwSignal<bool>,
    /// While opening, the lessons as the index lists them, once read.
    index: RwSignal<Option<Vec<LessonSummary>>>,
    records: StoredValue<Option<Records>, LocalStorage>,
    channel: StoredValue<Option<WindowChannel>, LocalStorage>,
    /// The library as stored: what the next save is made against.
    base: StoredValue<Base, LocalStorage>,
    /// False when writing must not happen at all (storage blocked, or a newer version stored).
    writable: StoredValue<bool>,
    /// Unreadable text in local storage is waiting to be kept aside before anything is saved.
    local_text_waiting: StoredValue<bool>,
    write_scheduled: StoredValue<bool>,
    /// The worker that reads and writes storage, one step at a time, is running.
    working: StoredValue<bool>,
    /// A write is asked for.
    write_wanted: StoredValue<bool>,
    /// Other windows' saves heard and not yet followed, oldest first.
    heard_saves: StoredValue<Vec<Written>, LocalStorage>,
    /// Whether this window has asked the browser to keep its storage.
    asked_to_keep: StoredValue<bool>,
    /// Notes of unsaved operations (this window's, or replayed from closed ones) to take away
    /// once the library is saved with them.
    notes_to_remove: StoredValue<Vec<String>>,
    notices: Notices,
}

impl LibraryState {
    /// Starts opening the stored library (see [`Self::is_opening`]) and listening to other
    /// windows.
    pub fn start(notices: Notices) -> Self {
        let state = Self {
            replica: RwSignal::new(Replica::new(random_device_id(), Authority::default())),
            save: RwSignal::new(SaveState::Saved),
            kept_aside: RwSignal::new(None),
            opening: RwSignal::new(true),
            index: RwSignal::new(None),
            records: StoredValue::new_local(None),
            channel: StoredValue::new_local(None),
            base: StoredValue::new_local(Base::default()),
            writable: StoredValue::new(false),
            local_text_waiting: StoredValue::new(false),
            write_scheduled: StoredValue::new(false),
            working: StoredValue::new(false),
            write_wanted: StoredValue::new(false),
            heard_saves: StoredValue::new_local(Vec::new()),
            asked_to_keep: StoredValue::new(false),
            notes_to_remove: StoredValue::new(Vec::new()),
            notices,
        };
        spawn_local(async move { state.open().await });
        state
    }

    /// Whether the library is still being read from storage (tracked): until then there is
    /// nothing to show or change.
    pub fn is_opening(&self) -> bool {
        self.opening.get()
    }

    /// While the library opens, its lessons as the index lists them (tracked; `None` before
    /// the index is read, and once the library is open).
    pub fn opening_index(&self) -> Option<Vec<LessonSummary>> {
        self.index.get()
    }

    async fn open(self) {
        let index = self.index;
        let opened = open_library(move |lessons| index.set(Some(lessons))).await;
        let device = self.replica.with_untracked(|r| r.device().clone());
        self.replica
            .set(Replica::new(device, opened.base.authority.clone()));
        let write_whole = !opened.base.in_records
            && !opened.base.authority.library().is_empty()
            && opened.writable;
        self.base.set_value(opened.base);
        self.records.set_value(opened.records);
        self.writable.set_value(opened.writable);
        self.local_text_waiting.set_value(opened.local_text_waiting);
        self.save.set(opened.save);
        self.kept_aside.set(opened.kept_aside);
        if opened.writable {
            let state = self;
            let channel = WindowChannel::open(CHANNEL, move |written| state.heard(&written));
            self.channel.set_value(channel.ok());
        }
        self.listen_to_other_windows();
        self.write_before_leaving();
        let replayed = opened.writable && self.replay_unsaved_notes();
        self.opening.set(false);
        self.index.set(None);
        for (device, lesson, submissions) in outbox::read_all() {
            self.handle_outbox(&device, &lesson, submissions);
        }
        self.publish_views();
        if write_whole || replayed {
            self.flush();
        }
    }

    /// Replays what windows closed before saving wrote down ([`unsaved_journal`]). Returns
    /// whether any note was found (it goes once the library is saved).
    fn replay_unsaved_notes(&self) -> bool {
        let notes = unsaved_journal::read_all();
        if notes.is_empty() {
            return false;
        }
        let mut keys = Vec::new();
        for (key, unsaved) in notes {
            let rebased = self
                .replica
                .try_update(|replica| replica.replay_unsaved(unsaved, now()))
                .unwrap_or_default();
            for dropped in rebased.dropped {
                self.notices.problem(format!(
                    "A change made in a window closed before it was saved couldn't be kept: {}",
                    dropped.reason
                ));
            }
            keys.push(key);
        }
        self.notes_to_remove.set_value(keys);
        true
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

    /// Downloads records kept aside, by their keys on the kept-aside shelf, as one file: a
    /// JSON object of each record's text, exactly as it was, by its key.
    pub fn download_kept_records(&self, keys: Vec<String>) {
        let (records, notices) = (self.records.get_value(), self.notices);
        spawn_local(async move {
            let kept = match records {
                Some(records) => records
                    .read_all(crate::persistence::records::Shelf::KeptAside)
                    .await
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            let by_key: std::collections::BTreeMap<String, String> = kept
                .into_iter()
                .filter(|(key, _)| keys.contains(key))
                .collect();
            let saved = if by_key.is_empty() {
                Err("The kept copy couldn't be read.".to_owned())
            } else {
                let text = serde_json::to_string_pretty(&by_key).unwrap_or_default();
                crate::browser::files::download_text(
                    "withme-damaged-lessons.json",
                    "application/json",
                    &text,
                )
            };
            if let Err(message) = saved {
                notices.problem(message);
            }
        });
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
            self.changed();
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
            self.changed();
        }
        Ok(())
    }

    /// Something changed here: show it is being saved, and write it soon.
    fn changed(&self) {
        if self.save.get_untracked() == SaveState::Saved {
            self.save.set(SaveState::Saving);
        }
        self.schedule_write();
    }

    /// Writes pending edits now (the write itself finishes a moment later: storage answers
    /// asynchronously).
    pub fn flush(&self) {
        self.write_scheduled.set_value(false);
        self.write_wanted.set_value(true);
        self.wake();
    }

    /// Another window saved.
    fn heard(&self, written: &Written) {
        let known = self
            .base
            .with_value(|b| b.stamp.as_deref() == Some(written.stamp.as_str()));
        if !known {
            self.heard_saves
                .update_value(|saves| saves.push(written.clone()));
            self.wake();
        }
    }

    /// Runs the storage worker unless it is running: it reads and writes one step at a time,
    /// so a read never lands in the middle of a write.
    fn wake(&self) {
        if self.opening.get_untracked() || self.working.get_value() {
            return;
        }
        self.working.set_value(true);
        let state = *self;
        spawn_local(async move {
            loop {
                let heard = state
                    .heard_saves
                    .try_update_value(std::mem::take)
                    .unwrap_or_default();
                if !heard.is_empty() {
                    if state.follow(heard).await {
                        state.write_wanted.set_value(true);
                    }
                } else if state.write_wanted.get_value() {
                    state.write_wanted.set_value(false);
                    state.write().await;
                } else {
                    break;
                }
            }
            state.working.set_value(false);
        });
    }

    /// Follows other windows' saves, in order: a save made against the library as this window
    /// holds it is read record by record (only what it wrote) and rebased on; any other, or
    /// one whose records cannot be read so, means reading the whole library. Returns whether
    /// this window holds edits the stored library lacks.
    async fn follow(&self, saves: Vec<Written>) -> bool {
        let Some(records) = self.records.get_value() else {
            return false;
        };
        if !self.writable.get_value() {
            return false;
        }
        let mut needs_write = false;
        for save in saves {
            let base = self.base.get_value();
            if base.stamp.as_deref() == Some(save.stamp.as_str()) {
                continue;
            }
            let follows = base.in_records && base.stamp.is_some() && base.stamp == save.after;
            let read = if follows {
                read_written(&records, &save.stamp, &save.lessons, &save.parts)
                    .await
                    .ok()
                    .flatten()
            } else {
                None
            };
            let patched = read.and_then(|(lessons, parts)| {
                patch_records(base.authority.parts(), &lessons, &save.removed, &parts).ok()
            });
            let Some((library, ledger)) = patched else {
                return self.catch_up().await || needs_write;
            };
            let shared = Authority::new(library, ledger);
            needs_write |= self.rebase(shared.clone()).needs_write;
            self.base.set_value(Base {
                authority: shared,
                stamp: Some(save.stamp),
                in_records: true,
            });
        }
        needs_write
    }

    /// Reads the library as stored and rebases on it. Returns whether this window holds edits
    /// the stored library lacks.
    async fn catch_up(&self) -> bool {
        let Some(records) = self.records.get_value() else {
            return false;
        };
        if !self.writable.get_value() {
            return false;
        }
        match read_stored(&records).await {
            Ok(Stored {
                read: RecordsRead::Loaded(read),
                stamp,
            }) => {
                let shared = Authority::new(read.loaded.library, read.loaded.ledger);
                let rebased = self.rebase(shared.clone());
                self.base.set_value(Base {
                    authority: shared,
                    stamp,
                    in_records: true,
                });
                rebased.needs_write
            }
            Ok(Stored {
                read: RecordsRead::Empty,
                stamp,
            }) => {
                // Storage was emptied: this window's copy is written back whole.
                self.base.set_value(Base {
                    authority: Authority::default(),
                    stamp,
                    in_records: false,
                });
                true
            }
            Ok(Stored {
                read: RecordsRead::Unreadable(error),
                ..
            }) => {
                let problem = match error {
                    withme_core::document::DocumentError::Newer { .. } => {
                        StorageProblem::NewerVersion
                    }
                    _ => StorageProblem::Unreadable,
                };
                self.writable.set_value(false);
                self.save.set(SaveState::NotSaving(problem));
                false
            }
            Err(error) => {
                self.save.set(not_saving(error));
                false
            }
        }
    }

    /// Writes what changed since the library as stored, if no other window saved meanwhile;
    /// if one did, reads the library again, rebases and tries again.
    async fn write(&self) {
        let Some(records) = self.records.get_value() else {
            return;
        };
        if !self.writable.get_value() || !self.local_text_kept_aside() {
            return;
        }
        for _ in 0..SAVE_ATTEMPTS {
            let (now_stored, mark) = self
                .replica
                .with_untracked(|r| (r.authority().clone(), r.mark()));
            let (changes, expected) = self.base.with_value(|base| {
                let changes = if base.in_records {
                    changes_between(base.authority.parts(), now_stored.parts())
                } else {
                    let (library, ledger) = now_stored.parts();
                    records_of(library, ledger)
                };
                (changes, base.stamp.clone())
            });
            if changes.is_empty() {
                self.replica.update_untracked(|r| r.forget_saved(mark));
                self.remove_saved_notes();
                self.saved();
                return;
            }
            let stamp = random_device_id().as_str().to_owned();
            let written = written_of(&changes, &stamp, expected.clone());
            match save_changes(&records, changes, expected, stamp.clone()).await {
                Ok(()) => {
                    self.base.set_value(Base {
                        authority: now_stored,
                        stamp: Some(stamp),
                        in_records: true,
                    });
                    self.replica.update_untracked(|r| r.forget_saved(mark));
                    self.remove_saved_notes();
                    self.channel.with_value(|channel| {
                        if let Some(channel) = channel {
                            channel.tell(&written);
                        }
                    });
                    self.ask_to_keep_storage_once();
                    self.saved();
                    return;
                }
                Err(WriteRefused::Changed(_)) => {
                    if !self.catch_up().await {
                        self.saved();
                        return;
                    }
                }
                Err(WriteRefused::Store(error)) => {
                    self.save.set(not_saving(error));
                    return;
                }
            }
        }
        // Still racing another window: the next edit, or the next save heard, tries again.
        self.write_wanted.set_value(true);
        self.schedule_write();
    }

    /// Once nothing is left unsaved, takes away the notes of unsaved operations: this window's
    /// own, and those replayed from closed windows.
    fn remove_saved_notes(&self) {
        if self.replica.with_untracked(Replica::has_unwritten) {
            return;
        }
        let device = self.replica.with_untracked(|r| r.device().clone());
        let own = unsaved_journal::key_of(&device);
        if local_store::read_raw(&own).ok().flatten().is_some() {
            unsaved_journal::remove(&own);
        }
        for key in self
            .notes_to_remove
            .try_update_value(std::mem::take)
            .unwrap_or_default()
        {
            unsaved_journal::remove(&key);
        }
    }

    /// The library as this window holds it is stored: say so (unless edits made meanwhile
    /// are still to be written), then answer the tablets and make their views from it.
    fn saved(&self) {
        if self.replica.with_untracked(Replica::has_unwritten) {
            self.save.set(SaveState::Saving);
        } else if !matches!(self.save.get_untracked(), SaveState::Saved) {
            self.save.set(SaveState::Saved);
        }
        // Answers before views: a tablet that saw its operation in a view before hearing it
        // was accepted would show it twice, as sent and as sending.
        self.answer_tablets();
        self.publish_views();
    }

    /// Before anything is written, unreadable text left in local storage is kept aside under
    /// a key of its own. Returns whether writing may go on.
    fn local_text_kept_aside(&self) -> bool {
        if !self.local_text_waiting.get_value() {
            return true;
        }
        match keep_local_text_aside() {
            LocalText::Kept(kept) => {
                self.local_text_waiting.set_value(false);
                self.kept_aside.set(Some(kept));
                true
            }
            LocalText::Gone => {
                self.local_text_waiting.set_value(false);
                true
            }
            LocalText::Newer => {
                self.writable.set_value(false);
                self.save
                    .set(SaveState::NotSaving(StorageProblem::NewerVersion));
                false
            }
            LocalText::NoRoom => {
                self.save
                    .set(SaveState::NotSaving(StorageProblem::CannotKeepAside));
                false
            }
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
        // A window that only hears others' saves has nothing of its own to replay.
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

    fn schedule_write(&self) {
        if self.write_scheduled.get_value() {
            return;
        }
        self.write_scheduled.set_value(true);
        let state = *self;
        set_timeout(move || state.flush(), WRITE_DELAY);
    }

    /// Tablets in this browser speak through local storage: their outboxes and the lessons
    /// they are viewing.
    fn listen_to_other_windows(&self) {
        let state = *self;
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            let key = event.key().unwrap_or_default();
            if let Some((device, lesson)) = outbox::outbox_owner(&key) {
                let submissions = event.new_value().map(|text| outbox::parse(&text));
                state.handle_outbox(&device, &lesson, submissions.unwrap_or_default());
                return;
            }
            if let Some(device) = views::viewing_owner(&key)
                && let Some(viewing) = views::read_viewing(&device)
            {
                state.publish_view(&device, &viewing);
            }
        });
    }

    fn write_before_leaving(&self) {
        let state = *self;
        let write_now = move || {
            if state.opening.get_untracked() || !state.writable.get_value() {
                return;
            }
            let (device, unsaved) = state
                .replica
                .with_untracked(|r| (r.device().clone(), r.unsaved()));
            if !unsaved.is_empty() {
                // The save below may not finish before the page goes: what it carries is
                // written down first, where the next window finds it.
                let _ = unsaved_journal::write(&device, &unsaved);
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

/// What a save wrote, for the other windows.
fn written_of(changes: &RecordChanges, stamp: &str, after: Option<String>) -> Written {
    Written {
        stamp: stamp.to_owned(),
        after,
        lessons: changes.lessons.iter().map(|(key, _)| key.clone()).collect(),
        removed: changes.removed.clone(),
        parts: changes.parts.iter().map(|(key, _)| key.clone()).collect(),
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
