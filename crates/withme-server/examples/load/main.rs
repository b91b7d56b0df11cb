//! The live lessons' load benchmark.
//!
//! Starts the Withme server (the release build) with a fresh database, takes N lessons live, and
//! seats 31 devices in each (the teacher, the Board, 29 pupils, each joining with the code and
//! let in by the teacher). Every device but the Board then sends operations at a steady rate
//! (pupils vote, back ideas and ask questions; the teacher approves questions and moves the
//! Board). It prints operations per second, the delivery latency from one device's operation to
//! each other device's receipt of it (p50, p95, p99), and the server's CPU and peak memory.
//! Then it runs the same load through a plain WebSocket broadcast relay (no checking, no
//! storage) and prints Withme's latency as a multiple of the relay's.
//!
//! ```text
//! cargo build --release -p withme-server
//! cargo run --release -p withme-server --example load -- --lessons 10 --rate 2 --seconds 30
//! ```

mod classroom;
mod client;
mod measure;
mod relay;

use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use classroom::{Classroom, PUPILS};
use measure::{Latencies, cpu_time, peak_memory_mb};

/// After the load stops, how long devices keep listening for what is still on its way.
const DRAIN: Duration = Duration::from_secs(2);

struct Options {
    lessons: usize,
    rate: f64,
    seconds: u64,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        lessons: 10,
        rate: 2.0,
        seconds: 30,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let bad = || format!("{flag} {value}: not a number");
        match flag.as_str() {
            "--lessons" => options.lessons = value.parse().map_err(|_| bad())?,
            "--rate" => options.rate = value.parse().map_err(|_| bad())?,
            "--seconds" => options.seconds = value.parse().map_err(|_| bad())?,
            "--relay-serve" => {} // handled in main
            _ => {
                return Err(format!(
                    "unknown option {flag} (try --lessons, --rate, --seconds)"
                ));
            }
        }
    }
    Ok(options)
}

fn free_address() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
}

async fn wait_for(addr: SocketAddr) {
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("nothing listens on {addr}");
}

/// A child process, killed when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What a run measured.
struct Measured {
    sent: u64,
    latencies: Latencies,
    cpu_percent: f64,
    peak_mb: f64,
    seconds: f64,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let relay_at = match (args.next().as_deref(), args.next()) {
        (Some("--relay-serve"), Some(addr)) => Some(addr),
        _ => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    if let Some(addr) = relay_at {
        runtime.block_on(relay::serve(addr.parse().expect("an address")));
        return;
    }
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("load: {message}");
            std::process::exit(2);
        }
    };
    runtime.block_on(benchmark(options));
}

async fn benchmark(options: Options) {
    let devices = PUPILS + 2;
    println!(
        "Live lessons: {} lessons × {devices} devices (teacher, Board, {PUPILS} pupils), {} operations/s from each device but the Board, {} s",
        options.lessons, options.rate, options.seconds
    );
    let withme = withme_run(&options).await;
    report(
        "Withme server (checked by withme-core, stored in SQLite)",
        &withme,
    );
    let size = sample_size();
    let relay = relay_run(&options, size).await;
    report(
        &format!(
            "Plain WebSocket relay (no checking, no storage; {size}-byte frames to every other device)"
        ),
        &relay,
    );
    let ratio = |p: f64| withme.latencies.percentile(p) / relay.latencies.percentile(p);
    println!(
        "Withme's latency as a multiple of the relay's: p50 ×{:.2}, p95 ×{:.2}, p99 ×{:.2}",
        ratio(50.0),
        ratio(95.0),
        ratio(99.0)
    );
}

fn report(title: &str, m: &Measured) {
    println!("\n{title}");
    println!(
        "  operations sent: {} ({:.0}/s)",
        m.sent,
        m.sent as f64 / m.seconds
    );
    println!(
        "  delivery latency to each other device: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms ({} deliveries)",
        m.latencies.percentile(50.0),
        m.latencies.percentile(95.0),
        m.latencies.percentile(99.0),
        m.latencies.len()
    );
    println!(
        "  server CPU: {:.0}% of one core; peak memory: {:.1} MB",
        m.cpu_percent, m.peak_mb
    );
}

/// The size of a typical operation as sent, for the relay's frames.
fn sample_size() -> usize {
    let classroom = Classroom::new();
    let texts: Vec<usize> = (0..20)
        .map(|roll| {
            let message = withme_core::sync::LiveUp::<withme_core::Command>::Submit {
                submissions: vec![withme_core::sync::Submission {
                    seq: 1,
                    pupil: Some(classroom.pupils[0].clone()),
                    command: classroom.pupil_turn(0, 1, roll),
                }],
            };
            serde_json::to_string(&message).expect("serialises").len()
        })
        .collect();
    texts.iter().sum::<usize>() / texts.len()
}

async fn withme_run(options: &Options) -> Measured {
    let addr = free_address();
    let dir = std::env::temp_dir().join(format!("withme-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Withme</title>",
    )
    .expect("an index");
    let server = std::env::var("WITHME_SERVER_BIN")
        .unwrap_or_else(|_| "target/release/withme-server".into());
    let child = Command::new(&server)
        .args(["--addr", &addr.to_string(), "--dist"])
        .arg(&dir)
        .arg("--db")
        .arg(dir.join("load.sqlite"))
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("{server}: {e} (build it with cargo build --release -p withme-server)")
        });
    let process = Process(child);
    wait_for(addr).await;
    let origin = format!("http://{addr}");
    let classroom = Arc::new(Classroom::new());
    let mut lessons = Vec::new();
    for _ in 0..options.lessons {
        lessons.push(client::seat_everyone(addr, &origin, &classroom).await);
    }
    let pid = process.0.id();
    let running = Arc::new(AtomicBool::new(true));
    let cpu_before = cpu_time(pid).unwrap_or_default();
    let own_before = cpu_time(std::process::id()).unwrap_or_default();
    let started = Instant::now();
    let runs: Vec<_> = lessons
        .into_iter()
        .enumerate()
        .map(|(number, lesson)| {
            tokio::spawn(client::run(
                number,
                lesson,
                classroom.clone(),
                options.rate,
                running.clone(),
                DRAIN,
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(options.seconds)).await;
    running.store(false, Ordering::Relaxed);
    let mut latencies = Vec::new();
    let mut sent = 0;
    for run in runs {
        let recorder = run.await.expect("the lesson's load ran");
        sent += recorder.accepted + recorder.refused;
        latencies.extend(recorder.latencies());
    }
    let cpu = cpu_time(pid).unwrap_or_default().saturating_sub(cpu_before);
    let wall = started.elapsed();
    let own = cpu_time(std::process::id())
        .unwrap_or_default()
        .saturating_sub(own_before);
    println!(
        "(the load's own devices used {:.0}% of one core)",
        own.as_secs_f64() / wall.as_secs_f64() * 100.0
    );
    let peak_mb = peak_memory_mb(pid).unwrap_or(f64::NAN);
    drop(process);
    let _ = std::fs::remove_dir_all(&dir);
    Measured {
        sent,
        latencies: Latencies::new(latencies),
        cpu_percent: cpu.as_secs_f64() / wall.as_secs_f64() * 100.0,
        peak_mb,
        seconds: options.seconds as f64,
    }
}

async fn relay_run(options: &Options, size: usize) -> Measured {
    let addr = free_address();
    let child = Command::new(std::env::current_exe().expect("this program"))
        .args(["--relay-serve", &addr.to_string()])
        .stdout(Stdio::null())
        .spawn()
        .expect("the relay starts");
    let process = Process(child);
    wait_for(addr).await;
    let pid = process.0.id();
    let running = Arc::new(AtomicBool::new(true));
    let cpu_before = cpu_time(pid).unwrap_or_default();
    let started = Instant::now();
    let rooms: Vec<_> = (0..options.lessons)
        .map(|room| {
            tokio::spawn(relay::run_room(
                addr,
                room,
                PUPILS + 2,
                options.rate,
                size,
                running.clone(),
                DRAIN,
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(options.seconds)).await;
    running.store(false, Ordering::Relaxed);
    let mut latencies = Vec::new();
    let mut sent = 0;
    for room in rooms {
        let (count, room_latencies) = room.await.expect("the room's load ran");
        sent += count;
        latencies.extend(room_latencies);
    }
    let cpu = cpu_time(pid).unwrap_or_default().saturating_sub(cpu_before);
    let wall = started.elapsed();
    let peak_mb = peak_memory_mb(pid).unwrap_or(f64::NAN);
    drop(process);
    Measured {
        sent,
        latencies: Latencies::new(latencies),
        cpu_percent: cpu.as_secs_f64() / wall.as_secs_f64() * 100.0,
        peak_mb,
        seconds: options.seconds as f64,
    }
}
