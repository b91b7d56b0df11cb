//! The Pupil view's part in the plan: the success criteria, suggesting ideas, and backing
//! classmates' ideas. A pupil sees their own ideas' answers and others' waiting ideas, never a
//! note the teacher sent someone else (their tablet never receives one).

use leptos::prelude::*;
use withme_core::{ItemText, ProposalId, ProposalKind, ProposalStatus, PupilCommand, PupilId};

use crate::format::proposal_kind;
use crate::plan::linked_text;
use crate::pupil::WithClassmates;
use crate::state::{Tablet, use_notices, use_tablet};
use crate::ui::{TextForm, list_of, unique_id};

/// An idea as this pupil may see it.
#[derive(Clone, PartialEq)]
struct Idea {
    /// `None` while it is still on its way to the teacher's screen.
    id: Option<ProposalId>,
    kind: ProposalKind,
    text: String,
    mine: bool,
    backers: u32,
    backed_by_me: bool,
    status: ProposalStatus,
}

/// The ideas `pupil` sees, with those still on their way shown as theirs.
fn ideas_of(tablet: Tablet, pupil: &PupilId) -> Vec<Idea> {
    let on_their_way = tablet.on_their_way(pupil);
    let backing: Vec<&ProposalId> = on_their_way
        .iter()
        .filter_map(|c| match c {
            PupilCommand::BackProposal { proposal, .. } => Some(proposal),
            _ => None,
        })
        .collect();
    let mut ideas = tablet
        .with_side(pupil, |_, me| {
            me.ideas
                .iter()
                .map(|i| {
                    let sent_backing = !i.backed_by_me && backing.contains(&&i.id);
                    Idea {
                        id: Some(i.id.clone()),
                        kind: i.kind,
                        text: i.text.to_string(),
                        mine: i.mine,
                        backers: i.backers + u32::from(sent_backing),
                        backed_by_me: i.backed_by_me || sent_backing,
                        status: i.status.clone(),
                    }
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    ideas.extend(on_their_way.iter().filter_map(|c| match c {
        PupilCommand::Propose { kind, text, .. } => Some(Idea {
            id: None,
            kind: *kind,
            text: text.to_string(),
            mine: true,
            backers: 0,
            backed_by_me: false,
            status: ProposalStatus::Pending,
        }),
        _ => None,
    }));
    ideas
}

/// Criteria, the suggestion form, "My ideas" and "Classmates' ideas".
#[component]
pub fn PupilIdeas(
    /// The pupil using this tablet.
    pupil: PupilId,
) -> impl IntoView {
    let tablet = use_tablet();
    let notices = use_notices();
    let pupil = StoredValue::new(pupil);
    let lesson = Memo::new(move |_| tablet.with_view(|v| v.map(|v| v.lesson.clone())));
    let criteria = Memo::new(move |_| {
        pupil
            .with_value(|p| {
                tablet.with_side(p, |_, me| {
                    me.plan
                        .criteria
                        .iter()
                        .map(|c| c.text.to_string())
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });
    let ideas = Memo::new(move |_| pupil.with_value(|p| ideas_of(tablet, p)));
    let mine = Memo::new(move |_| {
        ideas.with(|i| i.iter().filter(|i| i.mine).cloned().collect::<Vec<_>>())
    });
    let others = Memo::new(move |_| {
        ideas.with(|i| i.iter().filter(|i| !i.mine).cloned().collect::<Vec<_>>())
    });
    let kind = RwSignal::new(ProposalKind::Criterion);
    let with = RwSignal::new(Vec::<PupilId>::new());
    let group = unique_id("kind");
    let suggest = Callback::new(move |text: String| {
        let text = ItemText::parse(&text).map_err(|e| e.to_string())?;
        let lesson = lesson
            .get_untracked()
            .ok_or("This lesson isn't on this tablet.")?;
        let command = PupilCommand::Propose {
            lesson,
            kind: kind.get_untracked(),
            text,
            with: with.get_untracked(),
        };
        pupil.with_value(|me| tablet.send(me, command));
        with.set(Vec::new());
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
            <WithClassmates pupil=pupil.get_value() with summary="Suggesting with a partner or a group?" />
            <TextForm label="Your idea" submit="Send to my teacher" on_submit=suggest class="suggest-form" />
        </section>
        <section class="pupil-section" aria-labelledby="mine-heading">
            <h2 id="mine-heading">"My ideas"</h2>
            {move || mine.with(Vec::is_empty).then(|| view! { <p>"You haven't suggested anything yet."</p> })}
            <ul class="idea-list">
                {list_of(mine, move |idea| view! {
                    <MyIdea pupil=pupil.get_value() idea />
                }.into_any())}
            </ul>
        </section>
        <section class="pupil-section" aria-labelledby="others-heading">
            <h2 id="others-heading">"Classmates' ideas"</h2>
            <p class="field-hint">"Back an idea you like with +1."</p>
            {move || others.with(Vec::is_empty).then(|| view! { <p>"No ideas from classmates yet."</p> })}
            <ul class="idea-list">
                {move || others.get().into_iter().filter_map(|idea| {
                    let id = idea.id.clone()?;
                    let back = move |_| {
                        let Some(lesson) = lesson.get_untracked() else { return };
                        let command = PupilCommand::BackProposal { lesson, proposal: id.clone() };
                        pupil.with_value(|me| tablet.send(me, command));
                    };
                    Some(view! {
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
                    })
                }).collect_view()}
            </ul>
        </section>
    }
}

/// One of the pupil's own ideas, with what happened to it.
#[component]
fn MyIdea(pupil: PupilId, idea: Idea) -> impl IntoView {
    let tablet = use_tablet();
    let notices = use_notices();
    let pupil = StoredValue::new(pupil);
    let lesson = move || tablet.with_view(|v| v.map(|v| v.lesson.clone()));
    let Some(id) = idea.id.clone() else {
        return view! {
            <li class="idea">
                <p class="proposal-kind">{proposal_kind(idea.kind)}</p>
                <p class="proposal-text">{idea.text}</p>
                <p class="idea-status">"Sending…"</p>
            </li>
        }
        .into_any();
    };
    let id = StoredValue::new(id);
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
        let lesson = lesson().ok_or("This lesson isn't on this tablet.")?;
        let command = PupilCommand::ReviseProposal {
            lesson,
            proposal: id.get_value(),
            text,
        };
        pupil.with_value(|me| tablet.send(me, command));
        notices.info("Sent again. Your teacher will look at it.".to_owned());
        Ok(())
    });
    let withdraw = move |_| {
        let Some(lesson) = lesson() else { return };
        let command = PupilCommand::WithdrawProposal {
            lesson,
            proposal: id.get_value(),
        };
        pupil.with_value(|me| tablet.send(me, command));
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
    .into_any()
}
