//! A live tablet (`/join`): it joins with the lesson's code, is let in by the teacher, keeps its
//! seat and its unanswered operations in local storage across reloads, and talks to the Withme
//! server, the authority, over a WebSocket ([`crate::live::LiveSocket`]).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use withme_core::sync::{Client, Holder, LiveDown, LiveUp, PROTOCOL_VERSION, Submission};
use withme_core::view::PupilProjection;
use withme_core::{DeviceId, PupilCommand, PupilId};

use super::{Tablet, not_saving};
use crate::browser::{json, random_device_id};
use crate::live::{Connection, Handlers, LiveSocket};
use crate::persistence::local_store;
use crate::state::notices::Notices;
use crate::state::save_status::SaveState;

/// Where a live tablet keeps its seat (its place in the lesson) across reloads. The server's
/// early join page reads it too, to say "Joining…" rather than ask for the code again
/// (`withme_server::join_page::JOIN_FORM`).
const SEAT_KEY: &str = "withme.seat";

/// Where a live tablet keeps its unanswered operations across reloads.
const LIVE_OUTBOX_KEY: &str = "withme.live.outbox";

/// A live tablet's connection and seat.
#[derive(Clone, Copy)]
pub(super) struct Live {
    socket: StoredValue<Option<LiveSocket>, LocalStorage>,
    state: RwSignal<LiveState>,
}

/// Where a live tablet stands, for its screens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveState {
    /// The connection.
    pub connection: Connection,
    /// The code it joins (or joined) with.
    pub code: Option<String>,
    /// Its seat, once it has one.
    pub seat: Option<KeptSeat>,
    /// The pupil it asked to be let in for, while waiting.
    pub asked_for: Option<PupilId>,
    /// The group (its number) it asked to be let in for, while waiting.
    pub asked_for_group: Option<usize>,
    /// A group's tablet: the members it was let in for (empty on one pupil's tablet).
    pub members: Vec<PupilId>,
    /// A group's tablet: the member at it now, once they tapped their name.
    pub acting: Option<PupilId>,
    /// Why joining did not work, to show at the code.
    pub problem: Option<String>,
    /// The teacher ended the lesson.
    pub ended: bool,
}

/// A seat as a tablet keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptSeat {
    /// The lesson's code.
    pub code: String,
    /// The seat's device.
    pub device: DeviceId,
    /// Its secret.
    pub token: String,
}

/// A live tablet's unanswered operations, as kept across reloads.
#[derive(Serialize, Deserialize)]
struct KeptOutbox {
    device: DeviceId,
    last_seq: u64,
    submissions: Vec<Submission<PupilCommand>>,
}

/// A live tablet: joining, being let in, and talking to the server.
impl Tablet {
    /// Starts a live tablet, joining with `code` (from the address), or coming back to the seat
    /// it kept.
    pub fn start_live(notices: Notices, code: Option<String>) -> Self {
        let kept: Option<KeptSeat> = local_store::read_json(SEAT_KEY)
            .filter(|seat: &KeptSeat| code.as_ref().is_none_or(|c| same_code(c, &seat.code)));
        let outbox: Option<KeptOutbox> = local_store::read_json(LIVE_OUTBOX_KEY)
            .filter(|o: &KeptOutbox| kept.as_ref().is_some_and(|s| s.device == o.device));
        let client = match outbox {
            Some(kept) => Client::resume(kept.last_seq, kept.submissions),
            None => Client::default(),
        };
        let live = Live {
            socket: StoredValue::new_local(None),
            state: RwSignal::new(LiveState {
                connection: Connection::Connecting,
                code: code.or_else(|| kept.as_ref().map(|s| s.code.clone())),
                seat: kept,
                asked_for: None,
                asked_for_group: None,
                members: Vec::new(),
                acting: None,
                problem: None,
                ended: false,
            }),
        };
        let tablet = Self {
            client: RwSignal::new(client),
            device: StoredValue::new(random_device_id()),
            lesson: StoredValue::new(None),
            viewer: StoredValue::new(None),
            save: RwSignal::new(SaveState::Saved),
            undelivered: RwSignal::new(false),
            notices,
            live: Some(live),
        };
        if live.state.with_untracked(|s| s.code.is_some()) {
            tablet.connect();
        }
        tablet
    }

    /// Whether this tablet talks to a server.
    pub fn is_live(&self) -> bool {
        self.live.is_some()
    }

    /// Where a live tablet stands (tracked).
    pub fn live_state(&self) -> Option<LiveState> {
        self.live.map(|live| live.state.get())
    }

    /// Joins the live lesson with a code the pupil typed.
    pub fn join(&self, code: &str) {
        let Some(live) = self.live else { return };
        live.state.update(|s| {
            s.code = Some(code.trim().to_owned());
            s.problem = None;
            s.seat = None;
        });
        let open = live.socket.with_value(Option::is_some)
            && live
                .state
                .with_untracked(|s| s.connection != Connection::Closed);
        if open {
            self.send_live(&hello(&live.state.get_untracked()));
        } else {
            self.connect();
        }
    }

    /// Asks the teacher to let this tablet in for `pupil`.
    pub fn claim(&self, pupil: &PupilId) {
        let Some(live) = self.live else { return };
        live.state.update(|s| {
            s.asked_for = Some(pupil.clone());
            s.asked_for_group = None;
            s.problem = None;
        });
        self.send_live(&LiveUp::Claim {
            pupil: pupil.clone(),
        });
    }

    /// Asks the teacher to let this tablet in for group `number` of the lesson: its members
    /// will take turns at it.
    pub fn claim_group(&self, number: usize) {
        let Some(live) = self.live else { return };
        live.state.update(|s| {
            s.asked_for = None;
            s.asked_for_group = Some(number);
            s.problem = None;
        });
        self.send_live(&LiveUp::ClaimGroup { group: number });
    }

    /// Takes back the name (or group) this tablet asked for (the pupil tapped the wrong one),
    /// to tap another.
    pub fn unclaim(&self) {
        if let Some(live) = self.live {
            live.state.update(|s| {
                s.asked_for = None;
                s.asked_for_group = None;
            });
        }
    }

    /// On a group's tablet: `pupil` (one of its members) takes their turn. Their lesson comes
    /// from the server.
    pub fn act_as(&self, pupil: &PupilId) {
        let Some(live) = self.live else { return };
        live.state.update(|s| s.acting = Some(pupil.clone()));
        self.send_live(&LiveUp::ActAs {
            pupil: pupil.clone(),
        });
    }

    /// On a group's tablet: the member at it passes it on; the next one taps their name.
    pub fn pass_on(&self) {
        if let Some(live) = self.live {
            live.state.update(|s| s.acting = None);
        }
    }

    fn connect(&self) {
        let Some(live) = self.live else { return };
        let tablet = *self;
        let socket = LiveSocket::open(Handlers {
            opened: Box::new(move || {
                let Some(live) = tablet.live else { return };
                let hello = hello(&live.state.get_untracked());
                tablet.send_live(&hello);
            }),
            message: Box::new(move |text| {
                if let Ok(down) = json::read::<LiveDown<PupilProjection>>(&text) {
                    tablet.take_live(down);
                }
            }),
            state: Box::new(move |connection| {
                let Some(live) = tablet.live else { return };
                let removed = connection == Connection::Closed
                    && live.state.with_untracked(|s| !s.ended && s.seat.is_some());
                if removed {
                    // Only the teacher closes a tablet's connection for good.
                    let _ = local_store::remove(SEAT_KEY);
                    let _ = local_store::remove(LIVE_OUTBOX_KEY);
                }
                live.state.update(|s| {
                    s.connection = connection;
                    if removed {
                        s.seat = None;
                        s.asked_for = None;
                        s.members.clear();
                        s.acting = None;
                        s.problem = Some(
                            "Your teacher took this tablet out of the lesson. Join again with the code."
                                .to_owned(),
                        );
                    }
                });
            }),
        });
        live.socket.set_value(Some(socket));
    }

    fn send_live(&self, message: &LiveUp<PupilCommand>) -> bool {
        let Some(live) = self.live else { return false };
        let text = json::write(message).expect("a message serialises");
        live.socket
            .with_value(|s| s.as_ref().is_some_and(|socket| socket.send(&text)))
    }

    /// Keeps the unanswered operations, and sends what is due.
    pub(super) fn deliver_live(&self) {
        self.keep_live_outbox();
        let seated = self
            .live
            .is_some_and(|l| l.state.with_untracked(|s| s.seat.is_some()));
        if !seated {
            return;
        }
        let submissions = self.client.try_update(|c| c.to_send()).unwrap_or_default();
        if !submissions.is_empty() && !self.send_live(&LiveUp::Submit { submissions }) {
            // Not sent: sent again once the connection is back.
            self.client.update(|c| c.resend_all());
        }
        let waiting = self
            .client
            .with_untracked(|c| c.unanswered().next().is_some());
        self.undelivered.set(waiting && !self.connected());
    }

    fn connected(&self) -> bool {
        self.live
            .is_some_and(|l| l.state.with_untracked(|s| s.connection == Connection::Open))
    }

    fn keep_live_outbox(&self) {
        let Some(device) = self.live.and_then(|l| {
            l.state
                .with_untracked(|s| s.seat.as_ref().map(|s| s.device.clone()))
        }) else {
            return;
        };
        let kept = self.client.with_untracked(|c| KeptOutbox {
            device,
            last_seq: c.last_seq(),
            submissions: c.unanswered().cloned().collect(),
        });
        let text = json::write(&kept).expect("an outbox serialises");
        if let Err(error) = local_store::write_raw(LIVE_OUTBOX_KEY, &text) {
            self.save.set(not_saving(error));
        }
    }

    fn take_live(&self, down: LiveDown<PupilProjection>) {
        let Some(live) = self.live else { return };
        match down {
            LiveDown::Seated {
                lesson,
                device,
                token,
                holder,
                handled,
            } => {
                let code = live
                    .state
                    .with_untracked(|s| s.code.clone())
                    .unwrap_or_default();
                let seat = KeptSeat {
                    code,
                    device: device.clone(),
                    token,
                };
                if let Ok(text) = json::write(&seat) {
                    let _ = local_store::write_raw(SEAT_KEY, &text);
                }
                let fresh = live
                    .state
                    .with_untracked(|s| s.seat.as_ref().is_none_or(|kept| kept.device != device));
                if fresh {
                    self.client.set(Client::resume(handled, Vec::new()));
                }
                self.lesson.set_value(Some(lesson));
                self.device.set_value(device);
                let let_in = matches!(holder, Holder::Pupils(_));
                let members = match holder {
                    Holder::Pupils(pupils) if pupils.len() > 1 => pupils,
                    _ => Vec::new(),
                };
                live.state.update(|s| {
                    s.seat = Some(seat);
                    s.problem = None;
                    if let_in {
                        s.asked_for = None;
                        s.asked_for_group = None;
                    }
                    if s.acting.as_ref().is_some_and(|a| !members.contains(a)) {
                        s.acting = None;
                    }
                    s.members = members;
                });
                self.client.update(|c| c.resend_all());
                self.deliver_live();
                // Asking to be let in, and who is at a group's tablet, are not kept by the
                // server across its restarts: say them again.
                let (asked_for, asked_for_group, acting) = live
                    .state
                    .with_untracked(|s| (s.asked_for.clone(), s.asked_for_group, s.acting.clone()));
                if let Some(pupil) = asked_for {
                    self.send_live(&LiveUp::Claim { pupil });
                }
                if let Some(group) = asked_for_group {
                    self.send_live(&LiveUp::ClaimGroup { group });
                }
                if let Some(pupil) = acting {
                    self.send_live(&LiveUp::ActAs { pupil });
                }
            }
            LiveDown::Answers { answers } => {
                self.receive_answers(answers);
                self.deliver_live();
            }
            LiveDown::View(view) => {
                let me = match &view.projection {
                    Some(PupilProjection::Pupil(v)) => v.me.as_ref().map(|m| m.pupil.clone()),
                    None => None,
                };
                self.viewer.set_value(me.clone());
                if me.is_some() {
                    live.state.update(|s| s.asked_for = None);
                }
                self.client.update(|c| c.receive_view(*view));
            }
            LiveDown::Knocks { .. } => {}
            LiveDown::Problem { code, reason } => match code.as_str() {
                "bad_code" | "too_many_attempts" | "unknown_seat" | "ended" => {
                    let _ = local_store::remove(SEAT_KEY);
                    live.state.update(|s| {
                        s.problem = Some(reason);
                        s.seat = None;
                    });
                }
                "declined" | "no_such_group" => live.state.update(|s| {
                    s.asked_for = None;
                    s.asked_for_group = None;
                    s.problem = Some(reason);
                }),
                _ => self.notices.problem(reason),
            },
            LiveDown::Ended => {
                let _ = local_store::remove(SEAT_KEY);
                live.state.update(|s| s.ended = true);
                live.socket.with_value(|s| {
                    if let Some(socket) = s {
                        socket.close();
                    }
                });
            }
        }
    }
}

/// The first message on a (re)opened connection: back to the kept seat, or join with the code.
fn hello(state: &LiveState) -> LiveUp<PupilCommand> {
    match (&state.seat, &state.code) {
        (Some(seat), _) => LiveUp::Resume {
            protocol: PROTOCOL_VERSION,
            code: seat.code.clone(),
            device: seat.device.clone(),
            token: seat.token.clone(),
            version: 0,
        },
        (None, code) => LiveUp::Join {
            protocol: PROTOCOL_VERSION,
            code: code.clone().unwrap_or_default(),
        },
    }
}

/// Whether two codes are the same as typed (case, spaces and dashes aside).
fn same_code(a: &str, b: &str) -> bool {
    let plain = |c: &str| -> String {
        c.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    plain(a) == plain(b)
}
