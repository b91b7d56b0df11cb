//! A teacher's window running live lessons through the Withme server.
//!
//! Going live sends the server the lesson, its class and the class's lessons
//! ([`withme_core::Library::live_excerpt`]), and nothing else. While a lesson is live the server
//! is its authority: the teacher's changes to the lesson or its class are checked here first
//! (so a refusal shows at once), then sent, and the lesson as the server holds it comes back
//! into this window's library ([`withme_core::replica::Replica::adopt`]) and is saved as usual.
//! So pupils' work is in the teacher's library as it happens, and ending the live lesson leaves
//! it all at home.
//!
//! Every teacher's window of the browser connects to each live lesson as the teacher; they
//! number their operations from one counter kept in storage, and keep those not yet answered
//! in one outbox in local storage: a window takes out what the server answered it and adds what
//! it holds, and a window that opens sends everything there (the server applies each once).

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use withme_core::sync::{
    Answer, Client, GoLive, Holder, Knock, LiveDown, LiveStarted, LiveUp, PROTOCOL_VERSION,
    SeatKey, SeatedTablet, Submission, VersionedView, ahead_of, keeps_live,
};
use withme_core::view::{Projection, TeacherView, Viewer, project};
use withme_core::{Author, Command, DeviceId, Event, LessonId, OpId, Operation, Rejection};

use super::library_state::LibraryState;
use super::notices::Notices;
use crate::browser::now;
use crate::live::{Connection, Handlers, LiveSocket, post_json};
use crate::persistence::local_store;

/// Where a live lesson's keys are kept (followed by the lesson's id).
const KEPT_PREFIX: &str = "withme.live-lesson.";

/// Where the browser keeps the teacher's unanswered operations for a live lesson (local storage,
/// shared by its windows, so closing a tab offline loses nothing: the next window sends them).
const OUTBOX_PREFIX: &str = "withme.live-lesson-outbox.";

/// A live lesson as the teacher's browser keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct KeptLive {
    code: String,
    lesson: LessonId,
    teacher: SeatKey,
    board: SeatKey,
    /// The latest sequence number any of the browser's windows gave an operation.
    last_seq: u64,
}

/// A live lesson, as its panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveStatus {
    /// The code pupils type.
    pub code: String,
    /// The Board's seat, for the board link.
    pub board: SeatKey,
    /// The connection to the server.
    pub connection: Connection,
    /// Tablets waiting to be let in, oldest first.
    pub knocks: Vec<Knock>,
    /// Tablets let in.
    pub seated: Vec<SeatedTablet>,
}

struct Link {
    socket: LiveSocket,
    client: Client<Command>,
    /// The teacher's seat: what the server numbers this window's operations by.
    device: DeviceId,
    /// The server's latest view of the lesson, before this window's operations on their way.
    base: Option<TeacherView>,
}

/// This window's live lessons. A small handle: copy it freely.
#[derive(Clone, Copy)]
pub struct LiveLessons {
    links: StoredValue<BTreeMap<LessonId, Link>, LocalStorage>,
    shown: RwSignal<BTreeMap<LessonId, LiveStatus>>,
    /// Per live lesson, this window's changes the server has not answered yet.
    waiting: RwSignal<BTreeMap<LessonId, usize>>,
    going_live: RwSignal<Option<LessonId>>,
    state: LibraryState,
    notices: Notices,
}

impl LiveLessons {
    /// Reconnects to every live lesson this browser keeps.
    pub(super) fn start(state: LibraryState, notices: Notices) -> Self {
        let live = Self {
            links: StoredValue::new_local(BTreeMap::new()),
            shown: RwSignal::new(BTreeMap::new()),
            waiting: RwSignal::new(BTreeMap::new()),
            going_live: RwSignal::new(None),
            state,
            notices,
        };
        // Once the library is open: what the servers send is taken into it.
        Effect::new(move |reconnected: Option<bool>| {
            if reconnected == Some(true) || state.is_opening() {
                return reconnected.unwrap_or(false);
            }
            for key in local_store::keys() {
                if key.starts_with(KEPT_PREFIX)
                    && let Some(kept) = read_kept_key(&key)
                {
                    live.connect(kept);
                }
            }
            true
        });
        live
    }

    /// The live lesson's status, if `lesson` is live (tracked).
    pub fn status(&self, lesson: &LessonId) -> Option<LiveStatus> {
        self.shown.with(|s| s.get(lesson).cloned())
    }

    /// How many of this window's changes to `lesson` the server has not answered yet (tracked).
    pub fn waiting(&self, lesson: &LessonId) -> usize {
        self.waiting.with(|w| w.get(lesson).copied().unwrap_or(0))
    }

    /// Whether `lesson` is being taken live right now (tracked).
    pub fn going_live(&self, lesson: &LessonId) -> bool {
        self.going_live.with(|g| g.as_ref() == Some(lesson))
    }

    /// Takes `lesson` live on this page's Withme server.
    pub fn go_live(&self, lesson: &LessonId) {
        if self.going_live.with_untracked(Option::is_some) || self.is_live(lesson) {
            return;
        }
        let Some(library) = self.state.with_untracked(|lib| lib.live_excerpt(lesson)) else {
            return self.notices.problem("That lesson isn't here.".to_owned());
        };
        let request = GoLive {
            protocol: PROTOCOL_VERSION,
            lesson: lesson.clone(),
            library,
        };
        let body = serde_json::to_string(&request).expect("a lesson serialises");
        self.going_live.set(Some(lesson.clone()));
        let live = *self;
        leptos::task::spawn_local(async move {
            let answer = post_json("/api/live", &body).await;
            live.going_live.set(None);
            match answer {
                Ok((201, text)) => match serde_json::from_str::<LiveStarted>(&text) {
                    Ok(started) => live.started(started),
                    Err(_) => live.notices.problem(
                        "The server's answer couldn't be read. Is this a Withme server?".to_owned(),
                    ),
                },
                Ok((_, text)) => live.notices.problem(refusal_reason(&text)),
                Err(_) => live.notices.problem(
                    "The Withme server couldn't be reached. Live lessons need it running; everything else works without it."
                        .to_owned(),
                ),
            }
        });
    }

    fn started(&self, started: LiveStarted) {
        let kept = KeptLive {
            code: started.code,
            lesson: started.lesson,
            teacher: started.teacher,
            board: started.board,
            last_seq: 0,
        };
        write_kept(&kept);
        self.connect(kept);
    }

    fn is_live(&self, lesson: &LessonId) -> bool {
        self.links.with_value(|l| l.contains_key(lesson))
    }

    /// The live lesson a command must go to, if any: a command about a live lesson, or about a
    /// live lesson's class.
    pub(super) fn route(&self, command: &Command) -> Option<LessonId> {
        if let Some(lesson) = command.lesson() {
            return self.is_live(lesson).then(|| lesson.clone());
        }
        let class = command.class()?;
        let live: Vec<LessonId> = self.links.with_value(|l| l.keys().cloned().collect());
        self.state.with_untracked(|lib| {
            live.into_iter().find(|lesson| {
                lib.lesson(lesson)
                    .is_some_and(|l| l.plan().class.as_ref() == Some(class))
            })
        })
    }

    /// Checks `command` against this window's copy, shows it at once, and sends it to the live
    /// lesson's server. A refusal here is returned at once; one from the server is shown when it
    /// answers (and the lesson shows the server's copy again).
    pub(super) fn send(&self, lesson: &LessonId, command: Command) -> Result<Event, Rejection> {
        self.state
            .with_untracked(|lib| keeps_live(lib, lesson, &command))?;
        let kept_seq = read_kept(lesson).map_or(0, |k| k.last_seq);
        // Numbered as the server will number it, so what it creates keeps its id.
        let id = self
            .links
            .try_update_value(|links| {
                let link = links.get_mut(lesson)?;
                if kept_seq > link.client.last_seq() {
                    let unanswered = link.client.unanswered().cloned().collect();
                    link.client = Client::resume(kept_seq, unanswered);
                }
                Some(OpId::new(link.device.clone(), link.client.last_seq() + 1))
            })
            .flatten()
            .unwrap_or_else(|| self.state.next_op_id());
        let op = Operation {
            id,
            author: Author::Teacher,
            at: now(),
            command,
        };
        let (event, ahead) = self.state.with_untracked(|lib| {
            let mut ahead = lib.clone();
            let event = ahead.apply(&op)?;
            Ok::<_, Rejection>((event, teacher_view(&ahead, lesson)))
        })?;
        self.links.update_value(|links| {
            if let Some(link) = links.get_mut(lesson) {
                link.client.make(None, op.command);
            }
        });
        if let Some(ahead) = ahead {
            self.take_in(ahead);
        }
        self.deliver(lesson);
        Ok(event)
    }

    /// Shows the server's latest view with this window's operations on their way on top.
    fn show_ahead(&self, lesson: &LessonId) {
        let Some((base, device, waiting)) = self.links.with_value(|links| {
            let link = links.get(lesson)?;
            let waiting: Vec<Submission<Command>> = link.client.on_their_way().cloned().collect();
            Some((link.base.clone()?, link.device.clone(), waiting))
        }) else {
            return;
        };
        let ahead = self
            .state
            .with_untracked(|lib| ahead_of(&base, lib, &device, now(), &waiting));
        self.take_in(ahead);
    }

    fn take_in(&self, view: TeacherView) {
        if let Err(error) = self.state.adopt(view) {
            self.notices
                .problem(format!("The live lesson couldn't be taken in: {error}."));
        }
    }

    /// Lets a waiting tablet in.
    pub fn admit(&self, lesson: &LessonId, device: &DeviceId) {
        self.tell(
            lesson,
            &LiveUp::Admit {
                device: device.clone(),
            },
        );
    }

    /// Lets every waiting tablet in.
    pub fn admit_everyone(&self, lesson: &LessonId) {
        let waiting = self.status(lesson).map(|s| s.knocks).unwrap_or_default();
        for knock in waiting.iter().filter(|k| !k.already_seated) {
            self.admit(lesson, &knock.device);
        }
    }

    /// Turns a waiting tablet away.
    pub fn decline(&self, lesson: &LessonId, device: &DeviceId) {
        self.tell(
            lesson,
            &LiveUp::Decline {
                device: device.clone(),
            },
        );
    }

    /// Removes a tablet from the lesson: it is disconnected and must join again.
    pub fn remove_seat(&self, lesson: &LessonId, device: &DeviceId) {
        self.tell(
            lesson,
            &LiveUp::RemoveSeat {
                device: device.clone(),
            },
        );
    }

    /// Ends the live lesson: the server closes it and every tablet is told.
    pub fn end(&self, lesson: &LessonId) {
        if !self.tell(lesson, &LiveUp::End) {
            self.notices.problem(
                "The server can't be reached, so the lesson is still live. Try again when it's back."
                    .to_owned(),
            );
        }
    }

    fn tell(&self, lesson: &LessonId, message: &LiveUp<Command>) -> bool {
        let text = serde_json::to_string(message).expect("a message serialises");
        self.links.with_value(|links| {
            links
                .get(lesson)
                .is_some_and(|link| link.socket.send(&text))
        })
    }

    fn connect(&self, kept: KeptLive) {
        let lesson = kept.lesson.clone();
        let live = *self;
        let for_open = kept.clone();
        let for_message = lesson.clone();
        let for_state = lesson.clone();
        let socket = LiveSocket::open(Handlers {
            opened: Box::new(move || {
                let hello = LiveUp::<Command>::Resume {
                    protocol: PROTOCOL_VERSION,
                    code: for_open.code.clone(),
                    device: for_open.teacher.device.clone(),
                    token: for_open.teacher.token.clone(),
                    version: 0,
                };
                live.tell(&for_open.lesson, &hello);
            }),
            message: Box::new(move |text| {
                if let Ok(down) = LiveDown::parse(&text) {
                    live.take(&for_message, down);
                }
            }),
            state: Box::new(move |connection| {
                live.shown.update(|s| {
                    if let Some(status) = s.get_mut(&for_state) {
                        status.connection = connection;
                    }
                });
            }),
        });
        let unanswered = read_outbox(&lesson);
        let client = Client::resume(kept.last_seq, unanswered);
        self.shown.update(|s| {
            s.insert(
                lesson.clone(),
                LiveStatus {
                    code: kept.code.clone(),
                    board: kept.board.clone(),
                    connection: Connection::Connecting,
                    knocks: Vec::new(),
                    seated: Vec::new(),
                },
            );
        });
        let link = Link {
            socket,
            client,
            device: kept.teacher.device.clone(),
            base: None,
        };
        self.links
            .update_value(|links| drop(links.insert(lesson, link)));
    }

    fn take(&self, lesson: &LessonId, down: LiveDown) {
        match down {
            LiveDown::Seated {
                holder: Holder::Teacher,
                handled,
                ..
            } => {
                self.links.update_value(|links| {
                    if let Some(link) = links.get_mut(lesson) {
                        let last = handled.max(link.client.last_seq());
                        let unanswered = link.client.unanswered().cloned().collect();
                        link.client = Client::resume(last, unanswered);
                        link.client.resend_all();
                    }
                });
                self.deliver(lesson);
            }
            LiveDown::Seated { .. } => {}
            LiveDown::Answers { answers } => {
                let answered: Vec<u64> = answers
                    .iter()
                    .filter_map(|answer| match answer {
                        Answer::Handled { seq, .. } | Answer::Forgotten { seq } => Some(*seq),
                        Answer::ResendFrom { .. } => None,
                    })
                    .collect();
                take_from_outbox(lesson, &answered);
                let refusals = self
                    .links
                    .try_update_value(|links| {
                        let link = links.get_mut(lesson)?;
                        for answer in answers {
                            link.client.receive(answer);
                        }
                        Some(link.client.take_refusals())
                    })
                    .flatten()
                    .unwrap_or_default();
                for refusal in refusals {
                    self.notices
                        .problem(format!("That didn't go through: {}", refusal.reason));
                }
                self.show_ahead(lesson);
                self.deliver(lesson);
            }
            LiveDown::View(versioned) => {
                let version = versioned.version;
                let Some(Projection::Teacher(view)) = versioned.projection else {
                    return;
                };
                if view.lesson.id() != lesson {
                    return;
                }
                self.links.update_value(|links| {
                    if let Some(link) = links.get_mut(lesson) {
                        // The client needs only the version; the view itself is kept as `base`.
                        link.client.receive_view(VersionedView {
                            version,
                            projection: None,
                        });
                        link.base = Some(view);
                    }
                });
                self.show_ahead(lesson);
            }
            LiveDown::Knocks { waiting, seated } => self.shown.update(|s| {
                if let Some(status) = s.get_mut(lesson) {
                    status.knocks = waiting;
                    status.seated = seated;
                }
            }),
            LiveDown::Problem { code, reason } => match code.as_str() {
                "unknown_seat" | "bad_code" | "ended" => {
                    self.forget(lesson);
                    self.notices.info(
                        "The live lesson has closed. Everything pupils did is in your lesson."
                            .to_owned(),
                    );
                }
                _ => self.notices.problem(reason),
            },
            LiveDown::Ended => {
                self.forget(lesson);
                self.notices.info(
                    "The live lesson has ended. Everything pupils did is in your lesson."
                        .to_owned(),
                );
            }
        }
    }

    /// Sends what is due, and keeps what is unanswered for a reload.
    fn deliver(&self, lesson: &LessonId) {
        let due = self
            .links
            .try_update_value(|links| {
                let link = links.get_mut(lesson)?;
                let submissions = link.client.to_send();
                write_outbox(lesson, link.client.unanswered());
                let waiting = link.client.unanswered().count();
                Some((submissions, link.client.last_seq(), waiting))
            })
            .flatten();
        let Some((submissions, last_seq, waiting)) = due else {
            return;
        };
        self.waiting
            .maybe_update(|w| w.insert(lesson.clone(), waiting) != Some(waiting));
        if let Some(mut kept) = read_kept(lesson)
            && kept.last_seq < last_seq
        {
            kept.last_seq = last_seq;
            write_kept(&kept);
        }
        if !submissions.is_empty() && !self.tell(lesson, &LiveUp::Submit { submissions }) {
            // Not sent: all of it goes again once the connection is back.
            self.links.update_value(|links| {
                if let Some(link) = links.get_mut(lesson) {
                    link.client.resend_all();
                }
            });
        }
    }

    fn forget(&self, lesson: &LessonId) {
        let link = self
            .links
            .try_update_value(|links| links.remove(lesson))
            .flatten();
        if let Some(link) = link {
            link.socket.close();
        }
        let _ = local_store::remove(&kept_key(lesson));
        let _ = local_store::remove(&outbox_key(lesson));
        self.shown.update(|s| drop(s.remove(lesson)));
        self.waiting.update(|w| {
            w.remove(lesson);
        });
    }
}

/// Whether this browser keeps `lesson` as live (any of its windows took it live).
pub fn is_live_here(lesson: &LessonId) -> bool {
    read_kept(lesson).is_some()
}

/// Every lesson this browser keeps as live.
pub fn live_here() -> std::collections::BTreeSet<LessonId> {
    local_store::keys()
        .iter()
        .filter(|key| key.starts_with(KEPT_PREFIX))
        .filter_map(|key| read_kept_key(key))
        .map(|kept| kept.lesson)
        .collect()
}

/// The reason in a server's refusal (`{code, reason}`), or a general one.
fn refusal_reason(text: &str) -> String {
    #[derive(Deserialize)]
    struct Refusal {
        reason: String,
    }
    serde_json::from_str::<Refusal>(text)
        .map(|r| r.reason)
        .unwrap_or_else(|_| "The server didn't take the lesson live. Try again.".to_owned())
}

fn kept_key(lesson: &LessonId) -> String {
    format!("{KEPT_PREFIX}{lesson}")
}

fn outbox_key(lesson: &LessonId) -> String {
    format!("{OUTBOX_PREFIX}{lesson}")
}

fn read_kept(lesson: &LessonId) -> Option<KeptLive> {
    read_kept_key(&kept_key(lesson))
}

fn read_kept_key(key: &str) -> Option<KeptLive> {
    let text = local_store::read_raw(key).ok().flatten()?;
    serde_json::from_str::<KeptLive>(&text)
        .ok()
        .filter(|kept| kept_key(&kept.lesson) == key)
}

fn write_kept(kept: &KeptLive) {
    let text = serde_json::to_string(kept).expect("keys serialise");
    let _ = local_store::write_raw(&kept_key(&kept.lesson), &text);
}

fn read_outbox(lesson: &LessonId) -> Vec<Submission<Command>> {
    local_store::read_raw(&outbox_key(lesson))
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn store_outbox(lesson: &LessonId, list: &[Submission<Command>]) {
    if list.is_empty() {
        let _ = local_store::remove(&outbox_key(lesson));
    } else if let Ok(text) = serde_json::to_string(list) {
        let _ = local_store::write_raw(&outbox_key(lesson), &text);
    }
}

/// Keeps this window's unanswered operations with the other windows' in the outbox.
fn write_outbox<'a>(lesson: &LessonId, unanswered: impl Iterator<Item = &'a Submission<Command>>) {
    let mine: Vec<Submission<Command>> = unanswered.cloned().collect();
    store_outbox(lesson, &merged(read_outbox(lesson), mine, &[]));
}

/// Takes the operations the server answered out of the outbox.
fn take_from_outbox(lesson: &LessonId, answered: &[u64]) {
    let stored = read_outbox(lesson);
    if stored.iter().any(|s| answered.contains(&s.seq)) {
        store_outbox(lesson, &merged(stored, Vec::new(), answered));
    }
}

/// The outbox after a window's write: `stored` without what was `answered`, with `mine` (this
/// window's unanswered operations, which win over a stored copy), in sequence order.
fn merged(
    stored: Vec<Submission<Command>>,
    mine: Vec<Submission<Command>>,
    answered: &[u64],
) -> Vec<Submission<Command>> {
    let held: Vec<u64> = mine.iter().map(|m| m.seq).collect();
    let mut list: Vec<Submission<Command>> = stored
        .into_iter()
        .filter(|s| !answered.contains(&s.seq) && !held.contains(&s.seq))
        .chain(mine)
        .collect();
    list.sort_by_key(|s| s.seq);
    list
}

/// The teacher's view of `lesson` in `library`, if it is there.
fn teacher_view(library: &withme_core::Library, lesson: &LessonId) -> Option<TeacherView> {
    match project(library, lesson, &Viewer::Teacher) {
        Some(Projection::Teacher(view)) => Some(view),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use withme_core::LessonTitle;

    fn op(seq: u64) -> Submission<Command> {
        Submission::new(
            seq,
            None,
            Command::CreateLesson {
                title: LessonTitle::parse(&format!("Lesson {seq}")).unwrap(),
                class: None,
                template: None,
            },
        )
    }

    fn seqs(list: &[Submission<Command>]) -> Vec<u64> {
        list.iter().map(|s| s.seq).collect()
    }

    #[test]
    fn the_outbox_keeps_every_windows_unanswered_operations_and_drops_only_what_was_answered() {
        // Window A holds 1 and 3; window B wrote 2 earlier, and 1 is stored from before.
        let stored = vec![op(1), op(2)];
        assert_eq!(seqs(&merged(stored, vec![op(1), op(3)], &[])), [1, 2, 3]);
        // A hears 1 and 3 answered: 2 (B's) stays.
        assert_eq!(
            seqs(&merged(vec![op(1), op(2), op(3)], Vec::new(), &[1, 3])),
            [2]
        );
        // Nothing held and nothing answered: unchanged.
        assert_eq!(seqs(&merged(vec![op(2)], Vec::new(), &[])), [2]);
    }
}
