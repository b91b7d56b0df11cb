//! What the enquiry's screens show, worked out from the library: rows of questions and the
//! count of a poll. Pure reads; the components render them.

use leptos::prelude::*;
use withme_core::coproduction::names;
use withme_core::enquiry::{
    BloomLevel, Enquiry, Poll, Quadrant, QuestionStatus, Standing, VoteMethod,
};
use withme_core::view::PollSeen;
use withme_core::{LessonId, Library, PollId, QuestionId};

use crate::format::class_of;
use crate::state::use_library;

/// A question as the teacher's lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QuestionRow {
    /// Its id.
    pub id: QuestionId,
    /// What it asks.
    pub text: String,
    /// Its authors' names: "Amira and Ben".
    pub by: String,
    /// Where it stands.
    pub status: QuestionStatus,
    /// Hidden by the teacher.
    pub hidden: bool,
    /// Its quadrant.
    pub quadrant: Option<Quadrant>,
    /// Its Bloom level.
    pub bloom: Option<BloomLevel>,
    /// Going forward to the vote.
    pub forward: bool,
    /// The class may see it (`Question::is_public`).
    pub public: bool,
}

/// Every question of a lesson that is not merged away, oldest first.
pub fn question_rows(library: &Library, lesson: &LessonId) -> Vec<QuestionRow> {
    let Some(found) = library.lesson(lesson) else {
        return Vec::new();
    };
    let class = class_of(library, found);
    found
        .enquiry()
        .questions
        .iter()
        .filter(|q| !matches!(q.status, QuestionStatus::Merged { .. }))
        .map(|q| QuestionRow {
            id: q.id.clone(),
            text: q.text.to_string(),
            by: names(class, &q.authors),
            status: q.status.clone(),
            hidden: q.hidden,
            quadrant: q.quadrant,
            bloom: q.bloom,
            forward: q.forward,
            public: q.is_public(),
        })
        .collect()
}

/// A memo of [`question_rows`] for one lesson, made once by the Enquiry page and shared by its
/// sections.
pub fn use_question_rows(lesson: StoredValue<LessonId>) -> Memo<Vec<QuestionRow>> {
    let library = use_library();
    Memo::new(move |_| library.with(|lib| lesson.with_value(|id| question_rows(lib, id))))
}

/// One line of a poll's count.
#[derive(Debug, Clone, PartialEq)]
pub struct CountRow {
    /// The question.
    pub id: QuestionId,
    /// What it asks.
    pub text: String,
    /// Its votes or points.
    pub score: u32,
}

/// A poll as the Board and the teacher's panel show it. The count is filled only when it may
/// be shown (never for a blind poll before it is revealed).
#[derive(Debug, Clone, PartialEq)]
pub struct PollView {
    /// Its id.
    pub id: PollId,
    /// How pupils vote.
    pub method: VoteMethod,
    /// A blind vote.
    pub blind: bool,
    /// A secret ballot: only counts and who voted are kept.
    pub secret: bool,
    /// Still taking ballots.
    pub open: bool,
    /// How many pupils have voted.
    pub voters: usize,
    /// How many pupils are on the class list.
    pub class_size: usize,
    /// The questions, with their scores when they may be shown.
    pub rows: Vec<CountRow>,
    /// Whether `rows` carries the scores.
    pub shown: bool,
    /// Leader or tie, when shown.
    pub standing: Option<Standing>,
    /// The question it chose, once closed and shown.
    pub winner: Option<QuestionId>,
    /// The winner is the teacher's choice in a tie.
    pub by_teacher: bool,
    /// This poll is a run-off.
    pub run_off: bool,
}

impl PollView {
    /// The text of one of its questions.
    pub fn text_of(&self, id: &QuestionId) -> String {
        self.rows
            .iter()
            .find(|r| &r.id == id)
            .map(|r| r.text.clone())
            .unwrap_or_default()
    }
}

/// The poll as it may be shown to the whole class: made from the class's projection of it
/// ([`PollSeen`]), so the teacher's panel and the Board show exactly the same.
pub fn poll_view(library: &Library, lesson: &LessonId, poll: &Poll) -> PollView {
    let found = library.lesson(lesson);
    let class_size = found
        .and_then(|l| class_of(library, l))
        .map_or(0, |c| c.roster().count());
    let none = Enquiry::default();
    let enquiry = found.map_or(&none, |l| l.enquiry());
    PollView::from_seen(&PollSeen::of(enquiry, poll, class_size))
}

impl PollView {
    /// The poll as the class sees it. A question hidden since the vote opened shows no text.
    pub fn from_seen(poll: &PollSeen) -> Self {
        let rows = poll
            .options
            .iter()
            .enumerate()
            .map(|(i, option)| CountRow {
                id: option.id.clone(),
                text: option.text.as_ref().map_or_else(
                    || "A question your teacher has hidden".into(),
                    ToString::to_string,
                ),
                score: poll
                    .results
                    .as_ref()
                    .and_then(|r| r.tally.get(i).copied())
                    .unwrap_or(0),
            })
            .collect();
        let results = poll.results.as_ref();
        PollView {
            id: poll.id.clone(),
            method: poll.method,
            blind: poll.blind,
            secret: poll.secret,
            open: poll.open,
            voters: poll.voters as usize,
            class_size: poll.class_size as usize,
            rows,
            shown: results.is_some(),
            standing: results.map(|r| r.standing.clone()),
            winner: results.and_then(|r| r.winner.clone()),
            by_teacher: results.is_some_and(|r| r.by_teacher),
            run_off: poll.run_off,
        }
    }
}

/// A memo of the poll `pick` chooses from a lesson's enquiry.
pub fn use_poll_view(
    lesson: StoredValue<LessonId>,
    pick: fn(&Enquiry) -> Option<&Poll>,
) -> Memo<Option<PollView>> {
    let library = use_library();
    Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                let poll = pick(lib.lesson(id)?.enquiry())?;
                Some(poll_view(lib, id, poll))
            })
        })
    })
}

/// "23 of 28 have voted".
pub fn turnout(poll: &PollView) -> String {
    format!("{} of {} have voted", poll.voters, poll.class_size)
}
