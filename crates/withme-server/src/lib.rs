//! # withme-server
//!
//! The optional Withme server: it serves the built app, and runs live lessons so that the
//! whiteboard and the pupils' tablets share one lesson. While a lesson is live the server is its
//! authority: it runs `withme-core`'s `Authority` (every operation checked against the sender's
//! seat, answered by id) and sends each device only its viewer's projection. Live lessons are
//! kept in an embedded SQLite database behind the [`store::Store`] interface; an operation is
//! answered only after it is committed.
//!
//! Routes: `/ws` (a device's live connection, `PROTOCOL.md`), `POST /api/live` (the teacher
//! takes a lesson live), `GET /api/live/{code}/qr.svg` (the join address as a QR code), and the
//! app for every other address.

pub mod codes;
pub mod config;
pub mod join_page;
pub mod limits;
pub mod live;
pub mod room;
mod socket;
pub mod store;
pub mod web;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{ConnectInfo, DefaultBodyLimit, Path as UrlPath, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::{Json, Router};
use tokio::sync::mpsc;
use withme_core::Timestamp;
use withme_core::sync::{GoLive, LiveStarted, PROTOCOL_VERSION, SeatKey};

use crate::config::Config;
use crate::limits::{Attempts, GO_LIVE_PER_HOUR};
use crate::live::{LiveLesson, Start};
use crate::room::{Room, ToRoom, now};
use crate::store::{SqliteStore, Store, StoreError};

/// Largest lesson upload (a lesson, its class and the class's lessons).
const MAX_UPLOAD_BYTES: usize = 16 * 1024 * 1024;

/// What every request can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    rooms: Mutex<HashMap<String, mpsc::Sender<ToRoom>>>,
    store: Arc<dyn Store>,
    origins: Vec<String>,
    attempts: Attempts,
    go_lives: Attempts,
    next_conn: AtomicU64,
}

impl AppState {
    /// State over `store`, trusting pages from `origins`.
    pub fn new(store: Arc<dyn Store>, origins: Vec<String>) -> Self {
        Self(Arc::new(Inner {
            rooms: Mutex::new(HashMap::new()),
            store,
            origins,
            attempts: Attempts::default(),
            go_lives: Attempts::default(),
            next_conn: AtomicU64::new(1),
        }))
    }

    pub(crate) fn origin_allowed(&self, origin: &str) -> bool {
        self.0.origins.iter().any(|o| o == origin)
    }

    pub(crate) fn next_conn(&self) -> u64 {
        self.0.next_conn.fetch_add(1, Ordering::Relaxed)
    }

    pub(crate) fn room(&self, code: &str) -> Option<mpsc::Sender<ToRoom>> {
        self.rooms().get(code).cloned()
    }

    fn rooms(&self) -> std::sync::MutexGuard<'_, HashMap<String, mpsc::Sender<ToRoom>>> {
        self.0.rooms.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn attempts(&self) -> &Attempts {
        &self.0.attempts
    }

    /// Starts the room task of a lesson.
    fn open_room(&self, lesson: LiveLesson) {
        let (tx, rx) = mpsc::channel(1024);
        self.rooms().insert(lesson.code().to_owned(), tx);
        tokio::spawn(Room::new(lesson, self.0.store.clone()).run(rx));
    }

    /// Rebuilds every live lesson kept in the store (after a restart), except those ended
    /// before `forget_before`.
    pub fn reopen_kept(&self, forget_before: Timestamp) -> Result<usize, StoreError> {
        let kept = self.0.store.load_all()?;
        let mut count = 0;
        for stored in kept {
            if stored.ended_at.is_some_and(|at| at < forget_before) {
                continue;
            }
            let mut lesson = LiveLesson::start(&stored.start);
            for entry in &stored.entries {
                lesson.replay(entry);
            }
            self.open_room(lesson);
            count += 1;
        }
        Ok(count)
    }

    /// Forgets lessons ended before `before`, in the store and here.
    pub fn forget_ended_before(&self, before: Timestamp) -> Result<usize, StoreError> {
        let gone = self.0.store.forget_ended_before(before)?;
        if gone > 0 {
            let kept: std::collections::HashSet<String> = self
                .0
                .store
                .load_all()?
                .into_iter()
                .map(|l| l.start.code)
                .collect();
            self.rooms().retain(|code, _| kept.contains(code));
        }
        Ok(gone)
    }
}

/// The whole server's routes over `state`, serving the app from `dist`.
pub fn router(state: AppState, dist: &Path) -> std::io::Result<Router> {
    let api = Router::new()
        .route("/ws", get(socket::upgrade))
        .route(
            "/api/live",
            post(go_live).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/api/live/{code}/qr.svg", get(qr_code))
        .with_state(state);
    Ok(api.merge(web::app_files(dist)?))
}

/// A refusal from the HTTP API, as JSON `{code, reason}`.
fn refuse(status: StatusCode, code: &str, reason: &str) -> Response {
    let body = serde_json::json!({ "code": code, "reason": reason });
    let mut response = (status, Json(body)).into_response();
    web::security_headers(response.headers_mut());
    response
}

/// `POST /api/live`: the teacher takes a lesson live.
async fn go_live(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: axum::body::Bytes,
) -> Response {
    if state
        .0
        .go_lives
        .exhausted(peer.ip(), GO_LIVE_PER_HOUR, Duration::from_secs(3600))
    {
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            "Too many lessons taken live from here in an hour. Wait a while.",
        );
    }
    state.0.go_lives.count(peer.ip());
    let request: GoLive = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "malformed",
                &format!("The lesson couldn't be read ({error})."),
            );
        }
    };
    if request.protocol != PROTOCOL_VERSION {
        return refuse(
            StatusCode::BAD_REQUEST,
            "version",
            "This Withme is a different version from the server's. Reload the page.",
        );
    }
    let live = request
        .library
        .lesson(&request.lesson)
        .is_some_and(|l| !l.is_deleted());
    if !live {
        return refuse(
            StatusCode::BAD_REQUEST,
            "unknown_lesson",
            "That lesson wasn't in what was sent.",
        );
    }
    let code = loop {
        let code = codes::join_code();
        if state.room(&code).is_none() {
            break code;
        }
    };
    let key = || SeatKey {
        device: codes::device_id(),
        token: codes::token(),
    };
    let start = Start {
        code: code.clone(),
        lesson: request.lesson.clone(),
        library: request.library,
        teacher: key(),
        board: key(),
        at: now(),
    };
    let store = state.0.store.clone();
    let kept = start.clone();
    match tokio::task::spawn_blocking(move || store.create(&kept)).await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => {
            eprintln!("withme-server: could not keep a live lesson: {error}");
            return refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "not_stored",
                "The server couldn't save the lesson. Try again.",
            );
        }
        Err(_) => {
            return refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "not_stored",
                "The server couldn't save the lesson. Try again.",
            );
        }
    }
    state.open_room(LiveLesson::start(&start));
    let started = LiveStarted {
        code,
        lesson: start.lesson,
        teacher: start.teacher,
        board: start.board,
    };
    let mut response = (StatusCode::CREATED, Json(started)).into_response();
    web::security_headers(response.headers_mut());
    response
}

/// `GET /api/live/{code}/qr.svg`: the lesson's join address as a QR code, drawn here (never by
/// an outside service).
async fn qr_code(
    State(state): State<AppState>,
    UrlPath(code): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let code = codes::normalise_code(&code);
    if state.room(&code).is_none() {
        return refuse(
            StatusCode::NOT_FOUND,
            "bad_code",
            "No live lesson has that code.",
        );
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let address = format!("http://{host}/join/{code}");
    let svg = match qrcode::QrCode::new(address.as_bytes()) {
        Ok(qr) => qr
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build(),
        Err(_) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, "qr", "No QR code."),
    };
    let mut response = svg.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    web::security_headers(headers);
    response
}

/// Runs the server until it is stopped (Ctrl-C or SIGTERM).
pub async fn serve(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&config.db)?);
    let state = AppState::new(store, config.origins.clone());
    let retention = config.retention;
    let forget_before =
        move || Timestamp::from_millis(now().millis().saturating_sub(retention.as_millis() as u64));
    let reopened = state.reopen_kept(forget_before())?;
    let app = router(state.clone(), &config.dist).map_err(|e| {
        format!(
            "the built app isn't in {} ({e}); build it first (scripts/build.sh)",
            config.dist.display()
        )
    })?;
    let keeper = state.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(600)).await;
            if let Err(error) = keeper.forget_ended_before(forget_before()) {
                eprintln!("withme-server: could not forget old lessons: {error}");
            }
        }
    });
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| {
            format!(
                "can't listen on {} ({e}); is another server using it? Try --addr 127.0.0.1:9000",
                config.addr
            )
        })?;
    let shown = match config.addr.ip().is_loopback() {
        true => format!("http://localhost:{}/", config.addr.port()),
        false => format!("http://{}/", config.addr),
    };
    println!("Withme is running at {shown} ({reopened} live lessons reopened)");
    // Small messages (a view, an answer) go at once: Nagle's algorithm would hold one back
    // behind a delayed acknowledgement for up to 40 ms.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
