//! The devices of one live lesson, over real WebSockets: joining, being let in, then each
//! sending operations at a steady rate while every frame received is timed.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use withme_core::enquiry::QuestionStatus;
use withme_core::sync::{
    Answer, GoLive, LiveDown, LiveStarted, LiveUp, Outcome, PROTOCOL_VERSION, Submission,
};
use withme_core::view::Projection;
use withme_core::{Command, QuestionId};

use crate::classroom::Classroom;

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// What one lesson's devices saw, for the latencies.
#[derive(Default)]
pub struct Recorder {
    /// When each device sent each of its operations, by (device, seq).
    sent: HashMap<(usize, u64), Instant>,
    /// Each accepted operation's order, with its sender and when it was sent.
    pub orders: HashMap<u64, (usize, Instant)>,
    /// Every view received: by which device, its version, when.
    pub receipts: Vec<(usize, u64, Instant)>,
    pub accepted: u64,
    pub refused: u64,
}

impl Recorder {
    /// The time from each operation's sending to each other device's receipt of its view.
    pub fn latencies(&self) -> Vec<Duration> {
        self.receipts
            .iter()
            .filter_map(|(device, version, at)| {
                let (sender, sent) = self.orders.get(version)?;
                (sender != device).then(|| at.duration_since(*sent))
            })
            .collect()
    }
}

/// Opens a WebSocket as a page of the server's own origin would.
pub async fn connect(url: &str, origin: &str) -> Socket {
    let mut request = url.into_client_request().expect("a URL");
    request
        .headers_mut()
        .insert("Origin", HeaderValue::from_str(origin).expect("an origin"));
    tokio_tungstenite::connect_async_with_config(request, None, true)
        .await
        .expect("the server takes the connection")
        .0
}

/// Takes the classroom's lesson live over HTTP.
pub async fn go_live(addr: SocketAddr, classroom: &Classroom) -> LiveStarted {
    let body = serde_json::to_string(&GoLive {
        protocol: PROTOCOL_VERSION,
        lesson: classroom.lesson.clone(),
        library: classroom.library.clone(),
    })
    .expect("a lesson serialises");
    let mut stream = TcpStream::connect(addr).await.expect("the server is up");
    let request = format!(
        "POST /api/live HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("sent");
    let mut response = String::new();
    stream.read_to_string(&mut response).await.expect("read");
    let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    serde_json::from_str(body).unwrap_or_else(|_| panic!("not live: {response}"))
}

async fn send(socket: &mut Socket, message: &LiveUp) {
    let text = serde_json::to_string(message).expect("a message serialises");
    socket.send(Message::text(text)).await.expect("sent");
}

async fn until<T>(socket: &mut Socket, mut pick: impl FnMut(LiveDown) -> Option<T>) -> T {
    loop {
        let Some(Ok(Message::Text(text))) = socket.next().await else {
            panic!("the connection closed during set-up");
        };
        if let Ok(down) = LiveDown::parse(&text)
            && let Some(found) = pick(down)
        {
            return found;
        }
    }
}

/// A lesson's devices, seated and ready: the teacher (0), the Board (1), the pupils (2…).
pub struct Lesson {
    pub sockets: Vec<Socket>,
}

/// Goes live and seats everyone: the teacher and the Board with their keys, each pupil by
/// joining with the code and being let in.
pub async fn seat_everyone(addr: SocketAddr, origin: &str, classroom: &Classroom) -> Lesson {
    let url = format!("ws://{addr}/ws");
    let live = go_live(addr, classroom).await;
    let mut sockets = Vec::new();
    for key in [&live.teacher, &live.board] {
        let mut socket = connect(&url, origin).await;
        send(
            &mut socket,
            &LiveUp::Resume {
                protocol: PROTOCOL_VERSION,
                code: live.code.clone(),
                device: key.device.clone(),
                token: key.token.clone(),
                version: 0,
            },
        )
        .await;
        until(&mut socket, |m| {
            matches!(m, LiveDown::Seated { .. }).then_some(())
        })
        .await;
        sockets.push(socket);
    }
    for pupil in &classroom.pupils {
        let mut socket = connect(&url, origin).await;
        send(
            &mut socket,
            &LiveUp::Join {
                protocol: PROTOCOL_VERSION,
                code: live.code.clone(),
            },
        )
        .await;
        let device = until(&mut socket, |m| match m {
            LiveDown::Seated { device, .. } => Some(device),
            _ => None,
        })
        .await;
        send(
            &mut socket,
            &LiveUp::Claim {
                pupil: pupil.clone(),
            },
        )
        .await;
        let teacher = &mut sockets[0];
        until(teacher, |m| match m {
            LiveDown::Knocks { waiting, .. } => {
                waiting.iter().any(|k| k.device == device).then_some(())
            }
            _ => None,
        })
        .await;
        send(teacher, &LiveUp::Admit { device }).await;
        until(&mut socket, |m| match m {
            LiveDown::View(v) => match v.projection {
                Some(Projection::Pupil(view)) if view.me.is_some() => Some(()),
                _ => None,
            },
            _ => None,
        })
        .await;
        sockets.push(socket);
    }
    Lesson { sockets }
}

/// Just enough of a frame to time it: a view's version, or answers.
#[derive(Deserialize)]
struct Peek {
    view: Option<PeekView>,
    answers: Option<PeekAnswers>,
}

#[derive(Deserialize)]
struct PeekView {
    version: u64,
}

#[derive(Deserialize)]
struct PeekAnswers {
    answers: Vec<Answer>,
}

/// Runs one lesson's load until `running` turns false, then returns what was seen.
pub async fn run(
    number: usize,
    lesson: Lesson,
    classroom: Arc<Classroom>,
    rate: f64,
    running: Arc<AtomicBool>,
    drain: Duration,
) -> Recorder {
    let recorder = Arc::new(Mutex::new(Recorder::default()));
    let waiting = Arc::new(Mutex::new(None::<QuestionId>));
    let mut readers = Vec::new();
    let mut writers = Vec::new();
    for (index, socket) in lesson.sockets.into_iter().enumerate() {
        let (mut sink, mut stream) = socket.split();
        let recorder_r = recorder.clone();
        let waiting_r = waiting.clone();
        readers.push(tokio::spawn(async move {
            while let Some(Ok(Message::Text(text))) = stream.next().await {
                let at = Instant::now();
                if index == 0 {
                    note_waiting(&text, &waiting_r);
                }
                let Ok(peek) = serde_json::from_str::<Peek>(&text) else {
                    continue;
                };
                let mut r = recorder_r.lock().expect("not poisoned");
                if let Some(view) = peek.view {
                    r.receipts.push((index, view.version, at));
                }
                for answer in peek.answers.map(|a| a.answers).unwrap_or_default() {
                    if let Answer::Handled { seq, outcome } = answer {
                        match outcome {
                            Outcome::Accepted { order } => {
                                r.accepted += 1;
                                if let Some(sent) = r.sent.get(&(index, seq)).copied() {
                                    r.orders.insert(order, (index, sent));
                                }
                            }
                            Outcome::Refused { .. } => r.refused += 1,
                        }
                    }
                }
            }
        }));
        if index == 1 {
            // The Board only shows.
            writers.push(tokio::spawn(async move { drop(sink) }));
            continue;
        }
        let classroom = classroom.clone();
        let recorder_w = recorder.clone();
        let waiting_w = waiting.clone();
        let running = running.clone();
        writers.push(tokio::spawn(async move {
            let period = Duration::from_secs_f64(1.0 / rate);
            // Each device of each lesson starts at its own moment in the first period, as
            // classes in different rooms do (in step, they would all arrive at once).
            let mut rng = (number * 1000 + index) as u64 * 0x9E37_79B9_7F4A_7C15 + 1;
            next(&mut rng);
            tokio::time::sleep(period.mul_f64((next(&mut rng) % 1000) as f64 / 1000.0)).await;
            let mut ticker = tokio::time::interval(period);
            let mut seq = 0;
            while running.load(Ordering::Relaxed) {
                ticker.tick().await;
                seq += 1;
                let (pupil, command) = if index == 0 {
                    let question = waiting_w.lock().expect("not poisoned").take();
                    (None, classroom.teacher_turn(seq, question))
                } else {
                    let n = index - 2;
                    let command = classroom.pupil_turn(n, seq, next(&mut rng));
                    (Some(classroom.pupils[n].clone()), command)
                };
                let message = LiveUp::<Command>::Submit {
                    submissions: vec![Submission {
                        seq,
                        pupil,
                        command,
                    }],
                };
                let text = serde_json::to_string(&message).expect("serialises");
                recorder_w
                    .lock()
                    .expect("not poisoned")
                    .sent
                    .insert((index, seq), Instant::now());
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
    std::mem::take(&mut *recorder.lock().expect("not poisoned"))
}

/// On the teacher's device: notes a question waiting for approval, if the view has one.
fn note_waiting(text: &str, waiting: &Mutex<Option<QuestionId>>) {
    let Ok(LiveDown::View(view)) = LiveDown::parse(text) else {
        return;
    };
    let Some(Projection::Teacher(view)) = view.projection else {
        return;
    };
    let question = view
        .lesson
        .enquiry()
        .questions
        .iter()
        .find(|q| matches!(q.status, QuestionStatus::Pending))
        .map(|q| q.id.clone());
    *waiting.lock().expect("not poisoned") = question;
}

/// A small deterministic random number generator (xorshift).
pub fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}
