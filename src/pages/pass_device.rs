//! `/lessons/:id/pass`: one tablet passed round the class for a secret ballot.

use std::collections::BTreeSet;

use leptos::prelude::*;
use withme_core::PupilId;

use crate::components::{BallotForm, BallotPaper, DeliveryNote, NoticeTray};
use crate::routes::use_lesson_id;
use crate::state::use_library;

/// What the passed tablet needs: the open poll's questions and who is on the list. Never a
/// ballot: whoever holds the tablet sees only who has voted, not how.
#[derive(Clone, PartialEq)]
struct PassRound {
    paper: BallotPaper,
    pupils: Vec<(PupilId, String)>,
    voted: BTreeSet<PupilId>,
}

/// Each pupil taps their name, votes, and the screen clears before the next.
#[component]
pub fn PassDevicePage() -> impl IntoView {
    let library = use_library();
    let lesson_id = use_lesson_id();
    let round = Memo::new(move |_| {
        let id = lesson_id.get()?;
        library.with(|lib| {
            let lesson = lib.lesson(&id).filter(|l| !l.is_deleted())?;
            let enquiry = lesson.enquiry();
            let poll = enquiry.open_poll()?;
            let class = crate::format::class_of(lib, lesson)?;
            Some(PassRound {
                paper: BallotPaper {
                    poll: poll.id.clone(),
                    method: poll.method,
                    options: poll
                        .options
                        .iter()
                        .filter_map(|q| {
                            enquiry.question(q).map(|x| (q.clone(), x.text.to_string()))
                        })
                        .collect(),
                    mine: None,
                },
                pupils: class
                    .roster()
                    .map(|p| (p.id().clone(), p.name().to_string()))
                    .collect(),
                voted: poll.ballots.keys().cloned().collect(),
            })
        })
    });
    let holder = RwSignal::new(None::<(PupilId, String)>);
    let thanked = RwSignal::new(false);
    super::page_title(|| "Pass the tablet".into());
    let cast = Callback::new(move |()| {
        holder.set(None);
        thanked.set(true);
    });

    // The screens change only when a vote opens or closes, or the tablet changes hands: a
    // ballot arriving never rebuilds the ballot of the pupil holding it.
    let open = Memo::new(move |_| round.with(Option::is_some));
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
                            <button type="button" class="name-button" class:voted=done
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
                (false, _, _) => view! {
                    <h1>"No vote is open"</h1>
                    <p class="pupil-lead">"When your teacher opens a vote, it appears here."</p>
                }.into_any(),
                (true, None, true) => view! {
                    <h1>"Thank you!"</h1>
                    <p class="pupil-lead" role="status">"Your vote is in. Pass the tablet to the next person."</p>
                    <button type="button" class="primary big" on:click=move |_| thanked.set(false)>"Next person"</button>
                }.into_any(),
                (true, None, false) => view! {
                    <h1>"Pass the tablet: tap your name"</h1>
                    {names}
                }.into_any(),
                (true, Some((pupil, name)), _) => {
                    let paper = round.with_untracked(|r| r.as_ref().map(|r| r.paper.clone()));
                    view! {
                        <h1>{format!("{name}, your secret vote")}</h1>
                        {paper.zip(lesson_id.get_untracked()).map(|(paper, lesson)| view! {
                            <BallotForm lesson pupil paper on_cast=cast />
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
