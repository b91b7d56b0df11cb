//! The teacher's control of the latest poll: close, reveal, hands-up counts, tie breaks, the
//! results, CSV, and making the winner the lesson's enquiry question.

use leptos::prelude::*;
use withme_core::enquiry::{BoardStage, Enquiry, Poll, Standing, poll_csv};
use withme_core::{Command, LessonId, PollId, QuestionId};

use crate::browser::files::download_text;
use crate::enquiry::{PollResults, PollSetup};
use crate::enquiry::{PollView, QuestionRow, turnout, use_poll_view};
use crate::state::{use_acting, use_library};

fn latest(enquiry: &Enquiry) -> Option<&Poll> {
    enquiry.polls.last()
}

/// The vote: set one up, or run the one open, then act on its result.
#[component]
pub fn PollPanel(
    /// The lesson.
    lesson: LessonId,
    /// Its questions, for setting up a vote.
    rows: Memo<Vec<QuestionRow>>,
) -> impl IntoView {
    let library = use_library();
    let lesson = StoredValue::new(lesson);
    let poll = use_poll_view(lesson, latest);
    let chosen = Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                let found = lib.lesson(id)?;
                found.enquiry().chosen.as_ref()?;
                found
                    .plan()
                    .enquiry_question
                    .as_ref()
                    .map(|q| q.to_string())
            })
        })
    });
    let acting = use_acting();
    let reopen = move |_| {
        acting.teacher_then(
            Command::ReopenEnquiry {
                lesson: lesson.get_value(),
            },
            "The question is out of the plan, and its classmates out of the parking lot.",
        );
    };
    view! {
        <section class="plan-section" aria-labelledby="vote-heading">
            <h2 id="vote-heading">"Vote"</h2>
            {move || chosen.get().map(|question| view! {
                <div class="chosen-question">
                    <p>
                        "The class's enquiry question: " <strong>{question}</strong>
                        " It is in the plan; the other questions are in the class's parking lot."
                    </p>
                    <button type="button" on:click=reopen>"Choose again"</button>
                </div>
            })}
            {move || match poll.get() {
                Some(current) if current.open => view! { <OpenPoll lesson=lesson.get_value() poll=current /> }.into_any(),
                Some(last) => view! {
                    <ClosedPoll lesson=lesson.get_value() poll=last finished=chosen.with(Option::is_some) />
                    {chosen.with(Option::is_none).then(|| view! {
                        <h3>"Another vote"</h3>
                        <PollSetup lesson=lesson.get_value() rows />
                    })}
                }.into_any(),
                None => view! { <PollSetup lesson=lesson.get_value() rows /> }.into_any(),
            }}
        </section>
    }
}

fn method_line(poll: &PollView) -> String {
    let blind = if poll.blind { " · blind" } else { "" };
    let secret = if poll.secret {
        " · secret ballot: only the counts are kept"
    } else {
        ""
    };
    let run_off = if poll.run_off { "Run-off · " } else { "" };
    format!("{run_off}{}{blind}{secret}", poll.method.describe())
}

/// A poll taking ballots.
#[component]
fn OpenPoll(lesson: LessonId, poll: PollView) -> impl IntoView {
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let id = StoredValue::new(poll.id.clone());
    let close = move |_| {
        acting.teacher_or_say(Command::ClosePoll {
            lesson: lesson.get_value(),
            poll: id.get_value(),
        });
    };
    let hands_up = poll.method == withme_core::enquiry::VoteMethod::HandsUp;
    view! {
        <p class="poll-method">{method_line(&poll)}</p>
        <p class="turnout" aria-live="polite">{turnout(&poll)}</p>
        {hands_up.then(|| view! { <HandsForm lesson=lesson.get_value() poll=poll.clone() /> })}
        {poll.shown.then(|| view! { <PollResults poll=Signal::stored(poll.clone()) /> })}
        <div class="row-actions">
            <button type="button" class="primary" on:click=close>"Close the vote"</button>
            <ShowPollButton lesson=lesson.get_value() poll=id.get_value() />
        </div>
    }
}

/// The teacher types a hands-up count per question.
#[component]
fn HandsForm(lesson: LessonId, poll: PollView) -> impl IntoView {
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let id = StoredValue::new(poll.id.clone());
    let counts = RwSignal::new(poll.rows.iter().map(|r| r.score).collect::<Vec<u32>>());
    let error = RwSignal::new(None::<String>);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let outcome = acting.teacher(Command::TallyHands {
            lesson: lesson.get_value(),
            poll: id.get_value(),
            counts: counts.get_untracked(),
        });
        error.set(outcome.err());
    };
    let fields = poll
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            view! {
                <label class="hands-field">
                    <span>{format!("Hands for “{}”", row.text)}</span>
                    <input
                        type="number"
                        min="0"
                        max="999"
                        prop:value=move || counts.with(|c| c[index].to_string())
                        on:input=move |event| {
                            let value = event_target_value(&event).parse().unwrap_or(0u32).min(999);
                            counts.update(|c| c[index] = value);
                        }
                    />
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="hands-form" on:submit=save>
            {fields}
            <button type="submit" class="primary">"Save the counts"</button>
            <p class="field-error" aria-live="polite">{move || error.get()}</p>
        </form>
    }
}

/// Puts a poll on the Board.
#[component]
fn ShowPollButton(lesson: LessonId, poll: PollId) -> impl IntoView {
    let acting = use_acting();
    let show = move |_| {
        acting.teacher_or_say(Command::ShowOnBoard {
            lesson: lesson.clone(),
            stage: BoardStage::Poll { poll: poll.clone() },
        });
    };
    view! { <button type="button" on:click=show>"Show the vote on the Board"</button> }
}

/// A closed poll: reveal, break a tie, choose the enquiry question, download.
#[component]
fn ClosedPoll(lesson: LessonId, poll: PollView, finished: bool) -> impl IntoView {
    let acting = use_acting();
    let library = use_library();
    let lesson = StoredValue::new(lesson);
    let id = StoredValue::new(poll.id.clone());
    let act = move |command: Command| {
        acting.teacher_or_say(command);
    };
    let reveal = move |_| {
        act(Command::RevealPoll {
            lesson: lesson.get_value(),
            poll: id.get_value(),
        })
    };
    let run_off = move |_| {
        act(Command::OpenRunOff {
            lesson: lesson.get_value(),
            poll: id.get_value(),
        })
    };
    let choose = move |question: QuestionId| {
        act(Command::ChooseTieWinner {
            lesson: lesson.get_value(),
            poll: id.get_value(),
            question,
        })
    };
    let finish = move |question: QuestionId| {
        acting.teacher_then(
            Command::FinishEnquiry {
                lesson: lesson.get_value(),
                question,
            },
            "It is the lesson's enquiry question now.",
        )
    };
    let download = move |_| {
        let csv = library.with_untracked(|lib| {
            let enquiry = lesson.with_value(|l| lib.lesson(l).map(|l| l.enquiry().clone()))?;
            let poll = id.with_value(|p| enquiry.poll(p).cloned())?;
            Some(poll_csv(&poll, &enquiry))
        });
        if let Some(csv) = csv
            && let Err(reason) = download_text("withme-vote.csv", "text/csv", &csv)
        {
            acting.say_problem(reason);
        }
    };
    let tie = match &poll.standing {
        Some(Standing::Tie(tied)) if !poll.by_teacher => tied
            .iter()
            .map(|q| (q.clone(), poll.text_of(q)))
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let winner = poll.winner.clone().map(|q| (poll.text_of(&q), q));
    view! {
        <p class="poll-method">{method_line(&poll)}</p>
        <p class="turnout">{format!("Closed. {}.", turnout(&poll))}</p>
        {(!poll.shown).then(|| view! {
            <p>"The results are hidden until you reveal them."</p>
            <button type="button" class="primary" on:click=reveal>"Reveal the results"</button>
        })}
        {poll.shown.then(|| view! { <PollResults poll=Signal::stored(poll.clone()) /> })}
        {(!tie.is_empty() && !finished).then(|| view! {
            <div class="tie-break" role="group" aria-labelledby="tie-heading">
                <h3 id="tie-heading">{format!("A tie between {} questions", tie.len())}</h3>
                <button type="button" class="primary" on:click=run_off>"Run-off between the tied questions"</button>
                {tie.into_iter().map(|(q, text)| view! {
                    <button type="button" on:click=move |_| choose(q.clone())>
                        {format!("I choose “{text}”")}
                    </button>
                }).collect_view()}
            </div>
        })}
        {winner.map(|(text, q)| view! {
            <p class="winner">
                {if poll.by_teacher { "Chosen by the teacher in a tie: " } else { "The class chose: " }}
                <strong>{text}</strong>
            </p>
            {(!finished).then(|| view! {
                <button type="button" class="primary" on:click=move |_| finish(q.clone())>
                    "Make it the enquiry question"
                </button>
            })}
        })}
        <div class="row-actions">
            {poll.shown.then(|| view! {
                <button type="button" on:click=download>"Download the results (CSV)"</button>
            })}
            <ShowPollButton lesson=lesson.get_value() poll=id.get_value() />
        </div>
    }
}
