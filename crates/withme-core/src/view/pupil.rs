//! What a pupil's device may hold of a lesson: [`PupilView`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::parts::{ClassSeen, GroupSeen, PlanSeen};
use crate::class::Class;
use crate::enquiry::{QuestionStatus, StimulusKind, ThinkingTime, VoteMethod};
use crate::groups::Role;
use crate::ids::{LessonId, PollId, ProposalId, PupilId, QuestionId};
use crate::lesson::Lesson;
use crate::library::Library;
use crate::proposal::{ProposalKind, ProposalStatus};
use crate::text::{ItemText, LessonTitle, Notes, Reason, RoleName};

/// A lesson as a pupil's device may hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PupilView {
    /// The lesson.
    pub lesson: LessonId,
    /// Its title.
    pub title: LessonTitle,
    /// Its class's names, to tap one; `None` while the lesson has no class.
    pub class: Option<ClassSeen>,
    /// The vote taking ballots, if one is open (a tablet passed round shows it to each pupil).
    pub vote: Option<OpenVote>,
    /// The chosen pupil's lesson; `None` until someone chooses their name.
    pub me: Option<PupilSide>,
    /// Until someone chooses their name: the lesson's groups (as the Board shows them), for a
    /// group's tablet to choose its group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupSeen>,
}

/// The vote taking ballots: its questions, and who has voted (never how).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenVote {
    /// The poll.
    pub poll: PollId,
    /// How to vote.
    pub method: VoteMethod,
    /// A secret ballot: cast once, never changed, never kept with the pupil's name.
    pub secret: bool,
    /// The questions the class can see, in order.
    pub options: Vec<QuestionSeen>,
    /// Who has voted.
    pub voted: Vec<PupilId>,
}

/// The lesson for one chosen pupil.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PupilSide {
    /// Who.
    pub pupil: PupilId,
    /// The plan as the class sees it.
    pub plan: PlanSeen,
    /// Their own ideas (with the teacher's answers) and classmates' waiting ideas (to back).
    pub ideas: Vec<IdeaSeen>,
    /// The enquiry, as they may see it.
    pub enquiry: PupilEnquiry,
    /// Marked absent from this lesson.
    pub absent: bool,
    /// Their group, once groups are made.
    pub group: Option<GroupSeen>,
    /// Why the teacher gave them their role by hand (theirs only).
    pub my_reason: Option<Reason>,
    /// The class's roles, for the role cards.
    pub roles: Vec<Role>,
    /// Their roles in the class's lessons, oldest first.
    pub role_history: Vec<RoleTurnSeen>,
}

/// An idea, as one pupil may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdeaSeen {
    /// The idea.
    pub id: ProposalId,
    /// What kind of entry it proposes.
    pub kind: ProposalKind,
    /// What it says.
    pub text: ItemText,
    /// Whether this pupil wrote it.
    pub mine: bool,
    /// Where it stands: the whole answer (a note included) for their own, always
    /// [`ProposalStatus::Pending`] for a classmate's (only waiting ones are shown).
    pub status: ProposalStatus,
    /// How many back it.
    pub backers: u32,
    /// Whether this pupil backs it.
    pub backed_by_me: bool,
}

/// The stimulus on a tablet: a picture is only named (the tablet never fetches it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum StimulusSeen {
    /// Words to read.
    Text(Notes),
    /// A picture, shown on the Board.
    Picture,
}

/// An approved question, as the class sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSeen {
    /// The question.
    pub id: QuestionId,
    /// What it asks.
    pub text: ItemText,
}

/// One of the pupil's own questions, whatever became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MyQuestion {
    /// The question.
    pub id: QuestionId,
    /// What it asks.
    pub text: ItemText,
    /// Where it stands (with the teacher's note, when sent back).
    pub status: QuestionStatus,
    /// Kept off the Board by the teacher.
    pub hidden: bool,
}

/// The enquiry on a pupil's device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PupilEnquiry {
    /// What to think about.
    pub stimulus: Option<StimulusSeen>,
    /// The thinking-time countdown.
    pub thinking: Option<ThinkingTime>,
    /// The approved questions, oldest first.
    pub on_board: Vec<QuestionSeen>,
    /// The pupil's own questions.
    pub mine: Vec<MyQuestion>,
    /// Their ballot in the open vote (never kept for a secret one).
    pub my_ballot: Option<Vec<QuestionId>>,
    /// The question the class chose.
    pub chosen: Option<ItemText>,
}

/// A role the pupil held in one of the class's lessons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleTurnSeen {
    /// The lesson's title.
    pub lesson: LessonTitle,
    /// The role.
    pub role: RoleName,
}

/// What every pupil of a lesson shares, worked out once for a room.
pub(super) struct Shared<'a> {
    lesson_id: LessonId,
    title: LessonTitle,
    class: Option<ClassSeen>,
    plan: PlanSeen,
    stimulus: Option<StimulusSeen>,
    thinking: Option<ThinkingTime>,
    on_board: Vec<QuestionSeen>,
    chosen: Option<ItemText>,
    vote: Option<OpenVote>,
    groups: Vec<GroupSeen>,
    roles: Vec<Role>,
    histories: BTreeMap<PupilId, Vec<RoleTurnSeen>>,
    lesson: &'a Lesson,
}

impl<'a> Shared<'a> {
    pub(super) fn new(library: &Library, lesson: &'a Lesson, class: Option<&Class>) -> Self {
        let plan = PlanSeen::of(lesson.plan());
        let enquiry = lesson.enquiry();
        let groups = GroupSeen::all(lesson);
        let on_board: Vec<QuestionSeen> = enquiry
            .public_questions()
            .map(|q| QuestionSeen {
                id: q.id.clone(),
                text: q.text.clone(),
            })
            .collect();
        let named = plan.credited().chain(
            groups
                .iter()
                .flat_map(|g| g.members.iter().map(|m| &m.pupil)),
        );
        let vote = enquiry.open_poll().map(|poll| OpenVote {
            poll: poll.id.clone(),
            method: poll.method,
            secret: poll.secret,
            options: poll
                .options
                .iter()
                .filter_map(|id| on_board.iter().find(|q| &q.id == id).cloned())
                .collect(),
            voted: poll
                .ballots
                .keys()
                .chain(&poll.secret_voters)
                .cloned()
                .collect(),
        });
        Shared {
            lesson_id: lesson.id().clone(),
            title: lesson.plan().title.clone(),
            class: class.map(|c| ClassSeen::of(c, named)),
            stimulus: enquiry.stimulus.as_ref().map(|s| match s.kind {
                StimulusKind::ImageLink => StimulusSeen::Picture,
                StimulusKind::Text | StimulusKind::Description => {
                    StimulusSeen::Text(s.text.clone())
                }
            }),
            thinking: enquiry.thinking,
            on_board,
            chosen: plan.enquiry_question.clone(),
            vote,
            plan,
            groups,
            roles: class.map(|c| c.roles().to_vec()).unwrap_or_default(),
            histories: class.map(|c| histories(library, c)).unwrap_or_default(),
            lesson,
        }
    }

    pub(super) fn pupil_view(&self, pupil: Option<&PupilId>) -> PupilView {
        let me = pupil
            .filter(|p| self.class.as_ref().is_some_and(|c| c.name_of(p).is_some()))
            .map(|p| self.side(p));
        PupilView {
            lesson: self.lesson_id.clone(),
            title: self.title.clone(),
            class: self.class.clone(),
            vote: self.vote.clone(),
            groups: if me.is_none() {
                self.groups.clone()
            } else {
                Vec::new()
            },
            me,
        }
    }

    fn side(&self, pupil: &PupilId) -> PupilSide {
        let groups = self.lesson.groups();
        let my_group = self
            .groups
            .iter()
            .find(|g| g.members.iter().any(|m| &m.pupil == pupil));
        let my_reason = groups
            .group_of(pupil)
            .and_then(|(_, g)| g.member(pupil))
            .and_then(|m| m.override_reason.clone());
        PupilSide {
            pupil: pupil.clone(),
            plan: self.plan.clone(),
            ideas: self.ideas(pupil),
            enquiry: self.enquiry(pupil),
            absent: groups.is_absent(pupil),
            group: my_group.cloned(),
            my_reason,
            roles: self.roles.clone(),
            role_history: self.histories.get(pupil).cloned().unwrap_or_default(),
        }
    }

    fn ideas(&self, pupil: &PupilId) -> Vec<IdeaSeen> {
        self.lesson
            .proposals()
            .iter()
            .filter(|p| p.is_by(pupil) || p.status == ProposalStatus::Pending)
            .map(|p| IdeaSeen {
                id: p.id.clone(),
                kind: p.kind,
                text: p.text.clone(),
                mine: p.is_by(pupil),
                status: p.status.clone(),
                backers: p.backers.len() as u32,
                backed_by_me: p.backers.contains(pupil),
            })
            .collect()
    }

    fn enquiry(&self, pupil: &PupilId) -> PupilEnquiry {
        let enquiry = self.lesson.enquiry();
        PupilEnquiry {
            stimulus: self.stimulus.clone(),
            thinking: self.thinking,
            on_board: self.on_board.clone(),
            mine: enquiry
                .questions
                .iter()
                .filter(|q| q.is_by(pupil))
                .map(|q| MyQuestion {
                    id: q.id.clone(),
                    text: q.text.clone(),
                    status: q.status.clone(),
                    hidden: q.hidden,
                })
                .collect(),
            my_ballot: enquiry
                .open_poll()
                .and_then(|poll| poll.ballots.get(pupil).cloned()),
            chosen: self.chosen.clone(),
        }
    }
}

/// Every pupil's roles in the class's grouped lessons, oldest first, read once for a room.
fn histories(library: &Library, class: &Class) -> BTreeMap<PupilId, Vec<RoleTurnSeen>> {
    let mut histories: BTreeMap<PupilId, Vec<RoleTurnSeen>> = BTreeMap::new();
    for lesson in library.grouped_lessons(class.id(), None) {
        for member in lesson.groups().groups.iter().flat_map(|g| &g.members) {
            let Some(role) = member.role.as_ref().and_then(|r| class.role(r)) else {
                continue;
            };
            histories
                .entry(member.pupil.clone())
                .or_default()
                .push(RoleTurnSeen {
                    lesson: lesson.plan().title.clone(),
                    role: role.name.clone(),
                });
        }
    }
    histories
}
