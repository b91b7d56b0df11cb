//! The floor to measure Withme against: a plain WebSocket broadcast relay. Each frame a device
//! sends goes to every other device of its room, unchecked and unstored.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ws::{Message as AxumMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::serve::ListenerExt;
use futures_util::{SinkExt, StreamExt};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use tokio_tungstenite::tungstenite::Message;

use crate::client::{connect, next};

type Rooms = Arc<Mutex<HashMap<String, broadcast::Sender<(u64, String)>>>>;

/// Runs the relay on `addr` until the process is stopped.
pub async fn serve(addr: SocketAddr) {
    let rooms: Rooms = Arc::default();
    let app = Router::new()
        .route("/relay/{room}", get(upgrade))
        .with_state(rooms);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .expect("the port is free")
        .tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
    axum::serve(listener, app).await.expect("the relay runs");
}

async fn upgrade(
    ws: WebSocketUpgrade,
    Path(room): Path<String>,
    State(rooms): State<Rooms>,
) -> Response {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let me = NEXT.fetch_add(1, Ordering::Relaxed);
    let sender = rooms
        .lock()
        .expect("not poisoned")
        .entry(room)
        .or_insert_with(|| broadcast::channel(4096).0)
        .clone();
    ws.on_upgrade(move |socket| relay(socket, me, sender))
}

async fn relay(socket: WebSocket, me: u64, sender: broadcast::Sender<(u64, String)>) {
    let (mut sink, mut stream) = socket.split();
    let mut receiver = sender.subscribe();
    let forward = tokio::spawn(async move {
        while let Ok((from, text)) = receiver.recv().await {
            if from != me && sink.send(AxumMessage::text(text)).await.is_err() {
                break;
            }
        }
    });
    while let Some(Ok(AxumMessage::Text(text))) = stream.next().await {
        let _ = sender.send((me, text.to_string()));
    }
    forward.abort();
}

/// A frame as the load sends it through the relay: who, which, and padding to the size of a
/// real operation.
#[derive(Serialize, Deserialize)]
struct Frame {
    from: usize,
    n: u64,
    pad: String,
}

/// One room's load through the relay: `devices` devices (the Board among them sends nothing),
/// each sending `rate` frames a second of `size` bytes. Returns every delivery's latency.
pub async fn run_room(
    addr: SocketAddr,
    room: usize,
    devices: usize,
    rate: f64,
    size: usize,
    running: Arc<AtomicBool>,
    drain: Duration,
) -> (u64, Vec<Duration>) {
    let url = format!("ws://{addr}/relay/{room}");
    let sent: Arc<Mutex<HashMap<(usize, u64), Instant>>> = Arc::default();
    let latencies: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let mut sockets = Vec::new();
    for _ in 0..devices {
        sockets.push(connect(&url, "http://relay").await);
    }
    let mut readers = Vec::new();
    let mut writers = Vec::new();
    let total = Arc::new(AtomicU64::new(0));
    for (index, socket) in sockets.into_iter().enumerate() {
        let (mut sink, mut stream) = socket.split();
        let sent_r = sent.clone();
        let latencies_r = latencies.clone();
        readers.push(tokio::spawn(async move {
            while let Some(Ok(Message::Text(text))) = stream.next().await {
                let at = Instant::now();
                if let Ok(frame) = serde_json::from_str::<Frame>(&text)
                    && let Some(sent) = sent_r
                        .lock()
                        .expect("not poisoned")
                        .get(&(frame.from, frame.n))
                {
                    latencies_r
                        .lock()
                        .expect("not poisoned")
                        .push(at.duration_since(*sent));
                }
            }
        }));
        if index == 1 {
            writers.push(tokio::spawn(async move { drop(sink) }));
            continue;
        }
        let sent_w = sent.clone();
        let running = running.clone();
        let total = total.clone();
        writers.push(tokio::spawn(async move {
            let period = Duration::from_secs_f64(1.0 / rate);
            let mut rng = (room * 1000 + index) as u64 * 0x9E37_79B9_7F4A_7C15 + 1;
            next(&mut rng);
            tokio::time::sleep(period.mul_f64((next(&mut rng) % 1000) as f64 / 1000.0)).await;
            let mut ticker = tokio::time::interval(period);
            let mut n = 0;
            while running.load(Ordering::Relaxed) {
                ticker.tick().await;
                n += 1;
                let text = serde_json::to_string(&Frame {
                    from: index,
                    n,
                    pad: "x".repeat(size),
                })
                .expect("serialises");
                sent_w
                    .lock()
                    .expect("not poisoned")
                    .insert((index, n), Instant::now());
                total.fetch_add(1, Ordering::Relaxed);
                if sink.send(Message::text(text)).await.is_err() {
                    break;
                }
            }
            tokio::time::sleep(drain).await;
            let _ = sink.close().await;
        }));
    }
    for writer in writers {
        let _ = writer.await;
    }
    for reader in readers {
        reader.abort();
    }
    let latencies = std::mem::take(&mut *latencies.lock().expect("not poisoned"));
    (total.load(Ordering::Relaxed), latencies)
}
