//! A live lesson's room: one task that owns the lesson and talks to its connected devices.
//!
//! Everything a device sends reaches the room in order. The room changes the lesson, stores
//! the change (and waits for the commit), then answers and sends each connected device its
//! view if it changed. Operations that arrive while the room is busy are handled together:
//! one transaction, one round of views. A device whose queue of outgoing messages is full (it stopped reading)
//! is disconnected and told to resync, so a slow device can never grow the server's memory.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use withme_core::sync::{
    Holder, LiveDown, LiveUp, SeatKey, SeatedTablet, Submission, VersionedView,
};
use withme_core::{DeviceId, Timestamp};

use crate::codes;
use crate::live::{Entry, LiveLesson, Problem};
use crate::store::Store;

/// How many messages may wait for one device before it is disconnected.
pub const SEND_QUEUE: usize = 256;

/// Most messages handled together.
const MAX_BATCH: usize = 64;

/// Most devices that may join one lesson in a minute.
const JOINS_PER_MINUTE: usize = 120;

/// A connection, numbered by the server.
pub type ConnId = u64;

/// What a connection may be told to do besides sending a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Out {
    /// A message to send.
    Send(String),
    /// Close the connection, with this code and reason.
    Close(u16, &'static str),
}

/// What reaches a room.
pub enum ToRoom {
    /// A new device joins with the code; its messages go to `out`.
    Join {
        /// The connection.
        conn: ConnId,
        /// Its outgoing queue.
        out: mpsc::Sender<Out>,
    },
    /// A device comes back to its seat.
    Resume {
        /// The connection.
        conn: ConnId,
        /// Its outgoing queue.
        out: mpsc::Sender<Out>,
        /// The seat.
        device: DeviceId,
        /// Its secret.
        token: String,
    },
    /// A message from a connection already seated.
    Message {
        /// The connection.
        conn: ConnId,
        /// What it sent.
        message: LiveUp,
    },
    /// The connection closed.
    Gone {
        /// The connection.
        conn: ConnId,
    },
}

struct Conn {
    device: DeviceId,
    out: mpsc::Sender<Out>,
    /// The last view sent, to send only changes.
    sent: Option<VersionedView>,
}

/// The room's task.
pub struct Room {
    lesson: LiveLesson,
    store: Arc<dyn Store>,
    conns: HashMap<ConnId, Conn>,
    joins: Vec<Instant>,
}

/// The server's clock, as a time for operations.
pub fn now() -> Timestamp {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    Timestamp::from_millis(millis)
}

impl Room {
    /// A room for `lesson`, keeping its changes in `store`.
    pub fn new(lesson: LiveLesson, store: Arc<dyn Store>) -> Self {
        Self {
            lesson,
            store,
            conns: HashMap::new(),
            joins: Vec::new(),
        }
    }

    /// Runs the room until every sender to it is dropped. Operations that arrive together are
    /// handled together: stored in one transaction, then each device sent its view once.
    pub async fn run(mut self, mut inbox: mpsc::Receiver<ToRoom>) {
        let mut waiting = Vec::with_capacity(MAX_BATCH);
        while inbox.recv_many(&mut waiting, MAX_BATCH).await > 0 {
            let mut operations = Vec::new();
            for message in waiting.drain(..) {
                match message {
                    ToRoom::Message {
                        conn,
                        message: LiveUp::Submit { submissions },
                    } if !self.lesson.is_ended() => operations.push((conn, submissions)),
                    other => {
                        self.submit_together(std::mem::take(&mut operations)).await;
                        self.handle(other).await;
                    }
                }
            }
            self.submit_together(operations).await;
        }
    }

    /// Handles several devices' operations: each checked and applied in order, all stored in
    /// one transaction (or none, if storing fails), then answered.
    async fn submit_together(&mut self, operations: Vec<(ConnId, Vec<Submission>)>) {
        if operations.is_empty() {
            return;
        }
        let before = self.lesson.clone();
        let at = now();
        let mut entries = Vec::new();
        let mut replies = Vec::with_capacity(operations.len());
        for (conn, submissions) in operations {
            let Some(device) = self.conns.get(&conn).map(|c| c.device.clone()) else {
                continue;
            };
            match self.lesson.submit(&device, &submissions, at) {
                Ok((stored, answers)) => {
                    entries.extend(stored);
                    replies.push((conn, LiveDown::Answers { answers }));
                }
                Err(problem) => replies.push((conn, problem.down())),
            }
        }
        if !self.store_or_undo(&entries, before).await {
            for (conn, _) in replies {
                self.send(conn, &not_stored());
            }
            return;
        }
        for (conn, reply) in replies {
            self.send(conn, &reply);
        }
        self.after_change(false);
    }

    async fn handle(&mut self, message: ToRoom) {
        match message {
            ToRoom::Join { conn, out } => self.join(conn, out).await,
            ToRoom::Resume {
                conn,
                out,
                device,
                token,
            } => match self.lesson.resume(&device, &token) {
                Ok(seated) => {
                    self.conns.insert(
                        conn,
                        Conn {
                            device,
                            out,
                            sent: None,
                        },
                    );
                    self.send(conn, &seated);
                    self.after_change(true);
                }
                Err(problem) => {
                    let _ = out.try_send(Out::Send(encode(&problem.down())));
                }
            },
            ToRoom::Message { conn, message } => self.message(conn, message).await,
            ToRoom::Gone { conn } => {
                let gone = self.conns.remove(&conn).map(|c| c.device);
                // A tablet dropping out shows on the teacher's list.
                if gone.is_some_and(|d| matches!(self.lesson.holder(&d), Some(Holder::Pupils(_)))) {
                    self.send_knocks();
                }
            }
        }
    }

    async fn join(&mut self, conn: ConnId, out: mpsc::Sender<Out>) {
        let minute_ago = Instant::now() - Duration::from_secs(60);
        self.joins.retain(|at| *at > minute_ago);
        if self.joins.len() >= JOINS_PER_MINUTE {
            let _ = out.try_send(Out::Send(encode(&problem(
                "too_many_attempts",
                "Too many tablets are joining at once. Wait a moment and try again.",
            ))));
            return;
        }
        self.joins.push(Instant::now());
        let key = SeatKey {
            device: codes::device_id(),
            token: codes::token(),
        };
        let device = key.device.clone();
        match self.lesson.join(key) {
            Ok((entry, seated)) => {
                let before = self.lesson.clone();
                self.lesson.replay(&entry);
                if !self.store_or_undo(&[entry], before).await {
                    let _ = out.try_send(Out::Send(encode(&not_stored())));
                    return;
                }
                self.conns.insert(
                    conn,
                    Conn {
                        device,
                        out,
                        sent: None,
                    },
                );
                self.send(conn, &seated);
                self.after_change(false);
            }
            Err(problem) => {
                let _ = out.try_send(Out::Send(encode(&problem.down())));
            }
        }
    }

    async fn message(&mut self, conn: ConnId, message: LiveUp) {
        let Some(device) = self.conns.get(&conn).map(|c| c.device.clone()) else {
            return;
        };
        let before = self.lesson.clone();
        // What other devices are told, once the change is stored.
        let mut afterwards: Option<(DeviceId, Afterwards)> = None;
        let result: Result<(Vec<Entry>, Option<LiveDown>, bool), Problem> = match message {
            LiveUp::Join { .. } | LiveUp::Resume { .. } => Ok((Vec::new(), None, false)),
            LiveUp::Claim { pupil } => self
                .lesson
                .claim(&device, &pupil)
                .map(|()| (Vec::new(), None, true)),
            LiveUp::ClaimGroup { group } => self
                .lesson
                .claim_group(&device, group)
                .map(|()| (Vec::new(), None, true)),
            LiveUp::ActAs { pupil } => self
                .lesson
                .act_as(&device, &pupil)
                .map(|()| (Vec::new(), None, false)),
            LiveUp::Submit { submissions } if self.lesson.is_ended() => {
                let _ = submissions;
                Err(Problem::Ended)
            }
            LiveUp::Submit { submissions } => self
                .lesson
                .submit(&device, &submissions, now())
                .map(|(entries, answers)| (entries, Some(LiveDown::Answers { answers }), false)),
            LiveUp::Admit { device: other } => {
                let admitted = self.lesson.admit(&device, &other);
                // Told who it now speaks for (a group's tablet's view does not change yet).
                if admitted.is_ok()
                    && let Some(seated) = self.lesson.seat_message(&other)
                {
                    afterwards = Some((other, Afterwards::Tell(seated)));
                }
                admitted.map(|entry| (vec![entry], None, true))
            }
            LiveUp::Decline { device: other } => {
                let declined = self.lesson.decline(&device, &other);
                if declined.is_ok() {
                    afterwards = Some((other, Afterwards::Tell(declined_message())));
                }
                declined.map(|()| (Vec::new(), None, true))
            }
            LiveUp::RemoveSeat { device: other } => {
                let removed = self.lesson.remove(&device, &other);
                if removed.is_ok() {
                    afterwards = Some((other, Afterwards::Disconnect(4403, "removed")));
                }
                removed.map(|entry| (vec![entry], None, true))
            }
            LiveUp::End => self
                .lesson
                .end(&device, now())
                .map(|entry| (vec![entry], None, false)),
        };
        match result {
            Ok((entries, reply, knocks_changed)) => {
                if !self.store_or_undo(&entries, before).await {
                    self.send(conn, &not_stored());
                    return;
                }
                match afterwards {
                    Some((other, Afterwards::Tell(message))) => self.tell_device(&other, &message),
                    Some((other, Afterwards::Disconnect(code, reason))) => {
                        self.disconnect_device(&other, code, reason);
                    }
                    None => {}
                }
                if let Some(reply) = reply {
                    self.send(conn, &reply);
                }
                if self.lesson.is_ended() {
                    self.broadcast(&LiveDown::Ended);
                }
                self.after_change(knocks_changed);
            }
            Err(problem) => self.send(conn, &problem.down()),
        }
    }

    /// Stores `entries`; if that fails, puts the lesson back as it was and says so.
    async fn store_or_undo(&mut self, entries: &[Entry], before: LiveLesson) -> bool {
        if entries.is_empty() {
            return true;
        }
        let store = self.store.clone();
        let code = self.lesson.code().to_owned();
        let entries = entries.to_vec();
        let stored = tokio::task::spawn_blocking(move || store.append(&code, &entries)).await;
        match stored {
            Ok(Ok(())) => true,
            Ok(Err(error)) => {
                eprintln!("withme-server: could not store a change: {error}");
                self.lesson = before;
                false
            }
            Err(error) => {
                eprintln!("withme-server: the store's task failed: {error}");
                self.lesson = before;
                false
            }
        }
    }

    /// Sends every connected device its view if it changed, and the teacher the knocks.
    fn after_change(&mut self, knocks_changed: bool) {
        let devices: Vec<DeviceId> = self.conns.values().map(|c| c.device.clone()).collect();
        let views: HashMap<DeviceId, VersionedView> =
            self.lesson.views(devices.iter()).into_iter().collect();
        let knocks = self.knocks();
        let mut full = Vec::new();
        for (conn, c) in &mut self.conns {
            if let Some(view) = views.get(&c.device) {
                let same = c
                    .sent
                    .as_ref()
                    .is_some_and(|s| s.projection == view.projection);
                if !same {
                    c.sent = Some(view.clone());
                    if !push(&c.out, &LiveDown::View(Box::new(view.clone()))) {
                        full.push(*conn);
                        continue;
                    }
                }
            }
            let teacher = matches!(self.lesson.holder(&c.device), Some(Holder::Teacher));
            if teacher && knocks_changed && !push(&c.out, &knocks) {
                full.push(*conn);
            }
        }
        for conn in full {
            self.drop_slow(conn);
        }
    }

    /// What the teacher sees of the room: tablets waiting, and tablets let in.
    fn knocks(&self) -> LiveDown {
        let connected = |device: &DeviceId| self.conns.values().any(|c| &c.device == device);
        LiveDown::Knocks {
            waiting: self.lesson.knocks(),
            seated: self
                .lesson
                .seated_tablets()
                .into_iter()
                .map(|(device, pupils)| SeatedTablet {
                    connected: connected(&device),
                    device,
                    pupils,
                })
                .collect(),
        }
    }

    /// Tells the teacher's connections what the room looks like now.
    fn send_knocks(&mut self) {
        let knocks = self.knocks();
        let teachers: Vec<ConnId> = self
            .conns
            .iter()
            .filter(|(_, c)| matches!(self.lesson.holder(&c.device), Some(Holder::Teacher)))
            .map(|(conn, _)| *conn)
            .collect();
        for conn in teachers {
            self.send(conn, &knocks);
        }
    }

    fn send(&mut self, conn: ConnId, message: &LiveDown) {
        let ok = self.conns.get(&conn).is_none_or(|c| push(&c.out, message));
        if !ok {
            self.drop_slow(conn);
        }
    }

    fn broadcast(&mut self, message: &LiveDown) {
        let conns: Vec<ConnId> = self.conns.keys().copied().collect();
        for conn in conns {
            self.send(conn, message);
        }
    }

    /// A device that stopped reading: told to resync, and disconnected.
    fn drop_slow(&mut self, conn: ConnId) {
        if let Some(c) = self.conns.remove(&conn) {
            let _ = c.out.try_send(Out::Close(4408, "resync"));
        }
    }

    /// Sends `message` to every connection of `device`.
    fn tell_device(&mut self, device: &DeviceId, message: &LiveDown) {
        let conns: Vec<ConnId> = self
            .conns
            .iter()
            .filter(|(_, c)| &c.device == device)
            .map(|(conn, _)| *conn)
            .collect();
        for conn in conns {
            self.send(conn, message);
        }
    }

    fn disconnect_device(&mut self, device: &DeviceId, code: u16, reason: &'static str) {
        let gone: Vec<ConnId> = self
            .conns
            .iter()
            .filter(|(_, c)| &c.device == device)
            .map(|(conn, _)| *conn)
            .collect();
        for conn in gone {
            if let Some(c) = self.conns.remove(&conn) {
                let _ = c.out.try_send(Out::Close(code, reason));
            }
        }
    }
}

/// What another device is told once a teacher's change is stored.
enum Afterwards {
    /// A message.
    Tell(LiveDown),
    /// Closed, with this code and reason.
    Disconnect(u16, &'static str),
}

/// Queues a message; `false` when the device's queue is full.
fn push(out: &mpsc::Sender<Out>, message: &LiveDown) -> bool {
    match out.try_send(Out::Send(encode(message))) {
        Ok(()) => true,
        Err(mpsc::error::TrySendError::Full(_)) => false,
        // Closed: the connection is going; its Gone message is on the way.
        Err(mpsc::error::TrySendError::Closed(_)) => true,
    }
}

/// A message as JSON text.
pub fn encode(message: &LiveDown) -> String {
    serde_json::to_string(message).expect("every message serialises")
}

/// A problem message.
pub fn problem(code: &str, reason: &str) -> LiveDown {
    LiveDown::Problem {
        code: code.into(),
        reason: reason.into(),
    }
}

/// To a tablet the teacher did not let in.
fn declined_message() -> LiveDown {
    problem(
        "declined",
        "Your teacher didn't let you in. Check you tapped your own name, then try again.",
    )
}

fn not_stored() -> LiveDown {
    problem(
        "not_stored",
        "The server couldn't save that. It was not done; try again.",
    )
}
