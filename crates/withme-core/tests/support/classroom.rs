//! A random classroom history, played through an authority: the teacher's window makes any
//! command, pupils' tablets send what their views offer (and sometimes anything at all).
//! Two classes, so that whatever belongs to the other one can be looked for where it must not be.

use withme_core::sync::{Authority, Holder, Seat, Submission};
use withme_core::view::{Projection, PupilView, Viewer, project};
use withme_core::{
    Author, ClassId, Command, DeviceId, LessonId, Library, OpId, Operation, PupilId, Timestamp,
};

use super::Scenario;
use super::random::{Rng, any_command, pupil_command};

/// The live lesson's class, the other class, and an authority holding both.
pub struct Classroom {
    pub authority: Authority,
    pub lesson: LessonId,
    pub class: ClassId,
    pub pupils: Vec<PupilId>,
    pub other_class: ClassId,
    pub other_lesson: LessonId,
    teacher_seq: u64,
    pupil_seqs: Vec<u64>,
    pub now: u64,
}

const START: u64 = 1_800_000_000_000;

impl Classroom {
    /// Year 5 Oak (6 pupils) with today's lesson, and Year 6 Ash (4 pupils) with a lesson of
    /// its own.
    pub fn new() -> Self {
        Self::with_pupils(&["Amira", "Ben", "Chloé", "Dev", "Ela", "Finn"])
    }

    /// The same, with these pupils in Year 5 Oak.
    pub fn with_pupils(names: &[&str]) -> Self {
        let (mut s, lesson, pupils) = Scenario::classroom("Today's lesson", names);
        let class = s
            .library
            .lesson(&lesson)
            .unwrap()
            .plan()
            .class
            .clone()
            .unwrap();
        s.teacher(Command::SetRoles {
            class: class.clone(),
            roles: withme_core::groups::RolePreset::Cooperative.roles(),
        })
        .unwrap();
        let (other_class, _) = s.new_class("Year 6 Ash", &["Zara", "Yusuf", "Xena", "Will"]);
        let other_lesson = s.new_lesson("Ash's own lesson");
        s.teacher(Command::SetLessonClass {
            lesson: other_lesson.clone(),
            class: Some(other_class.clone()),
        })
        .unwrap();
        Self {
            authority: Authority::new(s.library, Default::default()),
            lesson,
            class,
            pupils: pupils.clone(),
            other_class,
            other_lesson,
            teacher_seq: 0,
            pupil_seqs: vec![0; pupils.len()],
            now: START,
        }
    }

    pub fn library(&self) -> &Library {
        self.authority.library()
    }

    fn tick(&mut self) -> Timestamp {
        self.now += 1_000;
        Timestamp::from_millis(self.now)
    }

    /// The teacher's window makes a random command (mostly about today's lesson, sometimes
    /// the other class's).
    pub fn teacher_step(&mut self, rng: &mut Rng) {
        let focus = if rng.chance(85) {
            self.lesson.clone()
        } else {
            self.other_lesson.clone()
        };
        let command = any_command(self.library(), rng, Some(&focus));
        self.teacher_seq += 1;
        let at = self.tick();
        let op = Operation {
            id: OpId::new(DeviceId::parse("teacherwin").unwrap(), self.teacher_seq),
            author: Author::Teacher,
            at,
            command,
        };
        if self.authority.apply_own(&op).is_err() {
            self.teacher_seq -= 1;
        }
    }

    /// The seat of pupil `n`'s tablet.
    pub fn seat(&self, n: usize) -> Seat {
        Seat {
            device: DeviceId::parse(&format!("tablet{n}")).unwrap(),
            lesson: self.lesson.clone(),
            holder: Holder::Pupils(vec![self.pupils[n].clone()]),
        }
    }

    /// Pupil `n`'s tablet sends what its view offers, or (`hostile`) any command at all.
    pub fn pupil_step(&mut self, rng: &mut Rng, n: usize, hostile: bool) -> Option<Command> {
        let command = if hostile {
            any_command(self.library(), rng, Some(&self.lesson.clone()))
        } else {
            let view = self.pupil_view(&self.pupils[n].clone())?;
            pupil_command(&view, rng)?.into()
        };
        self.pupil_seqs[n] += 1;
        let seat = self.seat(n);
        let at = self.tick();
        let submission = Submission::new(self.pupil_seqs[n], None, command.clone());
        self.authority.submit(&seat, &submission, at);
        Some(command)
    }

    /// A random history of `steps` steps.
    pub fn play(&mut self, rng: &mut Rng, steps: usize) {
        for _ in 0..steps {
            if rng.chance(45) {
                self.teacher_step(rng);
            } else {
                let n = rng.below(self.pupils.len());
                let hostile = rng.chance(10);
                self.pupil_step(rng, n, hostile);
            }
        }
    }

    /// Today's lesson as `pupil`'s tablet receives it.
    pub fn pupil_view(&self, pupil: &PupilId) -> Option<PupilView> {
        match project(self.library(), &self.lesson, &Viewer::Pupil(pupil.clone()))? {
            Projection::Pupil(view) => Some(view),
            _ => None,
        }
    }
}
