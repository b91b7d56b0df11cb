//! One live lesson, with no I/O: its authority, its seats and who is waiting to be let in. The
//! socket code hands it what devices send and carries out what it returns; the store keeps its
//! journal, so the lesson can be rebuilt exactly after a restart.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use withme_core::sync::{
    Answer, Authority, Holder, Knock, LiveDown, Seat, SeatKey, Source, Submission, VersionedView,
};
use withme_core::view::{Projection, RoomViews, Viewer};
use withme_core::{DeviceId, LessonId, Library, PupilId, Timestamp};

/// A change to a live lesson that must be stored before anyone hears of it. Replaying a
/// lesson's entries in order rebuilds it exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Entry {
    /// A seat was given or changed.
    Seat {
        /// Its device and secret.
        key: SeatKey,
        /// Who it speaks for.
        holder: Holder,
    },
    /// A seat was taken away.
    Unseat {
        /// Its device.
        device: DeviceId,
    },
    /// An operation was handled (applied or refused) at `at`.
    Submit {
        /// The device that sent it.
        device: DeviceId,
        /// What it sent.
        submission: Submission,
        /// The authority's time for it.
        at: Timestamp,
    },
    /// The teacher ended the lesson.
    End {
        /// When.
        at: Timestamp,
    },
}

/// What a live lesson needs to start: the uploaded library and the two seats made with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Start {
    /// The join code.
    pub code: String,
    /// The lesson.
    pub lesson: LessonId,
    /// The lesson, its class and the class's lessons.
    pub library: Library,
    /// The teacher's seat.
    pub teacher: SeatKey,
    /// The Board's seat.
    pub board: SeatKey,
    /// When it went live.
    pub at: Timestamp,
}

/// Why a device's message was not taken. The code is stable; the text is for the device's user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// No seat has that device and token.
    #[error("This tablet's place in the lesson has gone. Join again with the code.")]
    UnknownSeat,
    /// Only the teacher does that.
    #[error("Only the teacher can do that.")]
    TeacherOnly,
    /// A tablet claimed someone not on the class list.
    #[error("That name isn't on this class's list.")]
    NotOnList,
    /// Nobody is waiting on that device.
    #[error("That tablet isn't waiting to be let in.")]
    NotWaiting,
    /// A tablet claimed a group this lesson does not have.
    #[error("That group isn't in this lesson. Ask your teacher which group you are.")]
    NoSuchGroup,
    /// A group's tablet named someone it was not let in for.
    #[error("This tablet wasn't let in for that pupil.")]
    NotYourSeat,
    /// The lesson has ended.
    #[error("This lesson has ended.")]
    Ended,
}

impl Problem {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::UnknownSeat => "unknown_seat",
            Problem::TeacherOnly => "teacher_only",
            Problem::NotOnList => "not_on_list",
            Problem::NotWaiting => "not_waiting",
            Problem::NoSuchGroup => "no_such_group",
            Problem::NotYourSeat => "not_your_seat",
            Problem::Ended => "ended",
        }
    }

    /// As a message to the device.
    pub fn down(&self) -> LiveDown {
        LiveDown::Problem {
            code: self.code().into(),
            reason: self.to_string(),
        }
    }
}

/// One live lesson.
#[derive(Debug, Clone)]
pub struct LiveLesson {
    code: String,
    lesson: LessonId,
    authority: Authority,
    seats: BTreeMap<DeviceId, (String, Holder)>,
    /// Devices waiting to be let in, with what each claims, oldest first.
    knocks: Vec<(DeviceId, Claimed)>,
    /// On group tablets: the member at it now (not stored: the tablet says again on resume).
    acting: BTreeMap<DeviceId, PupilId>,
    ended: bool,
}

/// What a waiting tablet asked to be let in for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Claimed {
    pupils: Vec<PupilId>,
    group: Option<usize>,
}

impl LiveLesson {
    /// The lesson as it goes live.
    pub fn start(start: &Start) -> Self {
        let mut live = Self {
            code: start.code.clone(),
            lesson: start.lesson.clone(),
            authority: Authority::new(start.library.clone(), Default::default()),
            seats: BTreeMap::new(),
            knocks: Vec::new(),
            acting: BTreeMap::new(),
            ended: false,
        };
        live.replay(&Entry::Seat {
            key: start.teacher.clone(),
            holder: Holder::Teacher,
        });
        live.replay(&Entry::Seat {
            key: start.board.clone(),
            holder: Holder::Board,
        });
        live
    }

    /// Applies a stored entry again (rebuilding the lesson after a restart).
    pub fn replay(&mut self, entry: &Entry) {
        match entry {
            Entry::Seat { key, holder } => {
                self.seats
                    .insert(key.device.clone(), (key.token.clone(), holder.clone()));
            }
            Entry::Unseat { device } => {
                self.seats.remove(device);
                self.knocks.retain(|(d, _)| d != device);
                self.acting.remove(device);
            }
            Entry::Submit {
                device,
                submission,
                at,
            } => {
                if let Some(seat) = self.seat(device) {
                    self.authority.submit(&seat, submission, *at);
                }
            }
            Entry::End { .. } => self.ended = true,
        }
    }

    /// The join code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The lesson.
    pub fn lesson(&self) -> &LessonId {
        &self.lesson
    }

    /// Whether the teacher ended it.
    pub fn is_ended(&self) -> bool {
        self.ended
    }

    /// The authority's library.
    pub fn library(&self) -> &Library {
        self.authority.library()
    }

    fn seat(&self, device: &DeviceId) -> Option<Seat> {
        self.seats.get(device).map(|(_, holder)| Seat {
            device: device.clone(),
            lesson: self.lesson.clone(),
            holder: holder.clone(),
        })
    }

    /// Who `device` speaks for.
    pub fn holder(&self, device: &DeviceId) -> Option<&Holder> {
        self.seats.get(device).map(|(_, holder)| holder)
    }

    /// A new device joins: a seat, waiting. Returns the entry to store and the message to send.
    pub fn join(&self, key: SeatKey) -> Result<(Entry, LiveDown), Problem> {
        if self.ended {
            return Err(Problem::Ended);
        }
        let down = self.seated(&key, &Holder::Waiting);
        Ok((
            Entry::Seat {
                key,
                holder: Holder::Waiting,
            },
            down,
        ))
    }

    /// A device comes back to its seat.
    pub fn resume(&self, device: &DeviceId, token: &str) -> Result<LiveDown, Problem> {
        match self.seats.get(device) {
            Some((kept, holder)) if constant_time_eq(kept, token) => Ok(self.seated(
                &SeatKey {
                    device: device.clone(),
                    token: kept.clone(),
                },
                holder,
            )),
            _ => Err(Problem::UnknownSeat),
        }
    }

    /// What `device` is told of its seat (after the teacher lets it in, say).
    pub fn seat_message(&self, device: &DeviceId) -> Option<LiveDown> {
        let (token, holder) = self.seats.get(device)?;
        Some(self.seated(
            &SeatKey {
                device: device.clone(),
                token: token.clone(),
            },
            holder,
        ))
    }

    fn seated(&self, key: &SeatKey, holder: &Holder) -> LiveDown {
        LiveDown::Seated {
            lesson: self.lesson.clone(),
            device: key.device.clone(),
            token: key.token.clone(),
            holder: holder.clone(),
            handled: self
                .authority
                .ledger()
                .handled(&key.device)
                .filter(|(source, _)| *source == Source::Seat)
                .map_or(0, |(_, seq)| seq),
        }
    }

    /// A tablet asks to be let in for `pupil`. The knock waits for the teacher.
    pub fn claim(&mut self, device: &DeviceId, pupil: &PupilId) -> Result<(), Problem> {
        if !self.on_list(pupil) {
            return Err(Problem::NotOnList);
        }
        self.knock(
            device,
            Claimed {
                pupils: vec![pupil.clone()],
                group: None,
            },
        )
    }

    /// A tablet asks to be let in for group `number` (from 1) of the lesson: its members as
    /// they are now. The knock waits for the teacher.
    pub fn claim_group(&mut self, device: &DeviceId, number: usize) -> Result<(), Problem> {
        let library = self.authority.library();
        let pupils: Vec<PupilId> = library
            .lesson(&self.lesson)
            .and_then(|l| l.groups().groups.get(number.checked_sub(1)?))
            .map(|g| g.members.iter().map(|m| m.pupil.clone()).collect())
            .unwrap_or_default();
        if pupils.is_empty() || !pupils.iter().all(|p| self.on_list(p)) {
            return Err(Problem::NoSuchGroup);
        }
        self.knock(
            device,
            Claimed {
                pupils,
                group: Some(number),
            },
        )
    }

    fn knock(&mut self, device: &DeviceId, claimed: Claimed) -> Result<(), Problem> {
        match self.holder(device) {
            Some(Holder::Waiting | Holder::Pupils(_)) => {}
            Some(Holder::Teacher | Holder::Board) => return Err(Problem::NotWaiting),
            None => return Err(Problem::UnknownSeat),
        }
        self.knocks.retain(|(d, _)| d != device);
        self.knocks.push((device.clone(), claimed));
        Ok(())
    }

    /// On a group's tablet, `pupil` (one of its members) takes their turn: the tablet is sent
    /// their view.
    pub fn act_as(&mut self, device: &DeviceId, pupil: &PupilId) -> Result<(), Problem> {
        match self.holder(device) {
            Some(Holder::Pupils(pupils)) if pupils.contains(pupil) => {
                self.acting.insert(device.clone(), pupil.clone());
                Ok(())
            }
            Some(_) => Err(Problem::NotYourSeat),
            None => Err(Problem::UnknownSeat),
        }
    }

    fn on_list(&self, pupil: &PupilId) -> bool {
        self.class().is_some_and(|c| c.has_on_roster(pupil))
    }

    fn class(&self) -> Option<&withme_core::Class> {
        let library = self.authority.library();
        let class = library.lesson(&self.lesson)?.plan().class.as_ref()?;
        library.class(class)
    }

    /// The teacher lets a waiting device in. Returns the entry to store.
    pub fn admit(&mut self, teacher: &DeviceId, device: &DeviceId) -> Result<Entry, Problem> {
        self.teacher_only(teacher)?;
        let at = self
            .knocks
            .iter()
            .position(|(d, _)| d == device)
            .ok_or(Problem::NotWaiting)?;
        let (_, claimed) = self.knocks.remove(at);
        let token = self
            .seats
            .get(device)
            .ok_or(Problem::UnknownSeat)?
            .0
            .clone();
        let entry = Entry::Seat {
            key: SeatKey {
                device: device.clone(),
                token,
            },
            holder: Holder::Pupils(claimed.pupils),
        };
        self.acting.remove(device);
        self.replay(&entry);
        Ok(entry)
    }

    /// The teacher turns a waiting device away.
    pub fn decline(&mut self, teacher: &DeviceId, device: &DeviceId) -> Result<(), Problem> {
        self.teacher_only(teacher)?;
        let before = self.knocks.len();
        self.knocks.retain(|(d, _)| d != device);
        if self.knocks.len() == before {
            return Err(Problem::NotWaiting);
        }
        Ok(())
    }

    /// The teacher removes a seat. Returns the entry to store.
    pub fn remove(&mut self, teacher: &DeviceId, device: &DeviceId) -> Result<Entry, Problem> {
        self.teacher_only(teacher)?;
        if !matches!(
            self.holder(device),
            Some(Holder::Pupils(_) | Holder::Waiting)
        ) {
            return Err(Problem::UnknownSeat);
        }
        let entry = Entry::Unseat {
            device: device.clone(),
        };
        self.replay(&entry);
        Ok(entry)
    }

    /// The teacher ends the lesson. Returns the entry to store.
    pub fn end(&mut self, teacher: &DeviceId, at: Timestamp) -> Result<Entry, Problem> {
        self.teacher_only(teacher)?;
        let entry = Entry::End { at };
        self.replay(&entry);
        Ok(entry)
    }

    fn teacher_only(&self, device: &DeviceId) -> Result<(), Problem> {
        match self.holder(device) {
            Some(Holder::Teacher) => Ok(()),
            _ => Err(Problem::TeacherOnly),
        }
    }

    /// Handles a device's operations at `at`. Returns the entries to store (those handled for
    /// the first time) and the answers.
    pub fn submit(
        &mut self,
        device: &DeviceId,
        submissions: &[Submission],
        at: Timestamp,
    ) -> Result<(Vec<Entry>, Vec<Answer>), Problem> {
        let seat = self.seat(device).ok_or(Problem::UnknownSeat)?;
        let mut entries = Vec::new();
        let mut answers = Vec::with_capacity(submissions.len());
        for submission in submissions {
            let handled = |a: &Authority| a.ledger().handled(device).map_or(0, |(_, seq)| seq);
            let before = handled(&self.authority);
            let answer = self.authority.submit(&seat, submission, at);
            if handled(&self.authority) != before {
                entries.push(Entry::Submit {
                    device: device.clone(),
                    submission: submission.clone(),
                    at,
                });
            }
            answers.push(answer);
        }
        Ok((entries, answers))
    }

    /// The devices waiting to be let in, as the teacher sees them.
    pub fn knocks(&self) -> Vec<Knock> {
        let seated = |pupil: &PupilId, except: &DeviceId| {
            self.seats.iter().any(|(device, (_, holder))| {
                device != except && matches!(holder, Holder::Pupils(p) if p.contains(pupil))
            })
        };
        let class = self.class();
        self.knocks
            .iter()
            .filter_map(|(device, claimed)| {
                let names = claimed
                    .pupils
                    .iter()
                    .map(|p| Some(class?.pupil(p)?.name().clone()))
                    .collect::<Option<Vec<_>>>()?;
                Some(Knock {
                    device: device.clone(),
                    pupils: claimed.pupils.clone(),
                    names,
                    group: claimed.group,
                    already_seated: claimed.pupils.iter().any(|p| seated(p, device)),
                })
            })
            .collect()
    }

    /// The tablets let in, with the pupils each speaks for.
    pub fn seated_tablets(&self) -> Vec<(DeviceId, Vec<PupilId>)> {
        self.seats
            .iter()
            .filter_map(|(device, (_, holder))| match holder {
                Holder::Pupils(pupils) => Some((device.clone(), pupils.clone())),
                Holder::Teacher | Holder::Board | Holder::Waiting => None,
            })
            .collect()
    }

    /// The views of the lesson for each of `devices`, worked out once for the room.
    pub fn views<'a>(
        &self,
        devices: impl IntoIterator<Item = &'a DeviceId>,
    ) -> Vec<(DeviceId, VersionedView)> {
        let version = self.authority.ledger().order();
        let room = RoomViews::new(self.authority.library(), &self.lesson);
        devices
            .into_iter()
            .filter_map(|device| {
                let viewer = viewer_of(self.holder(device)?, self.acting.get(device));
                let projection: Option<Projection> = room.as_ref().map(|r| r.for_viewer(&viewer));
                Some((
                    device.clone(),
                    VersionedView {
                        version,
                        projection,
                    },
                ))
            })
            .collect()
    }
}

/// The viewer a seat's device shows: a group's tablet shows the member at it, and only the
/// names to tap until one is.
fn viewer_of(holder: &Holder, acting: Option<&PupilId>) -> Viewer {
    match holder {
        Holder::Teacher => Viewer::Teacher,
        Holder::Board => Viewer::Board,
        Holder::Pupils(pupils) if pupils.len() == 1 => Viewer::Pupil(pupils[0].clone()),
        Holder::Pupils(pupils) => acting
            .filter(|a| pupils.contains(a))
            .cloned()
            .map_or(Viewer::Unchosen, Viewer::Pupil),
        Holder::Waiting => Viewer::Unchosen,
    }
}

/// Compares secrets without telling, by how long it takes, how much of them matched.
fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}
