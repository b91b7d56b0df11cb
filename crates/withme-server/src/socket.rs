//! A device's WebSocket: the Origin check, the size and rate limits, and routing what it sends
//! to its lesson's room. Nothing a device sends can crash the server: a bad message is answered
//! with a problem and the connection carries on (or, past the limits, is closed).

use std::net::{IpAddr, SocketAddr};

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc;
use withme_core::sync::{LiveUp, MAX_MESSAGE_BYTES, MessageError};

use crate::AppState;
use crate::codes::normalise_code;
use crate::limits::{ATTEMPT_WINDOW, Bucket, WRONG_CODES_PER_ADDRESS};
use crate::room::{Out, SEND_QUEUE, ToRoom, encode, problem};

/// Messages a connection may send each second, and in a burst.
const RATE: f64 = 20.0;
const BURST: f64 = 60.0;
/// Messages over the rate before the connection is closed.
const STRIKES: u32 = 100;

/// `GET /ws`: upgrades a page of an allowed origin to a live connection.
pub async fn upgrade(
    ws: WebSocketUpgrade,
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !state.origin_allowed(origin) {
        return (
            StatusCode::FORBIDDEN,
            "A page from this address may not open a live lesson here.",
        )
            .into_response();
    }
    // Frames up to twice the limit are read, so an oversized message can be answered with
    // 1009 rather than a broken connection.
    ws.max_message_size(2 * MAX_MESSAGE_BYTES)
        .max_frame_size(2 * MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| connection(socket, state, peer.ip()))
}

async fn connection(socket: WebSocket, state: AppState, ip: IpAddr) {
    let conn = state.next_conn();
    let (mut sink, mut stream) = socket.split();
    let (out, mut outgoing) = mpsc::channel::<Out>(SEND_QUEUE);
    let writer = tokio::spawn(async move {
        while let Some(next) = outgoing.recv().await {
            let frame = match next {
                Out::Send(text) => Message::Text(text.into()),
                Out::Close(code, reason) => {
                    let close = CloseFrame {
                        code,
                        reason: reason.into(),
                    };
                    let _ = sink.send(Message::Close(Some(close))).await;
                    break;
                }
            };
            if sink.send(frame).await.is_err() {
                break;
            }
        }
    });
    let say = |code: &str, reason: &str| {
        let _ = out.try_send(Out::Send(encode(&problem(code, reason))));
    };
    let mut bucket = Bucket::new(RATE, BURST);
    let mut strikes = 0;
    let mut room: Option<mpsc::Sender<ToRoom>> = None;
    while let Some(frame) = stream.next().await {
        let text = match frame {
            Ok(Message::Text(text)) => text,
            Ok(Message::Binary(_)) => {
                say("malformed", "Send messages as text.");
                continue;
            }
            Ok(Message::Close(_)) | Err(_) => break,
            Ok(Message::Ping(_) | Message::Pong(_)) => continue,
        };
        if text.len() > MAX_MESSAGE_BYTES {
            let _ = out.try_send(Out::Close(1009, "message too big"));
            break;
        }
        if !bucket.take() {
            strikes += 1;
            if strikes > STRIKES {
                let _ = out.try_send(Out::Close(1008, "too many messages"));
                break;
            }
            say("too_fast", "Slow down: too many messages at once.");
            continue;
        }
        let message = match LiveUp::parse(&text) {
            Ok(message) => message,
            Err(error) => {
                let code = match error {
                    MessageError::TooLong { .. } => "too_long",
                    MessageError::Version => "version",
                    MessageError::Shape(_) => "malformed",
                };
                say(code, &error.to_string());
                continue;
            }
        };
        match message {
            LiveUp::Join { code, .. } | LiveUp::Resume { code, .. }
                if state
                    .attempts()
                    .exhausted(ip, WRONG_CODES_PER_ADDRESS, ATTEMPT_WINDOW) =>
            {
                let _ = code;
                say(
                    "too_many_attempts",
                    "Too many wrong codes from this network. Wait a few minutes and try again.",
                );
            }
            LiveUp::Join { code, .. } => match state.room(&normalise_code(&code)) {
                Some(handle) => {
                    let joined = handle.send(ToRoom::Join {
                        conn,
                        out: out.clone(),
                    });
                    if joined.await.is_ok() {
                        room = Some(handle);
                    }
                }
                None => {
                    state.attempts().count(ip);
                    say(
                        "bad_code",
                        "That code isn't a lesson here. Check it with your teacher.",
                    );
                }
            },
            LiveUp::Resume {
                code,
                device,
                token,
                ..
            } => match state.room(&normalise_code(&code)) {
                Some(handle) => {
                    let resumed = handle.send(ToRoom::Resume {
                        conn,
                        out: out.clone(),
                        device,
                        token,
                    });
                    if resumed.await.is_ok() {
                        room = Some(handle);
                    }
                }
                None => {
                    state.attempts().count(ip);
                    say("bad_code", "That lesson isn't live here any more.");
                }
            },
            message => match &room {
                Some(handle) => {
                    let _ = handle.send(ToRoom::Message { conn, message }).await;
                }
                None => say("not_seated", "Join the lesson with its code first."),
            },
        }
    }
    if let Some(handle) = room {
        let _ = handle.send(ToRoom::Gone { conn }).await;
    }
    drop(out);
    let _ = writer.await;
}
