//! Windows of one browser sharing one stored library, simulated: racing writes and late events.

use proptest::prelude::*;
use withme_core::replica::{Replica, WRITE_GRACE_MILLIS};
use withme_core::sync::Authority;
use withme_core::{Author, Command, DeviceId, LessonTitle, Library, Timestamp};

/// The browser's storage as windows see it: one value, and the change events each window has
/// not handled yet (a window is not told of its own writes).
struct Browser {
    stored: Authority,
    windows: Vec<Window>,
    now: u64,
}

struct Window {
    replica: Replica,
    /// A read made by a flush that has not written yet.
    read: Option<Authority>,
    events: Vec<Authority>,
    made: Vec<String>,
    /// Operations a rebase found no longer apply (a lesson binned meanwhile, say).
    dropped: Vec<withme_core::replica::Dropped>,
}

impl Browser {
    fn new(count: usize) -> Self {
        let windows = (0..count)
            .map(|i| Window {
                replica: Replica::new(
                    DeviceId::parse(&format!("win{i}")).unwrap(),
                    Authority::default(),
                ),
                read: None,
                events: Vec::new(),
                made: Vec::new(),
                dropped: Vec::new(),
            })
            .collect();
        Self {
            stored: Authority::default(),
            windows,
            now: 1_000,
        }
    }

    fn tick(&mut self) -> Timestamp {
        self.now += 1;
        Timestamp::from_millis(self.now)
    }

    fn create(&mut self, w: usize, title: &str) {
        let at = self.tick();
        let command = Command::CreateLesson {
            title: LessonTitle::parse(title).unwrap(),
            class: None,
            template: None,
        };
        self.windows[w]
            .replica
            .make(Author::Teacher, command, at)
            .unwrap();
        self.windows[w].made.push(title.to_owned());
    }

    fn begin_flush(&mut self, w: usize) {
        self.windows[w].read = Some(self.stored.clone());
    }

    fn end_flush(&mut self, w: usize) {
        let at = self.tick();
        let Some(read) = self.windows[w].read.take() else {
            return;
        };
        let window = &mut self.windows[w];
        let rebased = window.replica.rebase(read, at);
        window.dropped.extend(rebased.dropped);
        window.replica.mark_written();
        self.stored = window.replica.authority().clone();
        for (i, other) in self.windows.iter_mut().enumerate() {
            if i != w {
                other.events.push(self.stored.clone());
            }
        }
    }

    /// Handles the oldest event in window `w`; answers whether it must write back.
    fn deliver(&mut self, w: usize) -> bool {
        let at = self.tick();
        let window = &mut self.windows[w];
        if window.events.is_empty() {
            return false;
        }
        let shared = window.events.remove(0);
        let rebased = window.replica.rebase(shared, at);
        window.dropped.extend(rebased.dropped);
        rebased.needs_write
    }

    /// Lets every window catch up, as browsers do within milliseconds: open flushes finish,
    /// every change event is handled in order, and anything unwritten is written, until quiet.
    fn catch_up(&mut self) {
        for _ in 0..100 {
            let mut busy = false;
            for w in 0..self.windows.len() {
                busy |= self.windows[w].read.is_some() || !self.windows[w].events.is_empty();
                self.end_flush(w);
                while !self.windows[w].events.is_empty() {
                    if self.deliver(w) {
                        self.begin_flush(w);
                        self.end_flush(w);
                    }
                }
                if self.windows[w].replica.has_unwritten() {
                    self.begin_flush(w);
                    self.end_flush(w);
                    busy = true;
                }
            }
            if !busy {
                return;
            }
        }
        panic!("the windows never caught up");
    }

    /// Catches up, then lets the grace period pass: each window checks the stored library once
    /// more, finds nothing to write back, and forgets every operation it was keeping.
    fn settle(&mut self) {
        self.catch_up();
        self.now += WRITE_GRACE_MILLIS;
        for w in 0..self.windows.len() {
            let at = self.tick();
            let stored = self.stored.clone();
            let replica = &mut self.windows[w].replica;
            assert!(!replica.rebase(stored.clone(), at).needs_write);
            let later = Timestamp::from_millis(at.millis() + WRITE_GRACE_MILLIS);
            assert!(!replica.rebase(stored, later).needs_write);
            assert_eq!(
                replica.pending_count(),
                0,
                "window {w} kept an operation forever"
            );
        }
    }

    fn titles(library: &Library) -> Vec<String> {
        let mut titles: Vec<_> = library
            .lessons_by_last_edited()
            .iter()
            .map(|l| l.plan().title.to_string())
            .collect();
        titles.sort();
        titles
    }

    fn assert_converged_with_nothing_lost(&self) {
        let mut made: Vec<String> = self.windows.iter().flat_map(|w| w.made.clone()).collect();
        made.sort();
        assert_eq!(
            Self::titles(self.stored.library()),
            made,
            "the stored library lost an edit"
        );
        for window in &self.windows {
            assert_eq!(
                window.replica.library(),
                self.stored.library(),
                "a window disagrees"
            );
        }
    }
}

#[test]
fn a_write_dropped_by_a_race_is_replayed() {
    let mut browser = Browser::new(2);
    browser.create(0, "From A");
    browser.create(1, "From B");
    // Both read the empty store, then both write: B's write drops A's lesson.
    browser.begin_flush(0);
    browser.begin_flush(1);
    browser.end_flush(0);
    browser.end_flush(1);
    assert_eq!(Browser::titles(browser.stored.library()), ["From B"]);
    // A hears of B's write, sees its own lesson missing, and writes it back.
    assert!(browser.deliver(0));
    browser.settle();
    browser.assert_converged_with_nothing_lost();
}

#[test]
fn operations_are_forgotten_once_seen_shared_for_the_grace_period() {
    let mut browser = Browser::new(1);
    browser.create(0, "Rivers");
    browser.begin_flush(0);
    browser.end_flush(0);
    let stored = browser.stored.clone();
    let first_seen = Timestamp::from_millis(browser.now + 1);
    let later = Timestamp::from_millis(first_seen.millis() + WRITE_GRACE_MILLIS);
    let replica = &mut browser.windows[0].replica;
    assert!(!replica.rebase(stored.clone(), first_seen).needs_write);
    assert_eq!(replica.pending_count(), 1, "kept through the grace period");
    assert!(!replica.rebase(stored, later).needs_write);
    assert_eq!(replica.pending_count(), 0);
}

#[test]
fn a_rebase_says_whether_anything_changed() {
    let mut browser = Browser::new(2);
    browser.create(0, "Rivers");
    browser.begin_flush(0);
    browser.end_flush(0);
    // Window 0 hears back what it wrote itself: nothing to show anew.
    let own = browser.stored.clone();
    let at = browser.tick();
    assert!(!browser.windows[0].replica.rebase(own, at).changed);
    // Window 1 learns of the lesson: its view changes, once.
    let shared = browser.stored.clone();
    let at = browser.tick();
    assert!(
        browser.windows[1]
            .replica
            .rebase(shared.clone(), at)
            .changed
    );
    assert!(!browser.windows[1].replica.rebase(shared, at).changed);
}

#[test]
fn a_stale_copy_queued_behind_a_fresh_one_still_gets_the_edit_back() {
    let mut browser = Browser::new(2);
    browser.create(0, "Rivers");
    browser.begin_flush(0);
    browser.end_flush(0);
    let with = browser.stored.clone();
    // Long after, two copies are handled back to back: one with the lesson, then a stale one.
    let late = Timestamp::from_millis(browser.now + 60_000);
    let replica = &mut browser.windows[0].replica;
    assert!(!replica.rebase(with, late).needs_write);
    assert!(replica.rebase(Authority::default(), late).needs_write);
    assert_eq!(Browser::titles(replica.library()), ["Rivers"]);
}

#[test]
fn an_edit_to_a_lesson_binned_elsewhere_is_dropped_with_a_reason() {
    let mut browser = Browser::new(2);
    browser.create(0, "Rivers");
    browser.begin_flush(0);
    browser.end_flush(0);
    browser.deliver(1);
    let lesson = browser.windows[1]
        .replica
        .library()
        .lessons_by_last_edited()[0]
        .id()
        .clone();
    let at = browser.tick();
    browser.windows[0]
        .replica
        .make(
            Author::Teacher,
            Command::DeleteLesson {
                lesson: lesson.clone(),
            },
            at,
        )
        .unwrap();
    browser.windows[1]
        .replica
        .make(
            Author::Teacher,
            Command::RenameLesson {
                lesson,
                title: LessonTitle::parse("Lakes").unwrap(),
            },
            at,
        )
        .unwrap();
    browser.begin_flush(0);
    browser.end_flush(0);
    let shared = browser.windows[1].events.remove(0);
    let rebased = browser.windows[1].replica.rebase(shared, at);
    assert_eq!(rebased.dropped.len(), 1);
    assert_eq!(
        rebased.dropped[0].reason,
        withme_core::Rejection::LessonInBin
    );
}

#[derive(Debug, Clone)]
enum Action {
    Create(usize),
    BeginFlush(usize),
    EndFlush(usize),
    Deliver(usize),
}

fn action(windows: usize) -> impl Strategy<Value = Action> {
    let w = 0..windows;
    prop_oneof![
        w.clone().prop_map(Action::Create),
        w.clone().prop_map(Action::BeginFlush),
        w.clone().prop_map(Action::EndFlush),
        w.prop_map(Action::Deliver),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any interleaving of edits, racing read-then-write flushes and late change events ends,
    /// once the windows catch up, with every window showing the stored library and no edit lost.
    #[test]
    fn windows_converge_and_lose_nothing(
        windows in 2usize..4,
        actions in prop::collection::vec(action(3), 0..80),
    ) {
        let mut browser = Browser::new(windows);
        for (n, action) in actions.into_iter().enumerate() {
            match action {
                Action::Create(w) => browser.create(w % windows, &format!("Lesson {n}")),
                Action::BeginFlush(w) => browser.begin_flush(w % windows),
                Action::EndFlush(w) => browser.end_flush(w % windows),
                Action::Deliver(w) => {
                    if browser.deliver(w % windows) {
                        browser.begin_flush(w % windows);
                    }
                }
            }
        }
        browser.settle();
        browser.assert_converged_with_nothing_lost();
    }
}

/// What the windows did to one classroom's lessons, to check against the end.
#[derive(Default)]
struct Record {
    /// Every title each lesson was given, by its id.
    titles: std::collections::BTreeMap<withme_core::LessonId, Vec<String>>,
    /// Lessons some window put in the bin.
    binned: std::collections::BTreeSet<withme_core::LessonId>,
    /// Questions pupils asked through some window (relayed from a tablet).
    asked: Vec<String>,
}

#[derive(Debug, Clone)]
enum Move {
    /// Window `w` renames the `n`th lesson it can see.
    Rename(usize, usize),
    /// Window `w` puts the `n`th lesson it can see in the bin.
    Delete(usize, usize),
    /// A pupil's question reaches window `w` (relayed from a tablet).
    Relay(usize, usize),
    /// Window `w` writes; or hears the oldest change; or time passes the grace period (between
    /// flushes).
    Flush(usize),
    Hear(usize),
    Wait,
}

fn a_move() -> impl Strategy<Value = Move> {
    let w = 0usize..3;
    let n = 0usize..4;
    prop_oneof![
        (w.clone(), n.clone()).prop_map(|(w, n)| Move::Rename(w, n)),
        (w.clone(), n.clone()).prop_map(|(w, n)| Move::Delete(w, n)),
        (w.clone(), n).prop_map(|(w, n)| Move::Relay(w, n)),
        w.clone().prop_map(Move::Flush),
        w.clone().prop_map(Move::Hear),
        Just(Move::Wait),
    ]
}

impl Browser {
    /// A class of three with three lessons, made in window 0 and seen by every window.
    fn classroom(&mut self, record: &mut Record) -> Vec<withme_core::PupilId> {
        use withme_core::{ClassId, ClassName, LessonId, PupilId, PupilName};
        let at = self.tick();
        let replica = &mut self.windows[0].replica;
        let class = ClassId::from(&replica.next_op_id());
        replica
            .make(
                Author::Teacher,
                Command::CreateClass {
                    name: ClassName::parse("Year 5 Oak").unwrap(),
                },
                at,
            )
            .unwrap();
        let added = replica.next_op_id();
        replica
            .make(
                Author::Teacher,
                Command::AddPupils {
                    class: class.clone(),
                    names: ["Amira", "Ben", "Chloé"]
                        .map(|n| PupilName::parse(n).unwrap())
                        .to_vec(),
                },
                at,
            )
            .unwrap();
        for title in ["Rivers", "Coasts", "Mountains"] {
            let lesson = LessonId::from(&replica.next_op_id());
            replica
                .make(
                    Author::Teacher,
                    Command::CreateLesson {
                        title: LessonTitle::parse(title).unwrap(),
                        class: Some(class.clone()),
                        template: None,
                    },
                    at,
                )
                .unwrap();
            record.titles.insert(lesson, vec![title.to_owned()]);
        }
        self.settle();
        (1..=3).map(|i| PupilId::nth_added_by(&added, i)).collect()
    }

    fn lessons_seen(&self, w: usize) -> Vec<withme_core::LessonId> {
        let library = self.windows[w].replica.library();
        library
            .lessons_by_last_edited()
            .iter()
            .chain(library.binned_lessons().iter())
            .map(|l| l.id().clone())
            .collect()
    }

    fn play(&mut self, mv: &Move, n: usize, pupils: &[withme_core::PupilId], record: &mut Record) {
        let w = |w: &usize| w % self.windows.len();
        match mv {
            Move::Rename(win, i) | Move::Delete(win, i) | Move::Relay(win, i) => {
                let win = w(win);
                let seen = self.lessons_seen(win);
                let lesson = seen[i % seen.len()].clone();
                let at = self.tick();
                let (author, command) = match mv {
                    Move::Rename(..) => {
                        let title = format!("Title {n}");
                        (
                            Author::Teacher,
                            Command::RenameLesson {
                                lesson: lesson.clone(),
                                title: LessonTitle::parse(&title).unwrap(),
                            },
                        )
                    }
                    Move::Delete(..) => (
                        Author::Teacher,
                        Command::DeleteLesson {
                            lesson: lesson.clone(),
                        },
                    ),
                    _ => (
                        Author::Pupil {
                            pupil: pupils[i % pupils.len()].clone(),
                        },
                        Command::AskQuestion {
                            lesson: lesson.clone(),
                            text: withme_core::ItemText::parse(&format!("Question {n}?")).unwrap(),
                            with: Vec::new(),
                        },
                    ),
                };
                let made = self.windows[win].replica.make(author, command.clone(), at);
                if made.is_ok() {
                    match command {
                        Command::RenameLesson { title, .. } => record
                            .titles
                            .entry(lesson)
                            .or_default()
                            .push(title.to_string()),
                        Command::DeleteLesson { .. } => drop(record.binned.insert(lesson)),
                        Command::AskQuestion { text, .. } => record.asked.push(text.to_string()),
                        _ => {}
                    }
                }
            }
            Move::Flush(win) => {
                let win = w(win);
                self.begin_flush(win);
                self.end_flush(win);
            }
            Move::Hear(win) => {
                let win = w(win);
                if self.deliver(win) {
                    self.begin_flush(win);
                }
            }
            // A window's flush reads and writes within one task, so time only passes the
            // grace period between flushes, never during one.
            Move::Wait => {
                if self.windows.iter().all(|w| w.read.is_none()) {
                    self.now += WRITE_GRACE_MILLIS;
                }
            }
        }
    }

    /// Every window agrees with storage; every lesson is there with a title it was given, in the
    /// bin if a window binned it; every question a pupil asked through a window is kept, unless
    /// a window binned its lesson meanwhile or the pupil's questions from two windows together
    /// went over their limit (then it was dropped, and said so).
    fn assert_kept(&self, record: &Record) {
        let library = self.stored.library();
        let mut dropped_questions = Vec::new();
        for drop in self.windows.iter().flat_map(|w| &w.dropped) {
            let lesson = drop.op.command.lesson().expect("a lesson's operation");
            match &drop.reason {
                withme_core::Rejection::LessonInBin => {
                    assert!(
                        record.binned.contains(lesson),
                        "dropped for a lesson nobody binned"
                    );
                }
                // Two windows' questions from one pupil, together over the pupil's limit.
                withme_core::Rejection::TooManyOpenQuestions { .. } => {
                    assert!(matches!(drop.op.command, Command::AskQuestion { .. }));
                }
                other => panic!("dropped for no good reason: {other:?} {drop:?}"),
            }
            if let Command::AskQuestion { text, .. } = &drop.op.command {
                dropped_questions.push(text.to_string());
            }
        }
        for window in &self.windows {
            assert_eq!(window.replica.library(), library, "a window disagrees");
        }
        for (lesson, titles) in &record.titles {
            let found = library.lesson(lesson).expect("a lesson was lost");
            let title = found.plan().title.to_string();
            assert!(
                titles.contains(&title),
                "{title} was never given to {lesson}"
            );
            assert_eq!(
                found.is_deleted(),
                record.binned.contains(lesson),
                "{title}: bin"
            );
        }
        let mut kept: Vec<String> = library
            .lessons_by_last_edited()
            .iter()
            .chain(library.binned_lessons().iter())
            .flat_map(|l| l.enquiry().questions.iter().map(|q| q.text.to_string()))
            .collect();
        kept.sort();
        // None doubled, none invented, and none lost unless a rebase dropped it for the bin (a
        // drop another window's write may still have carried into the binned lesson).
        let mut unique = kept.clone();
        unique.dedup();
        assert_eq!(unique, kept, "a pupil's question was doubled");
        for question in &kept {
            assert!(
                record.asked.contains(question),
                "{question} was never asked"
            );
        }
        for question in record
            .asked
            .iter()
            .filter(|q| !dropped_questions.contains(q))
        {
            assert!(kept.contains(question), "{question} was lost");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Windows renaming the same lessons, binning one while another edits it, relaying pupils'
    /// questions, with time passing the grace period between: once they catch up, every window
    /// shows the stored library and nothing accepted anywhere is lost.
    #[test]
    fn racing_edits_of_the_same_lessons_converge_and_lose_nothing(
        windows in 2usize..4,
        moves in prop::collection::vec(a_move(), 0..80),
    ) {
        let mut browser = Browser::new(windows);
        let mut record = Record::default();
        let pupils = browser.classroom(&mut record);
        for (n, mv) in moves.iter().enumerate() {
            browser.play(mv, n, &pupils, &mut record);
        }
        browser.settle();
        browser.assert_kept(&record);
    }
}

#[test]
fn a_conditional_save_forgets_only_the_operations_its_copy_holds() {
    let mut browser = Browser::new(1);
    browser.create(0, "Rivers");
    let replica = &mut browser.windows[0].replica;
    let mark = replica.mark();
    let saved = replica.authority().clone();
    // Made while the copy is being written: not in it.
    let at = Timestamp::from_millis(5_000);
    let command = Command::CreateLesson {
        title: LessonTitle::parse("Mountains").unwrap(),
        class: None,
        template: None,
    };
    replica.make(Author::Teacher, command, at).unwrap();
    replica.forget_saved(mark);
    assert_eq!(replica.pending_count(), 1, "the later operation is kept");
    // Another window's copy of the saved library (without the later lesson): the later
    // operation is replayed on it, and must be written; the saved one is not needed again.
    let rebased = replica.rebase(saved, at);
    assert!(rebased.needs_write);
    assert_eq!(Browser::titles(replica.library()), ["Mountains", "Rivers"]);
    replica.forget_saved(replica.mark());
    assert_eq!(replica.pending_count(), 0);
    assert!(!replica.has_unwritten());
}

#[test]
fn operations_unsaved_when_a_window_closed_are_replayed_once_by_the_next() {
    let mut browser = Browser::new(2);
    browser.create(0, "Rivers");
    // Window 0 closes before saving: it writes down what it has not saved, as JSON.
    let unsaved = browser.windows[0].replica.unsaved();
    let written = serde_json::to_string(&unsaved).unwrap();
    let read: Vec<withme_core::replica::Unsaved> = serde_json::from_str(&written).unwrap();
    assert_eq!(read, unsaved);
    // The next window replays it on the library as stored (without the lesson).
    let at = browser.tick();
    let next = &mut browser.windows[1].replica;
    let rebased = next.replay_unsaved(read.clone(), at);
    assert!(rebased.needs_write);
    assert_eq!(Browser::titles(next.library()), ["Rivers"]);
    // Replayed again (the journal read twice): nothing changes, nothing is made twice.
    let saved = next.authority().clone();
    let mut again = Replica::new(DeviceId::parse("win9").unwrap(), saved);
    let rebased = again.replay_unsaved(read, at);
    assert!(!rebased.needs_write);
    assert_eq!(Browser::titles(again.library()), ["Rivers"]);
}
