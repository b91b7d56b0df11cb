//! What the Board may show of a lesson: [`BoardView`], what the whole class may see.

use serde::{Deserialize, Serialize};

use super::parts::{ClassSeen, GroupSeen, PlanSeen};
use crate::enquiry::{
    BloomLevel, BoardStage, Enquiry, LessonTimer, Poll, Quadrant, Standing, Stimulus, ThinkingTime,
    VoteMethod,
};
use crate::groups::Role;
use crate::ids::{ItemId, LessonId, PollId, PupilId, QuestionId};
use crate::lesson::Lesson;
use crate::library::Library;
use crate::plan::Plan;
use crate::text::{ItemText, PhaseTitle};

/// A lesson as the Board may show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoardView {
    /// The lesson.
    pub lesson: LessonId,
    /// The plan as the class sees it.
    pub plan: PlanSeen,
    /// The class's names.
    pub class: Option<ClassSeen>,
    /// What the teacher put on the Board.
    pub stage: BoardStage,
    /// The stimulus (a picture's address included: the Board shows it).
    pub stimulus: Option<Stimulus>,
    /// The thinking-time countdown.
    pub thinking: Option<ThinkingTime>,
    /// The lesson timer, with the phase it times and the one after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timer: Option<TimerSeen>,
    /// The approved questions, oldest first.
    pub questions: Vec<BoardQuestion>,
    /// Every vote, oldest first, its counts only once they may be shown.
    pub polls: Vec<PollSeen>,
    /// The groups and their roles.
    pub groups: Vec<GroupSeen>,
    /// The class's roles, for the cards.
    pub roles: Vec<Role>,
    /// The picker.
    pub picker: BoardPicker,
}

/// The lesson timer as the Board shows it: the phase of the plan it times, and what comes next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimerSeen {
    /// The countdown.
    pub timer: LessonTimer,
    /// The phase it times, if it times one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<PhaseTitle>,
    /// The phase after it in the plan, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<NextPhase>,
}

/// The phase that comes next, for a button that starts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextPhase {
    /// Its id in the plan.
    pub id: ItemId,
    /// Its title.
    pub title: PhaseTitle,
}

impl TimerSeen {
    /// The Board's view of `timer`, with its phase and the next one looked up in `plan`.
    pub fn of(timer: &LessonTimer, plan: &Plan) -> Self {
        let at = timer
            .phase
            .as_ref()
            .and_then(|id| plan.phases.iter().position(|p| &p.id == id));
        TimerSeen {
            timer: timer.clone(),
            phase: at.map(|at| plan.phases[at].title.clone()),
            next: at
                .and_then(|at| plan.phases.get(at + 1))
                .map(|p| NextPhase {
                    id: p.id.clone(),
                    title: p.title.clone(),
                }),
        }
    }
}

/// An approved question on the Board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoardQuestion {
    /// The question.
    pub id: QuestionId,
    /// What it asks.
    pub text: ItemText,
    /// Who asked it.
    pub authors: Vec<PupilId>,
    /// Its quadrant, once sorted.
    pub quadrant: Option<Quadrant>,
    /// Its Bloom level, once tagged.
    pub bloom: Option<BloomLevel>,
}

/// One option of a vote, as the class sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSeen {
    /// The question.
    pub id: QuestionId,
    /// What it asks; `None` once the teacher has hidden it (or sent it back).
    pub text: Option<ItemText>,
}

/// A vote's results, once they may be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// Each option's votes or points, in the order of the options.
    pub tally: Vec<u32>,
    /// Who leads, or who ties.
    pub standing: Standing,
    /// The question chosen, once closed.
    pub winner: Option<QuestionId>,
    /// The winner is the teacher's choice in a tie.
    pub by_teacher: bool,
}

/// A vote as the class may see it: who has voted is a number, never a list, and the counts are
/// there only when they may be shown (never for a blind vote before it is revealed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollSeen {
    /// The poll.
    pub id: PollId,
    /// How pupils vote.
    pub method: VoteMethod,
    /// A blind vote.
    pub blind: bool,
    /// A secret ballot.
    pub secret: bool,
    /// Still taking ballots.
    pub open: bool,
    /// A run-off of a tied vote.
    pub run_off: bool,
    /// The questions voted on.
    pub options: Vec<OptionSeen>,
    /// How many have voted.
    pub voters: u32,
    /// How many pupils are on the class list.
    pub class_size: u32,
    /// The counts, when they may be shown.
    pub results: Option<Results>,
}

impl PollSeen {
    /// `poll` as the class may see it. A hidden count is never worked out, so it cannot leak.
    pub fn of(enquiry: &Enquiry, poll: &Poll, class_size: usize) -> Self {
        let results = poll.tallies_shown().then(|| {
            let count = poll.count();
            Results {
                tally: count.tally.into_iter().map(|(_, score)| score).collect(),
                standing: count.standing,
                winner: count.winner,
                by_teacher: poll.teacher_choice.is_some(),
            }
        });
        PollSeen {
            id: poll.id.clone(),
            method: poll.method,
            blind: poll.blind,
            secret: poll.secret,
            open: poll.open,
            run_off: poll.runoff_of.is_some(),
            options: poll
                .options
                .iter()
                .map(|id| OptionSeen {
                    id: id.clone(),
                    text: enquiry
                        .question(id)
                        .filter(|q| q.is_public())
                        .map(|q| q.text.clone()),
                })
                .collect(),
            voters: poll.voters() as u32,
            class_size: class_size as u32,
            results,
        }
    }
}

/// The picker as the Board shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoardPicker {
    /// The latest name drawn this round, and whether they passed.
    pub latest: Option<(PupilId, bool)>,
    /// How many present pupils have not had a turn this round.
    pub waiting: u32,
    /// How many pupils are present.
    pub present: u32,
}

pub(super) fn board_view(library: &Library, lesson: &Lesson) -> BoardView {
    let class = lesson.plan().class.as_ref().and_then(|c| library.class(c));
    let enquiry = lesson.enquiry();
    let plan = PlanSeen::of(lesson.plan());
    let groups = GroupSeen::all(lesson);
    let questions: Vec<BoardQuestion> = enquiry
        .public_questions()
        .map(|q| BoardQuestion {
            id: q.id.clone(),
            text: q.text.clone(),
            authors: q.authors.clone(),
            quadrant: q.quadrant,
            bloom: q.bloom,
        })
        .collect();
    let named = plan
        .credited()
        .chain(
            groups
                .iter()
                .flat_map(|g| g.members.iter().map(|m| &m.pupil)),
        )
        .chain(questions.iter().flat_map(|q| &q.authors));
    let class_seen = class.map(|c| ClassSeen::of(c, named));
    let class_size = class.map_or(0, |c| c.roster().count());
    let present: Vec<PupilId> = library
        .present_pupils(lesson.id())
        .iter()
        .map(|p| p.id().clone())
        .collect();
    let picker = class.map(|c| c.picker());
    BoardView {
        lesson: lesson.id().clone(),
        plan,
        stage: enquiry.board.clone(),
        stimulus: enquiry.stimulus.clone(),
        thinking: enquiry.thinking,
        timer: enquiry
            .timer
            .as_ref()
            .map(|timer| TimerSeen::of(timer, lesson.plan())),
        polls: enquiry
            .polls
            .iter()
            .map(|p| PollSeen::of(enquiry, p, class_size))
            .collect(),
        questions,
        groups,
        roles: class.map(|c| c.roles().to_vec()).unwrap_or_default(),
        picker: BoardPicker {
            latest: picker
                .and_then(|p| p.latest())
                .map(|pick| (pick.pupil.clone(), pick.passed)),
            waiting: picker.map_or(0, |p| p.waiting(&present).len() as u32),
            present: present.len() as u32,
        },
        class: class_seen,
    }
}
