//! A WebSocket to the Withme server that stays open: when it drops it is opened again, waiting
//! longer each time (up to ten seconds), until it is closed on purpose or the server says this
//! device's place has gone.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// The connection's state, as a person would put it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    /// Connecting for the first time.
    Connecting,
    /// Open.
    Open,
    /// Dropped; trying again.
    Reconnecting,
    /// Closed for good (the lesson ended, or this device was removed).
    Closed,
}

/// What the socket tells its owner.
pub struct Handlers {
    /// The socket opened (or opened again): say hello.
    pub opened: Box<dyn Fn()>,
    /// A text message arrived.
    pub message: Box<dyn Fn(String)>,
    /// The connection's state changed.
    pub state: Box<dyn Fn(Connection)>,
}

struct Inner {
    url: String,
    ws: Option<WebSocket>,
    handlers: Rc<Handlers>,
    wait: Duration,
    for_good: bool,
}

/// A live connection. Cheap to clone: clones share one socket.
#[derive(Clone)]
pub struct LiveSocket(Rc<RefCell<Inner>>);

/// Close codes after which the device must not reconnect by itself.
const FINAL_CODES: [u16; 2] = [4403, 1008];

impl LiveSocket {
    /// Opens a live connection to this page's server.
    pub fn open(handlers: Handlers) -> Self {
        let location = web_sys::window().map(|w| w.location());
        let host = location
            .as_ref()
            .and_then(|l| l.host().ok())
            .unwrap_or_default();
        let secure = location
            .and_then(|l| l.protocol().ok())
            .is_some_and(|p| p == "https:");
        let url = format!("{}://{host}/ws", if secure { "wss" } else { "ws" });
        let socket = Self(Rc::new(RefCell::new(Inner {
            url,
            ws: None,
            handlers: Rc::new(handlers),
            wait: Duration::from_millis(500),
            for_good: false,
        })));
        (socket.0.borrow().handlers.state)(Connection::Connecting);
        socket.connect();
        socket
    }

    fn connect(&self) {
        let url = self.0.borrow().url.clone();
        let Ok(ws) = WebSocket::new(&url) else {
            self.retry();
            return;
        };
        let handlers = self.0.borrow().handlers.clone();
        let me = self.clone();
        let on_open = Closure::<dyn FnMut()>::new(move || {
            me.0.borrow_mut().wait = Duration::from_millis(500);
            (me.0.borrow().handlers.state)(Connection::Open);
            let opened = me.0.borrow().handlers.clone();
            (opened.opened)();
        });
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(text) = event.data().as_string() {
                (handlers.message)(text);
            }
        });
        let me = self.clone();
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
            if FINAL_CODES.contains(&event.code()) {
                me.0.borrow_mut().for_good = true;
            }
            me.retry();
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        // The socket holds its handlers for as long as it lives.
        on_open.forget();
        on_message.forget();
        on_close.forget();
        self.0.borrow_mut().ws = Some(ws);
    }

    fn retry(&self) {
        let (for_good, wait) = {
            let mut inner = self.0.borrow_mut();
            inner.ws = None;
            let wait = inner.wait;
            inner.wait = (wait * 2).min(Duration::from_secs(10));
            (inner.for_good, wait)
        };
        if for_good {
            (self.0.borrow().handlers.state)(Connection::Closed);
            return;
        }
        (self.0.borrow().handlers.state)(Connection::Reconnecting);
        let me = self.clone();
        set_timeout(move || me.connect(), wait);
    }

    /// Sends text now, if the socket is open. Returns whether it was sent.
    pub fn send(&self, text: &str) -> bool {
        let inner = self.0.borrow();
        match &inner.ws {
            Some(ws) if ws.ready_state() == WebSocket::OPEN => ws.send_with_str(text).is_ok(),
            _ => false,
        }
    }

    /// Closes the connection for good.
    pub fn close(&self) {
        let ws = {
            let mut inner = self.0.borrow_mut();
            inner.for_good = true;
            inner.ws.take()
        };
        if let Some(ws) = ws {
            let _ = ws.close();
        }
        (self.0.borrow().handlers.state)(Connection::Closed);
    }
}
