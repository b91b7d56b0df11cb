//! What the Board shows of the enquiry, stage by stage, as the teacher chooses: read from the
//! Board's projection only.

use leptos::prelude::*;
use withme_core::enquiry::{BoardStage, Quadrant, StimulusKind};
use withme_core::view::{BoardQuestion, BoardView, ItemSeen};
use withme_core::{LessonId, PollId, QuestionId};

use crate::board::use_board;
use crate::board::{BoardGroups, BoardPicker};
use crate::enquiry::PollResults;
use crate::enquiry::{PollView, turnout};

/// One stage, with only what the whole class may see.
#[derive(Clone, PartialEq)]
enum Stage {
    Plan {
        outcomes: Vec<String>,
        criteria: Vec<String>,
        question: Option<String>,
    },
    Stimulus {
        kind: StimulusKind,
        text: String,
    },
    /// The approved questions, each with its quadrant once sorted.
    Questions(Vec<(Option<Quadrant>, String)>),
    Airing {
        text: String,
        place: usize,
        of: usize,
    },
    Poll(PollId),
    Groups,
    Picker,
    /// The end of the lesson: the success criteria again.
    Review {
        criteria: Vec<String>,
        question: Option<String>,
    },
}

fn airing(public: &[BoardQuestion], question: &QuestionId) -> Option<Stage> {
    let at = public.iter().position(|q| &q.id == question)?;
    Some(Stage::Airing {
        text: public[at].text.to_string(),
        place: at + 1,
        of: public.len(),
    })
}

/// The stage the teacher chose for the Board.
#[component]
pub fn BoardStageView(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let board = use_board();
    let lesson = StoredValue::new(lesson);
    let stage = Memo::new(move |_| board.0.with(|view| view.as_ref().map(stage_of)));
    let list = |items: Vec<String>| {
        items
            .into_iter()
            .map(|t| view! { <li>{t}</li> })
            .collect_view()
    };
    move || {
        stage.get().map(|stage| match stage {
            Stage::Plan { outcomes, criteria, question } => view! {
                {question.map(|q| view! { <p class="board-question">{q}</p> })}
                {(!outcomes.is_empty()).then(|| view! { <h2>"We are learning to"</h2><ul class="board-list">{list(outcomes)}</ul> })}
                {(!criteria.is_empty()).then(|| view! { <h2>"Success looks like"</h2><ul class="board-list">{list(criteria)}</ul> })}
            }.into_any(),
            Stage::Stimulus { kind: StimulusKind::ImageLink, text } => view! {
                <img class="board-image" src=text alt="The stimulus picture" referrerpolicy="no-referrer" />
            }.into_any(),
            Stage::Stimulus { text, .. } => view! { <p class="board-stimulus">{text}</p> }.into_any(),
            Stage::Questions(questions) => view! {
                <h2>{format!("Our questions ({})", questions.len())}</h2>
                {sorted_questions(questions)}
            }.into_any(),
            Stage::Airing { text, place, of } => view! {
                <p class="board-count">{format!("Question {place} of {of}")}</p>
                <p class="board-question airing">{text}</p>
            }.into_any(),
            Stage::Poll(poll) => view! { <LivePoll poll /> }.into_any(),
            Stage::Groups => view! { <BoardGroups /> }.into_any(),
            Stage::Picker => view! { <BoardPicker lesson=lesson.get_value() /> }.into_any(),
            Stage::Review { criteria, question } => view! {
                <h2>"How did we do?"</h2>
                {question.map(|q| view! { <p class="board-question">{q}</p> })}
                {if criteria.is_empty() {
                    view! { <p class="board-details">"Talk about what went well, and what we would do differently."</p> }.into_any()
                } else {
                    view! { <p class="board-details">"Did we…"</p><ul class="board-list review">{list(criteria)}</ul> }.into_any()
                }}
            }.into_any(),
        })
    }
}

/// The stage the Board's projection asks for, with what it needs to show.
fn stage_of(view: &BoardView) -> Stage {
    let texts = |items: &[ItemSeen]| items.iter().map(|i| i.text.to_string()).collect();
    let plan = || Stage::Plan {
        outcomes: texts(&view.plan.outcomes),
        criteria: texts(&view.plan.criteria),
        question: view.plan.enquiry_question.as_ref().map(|q| q.to_string()),
    };
    match &view.stage {
        BoardStage::Plan => plan(),
        BoardStage::Stimulus => match &view.stimulus {
            Some(s) => Stage::Stimulus {
                kind: s.kind,
                text: s.text.to_string(),
            },
            None => Stage::Stimulus {
                kind: StimulusKind::Description,
                text: String::new(),
            },
        },
        BoardStage::Questions => Stage::Questions(
            view.questions
                .iter()
                .map(|q| (q.quadrant, q.text.to_string()))
                .collect(),
        ),
        BoardStage::Airing { question } => airing(&view.questions, question).unwrap_or_else(plan),
        BoardStage::Poll { poll } if view.polls.iter().any(|p| &p.id == poll) => {
            Stage::Poll(poll.clone())
        }
        BoardStage::Poll { .. } => plan(),
        BoardStage::Groups => Stage::Groups,
        BoardStage::Picker => Stage::Picker,
        BoardStage::Review => Stage::Review {
            criteria: texts(&view.plan.criteria),
            question: view.plan.enquiry_question.as_ref().map(|q| q.to_string()),
        },
    }
}

/// A poll on the Board. Built once per poll: a ballot arriving updates the turnout and the
/// numbers in place (the Board must paint it within a frame, with 40 pupils and 60 questions).
#[component]
fn LivePoll(poll: PollId) -> impl IntoView {
    let board = use_board();
    let live = Memo::new(move |previous: Option<&PollView>| {
        board.0.with(|view| {
            view.as_ref()
                .and_then(|v| v.polls.iter().find(|p| p.id == poll))
                .map(PollView::from_seen)
                .or_else(|| previous.cloned())
                .expect("the Board shows a poll only while it exists")
        })
    });
    let open = Memo::new(move |_| live.with(|p| p.open));
    let shown = Memo::new(move |_| live.with(|p| p.shown));
    view! {
        <h2>{move || if open.get() { "Vote now" } else { "The vote is closed" }}</h2>
        <p class="board-turnout" aria-live="polite">{move || live.with(turnout)}</p>
        {move || if shown.get() {
            view! { <PollResults poll=live /> }.into_any()
        } else {
            view! {
                <ol class="board-choices" aria-label="The choices">
                    {move || live.with(|p| p.rows.iter().map(|row| view! { <li>{row.text.clone()}</li> }).collect_view())}
                </ol>
                <p class="board-blind">"The results stay hidden until your teacher reveals them."</p>
            }.into_any()
        }}
    }
}

/// The questions in one list, or by quadrant once the teacher has sorted any.
fn sorted_questions(questions: Vec<(Option<Quadrant>, String)>) -> AnyView {
    let list = |items: Vec<String>| {
        let items = items
            .into_iter()
            .map(|t| view! { <li>{t}</li> })
            .collect_view();
        view! { <ul class="board-questions">{items}</ul> }
    };
    if questions.iter().all(|(quadrant, _)| quadrant.is_none()) {
        return list(questions.into_iter().map(|(_, t)| t).collect()).into_any();
    }
    let group = |quadrant: Option<Quadrant>| {
        let texts: Vec<String> = questions
            .iter()
            .filter(|(q, _)| *q == quadrant)
            .map(|(_, t)| t.clone())
            .collect();
        let title = quadrant.map_or("Not sorted yet", Quadrant::label);
        (!texts.is_empty()).then(|| view! { <h3 class="board-group">{title}</h3>{list(texts)} })
    };
    let groups: Vec<_> = Quadrant::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .filter_map(group)
        .collect();
    view! { <div class="board-quadrants">{groups}</div> }.into_any()
}
