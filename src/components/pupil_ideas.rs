//! The Pupil view's part in the plan: the success criteria, suggesting ideas, and backing
//! classmates' ideas. A pupil sees their own ideas' answers and others' waiting ideas, never a
//! note the teacher sent someone else.

use leptos::prelude::*;
use withme_core::{Command, ItemText, LessonId, ProposalId, ProposalKind, ProposalStatus, PupilId};

use super::{TextForm, linked_text, list_of, unique_id};
use crate::format::proposal_kind;
use crate::state::{LessonDispatch, use_dispatch, use_library, use_notices};

/// An idea as this pupil may see it.
#[derive(Clone, PartialEq)]
struct Idea {
    id: ProposalId,
    kind: ProposalKind,
    text: String,
    mine: bool,
    backers: usize,
    backed_by_me: bool,
    status: ProposalStatus,
}

fn send(dispatch: LessonDispatch, pupil: &PupilId, command: Command) -> Result<(), String> {
    dispatch
        .as_pupil(pupil.clone(), command)
        .map(drop)
        .map_err(|r| r.to_string())
}

/// Criteria, the suggestion form, "My ideas" and "Classmates' ideas".
#[component]
pub fn PupilIdeas(
    /// The lesson.
    lesson: LessonId,
    /// The pupil using this tablet.
    pupil: PupilId,
) -> impl IntoView {
    let library = use_library();
    let dispatch = use_dispatch();
    let notices = use_notices();
    let lesson = StoredValue::new(lesson);
    let pupil = StoredValue::new(pupil);
    let criteria = Memo::new(move |_| {
        library.with(|lib| {
            lesson
                .with_value(|id| lib.lesson(id))
                .map(|l| {
                    l.plan()
                        .criteria
                        .iter()
                        .map(|c| c.text.to_string())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let ideas = Memo::new(move |_| {
        library.with(|lib| {
            let Some(l) = lesson.with_value(|id| lib.lesson(id)) else {
                return Vec::new();
            };
            pupil.with_value(|me| {
                l.proposals()
                    .iter()
                    .filter(|p| p.is_by(me) || p.status == ProposalStatus::Pending)
                    .map(|p| Idea {
                        id: p.id.clone(),
                        kind: p.kind,
                        text: p.text.to_string(),
                        mine: p.is_by(me),
                        backers: p.backers.len(),
                        backed_by_me: p.backers.contains(me),
                        status: p.status.clone(),
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let mine = Memo::new(move |_| {
        ideas.with(|i| i.iter().filter(|i| i.mine).cloned().collect::<Vec<_>>())
    });
    let others = Memo::new(move |_| {
        ideas.with(|i| i.iter().filter(|i| !i.mine).cloned().collect::<Vec<_>>())
    });
    let kind = RwSignal::new(ProposalKind::Criterion);
    let group = unique_id("kind");
    let suggest = Callback::new(move |text: String| {
        let text = ItemText::parse(&text).map_err(|e| e.to_string())?;
        let command = Command::Propose {
            lesson: lesson.get_value(),
            kind: kind.get_untracked(),
            text,
        };
        pupil.with_value(|me| send(dispatch, me, command))?;
        notices.info("Sent! Your teacher will look at it.".to_owned());
        Ok(())
    });

    view! {
        <section class="pupil-section" aria-labelledby="criteria-heading">
            <h2 id="criteria-heading">"How we'll know we've done well"</h2>
            {move || criteria.with(Vec::is_empty).then(|| view! { <p>"No success criteria yet. Suggest one!"</p> })}
            <ul class="pupil-criteria">
                {move || criteria.get().into_iter().map(|c| view! { <li>{linked_text(&c)}</li> }).collect_view()}
            </ul>
        </section>
        <section class="pupil-section" aria-labelledby="suggest-heading">
            <h2 id="suggest-heading">"Suggest an idea"</h2>
            <fieldset class="kind-picker">
                <legend>"What kind of idea?"</legend>
                {ProposalKind::ALL.map(|k| view! {
                    <label class="kind-option">
                        <input type="radio" name=group.clone() prop:checked=move || kind.get() == k on:change=move |_| kind.set(k) />
                        {proposal_kind(k)}
                    </label>
                }).collect_view()}
            </fieldset>
            <TextForm label="Your idea" submit="Send to my teacher" on_submit=suggest class="suggest-form" />
        </section>
        <section class="pupil-section" aria-labelledby="mine-heading">
            <h2 id="mine-heading">"My ideas"</h2>
            {move || mine.with(Vec::is_empty).then(|| view! { <p>"You haven't suggested anything yet."</p> })}
            <ul class="idea-list">
                {list_of(mine, move |idea| view! {
                    <MyIdea lesson=lesson.get_value() pupil=pupil.get_value() idea />
                }.into_any())}
            </ul>
        </section>
        <section class="pupil-section" aria-labelledby="others-heading">
            <h2 id="others-heading">"Classmates' ideas"</h2>
            <p class="field-hint">"Back an idea you like with +1."</p>
            {move || others.with(Vec::is_empty).then(|| view! { <p>"No ideas from classmates yet."</p> })}
            <ul class="idea-list">
                {move || others.get().into_iter().map(|idea| {
                    let id = idea.id.clone();
                    let back = move |_| {
                        let command = Command::BackProposal { lesson: lesson.get_value(), proposal: id.clone() };
                        if let Err(reason) = pupil.with_value(|me| send(dispatch, me, command)) {
                            notices.problem(reason);
                        }
                    };
                    view! {
                        <li class="idea">
                            <p class="proposal-kind">{proposal_kind(idea.kind)}</p>
                            <p class="proposal-text">{idea.text.clone()}</p>
                            <button
                                type="button"
                                class="back-button"
                                aria-pressed=if idea.backed_by_me { "true" } else { "false" }
                                aria-label=format!("Back “{}”", idea.text)
                                disabled=idea.backed_by_me
                                on:click=back
                            >
                                {format!("+1 · {}", idea.backers)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// One of the pupil's own ideas, with what happened to it.
#[component]
fn MyIdea(lesson: LessonId, pupil: PupilId, idea: Idea) -> impl IntoView {
    let dispatch = use_dispatch();
    let notices = use_notices();
    let lesson = StoredValue::new(lesson);
    let pupil = StoredValue::new(pupil);
    let id = StoredValue::new(idea.id.clone());
    let (status, open) = match &idea.status {
        ProposalStatus::Pending => ("Waiting for your teacher.".to_owned(), true),
        ProposalStatus::SentBack { note } => (format!("Your teacher asks: “{note}”"), true),
        ProposalStatus::Accepted | ProposalStatus::Merged => {
            ("In the plan! Thank you.".to_owned(), false)
        }
        ProposalStatus::Declined => ("Not taken this time.".to_owned(), false),
        ProposalStatus::Withdrawn => ("You took this back.".to_owned(), false),
    };
    let sent_back = matches!(idea.status, ProposalStatus::SentBack { .. });
    let reword = Callback::new(move |text: String| {
        let text = ItemText::parse(&text).map_err(|e| e.to_string())?;
        let command = Command::ReviseProposal {
            lesson: lesson.get_value(),
            proposal: id.get_value(),
            text,
        };
        pupil.with_value(|me| send(dispatch, me, command))?;
        notices.info("Sent again. Your teacher will look at it.".to_owned());
        Ok(())
    });
    let withdraw = move |_| {
        let command = Command::WithdrawProposal {
            lesson: lesson.get_value(),
            proposal: id.get_value(),
        };
        if let Err(reason) = pupil.with_value(|me| send(dispatch, me, command)) {
            notices.problem(reason);
        }
    };
    view! {
        <li class="idea" class:sent-back=sent_back>
            <p class="proposal-kind">{proposal_kind(idea.kind)}</p>
            <p class="proposal-text">{idea.text.clone()}</p>
            <p class="idea-status">
                {status}
                {(idea.backers > 0).then(|| format!(" +{} backing.", idea.backers))}
            </p>
            {sent_back.then(|| view! {
                <TextForm label="Reword your idea" initial=idea.text.clone() submit="Send again" on_submit=reword class="suggest-form" />
            })}
            {open.then(|| view! { <button type="button" class="quiet" on:click=withdraw>"Take it back"</button> })}
        </li>
    }
}
