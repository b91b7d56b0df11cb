//! What one operation costs the authority in a live lesson: applying it, then working out the
//! changed view of each of the room's 31 viewers (the teacher, the Board, 29 tablets). A class of
//! 32 with 200 lessons of groups and roles behind it; every kind of command.
//!
//! `cargo run --release -p withme-core --example authority_cost [operations]`

#[path = "../tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

use std::time::{Duration, Instant};

use support::Scenario;
use support::random::{Rng, any_command, likely_author, pupil_command};
use withme_core::groups::{GroupSize, RolePreset};
use withme_core::sync::{Authority, Holder, Seat, Submission};
use withme_core::view::{Projection, RoomViews, Viewer};
use withme_core::{Author, Command, DeviceId, OpId, Operation, Timestamp};

fn main() {
    let operations: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000);
    let names: Vec<String> = (1..=32).map(|n| format!("Pupil {n}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut s = Scenario::new();
    let (class, pupils) = s.new_class("Year 7 Rowan", &names);
    s.teacher(Command::SetRoles {
        class: class.clone(),
        roles: RolePreset::Cooperative.roles(),
    })
    .unwrap();
    let started = Instant::now();
    for n in 0..200 {
        s.grouped_lesson(&class, &[], GroupSize::Size(4), n)
            .unwrap();
    }
    let lesson = s
        .grouped_lesson(&class, &[], GroupSize::Size(4), 999)
        .unwrap();
    eprintln!("made 200 lessons of history in {:?}", started.elapsed());

    let mut authority = Authority::new(s.library, Default::default());
    let mut viewers = vec![Viewer::Teacher, Viewer::Board];
    viewers.extend(pupils.iter().take(29).cloned().map(Viewer::Pupil));
    let mut last: Vec<Option<Projection>> = vec![None; viewers.len()];
    let mut rng = Rng::new(2026);
    let mut seqs: std::collections::BTreeMap<String, u64> = Default::default();
    let mut next = |device: &str| {
        let seq = seqs.entry(device.to_owned()).or_default();
        *seq += 1;
        *seq
    };
    let mut costs: Vec<(Duration, &'static str)> = Vec::with_capacity(operations);
    let mut sent_views = 0usize;
    for n in 0..operations {
        let at = Timestamp::from_millis(1_900_000_000_000 + n as u64 * 100);
        let who = rng.below(viewers.len());
        // Pupils send what their views offer; the teacher anything (every kind, with the pupils'
        // kinds made by likely authors through their tablets' seats).
        let command = match (&viewers[who], &last[who]) {
            (Viewer::Pupil(_), Some(Projection::Pupil(view))) if rng.chance(80) => {
                pupil_command(view, &mut rng).map(Command::from)
            }
            _ => Some(any_command(authority.library(), &mut rng, Some(&lesson))),
        };
        let Some(command) = command else { continue };
        let kind = command.kind();
        let start = Instant::now();
        match likely_author(authority.library(), &command, &mut rng) {
            Author::Pupil { pupil } => {
                let device = format!(
                    "tablet{}",
                    pupils.iter().position(|p| *p == pupil).unwrap_or(0)
                );
                let seat = Seat {
                    device: DeviceId::parse(&device).unwrap(),
                    lesson: lesson.clone(),
                    holder: Holder::Pupils(vec![pupil]),
                };
                let submission = Submission::new(next(&device), None, command);
                authority.submit(&seat, &submission, at);
            }
            Author::Teacher => {
                let op = Operation {
                    id: OpId::new(
                        DeviceId::parse("teacherlaptop").unwrap(),
                        next("teacherlaptop"),
                    ),
                    author: Author::Teacher,
                    at,
                    command,
                };
                let _ = authority.apply_own(&op);
            }
        }
        // The changed views: each viewer's projection, sent only when it differs.
        if let Some(room) = RoomViews::new(authority.library(), &lesson) {
            for (i, viewer) in viewers.iter().enumerate() {
                let projection = room.for_viewer(viewer);
                if last[i].as_ref() != Some(&projection) {
                    sent_views += 1;
                    last[i] = Some(projection);
                }
            }
        }
        costs.push((start.elapsed(), kind));
    }
    report(&mut costs, sent_views);
}

fn report(costs: &mut [(Duration, &'static str)], sent_views: usize) {
    let percentile = |sorted: &[Duration], p: f64| {
        let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted[at].as_secs_f64() * 1000.0
    };
    let mut all: Vec<Duration> = costs.iter().map(|(d, _)| *d).collect();
    all.sort();
    println!(
        "authority, per operation (apply + 31 viewers' changed views), {} operations: median {:.3} ms, p99 {:.3} ms, max {:.3} ms; {} views changed",
        all.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        percentile(&all, 1.0),
        sent_views
    );
    let mut kinds: Vec<&str> = costs.iter().map(|(_, k)| *k).collect();
    kinds.sort();
    kinds.dedup();
    let mut rows: Vec<(f64, f64, &str, usize)> = kinds
        .into_iter()
        .map(|kind| {
            let mut times: Vec<Duration> = costs
                .iter()
                .filter(|(_, k)| *k == kind)
                .map(|(d, _)| *d)
                .collect();
            times.sort();
            (
                percentile(&times, 0.99),
                percentile(&times, 0.5),
                kind,
                times.len(),
            )
        })
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("slowest kinds (p99 ms, median ms, count):");
    for (p99, median, kind, count) in rows.iter().take(8) {
        println!("  {kind:<20} {p99:>7.3} {median:>7.3} {count:>6}");
    }
}
