//! `/lessons/:id/pass`: one tablet passed round the class for a secret ballot.

use leptos::prelude::*;
use withme_core::PupilId;

use crate::pupil::WaitingForLesson;
use crate::pupil::{BallotForm, BallotPaper, DeliveryNote};
use crate::state::use_tablet;
use crate::ui::NoticeTray;

/// What the passed tablet needs: the open vote's questions and who is on the list. Never a
/// ballot: whoever holds the tablet sees only who has voted, not how (and in a secret vote,
/// nobody's choices are kept at all).
#[derive(Clone, PartialEq)]
struct PassRound {
    paper: BallotPaper,
    pupils: Vec<(PupilId, String)>,
    voted: Vec<PupilId>,
}

/// Each pupil taps their name, votes, and the screen clears before the next.
#[component]
pub fn PassDevicePage() -> impl IntoView {
    let tablet = use_tablet();
    let round = Memo::new(move |_| {
        tablet.with_view(|view| {
            let view = view?;
            let vote = view.vote.as_ref()?;
            let class = view.class.as_ref()?;
            Some(PassRound {
                paper: BallotPaper::blank(&view.lesson, vote),
                pupils: class
                    .roster
                    .iter()
                    .map(|p| (p.id.clone(), p.name.to_string()))
                    .collect(),
                voted: vote.voted.clone(),
            })
        })
    });
    let holder = RwSignal::new(None::<(PupilId, String)>);
    let thanked = RwSignal::new(false);
    crate::ui::page_title(|| "Pass the tablet".into());
    let cast = Callback::new(move |()| {
        holder.set(None);
        thanked.set(true);
    });

    // The screens change only when a vote opens or closes, or the tablet changes hands: a
    // ballot arriving never rebuilds the ballot of the pupil holding it.
    let open = Memo::new(move |_| round.with(|r| r.as_ref().map(|r| r.paper.secret)));
    let names = move || {
        round.get().map(|round| {
            let count = format!(
                "{} of {} have voted.",
                round.voted.len(),
                round.pupils.len()
            );
            let buttons = round
                .pupils
                .iter()
                .cloned()
                .map(|(id, name)| {
                    let done = round.voted.contains(&id);
                    let label = if done {
                        format!("{name} (voted)")
                    } else {
                        name.clone()
                    };
                    view! {
                        <li>
                            <button type="button" class="name-button" class:voted=done disabled=done
                                on:click=move |_| holder.set(Some((id.clone(), name.clone())))>
                                {label}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="pupil-lead">{count}</p>
                <ul class="name-grid">{buttons}</ul>
            }
        })
    };

    view! {
        <main class="pupil pass" id="main">
            <DeliveryNote />
            {move || match (open.get(), holder.get(), thanked.get()) {
                (None, _, _) if !tablet.has_view() => view! { <WaitingForLesson /> }.into_any(),
                (None, _, _) => view! {
                    <h1>"No vote is open"</h1>
                    <p class="pupil-lead">"When your teacher opens a vote, it appears here."</p>
                }.into_any(),
                (Some(false), _, _) => view! {
                    <h1>"This vote isn't secret"</h1>
                    <p class="pupil-lead">
                        "Passing one tablet round needs a secret vote, so that nobody's choice is kept. Ask your teacher to open the vote as a secret ballot."
                    </p>
                }.into_any(),
                (Some(true), None, true) => view! {
                    <h1>"Thank you!"</h1>
                    <p class="pupil-lead" role="status">"Your vote is in. Pass the tablet to the next person."</p>
                    <button type="button" class="primary big" on:click=move |_| thanked.set(false)>"Next person"</button>
                }.into_any(),
                (Some(true), None, false) => view! {
                    <h1>"Pass the tablet: tap your name"</h1>
                    {names}
                }.into_any(),
                (Some(true), Some((pupil, name)), _) => {
                    let paper = round.with_untracked(|r| r.as_ref().map(|r| r.paper.clone()));
                    view! {
                        <h1>{format!("{name}, your secret vote")}</h1>
                        {paper.map(|paper| view! {
                            <BallotForm pupil paper on_cast=cast />
                        })}
                        <button type="button" class="link-button" on:click=move |_| holder.set(None)>
                            {format!("Not {name}? Go back to the names")}
                        </button>
                    }.into_any()
                }
            }}
        </main>
        <NoticeTray />
    }
}
