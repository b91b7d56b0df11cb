//! What one save costs as the library grows, written as one document (today's local storage:
//! the whole library read, parsed and written again) and as records (a record per lesson: only
//! what the edit changed is found and written). A class of 32 and 50 to 2,000 lessons with
//! groups and roles; the edit is one outcome typed into one lesson.
//!
//! `cargo run --release -p withme-core --example save_cost`

#[path = "../tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

use std::time::{Duration, Instant};

use support::{Scenario, text};
use withme_core::document::{StoredLibrary, parse_library};
use withme_core::groups::{GroupSize, RolePreset};
use withme_core::records::changes_between;
use withme_core::sync::Ledger;
use withme_core::{Command, ItemList};

/// The median of `runs` timings of `work`.
fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let names: Vec<String> = (1..=32).map(|n| format!("Pupil {n}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut s = Scenario::new();
    let (class, _) = s.new_class("Year 7 Rowan", &names);
    s.teacher(Command::SetRoles {
        class: class.clone(),
        roles: RolePreset::Cooperative.roles(),
    })
    .unwrap();
    let ledger = Ledger::default();
    println!(
        "| lessons | stored | whole document: read, parse, write | records: changes found and written |"
    );
    println!("| --- | --- | --- | --- |");
    let mut made = 0;
    for size in [50, 250, 1_000, 2_000] {
        let mut last = None;
        while made < size {
            last = Some(
                s.grouped_lesson(&class, &[], GroupSize::Size(4), made)
                    .unwrap(),
            );
            made += 1;
        }
        let lesson = last.unwrap();
        let stored = StoredLibrary::new(&s.library, &ledger).to_json();
        let whole = median(5, || {
            let loaded = parse_library(&stored).unwrap();
            let again = StoredLibrary::new(&loaded.library, &loaded.ledger).to_json();
            assert_eq!(again.len(), stored.len());
        });
        let before = s.library.clone();
        s.teacher(Command::AddItem {
            lesson: lesson.clone(),
            list: ItemList::Outcomes,
            text: text("I can explain why"),
        })
        .unwrap();
        let records = median(5, || {
            let changes = changes_between((&before, &ledger), (&s.library, &ledger));
            assert_eq!(changes.lessons.len(), 1);
        });
        println!(
            "| {size} | {:.2} M chars | {:.1} ms | {:.3} ms |",
            stored.len() as f64 / 1e6,
            whole.as_secs_f64() * 1e3,
            records.as_secs_f64() * 1e3
        );
    }
}
