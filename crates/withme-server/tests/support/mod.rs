//! A real server on a free local port, and devices that talk to it over real WebSockets.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use withme_core::sync::{GoLive, LiveDown, LiveStarted, LiveUp, PROTOCOL_VERSION, Submission};
use withme_core::{
    Author, ClassId, ClassName, Command, DeviceId, ItemText, LessonId, LessonTitle, Library, OpId,
    Operation, PupilId, PupilName, Timestamp,
};
use withme_server::store::SqliteStore;
use withme_server::{AppState, router};

/// A folder holding a built teacher's app, Pupil app and Board app of one page each.
///
/// Written once per test process: the tests run in parallel, and a second writer truncating a
/// page while another test's server reads it would serve that server an empty page.
pub fn dist() -> PathBuf {
    static DIST: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIST.get_or_init(write_dist).clone()
}

fn write_dist() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("withme-dist-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pupil")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Withme</title><script type=\"module\">import init from '/app-0123456789abcdef.js';</script>",
    )
    .unwrap();
    std::fs::write(dir.join("app-0123456789abcdef.js"), "export default 1;").unwrap();
    std::fs::write(
        dir.join("pupil").join("index.html"),
        "<!doctype html><title>Withme pupil</title><script type=\"module\">import init from '/pupil/pupil-0123456789abcdef.js';</script><body><noscript>On</noscript></body>",
    )
    .unwrap();
    std::fs::write(
        dir.join("pupil").join("pupil-0123456789abcdef.js"),
        "export default 2;",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("board")).unwrap();
    std::fs::write(
        dir.join("board").join("index.html"),
        "<!doctype html><title>Withme board</title><script type=\"module\">import init from '/board/board-0123456789abcdef.js';</script>",
    )
    .unwrap();
    dir
}

/// The raw HTTP response to `GET path`, headers and body.
pub async fn get_raw(addr: SocketAddr, path: &str) -> String {
    get_raw_with(addr, path, "").await
}

/// The raw HTTP response to `GET path` sent with `headers` (each line ending in CRLF).
pub async fn get_raw_with(addr: SocketAddr, path: &str, headers: &str) -> String {
    String::from_utf8(get_bytes_with(addr, path, headers).await).expect("a text response")
}

/// The head of the raw HTTP response to `GET path` sent with `headers` (each line ending in
/// CRLF), and its body's length in bytes (a body that may be compressed).
pub async fn get_head_with(addr: SocketAddr, path: &str, headers: &str) -> (String, usize) {
    let response = get_bytes_with(addr, path, headers).await;
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response has a head");
    let head = String::from_utf8_lossy(&response[..end]).to_lowercase();
    (head, response.len() - end - 4)
}

/// The raw HTTP response to `GET path` sent with `headers`, as bytes.
async fn get_bytes_with(addr: SocketAddr, path: &str, headers: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    response
}

/// A server on a free port, in this process.
pub async fn server() -> SocketAddr {
    let store = Arc::new(SqliteStore::in_memory().unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(store, vec![origin(addr)]);
    let app = router(state, &dist()).unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    addr
}

/// The origin the server trusts.
pub fn origin(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

/// A class of pupils and a lesson for it, as the teacher's device holds them.
pub fn classroom(names: &[&str]) -> (Library, LessonId, Vec<PupilId>) {
    let mut library = Library::default();
    let device = DeviceId::parse("teacherhome").unwrap();
    let mut seq = 0;
    let mut apply = |library: &mut Library, command: Command| {
        seq += 1;
        let op = Operation {
            id: OpId::new(device.clone(), seq),
            author: Author::Teacher,
            at: Timestamp::from_millis(1_800_000_000_000 + seq),
            command,
        };
        library.apply(&op).unwrap();
        op.id
    };
    let class_op = apply(
        &mut library,
        Command::CreateClass {
            name: ClassName::parse("Year 5 Oak").unwrap(),
        },
    );
    let class = ClassId::from(&class_op);
    let pupils_op = apply(
        &mut library,
        Command::AddPupils {
            class: class.clone(),
            names: names.iter().map(|n| PupilName::parse(n).unwrap()).collect(),
        },
    );
    let lesson_op = apply(
        &mut library,
        Command::CreateLesson {
            title: LessonTitle::parse("Is it ever right to lie?").unwrap(),
            class: Some(class),
            template: None,
        },
    );
    let pupils = (1..=names.len())
        .map(|i| PupilId::nth_added_by(&pupils_op, i))
        .collect();
    (library, LessonId::from(&lesson_op), pupils)
}

/// An HTTP request over a fresh connection; returns the status and the body.
pub async fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8_lossy(&response).to_string();
    let status = text[9..12].parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

/// The teacher takes `lesson` live.
pub async fn go_live(addr: SocketAddr, library: &Library, lesson: &LessonId) -> LiveStarted {
    let request = GoLive {
        protocol: PROTOCOL_VERSION,
        lesson: lesson.clone(),
        library: library.clone(),
    };
    let (status, body) = http(
        addr,
        "POST",
        "/api/live",
        &serde_json::to_string(&request).unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// A device's live connection.
pub struct Device {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Device {
    /// Connects as a page from `origin`.
    pub async fn connect_from(addr: SocketAddr, origin: &str) -> Result<Self, WsError> {
        let mut request = format!("ws://{addr}/ws").into_client_request().unwrap();
        request
            .headers_mut()
            .insert("Origin", HeaderValue::from_str(origin).unwrap());
        let (socket, _) = tokio_tungstenite::connect_async(request).await?;
        Ok(Self { socket })
    }

    /// Connects as a page of the server's own origin.
    pub async fn connect(addr: SocketAddr) -> Self {
        Self::connect_from(addr, &origin(addr)).await.unwrap()
    }

    /// Sends text as it is.
    pub async fn send_text(&mut self, text: String) {
        self.socket.send(Message::Text(text.into())).await.unwrap();
    }

    /// Sends a message.
    pub async fn send(&mut self, message: &LiveUp) {
        self.send_text(serde_json::to_string(message).unwrap())
            .await;
    }

    /// The next message, or `None` once the connection closes (with its close code).
    pub async fn next(&mut self) -> Result<LiveDown, Option<u16>> {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(10), self.socket.next())
                .await
                .expect("the server answers within 10 seconds");
            match frame {
                Some(Ok(Message::Text(text))) => return Ok(LiveDown::parse(&text).unwrap()),
                Some(Ok(Message::Close(frame))) => return Err(frame.map(|f| f.code.into())),
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return Err(None),
            }
        }
    }

    /// Waits for a message that `pick` takes, skipping others.
    pub async fn until<T>(&mut self, mut pick: impl FnMut(&LiveDown) -> Option<T>) -> T {
        loop {
            let message = self.next().await.expect("the connection stays open");
            if let Some(found) = pick(&message) {
                return found;
            }
        }
    }

    /// Joins with `code` and returns the seat (device and token).
    pub async fn join(&mut self, code: &str) -> (DeviceId, String) {
        self.send(&LiveUp::Join {
            protocol: PROTOCOL_VERSION,
            code: code.into(),
        })
        .await;
        self.until(|m| match m {
            LiveDown::Seated { device, token, .. } => Some((device.clone(), token.clone())),
            _ => None,
        })
        .await
    }

    /// Comes back to a seat.
    pub async fn resume(&mut self, code: &str, device: &DeviceId, token: &str) -> LiveDown {
        self.send(&LiveUp::Resume {
            protocol: PROTOCOL_VERSION,
            code: code.into(),
            device: device.clone(),
            token: token.into(),
            version: 0,
        })
        .await;
        self.next().await.expect("an answer")
    }

    /// Submits one operation.
    pub async fn submit(&mut self, seq: u64, command: Command) {
        self.send(&LiveUp::Submit {
            submissions: vec![Submission::new(seq, None, command)],
        })
        .await;
    }

    /// Waits for the answer to operation `seq`.
    pub async fn answer(&mut self, seq: u64) -> withme_core::sync::Answer {
        use withme_core::sync::Answer;
        self.until(|m| match m {
            LiveDown::Answers { answers } => answers
                .iter()
                .find(|a| matches!(a, Answer::Handled { seq: s, .. } if *s == seq))
                .cloned(),
            _ => None,
        })
        .await
    }
}

/// An item's text.
pub fn text(words: &str) -> ItemText {
    ItemText::parse(words).unwrap()
}
