//! The enquiry on a pupil's tablet: the stimulus, asking questions (alone, in a pair or as a
//! group) with stems on tap, their own questions, and the ballot when a vote is open.
//!
//! The window already holds only what this pupil may see (a pupil's tablet keeps the library as
//! `Library::seen_by_pupil` leaves it); this view reads from it only the approved questions and
//! the pupil's own questions and ballot.

use leptos::prelude::*;
use withme_core::enquiry::{
    BloomLevel, Enquiry, QuestionStatus, StimulusKind, THINKING_STEMS, VoteMethod,
};
use withme_core::{Command, ItemText, LessonId, PupilId, QuestionId};

use super::{BallotForm, BallotPaper, DraftArea, TextForm, list_of};
use crate::format::class_of;
use crate::state::{LibraryView, use_acting, use_library};

/// A pupil's own question, as they see it.
#[derive(Clone, PartialEq)]
struct MyQuestion {
    id: QuestionId,
    text: String,
    status: String,
    note: Option<String>,
}

fn status_words(status: &QuestionStatus, hidden: bool) -> String {
    match (status, hidden) {
        (_, true) => "Your teacher has kept this one off the Board.".into(),
        (QuestionStatus::Approved, _) => "On the Board!".into(),
        (QuestionStatus::SentBack { .. }, _) => "Sent back: have another go.".into(),
        (QuestionStatus::Merged { .. }, _) => "Joined with a similar question.".into(),
        (QuestionStatus::Pending, _) => "Waiting for your teacher.".into(),
    }
}

/// The enquiry part of the Pupil view.
#[component]
pub fn PupilEnquiry(
    /// The lesson.
    lesson: LessonId,
    /// The pupil holding the tablet.
    pupil: PupilId,
) -> impl IntoView {
    let library = use_library();
    let lesson = StoredValue::new(lesson);
    let me = StoredValue::new(pupil);
    // A picture is shown on the Board only: the tablet never fetches it from another site.
    let stimulus = Memo::new(move |_| {
        read_enquiry(library, lesson, |e| {
            let stimulus = e.stimulus.as_ref()?;
            Some(match stimulus.kind {
                StimulusKind::ImageLink => "Look at the picture on the Board.".to_owned(),
                _ => stimulus.text.to_string(),
            })
        })
        .flatten()
    });
    let paper = Memo::new(move |_| read_enquiry(library, lesson, ballot_paper(me)).flatten());
    let on_board = Memo::new(move |_| {
        read_enquiry(library, lesson, |e| {
            e.public_questions()
                .map(|q| q.text.to_string())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let mine = Memo::new(move |_| {
        read_enquiry(library, lesson, |enquiry| {
            enquiry
                .questions
                .iter()
                .filter(|q| me.with_value(|p| q.is_by(p)))
                .map(|q| MyQuestion {
                    id: q.id.clone(),
                    text: q.text.to_string(),
                    status: status_words(&q.status, q.hidden),
                    note: match &q.status {
                        QuestionStatus::SentBack { note } => Some(note.to_string()),
                        _ => None,
                    },
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    view! {
        {move || stimulus.get().map(|text| view! {
            <section class="pupil-section" aria-labelledby="stimulus-pupil">
                <h2 id="stimulus-pupil">"Think about this"</h2>
                <p class="stimulus-text">{text}</p>
            </section>
        })}
        {move || paper.get().map(|paper| view! {
            <section class="pupil-section vote-section" aria-labelledby="vote-pupil">
                <h2 id="vote-pupil">"Vote"</h2>
                {if paper.method == VoteMethod::HandsUp {
                    view! { <p class="pupil-lead">"Put your hand up when your teacher reads out your choice."</p> }.into_any()
                } else {
                    let voted = paper.mine.is_some();
                    view! {
                        {voted.then(|| view! { <p class="pupil-done" role="status">"Your vote is in. You can change it until the vote closes."</p> })}
                        <BallotForm lesson=lesson.get_value() pupil=me.get_value() paper />
                    }.into_any()
                }}
            </section>
        })}
        <AskQuestion lesson=lesson.get_value() pupil=me.get_value() />
        {move || (!on_board.with(Vec::is_empty)).then(|| view! {
            <section class="pupil-section" aria-labelledby="on-board">
                <h2 id="on-board">"Our questions on the Board"</h2>
                <ul class="board-copy">
                    {list_of(on_board, |text| view! { <li>{text}</li> }.into_any())}
                </ul>
            </section>
        })}
        <section class="pupil-section" aria-labelledby="my-questions">
            <h2 id="my-questions">"My questions"</h2>
            {move || mine.with(Vec::is_empty).then(|| view! { <p class="empty-note">"None yet."</p> })}
            <ul class="my-ideas">
                {list_of(mine, move |q| view! { <MyQuestionCard lesson=lesson.get_value() pupil=me.get_value() question=q /> }.into_any())}
            </ul>
        </section>
    }
}

/// Reads the lesson's enquiry (tracked), if the lesson is on this device.
fn read_enquiry<R>(
    library: LibraryView,
    lesson: StoredValue<LessonId>,
    read: impl FnOnce(&Enquiry) -> R,
) -> Option<R> {
    library.with(|lib| lesson.with_value(|id| lib.lesson(id).map(|l| read(l.enquiry()))))
}

/// The ballot paper for the enquiry's open poll, with `pupil`'s own ballot.
fn ballot_paper(pupil: StoredValue<PupilId>) -> impl Fn(&Enquiry) -> Option<BallotPaper> {
    move |enquiry| {
        let poll = enquiry.open_poll()?;
        Some(BallotPaper {
            poll: poll.id.clone(),
            method: poll.method,
            options: poll
                .options
                .iter()
                .filter_map(|id| {
                    enquiry
                        .question(id)
                        .map(|q| (id.clone(), q.text.to_string()))
                })
                .collect(),
            mine: pupil.with_value(|p| poll.ballots.get(p).cloned()),
        })
    }
}

/// One of the pupil's questions, with a reword form when it was sent back.
#[component]
fn MyQuestionCard(lesson: LessonId, pupil: PupilId, question: MyQuestion) -> impl IntoView {
    let acting = use_acting();
    let id = question.id.clone();
    let reword = Callback::new(move |text: String| {
        let text = ItemText::parse(&text).map_err(|e| e.to_string())?;
        acting.pupil(
            pupil.clone(),
            Command::ReviseQuestion {
                lesson: lesson.clone(),
                question: id.clone(),
                text,
            },
        )
    });
    view! {
        <li class="my-idea">
            <p class="proposal-text">{question.text.clone()}</p>
            <p class="proposal-note">{question.status}</p>
            {question.note.map(|note| view! {
                <p class="proposal-note">{format!("Your teacher says: “{note}”")}</p>
                <TextForm label="Reword your question" initial=question.text submit="Send again" on_submit=reword class="inline-form" />
            })}
        </li>
    }
}

/// Asking a question, with stems on tap and classmates to ask with.
#[component]
fn AskQuestion(lesson: LessonId, pupil: PupilId) -> impl IntoView {
    let library = use_library();
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let me = StoredValue::new(pupil);
    let classmates = Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                let Some(class) = lib.lesson(id).and_then(|l| class_of(lib, l)) else {
                    return Vec::new();
                };
                class
                    .roster()
                    .filter(|p| me.with_value(|m| p.id() != m))
                    .map(|p| (p.id().clone(), p.name().to_string()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let draft = RwSignal::new(String::new());
    let with = RwSignal::new(Vec::<PupilId>::new());
    let error = RwSignal::new(None::<String>);
    let sent = RwSignal::new(false);
    let ask = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let outcome = ItemText::parse(&draft.get_untracked())
            .map_err(|e| e.to_string())
            .and_then(|text| {
                acting.pupil(
                    me.get_value(),
                    Command::AskQuestion {
                        lesson: lesson.get_value(),
                        text,
                        with: with.get_untracked(),
                    },
                )
            });
        sent.set(outcome.is_ok());
        if outcome.is_ok() {
            draft.set(String::new());
            with.set(Vec::new());
        }
        error.set(outcome.err());
    };
    let stem_button = move |stem: &'static str| {
        view! {
            <li>
                <button type="button" class="chip" on:click=move |_| {
                    draft.update(|d| {
                        if !d.is_empty() && !d.ends_with(' ') { d.push(' ') }
                        d.push_str(stem);
                    });
                    sent.set(false);
                }>{stem}</button>
            </li>
        }
    };
    view! {
        <section class="pupil-section" aria-labelledby="ask-heading">
            <h2 id="ask-heading">"Ask a question"</h2>
            <details class="stems">
                <summary>"Need a start? Tap a question stem"</summary>
                <h3>"Thinking questions"</h3>
                <ul class="chip-list">{THINKING_STEMS.into_iter().map(stem_button).collect_view()}</ul>
                {BloomLevel::ALL.into_iter().map(|level| view! {
                    <h3>{level.label()}</h3>
                    <ul class="chip-list">{level.stems().iter().copied().map(stem_button).collect_view()}</ul>
                }).collect_view()}
            </details>
            <form class="ask-form" on:submit=ask>
                <DraftArea label="Your question" draft error rows=2 />
                <details class="ask-with">
                    <summary>"Asking with a partner or a group?"</summary>
                    <ul class="with-list">
                        {move || classmates.get().into_iter().map(|(id, name)| {
                            let id = StoredValue::new(id);
                            view! {
                                <li>
                                    <label class="choice">
                                        <input type="checkbox"
                                            prop:checked=move || with.with(|w| id.with_value(|i| w.contains(i)))
                                            on:change=move |_| with.update(|w| {
                                                let id = id.get_value();
                                                if w.contains(&id) { w.retain(|p| *p != id) } else { w.push(id) }
                                            }) />
                                        {name}
                                    </label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </details>
                <button type="submit" class="primary big">"Send my question"</button>
                <p class="pupil-done" role="status">{move || sent.get().then_some("Sent! Your teacher will look at it.")}</p>
            </form>
        </section>
    }
}
