//! A Board on its own device (a whiteboard's browser) in a live lesson, opened with the board
//! link the teacher's window gives: `/board/live#code=…&device=…&token=…`. The seat's key is in
//! the address's fragment, which browsers never send to a server. The Board holds only the
//! Board's projection, as the server sends it.

use leptos::prelude::*;
use withme_core::DeviceId;
use withme_core::sync::{BoardDown, LiveUp, PROTOCOL_VERSION, SeatKey};
use withme_core::view::{BoardProjection, BoardView};

use crate::browser::json;
use crate::live::{Connection, Handlers, LiveSocket};

/// The board link's address, for a live lesson's code and Board seat.
pub fn board_link(code: &str, board: &SeatKey) -> String {
    format!(
        "/board/live#code={code}&device={}&token={}",
        board.device.as_str(),
        board.token
    )
}

/// Reads a board link's fragment (`code=…&device=…&token=…`).
pub fn parse_board_fragment(fragment: &str) -> Option<(String, SeatKey)> {
    let mut code = None;
    let mut device = None;
    let mut token = None;
    for pair in fragment.trim_start_matches('#').split('&') {
        match pair.split_once('=') {
            Some(("code", value)) => code = Some(value.to_owned()),
            Some(("device", value)) => device = DeviceId::parse(value).ok(),
            Some(("token", value)) => token = Some(value.to_owned()),
            _ => {}
        }
    }
    Some((
        code?,
        SeatKey {
            device: device?,
            token: token?,
        },
    ))
}

/// The live Board's state. A small handle: copy it freely.
#[derive(Clone, Copy)]
pub struct LiveBoard {
    view: RwSignal<Option<(u64, BoardView)>>,
    connection: RwSignal<Connection>,
    /// Why the Board can't show the lesson (a wrong link, or the lesson ended).
    problem: RwSignal<Option<String>>,
    code: StoredValue<Option<String>>,
    socket: StoredValue<Option<LiveSocket>, LocalStorage>,
}

impl LiveBoard {
    /// Starts the Board from the address's fragment.
    pub fn start() -> Self {
        let fragment = window().location().hash().unwrap_or_default();
        let key = parse_board_fragment(&fragment);
        let board = Self {
            view: RwSignal::new(None),
            connection: RwSignal::new(Connection::Connecting),
            problem: RwSignal::new(None),
            code: StoredValue::new(key.as_ref().map(|(code, _)| code.clone())),
            socket: StoredValue::new_local(None),
        };
        match key {
            Some((code, seat)) => board.connect(code, seat),
            None => board.problem.set(Some(
                "This board link isn't complete. Open it again from the teacher's Live lesson panel."
                    .to_owned(),
            )),
        }
        board
    }

    /// The Board's projection (tracked).
    pub fn with_view<R>(&self, read: impl FnOnce(Option<&BoardView>) -> R) -> R {
        self.view.with(|v| read(v.as_ref().map(|(_, view)| view)))
    }

    /// The connection (tracked).
    pub fn connection(&self) -> Connection {
        self.connection.get()
    }

    /// Why the Board can't show the lesson, if it can't (tracked).
    pub fn problem(&self) -> Option<String> {
        self.problem.get()
    }

    /// The lesson's join code.
    pub fn code(&self) -> Option<String> {
        self.code.get_value()
    }

    fn connect(&self, code: String, seat: SeatKey) {
        // The Board only shows: its messages carry no command, so the type has none (and the
        // Board app carries no code to write one).
        let board = *self;
        let hello = json::write(&LiveUp::<BoardSendsNoCommand>::Resume {
            protocol: PROTOCOL_VERSION,
            code,
            device: seat.device,
            token: seat.token,
            version: 0,
        })
        .expect("a message serialises");
        let socket = LiveSocket::open(Handlers {
            opened: Box::new(move || {
                board.socket.with_value(|s| {
                    if let Some(socket) = s {
                        socket.send(&hello);
                    }
                });
            }),
            message: Box::new(move |text| {
                if let Ok(down) = json::read::<BoardDown>(&text) {
                    board.take(down);
                }
            }),
            state: Box::new(move |connection| board.connection.set(connection)),
        });
        self.socket.set_value(Some(socket));
    }

    fn take(&self, down: BoardDown) {
        match down {
            BoardDown::View(view) => {
                if let Some(BoardProjection::Board(seen)) = view.projection {
                    let newer = self
                        .view
                        .with_untracked(|v| v.as_ref().is_none_or(|(at, _)| *at <= view.version));
                    if newer {
                        self.view.set(Some((view.version, seen)));
                    }
                }
            }
            BoardDown::Problem { code, reason } => {
                if matches!(code.as_str(), "unknown_seat" | "bad_code" | "ended") {
                    self.close();
                }
                self.problem.set(Some(reason));
            }
            BoardDown::Ended => {
                self.close();
                self.problem
                    .set(Some("The live lesson has ended.".to_owned()));
            }
            BoardDown::Seated(_) | BoardDown::Answers(_) | BoardDown::Knocks(_) => {}
        }
    }

    fn close(&self) {
        self.socket.with_value(|s| {
            if let Some(socket) = s {
                socket.close();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_board_link_carries_the_code_and_the_boards_seat() {
        let seat = SeatKey {
            device: DeviceId::parse("board1").unwrap(),
            token: "abc123".into(),
        };
        let link = board_link("ACE347", &seat);
        let fragment = link.split_once('#').unwrap().1;
        assert_eq!(
            parse_board_fragment(fragment),
            Some(("ACE347".to_owned(), seat))
        );
        assert_eq!(parse_board_fragment("code=ACE347&device=board1"), None);
        assert_eq!(parse_board_fragment(""), None);
    }
}

/// The commands a Board sends over its live connection: none.
#[derive(serde::Serialize)]
enum BoardSendsNoCommand {}
