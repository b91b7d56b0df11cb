//! A class of 29 for the load: the lesson as the teacher takes it live (questions approved, a
//! vote open, ideas on the table), and what each device does each turn.

use withme_core::enquiry::{BoardStage, VoteMethod};
use withme_core::{
    Author, ClassName, Command, DeviceId, ItemText, LessonId, LessonTitle, Library, OpId,
    Operation, PollId, ProposalId, ProposalKind, PupilId, PupilName, QuestionId, Timestamp,
};

/// Pupils in each class.
pub const PUPILS: usize = 29;

/// A live lesson's starting point, and the ids its devices use.
pub struct Classroom {
    pub library: Library,
    pub lesson: LessonId,
    pub pupils: Vec<PupilId>,
    pub poll: PollId,
    pub options: Vec<QuestionId>,
    pub ideas: Vec<ProposalId>,
}

impl Classroom {
    /// The class, its lesson, six approved questions in an open vote, and six ideas.
    pub fn new() -> Self {
        let mut library = Library::default();
        let device = DeviceId::parse("teacherhome").expect("a valid id");
        let mut seq = 0;
        let mut apply = |library: &mut Library, author: Author, command: Command| {
            seq += 1;
            let op = Operation {
                id: OpId::new(device.clone(), seq),
                author,
                at: Timestamp::from_millis(1_800_000_000_000 + seq),
                command,
            };
            library.apply(&op).expect("the classroom is valid");
            op.id
        };
        let class_op = apply(
            &mut library,
            Author::Teacher,
            Command::CreateClass {
                name: ClassName::parse("Year 5 Oak").expect("a name"),
            },
        );
        let class = withme_core::ClassId::from(&class_op);
        let names = (1..=PUPILS)
            .map(|n| PupilName::parse(&format!("Pupil {n}")).expect("a name"))
            .collect();
        let pupils_op = apply(
            &mut library,
            Author::Teacher,
            Command::AddPupils {
                class: class.clone(),
                names,
            },
        );
        let pupils: Vec<PupilId> = (1..=PUPILS)
            .map(|i| PupilId::nth_added_by(&pupils_op, i))
            .collect();
        let lesson_op = apply(
            &mut library,
            Author::Teacher,
            Command::CreateLesson {
                title: LessonTitle::parse("Is it ever right to lie?").expect("a title"),
                class: Some(class),
                template: None,
            },
        );
        let lesson = LessonId::from(&lesson_op);
        let pupil = |n: usize| Author::Pupil {
            pupil: pupils[n].clone(),
        };
        let mut options = Vec::new();
        let mut ideas = Vec::new();
        for n in 0..6 {
            let asked = apply(
                &mut library,
                pupil(n),
                Command::AskQuestion {
                    lesson: lesson.clone(),
                    text: text(&format!("Starting question {n}?")),
                    with: Vec::new(),
                },
            );
            let question = QuestionId::from(&asked);
            for command in [
                Command::ApproveQuestion {
                    lesson: lesson.clone(),
                    question: question.clone(),
                },
                Command::SetQuestionForward {
                    lesson: lesson.clone(),
                    question: question.clone(),
                    forward: true,
                },
            ] {
                apply(&mut library, Author::Teacher, command);
            }
            options.push(question);
            let idea = apply(
                &mut library,
                pupil(n + 6),
                Command::Propose {
                    lesson: lesson.clone(),
                    kind: ProposalKind::Criterion,
                    text: text(&format!("I can give reason {n}")),
                    with: Vec::new(),
                },
            );
            ideas.push(ProposalId::from(&idea));
        }
        let poll_op = apply(
            &mut library,
            Author::Teacher,
            Command::OpenPoll {
                lesson: lesson.clone(),
                method: VoteMethod::Single,
                blind: false,
                secret: false,
                options: options.clone(),
            },
        );
        Self {
            library,
            lesson,
            pupils,
            poll: PollId::from(&poll_op),
            options,
            ideas,
        }
    }

    /// What pupil `n` does on turn `turn`: mostly votes (changing their mind), sometimes backs
    /// an idea, now and then asks a question.
    pub fn pupil_turn(&self, n: usize, turn: u64, roll: u64) -> Command {
        let lesson = self.lesson.clone();
        match roll % 20 {
            0..=11 => Command::CastBallot {
                lesson,
                poll: self.poll.clone(),
                choices: vec![self.options[(roll as usize / 20 + n) % self.options.len()].clone()],
            },
            12..=16 => Command::BackProposal {
                lesson,
                proposal: self.ideas[(roll as usize / 20) % self.ideas.len()].clone(),
            },
            _ => Command::AskQuestion {
                lesson,
                text: text(&format!("Why does pupil {n} wonder about {turn}?")),
                with: Vec::new(),
            },
        }
    }

    /// What the teacher does: approves a waiting question if there is one, else moves the Board
    /// between the questions and the vote.
    pub fn teacher_turn(&self, turn: u64, waiting: Option<QuestionId>) -> Command {
        let lesson = self.lesson.clone();
        match waiting {
            Some(question) => Command::ApproveQuestion { lesson, question },
            None => Command::ShowOnBoard {
                lesson,
                stage: if turn.is_multiple_of(2) {
                    BoardStage::Questions
                } else {
                    BoardStage::Poll {
                        poll: self.poll.clone(),
                    }
                },
            },
        }
    }
}

fn text(words: &str) -> ItemText {
    ItemText::parse(words).expect("a valid text")
}
