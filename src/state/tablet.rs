//! A pupil's tablet: it holds the lesson only as its pupil may see it, and sends its pupils'
//! operations to the authority, keeping each until it is answered.
//!
//! Two ways to the authority:
//! - **In this browser** (the Pupil view, or a tablet passed round): the teacher's window is the
//!   authority. The tablet says whom it shows the lesson to, and the teacher's window writes it
//!   that viewer's projection ([`crate::persistence::views`]): the tablet never reads the
//!   library. Its operations wait in its outbox, so a reload loses none.
//! - **Live** (`/join`): the Withme server is the authority, over a WebSocket
//!   ([`crate::live::LiveSocket`]). The tablet joins with the lesson's code, is let in by the
//!   teacher, and keeps its seat and its unanswered operations in local storage across reloads;
//!   the server sends its view.

use std::time::Duration;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use withme_core::sync::{
    Answer, Client, Holder, LiveDown, LiveUp, PROTOCOL_VERSION, Submission, VersionedView,
};
use withme_core::view::{PupilProjection, PupilSide, PupilView};
use withme_core::{DeviceId, LessonId, PupilCommand, PupilId};

use super::notices::Notices;
use super::save_status::{SaveState, StorageProblem};
use crate::browser::{json, now, random_device_id};
use crate::live::{Connection, Handlers, LiveSocket};
use crate::persistence::local_store::{self, StoreError};
use crate::persistence::outbox;
use crate::persistence::views::{self, Viewing};

/// How long a tablet's operations may wait for a teacher's window before the pupil is told.
const DELIVERY_PATIENCE: Duration = Duration::from_secs(3);

/// The session key under which a tab keeps its device id for a lesson (followed by the
/// lesson's id), so a reload resumes its outbox there.
const DEVICE_KEY: &str = "withme.tablet.device.";

/// The session key under which a tab keeps the sequence number of its latest operation in a
/// lesson: a reload must never number an operation again (the authority would take it for one
/// it has handled).
const SEQ_KEY: &str = "withme.tablet.seq.";

/// Where a live tablet keeps its seat (its place in the lesson) across reloads. The server's
/// early join page reads it too, to say "Joining…" rather than ask for the code again
/// (`withme_server::join_page::JOIN_FORM`).
const SEAT_KEY: &str = "withme.seat";

/// Where a live tablet keeps its unanswered operations across reloads.
const LIVE_OUTBOX_KEY: &str = "withme.live.outbox";

/// A pupil's tablet: its lesson as its pupil may see it, and its operations on their way. A
/// small handle: copy it freely.
#[derive(Clone, Copy)]
pub struct Tablet {
    client: RwSignal<Client<PupilCommand, PupilProjection>>,
    device: StoredValue<DeviceId>,
    lesson: StoredValue<Option<LessonId>>,
    viewer: StoredValue<Option<PupilId>>,
    save: RwSignal<SaveState>,
    undelivered: RwSignal<bool>,
    notices: Notices,
    live: Option<Live>,
}

/// A live tablet's connection and seat.
#[derive(Clone, Copy)]
struct Live {
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

impl Tablet {
    /// Starts the tablet for `lesson`: resumes its outbox, makes its view, and listens to the
    /// teacher's windows.
    pub fn start(notices: Notices, lesson: Option<LessonId>) -> Self {
        let device = session_device(lesson.as_ref());
        let resumed = lesson
            .as_ref()
            .map(|lesson| read_own_outbox(&device, lesson))
            .unwrap_or_default();
        let last_seq = session_read(&seq_key(lesson.as_ref()))
            .and_then(|text| text.parse().ok())
            .unwrap_or(0);
        let tablet = Self {
            client: RwSignal::new(Client::resume(last_seq, resumed)),
            device: StoredValue::new(device),
            lesson: StoredValue::new(lesson),
            viewer: StoredValue::new(None),
            save: RwSignal::new(SaveState::Saved),
            undelivered: RwSignal::new(false),
            notices,
            live: None,
        };
        tablet.say_whom_it_shows();
        tablet.read_view();
        tablet.read_answers();
        tablet.listen();
        if tablet
            .client
            .with_untracked(|c| c.unanswered().next().is_some())
        {
            tablet.write_outbox();
        }
        tablet
    }

    /// The lesson as this tablet's pupil may see it (tracked). `None` while the lesson is not in
    /// this browser, or no view has come yet (see [`Tablet::has_view`]).
    pub fn with_view<R>(&self, read: impl FnOnce(Option<&PupilView>) -> R) -> R {
        self.client.with(|c| {
            read(c.view().and_then(|v| {
                v.projection
                    .as_ref()
                    .map(|PupilProjection::Pupil(view)| view)
            }))
        })
    }

    /// Whether the view this tablet holds is `pupil`'s own (tracked): after the tablet changes
    /// hands, not until the authority sends the new pupil's.
    pub fn shows(&self, pupil: &PupilId) -> bool {
        self.with_view(|view| {
            view.and_then(|v| v.me.as_ref())
                .is_some_and(|me| &me.pupil == pupil)
        })
    }

    /// Whether the authority has sent this tablet a view yet (tracked): in one browser, not
    /// until a teacher's window is open.
    pub fn has_view(&self) -> bool {
        self.client.with(|c| c.view().is_some())
    }

    /// Reads the lesson as `pupil` sees it (tracked), once the view is theirs.
    pub fn with_side<R>(
        &self,
        pupil: &PupilId,
        read: impl FnOnce(&PupilView, &PupilSide) -> R,
    ) -> Option<R> {
        self.with_view(|view| {
            let view = view?;
            let side = view.me.as_ref().filter(|m| &m.pupil == pupil)?;
            Some(read(view, side))
        })
    }

    /// Changes who is holding the tablet (or nobody): the view is made again for them.
    pub fn show_as(&self, pupil: Option<PupilId>) {
        if self.live.is_some() {
            return; // Live, the server sends the view of the pupil it let in.
        }
        if self.viewer.get_value() != pupil {
            self.viewer.set_value(pupil);
            self.say_whom_it_shows();
            self.read_view();
        }
    }

    /// Sends `command` as `pupil` (the pupil holding the tablet). It waits in the outbox until a
    /// teacher's window answers; a refusal is shown then.
    pub fn send(&self, pupil: &PupilId, command: PupilCommand) {
        let seq = self
            .client
            .try_update(|c| c.make(Some(pupil.clone()), command));
        if self.live.is_some() {
            return self.deliver_live();
        }
        if let Some(seq) = seq {
            let key = seq_key(self.lesson.get_value().as_ref());
            session_write(&key, &seq.to_string());
        }
        self.write_outbox();
    }

    /// This tablet's operations for `pupil` still on their way (tracked): not answered yet, or
    /// accepted but not yet in the view.
    pub fn on_their_way(&self, pupil: &PupilId) -> Vec<PupilCommand> {
        self.client.with(|c| {
            c.on_their_way()
                .filter(|s| s.pupil.as_ref() == Some(pupil))
                .map(|s| s.command.clone())
                .collect()
        })
    }

    /// Whether storage holds this tablet's work (tracked).
    pub fn save_state(&self) -> SaveState {
        self.save.get()
    }

    /// How many of its operations the authority has not answered yet (tracked).
    pub fn waiting(&self) -> usize {
        self.client.with(|c| c.unanswered().count())
    }

    /// Whether its work has waited too long for a teacher's window (tracked).
    pub fn undelivered(&self) -> bool {
        self.undelivered.get()
    }

    /// Tells the teacher's windows whom this tablet shows its lesson to, so they send that
    /// pupil's view (or the class list's, before anyone chose their name).
    fn say_whom_it_shows(&self) {
        let Some(lesson) = self.lesson.get_value() else {
            return;
        };
        let viewing = Viewing {
            lesson,
            pupil: self.viewer.get_value(),
            at: now(),
        };
        if let Err(error) = views::write_viewing(&self.device.get_value(), &viewing) {
            self.save.set(not_saving(error));
        }
    }

    /// Takes in the view a teacher's window last wrote for this tablet.
    fn read_view(&self) {
        if let Some(view) = views::read_view(&self.device.get_value()) {
            self.take_view(view);
        }
    }

    /// Takes in a view, unless it is another pupil's than the one holding the tablet now (a
    /// view made for the pupil before may still be in storage). Before anyone has chosen their
    /// name (as after a reload), any view of the lesson will do for its class list.
    fn take_view(&self, view: VersionedView<PupilProjection>) {
        let whose = match &view.projection {
            Some(PupilProjection::Pupil(v)) => v.me.as_ref().map(|m| m.pupil.clone()),
            None => None,
        };
        let viewer = self.viewer.get_value();
        if viewer.is_some() && whose.is_some() && whose != viewer {
            return;
        }
        if self.client.with_untracked(|c| c.view() != Some(&view)) {
            self.client.update(|c| c.receive_view(view));
        }
    }

    /// Takes in the teacher's window's answers: answered operations leave the outbox, and a
    /// refusal is told.
    fn read_answers(&self) {
        let key = outbox::answers_key(&self.device.get_value());
        if let Ok(Some(text)) = local_store::read_raw(&key) {
            self.take_answers(&text);
        }
    }

    fn take_answers(&self, text: &str) {
        let answers = outbox::parse_answers(text);
        if answers.is_empty() {
            return;
        }
        self.receive_answers(answers);
        // The outbox now holds only what is still unanswered (nothing: it goes).
        self.write_outbox();
    }

    /// Takes in the authority's answers (from a teacher's window or the server), and tells the
    /// pupil of any refusal.
    fn receive_answers(&self, answers: Vec<Answer>) {
        self.client.update(|c| {
            for answer in answers {
                c.receive(answer);
            }
        });
        for refusal in self
            .client
            .try_update(|c| c.take_refusals())
            .unwrap_or_default()
        {
            self.notices
                .problem(format!("That didn't go through: {}", refusal.reason));
        }
    }

    /// Writes the unanswered operations to the outbox (removing it when there are none).
    fn write_outbox(&self) {
        let Some(lesson) = self.lesson.get_value() else {
            return;
        };
        let written = self.client.with_untracked(|c| {
            self.device
                .with_value(|device| outbox::write(device, &lesson, c.unanswered()))
        });
        match written {
            Ok(()) => self.save.set(SaveState::Saved),
            Err(error) => self.save.set(not_saving(error)),
        }
        let waiting = self
            .client
            .with_untracked(|c| c.unanswered().next().is_some());
        if !waiting {
            self.undelivered.set(false);
            return;
        }
        let tablet = *self;
        set_timeout(
            move || {
                let waiting = tablet
                    .client
                    .with_untracked(|c| c.unanswered().next().is_some());
                tablet.undelivered.set(waiting);
            },
            DELIVERY_PATIENCE,
        );
    }

    fn listen(&self) {
        let tablet = *self;
        let answers = outbox::answers_key(&self.device.get_value());
        let view = views::view_key(&self.device.get_value());
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            let key = event.key().unwrap_or_default();
            if key == answers {
                if let Some(text) = event.new_value() {
                    tablet.take_answers(&text);
                }
            } else if key == view
                && let Some(view) = event.new_value().and_then(|text| views::parse_view(&text))
            {
                tablet.take_view(view);
            }
        });
    }
}

/// This tab's device id in `lesson`: kept for the tab's life (a reload keeps it), new in every
/// other tab and every other lesson, so each numbers its operations from 1.
fn session_device(lesson: Option<&LessonId>) -> DeviceId {
    let key = format!("{DEVICE_KEY}{}", lesson.map_or("", LessonId::as_str));
    session_read(&key)
        .and_then(|text| DeviceId::parse(&text).ok())
        .unwrap_or_else(|| {
            let device = random_device_id();
            session_write(&key, device.as_str());
            device
        })
}

fn seq_key(lesson: Option<&LessonId>) -> String {
    format!("{SEQ_KEY}{}", lesson.map_or("", LessonId::as_str))
}

/// This tab's own storage (kept across reloads, never shared with other tabs).
fn session_read(key: &str) -> Option<String> {
    let session = web_sys::window()?.session_storage().ok()??;
    session.get_item(key).ok()?
}

fn session_write(key: &str, value: &str) {
    if let Some(session) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = session.set_item(key, value);
    }
}

/// The operations this device left in its outbox before a reload.
fn read_own_outbox(device: &DeviceId, lesson: &LessonId) -> Vec<Submission<PupilCommand>> {
    let key = outbox::outbox_key(device, lesson);
    local_store::read_json::<withme_core::sync::ToAuthority<PupilCommand>>(&key)
        .map(|message| message.submissions)
        .unwrap_or_default()
}

fn not_saving(error: StoreError) -> SaveState {
    SaveState::NotSaving(match error {
        StoreError::Blocked => StorageProblem::Blocked,
        StoreError::Full => StorageProblem::Full,
        StoreError::Failed(message) => StorageProblem::Failed(message),
    })
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
    fn deliver_live(&self) {
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
