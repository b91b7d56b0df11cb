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
        window.replica.rebase(read, at);
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
        window.replica.rebase(shared, at).needs_write
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
