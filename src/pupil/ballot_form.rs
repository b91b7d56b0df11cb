//! A pupil's ballot for the open poll, in the shape its method asks for.

use leptos::prelude::*;
use withme_core::enquiry::{VoteMethod, check_ballot};
use withme_core::view::OpenVote;
use withme_core::{LessonId, PollId, PupilCommand, PupilId, QuestionId};

use crate::state::use_tablet;

/// An open poll as one pupil sees it: the questions, and only their own ballot.
#[derive(Debug, Clone, PartialEq)]
pub struct BallotPaper {
    /// The lesson.
    pub lesson: LessonId,
    /// The poll.
    pub poll: PollId,
    /// How to vote.
    pub method: VoteMethod,
    /// A secret ballot: cast once, never changed.
    pub secret: bool,
    /// The questions, in order.
    pub options: Vec<(QuestionId, String)>,
    /// Whether this pupil has voted.
    pub voted: bool,
    /// This pupil's ballot so far, if any (never kept in a secret vote).
    pub mine: Option<Vec<QuestionId>>,
    /// A ballot of theirs is on its way to the teacher's screen.
    pub sending: bool,
}

impl BallotPaper {
    /// A blank paper for the open vote of `lesson`.
    pub fn blank(lesson: &LessonId, vote: &OpenVote) -> Self {
        Self {
            lesson: lesson.clone(),
            poll: vote.poll.clone(),
            method: vote.method,
            secret: vote.secret,
            options: vote
                .options
                .iter()
                .map(|q| (q.id.clone(), q.text.to_string()))
                .collect(),
            voted: false,
            mine: None,
            sending: false,
        }
    }
}

fn instructions(method: VoteMethod) -> String {
    match method {
        VoteMethod::Single => "Choose one question.".into(),
        VoteMethod::Multi {
            votes,
            stacking: true,
        } => format!("You have {votes} votes. You can put more than one on a question."),
        VoteMethod::Multi { votes, .. } => {
            format!("You have {votes} votes: one per question.")
        }
        VoteMethod::Omni => "Vote for as many questions as you like.".into(),
        VoteMethod::Ranked => "Put the questions in order: 1 is the one you most want.".into(),
        VoteMethod::HandsUp => "Your teacher will count hands.".into(),
    }
}

/// The ballot. Casting again replaces the pupil's earlier ballot, until the poll closes; a
/// secret ballot is cast once, as the form says before it is cast.
#[component]
pub fn BallotForm(
    /// Who is voting.
    pupil: PupilId,
    /// The poll as this pupil sees it.
    paper: BallotPaper,
    /// Called once the ballot is cast.
    #[prop(optional)]
    on_cast: Option<Callback<()>>,
) -> impl IntoView {
    let tablet = use_tablet();
    let draft = RwSignal::new(paper.mine.clone().unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let cast = {
        let (lesson, pupil, poll) = (paper.lesson.clone(), pupil.clone(), paper.poll.clone());
        let (method, options) = (
            paper.method,
            paper
                .options
                .iter()
                .map(|(id, _)| id.clone())
                .collect::<Vec<_>>(),
        );
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let choices = draft.get_untracked();
            // Checked here as the teacher's screen will check it, so the pupil hears at once.
            if let Err(problem) = check_ballot(method, &options, &choices) {
                error.set(Some(problem.to_string()));
                return;
            }
            error.set(None);
            tablet.send(
                &pupil,
                PupilCommand::CastBallot {
                    lesson: lesson.clone(),
                    poll: poll.clone(),
                    choices,
                },
            );
            if let Some(cast) = on_cast {
                cast.run(());
            }
        }
    };
    let method = paper.method;
    let count_of = move |id: &QuestionId| draft.with(|d| d.iter().filter(|c| *c == id).count());
    let rows = paper
        .options
        .iter()
        .map(|(id, text)| {
            let id = StoredValue::new(id.clone());
            let text = text.clone();
            let control = match method {
                VoteMethod::Single => view! {
                    <label class="ballot-choice">
                        <input type="radio" name="ballot"
                            prop:checked=move || id.with_value(|i| count_of(i) > 0)
                            on:change=move |_| draft.set(vec![id.get_value()]) />
                        <span>{text}</span>
                    </label>
                }.into_any(),
                VoteMethod::Multi { stacking: true, .. } => view! {
                    <div class="ballot-choice stepper">
                        <span>{text.clone()}</span>
                        <button type="button" aria-label=format!("One vote less for “{text}”")
                            on:click=move |_| draft.update(|d| {
                                if let Some(at) = id.with_value(|i| d.iter().position(|c| c == i)) {
                                    d.remove(at);
                                }
                            })>"−"</button>
                        <span class="votes-here" aria-live="polite">{move || id.with_value(|i| count_of(i)).to_string()}</span>
                        <button type="button" aria-label=format!("One vote more for “{text}”")
                            on:click=move |_| draft.update(|d| d.push(id.get_value()))>"+"</button>
                    </div>
                }.into_any(),
                VoteMethod::Ranked => {
                    let places = paper.options.len();
                    view! {
                        <label class="ballot-choice">
                            <select on:change=move |event| {
                                let place: usize = event_target_value(&event).parse().unwrap_or(0);
                                draft.update(|d| {
                                    d.retain(|c| id.with_value(|i| c != i));
                                    if place > 0 {
                                        d.insert((place - 1).min(d.len()), id.get_value());
                                    }
                                });
                            }>
                                <option value="0" selected=move || id.with_value(|i| count_of(i) == 0)>"—"</option>
                                {(1..=places).map(|place| view! {
                                    <option value=place.to_string()
                                        selected=move || draft.with(|d| id.with_value(|i| d.iter().position(|c| c == i) == Some(place - 1)))>
                                        {place.to_string()}
                                    </option>
                                }).collect_view()}
                            </select>
                            <span>{text}</span>
                        </label>
                    }.into_any()
                }
                _ => view! {
                    <label class="ballot-choice">
                        <input type="checkbox"
                            prop:checked=move || id.with_value(|i| count_of(i) > 0)
                            on:change=move |_| draft.update(|d| {
                                let id = id.get_value();
                                if d.contains(&id) { d.retain(|c| *c != id) } else { d.push(id) }
                            }) />
                        <span>{text}</span>
                    </label>
                }.into_any(),
            };
            view! { <li>{control}</li> }
        })
        .collect_view();
    let used = move || match method {
        VoteMethod::Multi { votes, .. } => {
            Some(format!("{} of {votes} votes used", draft.with(Vec::len)))
        }
        _ => None,
    };
    let voted = paper.voted;
    let secret = paper.secret;
    view! {
        <form class="ballot" on:submit=cast>
            <p class="pupil-lead">{instructions(method)}</p>
            {secret.then(|| view! {
                <p class="field-hint">"A secret vote: nobody will know how you voted, and once it is cast it can't be changed."</p>
            })}
            <ul class="ballot-list">{rows}</ul>
            <p class="votes-used" aria-live="polite">{used}</p>
            <button type="submit" class="primary big">{if voted && !secret { "Change my vote" } else { "Cast my vote" }}</button>
            <p class="field-error" aria-live="polite">{move || error.get()}</p>
        </form>
    }
}
