//! A small driver for core tests: one device making operations in sequence against a library.

#![allow(dead_code)]

pub mod classroom;
pub mod random;

use withme_core::enquiry::VoteMethod;
use withme_core::{
    Author, ClassId, ClassName, Command, DeviceId, Event, ItemText, LessonId, LessonTitle, Library,
    OpId, Operation, PollId, PupilId, PupilName, QuestionId, Rejection, Timestamp,
};

/// A library and one device that numbers its operations 1, 2, 3, … one second apart.
pub struct Scenario {
    pub library: Library,
    device: DeviceId,
    seq: u64,
}

impl Scenario {
    pub fn new() -> Self {
        Self::on_device("testdevice")
    }

    /// An empty library on the device called `device` (another computer of the same teacher).
    pub fn on_device(device: &str) -> Self {
        Self {
            library: Library::default(),
            device: DeviceId::parse(device).unwrap(),
            seq: 0,
        }
    }

    /// The next operation from this device, not yet applied.
    pub fn op(&mut self, author: Author, command: Command) -> Operation {
        self.seq += 1;
        Operation {
            id: OpId::new(self.device.clone(), self.seq),
            author,
            at: Timestamp::from_millis(1_795_000_000_000 + self.seq * 1000),
            command,
        }
    }

    /// Lets `seconds` go by before the next operation.
    pub fn seq_skip(&mut self, seconds: u64) {
        self.seq += seconds;
    }

    /// The id the next operation will have.
    pub fn next_id(&self) -> OpId {
        OpId::new(self.device.clone(), self.seq + 1)
    }

    /// Makes and applies an operation as the teacher.
    pub fn teacher(&mut self, command: Command) -> Result<Event, Rejection> {
        let op = self.op(Author::Teacher, command);
        self.library.apply(&op)
    }

    /// Makes and applies an operation as a pupil.
    pub fn pupil(&mut self, pupil: &PupilId, command: Command) -> Result<Event, Rejection> {
        let op = self.op(
            Author::Pupil {
                pupil: pupil.clone(),
            },
            command,
        );
        self.library.apply(&op)
    }

    /// Creates a lesson as the teacher and returns its id.
    pub fn new_lesson(&mut self, title: &str) -> LessonId {
        let op = self.op(
            Author::Teacher,
            Command::CreateLesson {
                title: title_of(title),
                class: None,
                template: None,
            },
        );
        self.library.apply(&op).expect("lesson created");
        LessonId::from(&op.id)
    }

    /// Creates a class with these pupils and returns its id and the pupils' ids.
    pub fn new_class(&mut self, name: &str, pupils: &[&str]) -> (ClassId, Vec<PupilId>) {
        let op = self.op(
            Author::Teacher,
            Command::CreateClass {
                name: ClassName::parse(name).unwrap(),
            },
        );
        self.library.apply(&op).expect("class created");
        let class = ClassId::from(&op.id);
        if pupils.is_empty() {
            return (class, Vec::new());
        }
        let add = self.op(
            Author::Teacher,
            Command::AddPupils {
                class: class.clone(),
                names: pupils.iter().map(|n| name_of(n)).collect(),
            },
        );
        self.library.apply(&add).expect("pupils added");
        let ids = (1..=pupils.len())
            .map(|i| PupilId::nth_added_by(&add.id, i))
            .collect();
        (class, ids)
    }
}

impl Scenario {
    /// A lesson called `title` for a new class "Year 5 Oak" with these pupils on the list.
    pub fn classroom(title: &str, pupils: &[&str]) -> (Self, LessonId, Vec<PupilId>) {
        let mut s = Self::new();
        let (class, ids) = s.new_class("Year 5 Oak", pupils);
        let lesson = s.new_lesson(title);
        s.teacher(Command::SetLessonClass {
            lesson: lesson.clone(),
            class: Some(class),
        })
        .expect("class chosen");
        (s, lesson, ids)
    }
}

/// An item's text, known to be valid.
pub fn text(text: &str) -> ItemText {
    ItemText::parse(text).unwrap()
}

pub fn title_of(text: &str) -> LessonTitle {
    LessonTitle::parse(text).unwrap()
}

pub fn name_of(text: &str) -> PupilName {
    PupilName::parse(text).unwrap()
}

impl Scenario {
    /// A new lesson for `class` with `absent` marked, grouped by the group maker (avoiding recent
    /// pairings) and with roles given out. Returns the lesson, or why no groups were made.
    pub fn grouped_lesson(
        &mut self,
        class: &ClassId,
        absent: &[PupilId],
        size: withme_core::groups::GroupSize,
        seed: u64,
    ) -> Result<LessonId, withme_core::groups::maker::GroupingProblem> {
        let lesson = self.new_lesson("Group work");
        self.teacher(Command::SetLessonClass {
            lesson: lesson.clone(),
            class: Some(class.clone()),
        })
        .expect("class chosen");
        for pupil in absent {
            self.teacher(Command::SetAbsent {
                lesson: lesson.clone(),
                pupil: pupil.clone(),
                absent: true,
            })
            .expect("absence marked");
        }
        let choices = withme_core::groups::MakerChoices {
            balance_labels: true,
            avoid_recent: true,
            seed,
        };
        let request = self.library.group_request(&lesson, choices).unwrap();
        let groups = withme_core::groups::maker::make_groups(&request, size)?;
        self.teacher(Command::SetGroups {
            lesson: lesson.clone(),
            groups,
        })
        .expect("groups set");
        if !self.library.class(class).unwrap().roles().is_empty() {
            self.teacher(Command::AssignRoles {
                lesson: lesson.clone(),
            })
            .expect("roles given out");
        }
        Ok(lesson)
    }
}

impl Scenario {
    /// Who holds which role in `lesson` (members without a role are left out).
    pub fn roles_held(
        &self,
        lesson: &LessonId,
    ) -> std::collections::BTreeMap<PupilId, withme_core::RoleId> {
        self.library
            .lesson(lesson)
            .unwrap()
            .groups()
            .groups
            .iter()
            .flat_map(|g| &g.members)
            .filter_map(|m| Some((m.pupil.clone(), m.role.clone()?)))
            .collect()
    }
}

/// The enquiry's everyday moves, for tests that need a vote or a parking lot on the way.
impl Scenario {
    /// `pupil` asks a question (alone) and it is returned.
    pub fn ask(&mut self, lesson: &LessonId, pupil: &PupilId, words: &str) -> QuestionId {
        let id = QuestionId::from(&self.next_id());
        self.pupil(
            pupil,
            Command::AskQuestion {
                lesson: lesson.clone(),
                text: text(words),
                with: Vec::new(),
            },
        )
        .expect("question asked");
        id
    }

    /// The teacher approves a question.
    pub fn approve(&mut self, lesson: &LessonId, question: &QuestionId) {
        self.teacher(Command::ApproveQuestion {
            lesson: lesson.clone(),
            question: question.clone(),
        })
        .expect("approved");
    }

    /// Each pupil asks one question, and every one is approved.
    pub fn approved_questions(&mut self, lesson: &LessonId, askers: &[PupilId]) -> Vec<QuestionId> {
        let words = [
            "Is a white lie still a lie?",
            "Can a lie ever be kind?",
            "Do animals lie?",
        ];
        askers
            .iter()
            .enumerate()
            .map(|(i, pupil)| {
                let q = self.ask(lesson, pupil, words[i % words.len()]);
                self.approve(lesson, &q);
                q
            })
            .collect()
    }

    /// The teacher opens a poll; its id is returned.
    pub fn open_poll(
        &mut self,
        lesson: &LessonId,
        method: VoteMethod,
        blind: bool,
        options: &[QuestionId],
    ) -> PollId {
        let id = PollId::from(&self.next_id());
        self.teacher(Command::OpenPoll {
            lesson: lesson.clone(),
            method,
            blind,
            secret: false,
            options: options.to_vec(),
        })
        .expect("poll opened");
        id
    }

    /// `pupil` casts a ballot.
    pub fn vote(
        &mut self,
        lesson: &LessonId,
        pupil: &PupilId,
        poll: &PollId,
        choices: &[&QuestionId],
    ) -> Result<Event, Rejection> {
        self.pupil(
            pupil,
            Command::CastBallot {
                lesson: lesson.clone(),
                poll: poll.clone(),
                choices: choices.iter().map(|c| (*c).clone()).collect(),
            },
        )
    }

    /// The teacher closes a poll.
    pub fn close(&mut self, lesson: &LessonId, poll: &PollId) {
        self.teacher(Command::ClosePoll {
            lesson: lesson.clone(),
            poll: poll.clone(),
        })
        .expect("closed");
    }
}
