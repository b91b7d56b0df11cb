//! A classroom over a bad network, simulated in memory: an authority, the teacher's laptop, the
//! Board and 29 tablets. Messages are delayed, dropped, duplicated and reordered, and devices go
//! offline and come back. However the network behaves, when it settles every device holds the
//! authority's projection for its viewer, no operation is lost or applied twice, and every
//! refusal reached the device that sent it.
//!
//! `SIM_SEEDS` and `SIM_OPS` set the size (6 seeds × 1,500 operations by default; the test
//! script runs 200 × 10,000 in a release build).

mod support;

use std::collections::{BTreeMap, BTreeSet};

use support::classroom::Classroom;
use support::random::{Rng, any_command, pupil_command};
use withme_core::sync::{
    Answer, Authority, Client, Holder, Outcome, Seat, Source, Submission, VersionedView,
};
use withme_core::view::{Projection, RoomViews, Viewer};
use withme_core::{Command, DeviceId, LessonId, Timestamp};

/// What travels up to the authority.
#[derive(Clone)]
enum Up {
    Submit(Submission),
    /// "I am here, and hold the view of this version": sent on reconnecting, and now and then.
    Hello {
        version: u64,
    },
}

/// What travels down to a device.
#[derive(Clone)]
enum Down {
    Answer(Answer),
    View(Box<VersionedView>),
}

#[derive(Clone)]
enum Message {
    Up { from: usize, body: Up },
    Down { to: usize, body: Down },
}

struct InFlight {
    arrives: u64,
    order: u64,
    message: Message,
}

/// How the network misbehaves (percentages), and how long things take (ticks).
#[derive(Clone, Copy)]
struct Weather {
    drop: u64,
    duplicate: u64,
    longest_delay: usize,
    disconnect: u64,
}

const CALM: Weather = Weather {
    drop: 0,
    duplicate: 0,
    longest_delay: 1,
    disconnect: 0,
};

struct Device {
    seat: Seat,
    viewer: Viewer,
    client: Client<Command>,
    online: bool,
    /// Ticks since an answer or a send: after a long silence, everything unanswered goes again.
    silent_for: u64,
    refusals: BTreeSet<u64>,
    made: u64,
}

struct Net {
    rng: Rng,
    tick: u64,
    sent: u64,
    flights: Vec<InFlight>,
    weather: Weather,
}

impl Net {
    fn send(&mut self, message: Message) {
        if self.rng.chance(self.weather.drop) {
            return;
        }
        let copies = if self.rng.chance(self.weather.duplicate) {
            2
        } else {
            1
        };
        for _ in 0..copies {
            self.sent += 1;
            let arrives = self.tick + 1 + self.rng.below(self.weather.longest_delay) as u64;
            self.flights.push(InFlight {
                arrives,
                order: self.rng.next(),
                message: message.clone(),
            });
        }
    }

    /// The messages arriving now, in a random order.
    fn arriving(&mut self) -> Vec<Message> {
        let tick = self.tick;
        let (mut now, later): (Vec<_>, Vec<_>) =
            self.flights.drain(..).partition(|f| f.arrives <= tick);
        self.flights = later;
        now.sort_by_key(|f| f.order);
        now.into_iter().map(|f| f.message).collect()
    }
}

struct Room {
    authority: Authority,
    lesson: LessonId,
    devices: Vec<Device>,
    /// The view last sent to each device (by version), so only changes are sent.
    last_sent: Vec<Option<VersionedView>>,
    /// How many times each device's operation was handled fresh (applied or refused).
    handled: BTreeMap<(usize, u64), u32>,
    /// The operations the authority refused, per device.
    refused: BTreeMap<usize, BTreeSet<u64>>,
    /// Something changed since views were last sent.
    views_due: bool,
    net: Net,
}

impl Room {
    fn new(seed: u64) -> Self {
        let names: Vec<String> = (1..=29).map(|n| format!("Pupil {n}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let classroom = Classroom::with_pupils(&names);
        let lesson = classroom.lesson.clone();
        let seat = |device: &str, holder| Seat {
            device: DeviceId::parse(device).unwrap(),
            lesson: lesson.clone(),
            holder,
        };
        let mut devices = vec![
            Device::new(seat("teacherlaptop", Holder::Teacher), Viewer::Teacher),
            Device::new(seat("board", Holder::Board), Viewer::Board),
        ];
        for (n, pupil) in classroom.pupils.iter().enumerate() {
            devices.push(Device::new(
                seat(&format!("tablet{n}"), Holder::Pupils(vec![pupil.clone()])),
                Viewer::Pupil(pupil.clone()),
            ));
        }
        let count = devices.len();
        Self {
            authority: classroom.authority,
            lesson,
            devices,
            last_sent: vec![None; count],
            handled: BTreeMap::new(),
            refused: BTreeMap::new(),
            views_due: false,
            net: Net {
                rng: Rng::new(seed),
                tick: 0,
                sent: 0,
                flights: Vec::new(),
                weather: CALM,
            },
        }
    }

    fn now(&self) -> Timestamp {
        Timestamp::from_millis(1_800_000_000_000 + self.net.tick * 100)
    }

    /// One device makes one operation from what it sees.
    fn make_one(&mut self) {
        let n = self.net.rng.below(self.devices.len());
        let rng = &mut self.net.rng;
        let command = match &self.devices[n].viewer {
            Viewer::Teacher => Some(any_command(
                self.authority.library(),
                rng,
                Some(&self.lesson),
            )),
            // The Board shows: sometimes someone presses a key anyway.
            Viewer::Board | Viewer::Unchosen => rng
                .chance(20)
                .then(|| any_command(self.authority.library(), rng, Some(&self.lesson))),
            Viewer::Pupil(_) => {
                let view = self.devices[n]
                    .client
                    .view()
                    .and_then(|v| match &v.projection {
                        Some(Projection::Pupil(view)) => Some(view),
                        _ => None,
                    });
                if rng.chance(8) {
                    // A hostile tablet: anything at all.
                    Some(any_command(
                        self.authority.library(),
                        rng,
                        Some(&self.lesson),
                    ))
                } else {
                    view.and_then(|v| pupil_command(v, rng)).map(Command::from)
                }
            }
        };
        if let Some(command) = command {
            let device = &mut self.devices[n];
            device.client.make(None, command);
            device.made += 1;
        }
    }

    /// Every online device sends what it has to send.
    fn devices_send(&mut self) {
        for n in 0..self.devices.len() {
            let device = &mut self.devices[n];
            if !device.online {
                continue;
            }
            device.silent_for += 1;
            if device.silent_for > 60 && device.client.unanswered().next().is_some() {
                device.client.resend_all();
                device.silent_for = 0;
            }
            let hello = device.silent_for % 50 == 49;
            let version = device.client.view().map_or(0, |v| v.version);
            for submission in device.client.to_send() {
                self.net.send(Message::Up {
                    from: n,
                    body: Up::Submit(submission),
                });
            }
            if hello {
                self.net.send(Message::Up {
                    from: n,
                    body: Up::Hello { version },
                });
            }
        }
    }

    /// Devices go offline and come back; on coming back they send everything unanswered and
    /// say which view they hold.
    fn weather_changes(&mut self) {
        for n in 0..self.devices.len() {
            let rng = &mut self.net.rng;
            let device = &mut self.devices[n];
            if device.online && rng.chance(self.net.weather.disconnect) {
                device.online = false;
            } else if !device.online && rng.chance(10) {
                device.online = true;
                device.client.resend_all();
                let version = device.client.view().map_or(0, |v| v.version);
                self.net.send(Message::Up {
                    from: n,
                    body: Up::Hello { version },
                });
            }
        }
    }

    fn deliver(&mut self) {
        let mut changed = false;
        for message in self.net.arriving() {
            match message {
                Message::Up { from, body } => {
                    if !self.devices[from].online {
                        continue;
                    }
                    match body {
                        Up::Submit(submission) => {
                            changed |= self.authority_handles(from, &submission);
                        }
                        Up::Hello { version } => {
                            // A device that holds an older view than the authority's is sent
                            // the current one (even if it was sent before and lost).
                            if version < self.authority.ledger().order() {
                                self.last_sent[from] = None;
                            }
                            changed = true;
                        }
                    }
                }
                Message::Down { to, body } => {
                    let device = &mut self.devices[to];
                    if !device.online {
                        continue;
                    }
                    device.silent_for = 0;
                    match body {
                        Down::Answer(answer) => {
                            device.client.receive(answer);
                            for refusal in device.client.take_refusals() {
                                device.refusals.insert(refusal.submission.seq);
                            }
                        }
                        Down::View(view) => device.client.receive_view(*view),
                    }
                }
            }
        }
        // Views go out in batches, as a server coalesces its broadcasts: every few ticks, and
        // at once while the network settles.
        self.views_due |= changed;
        if self.views_due && (self.net.tick.is_multiple_of(4) || self.net.weather.drop == 0) {
            self.views_due = false;
            self.send_changed_views();
        }
    }

    /// The authority handles a submission and answers it. Returns whether anything changed.
    fn authority_handles(&mut self, from: usize, submission: &Submission) -> bool {
        let seat = self.devices[from].seat.clone();
        let handled = |a: &Authority| a.ledger().handled(&seat.device).map_or(0, |(_, seq)| seq);
        let before = handled(&self.authority);
        let now = self.now();
        let answer = self.authority.submit(&seat, submission, now);
        let after = handled(&self.authority);
        if before != after {
            *self.handled.entry((from, submission.seq)).or_default() += 1;
            if let Answer::Handled {
                outcome: Outcome::Refused { .. },
                seq,
            } = &answer
            {
                self.refused.entry(from).or_default().insert(*seq);
            }
        }
        self.net.send(Message::Down {
            to: from,
            body: Down::Answer(answer),
        });
        before != after
    }

    /// Sends each online device its view, if it changed since last sent.
    fn send_changed_views(&mut self) {
        let version = self.authority.ledger().order();
        let room = RoomViews::new(self.authority.library(), &self.lesson);
        for n in 0..self.devices.len() {
            if !self.devices[n].online {
                continue;
            }
            let projection = room.as_ref().map(|r| r.for_viewer(&self.devices[n].viewer));
            let same = self.last_sent[n]
                .as_ref()
                .is_some_and(|v| v.projection == projection);
            if same {
                continue;
            }
            let view = VersionedView {
                version,
                projection,
            };
            self.last_sent[n] = Some(view.clone());
            self.net.send(Message::Down {
                to: n,
                body: Down::View(Box::new(view)),
            });
        }
    }

    fn step(&mut self) {
        self.net.tick += 1;
        self.weather_changes();
        self.devices_send();
        self.deliver();
    }

    /// The network heals: everyone comes back, nothing is lost any more, until all is quiet.
    fn settle(&mut self) {
        self.net.weather = CALM;
        for n in 0..self.devices.len() {
            let device = &mut self.devices[n];
            device.online = true;
            device.client.resend_all();
            let version = device.client.view().map_or(0, |v| v.version);
            self.net.send(Message::Up {
                from: n,
                body: Up::Hello { version },
            });
        }
        for _ in 0..10_000 {
            self.step();
            let quiet = self.net.flights.is_empty()
                && self
                    .devices
                    .iter()
                    .all(|d| d.client.unanswered().next().is_none());
            if quiet {
                return;
            }
        }
        panic!("the classroom never settled");
    }
}

impl Device {
    fn new(seat: Seat, viewer: Viewer) -> Self {
        Self {
            seat,
            viewer,
            client: Client::default(),
            online: true,
            silent_for: 0,
            refusals: BTreeSet::new(),
            made: 0,
        }
    }
}

fn run(seed: u64, operations: u64) {
    let mut room = Room::new(seed);
    let weather = Weather {
        drop: room.net.rng.below(12) as u64,
        duplicate: room.net.rng.below(8) as u64,
        longest_delay: 1 + room.net.rng.below(12),
        disconnect: room.net.rng.below(3) as u64,
    };
    room.net.weather = weather;
    let mut made = 0;
    while made < operations {
        // A few operations per tick, across the room.
        for _ in 0..room.net.rng.below(4) {
            if made < operations {
                room.make_one();
                made += 1;
            }
        }
        room.step();
    }
    room.settle();
    check(&room, seed);
}

fn check(room: &Room, seed: u64) {
    let version = room.authority.ledger().order();
    let views = RoomViews::new(room.authority.library(), &room.lesson);
    for (n, device) in room.devices.iter().enumerate() {
        // Every device holds the authority's projection for its viewer.
        let held = device.client.view().map(|v| v.projection.as_ref());
        let expected = views.as_ref().map(|r| r.for_viewer(&device.viewer));
        assert!(
            held == Some(expected.as_ref()),
            "seed {seed}: device {n}'s view differs from the authority's projection"
        );
        if let Some(view) = device.client.view() {
            assert!(
                view.version <= version,
                "seed {seed}: a view from the future"
            );
        }
        // Nothing lost: every operation it made was handled exactly once, and answered.
        assert_eq!(
            device.client.unanswered().count(),
            0,
            "seed {seed}: device {n}"
        );
        assert_eq!(
            device.client.forgotten(),
            0,
            "seed {seed}: an answer was forgotten"
        );
        let handled =
            room.authority
                .ledger()
                .handled(&device.seat.device)
                .map_or(0, |(source, seq)| {
                    assert_eq!(source, Source::Seat);
                    seq
                });
        assert_eq!(
            handled, device.made,
            "seed {seed}: device {n} lost operations"
        );
        for seq in 1..=device.made {
            let times = room.handled.get(&(n, seq)).copied().unwrap_or(0);
            assert_eq!(
                times, 1,
                "seed {seed}: device {n}'s op {seq} handled {times} times"
            );
        }
        // Every refusal reached the device that sent it.
        let refused = room.refused.get(&n).cloned().unwrap_or_default();
        assert_eq!(
            device.refusals, refused,
            "seed {seed}: device {n}'s refusals"
        );
    }
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn every_device_ends_with_its_view_and_nothing_is_lost_or_applied_twice() {
    let seeds = setting("SIM_SEEDS", 6);
    let operations = setting("SIM_OPS", 1_500);
    // Seeds are independent: run them on every core.
    let threads = std::thread::available_parallelism().map_or(1, usize::from) as u64;
    std::thread::scope(|scope| {
        for first in 0..threads {
            scope.spawn(move || {
                for seed in (first..seeds).step_by(threads as usize) {
                    run(seed, operations);
                }
            });
        }
    });
}

#[test]
fn a_calm_network_loses_nothing_either() {
    let mut room = Room::new(99);
    for _ in 0..300 {
        room.make_one();
        room.step();
    }
    room.settle();
    check(&room, 99);
    assert!(room.net.sent > 0);
}
