//! The enquiry on a pupil's tablet: the stimulus, asking questions (alone, in a pair or as a
//! group) with stems on tap, their own questions, and the ballot when a vote is open.
//!
//! The tablet holds only the pupil's view of the lesson (`withme_core::view::PupilView`): the
//! approved questions, the pupil's own questions and ballot, and nothing of anyone else's.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use withme_core::enquiry::{BloomLevel, QuestionStatus, THINKING_STEMS, VoteMethod};
use withme_core::view::StimulusSeen;
use withme_core::{ItemText, PupilCommand, PupilId, QuestionId};

use crate::pupil::{BallotForm, BallotPaper, WithClassmates};
use crate::state::use_tablet;
use crate::ui::{DraftArea, TextForm, list_of};

/// A pupil's own question, as they see it.
#[derive(Clone, PartialEq)]
struct MyQuestion {
    /// `None` while it is still on its way to the teacher's screen.
    id: Option<QuestionId>,
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
    /// The pupil holding the tablet.
    pupil: PupilId,
) -> impl IntoView {
    let tablet = use_tablet();
    let me = StoredValue::new(pupil);
    // A picture is shown on the Board only: the tablet never fetches it from another site.
    let stimulus = Memo::new(move |_| {
        me.with_value(|p| {
            tablet.with_side(p, |_, side| match side.enquiry.stimulus.as_ref()? {
                StimulusSeen::Picture => Some("Look at the picture on the Board.".to_owned()),
                StimulusSeen::Text(text) => Some(text.to_string()),
            })
        })
        .flatten()
    });
    let paper = Memo::new(move |_| me.with_value(|p| ballot_paper(tablet, p)));
    let on_board = Memo::new(move |_| {
        me.with_value(|p| {
            tablet.with_side(p, |_, side| {
                side.enquiry
                    .on_board
                    .iter()
                    .map(|q| q.text.to_string())
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default()
    });
    let mine = Memo::new(move |_| me.with_value(|p| my_questions(tablet, p)));
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
                    let done = match (paper.sending, paper.voted, paper.secret) {
                        (true, _, _) => Some("Sending your vote…"),
                        (false, true, true) => Some("Your secret vote is in. Thank you!"),
                        (false, true, false) => Some("Your vote is in. You can change it until the vote closes."),
                        (false, false, _) => None,
                    };
                    let open = !(paper.voted && paper.secret);
                    view! {
                        {done.map(|words| view! { <p class="pupil-done" role="status">{words}</p> })}
                        {open.then(|| view! { <BallotForm pupil=me.get_value() paper=paper.clone() /> })}
                    }.into_any()
                }}
            </section>
        })}
        <AskQuestion pupil=me.get_value() />
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
                {list_of(mine, move |q| view! { <MyQuestionCard pupil=me.get_value() question=q /> }.into_any())}
            </ul>
        </section>
    }
}

/// The ballot paper for the open vote, with `pupil`'s own ballot.
fn ballot_paper(tablet: crate::state::Tablet, pupil: &PupilId) -> Option<BallotPaper> {
    let sending = tablet
        .on_their_way(pupil)
        .into_iter()
        .any(|c| matches!(c, PupilCommand::CastBallot { .. }));
    tablet
        .with_side(pupil, |view, side| {
            let vote = view.vote.as_ref()?;
            Some(BallotPaper {
                voted: vote.voted.contains(pupil),
                mine: side.enquiry.my_ballot.clone(),
                sending,
                ..BallotPaper::blank(&view.lesson, vote)
            })
        })
        .flatten()
}

/// The pupil's questions, with those still on their way.
fn my_questions(tablet: crate::state::Tablet, pupil: &PupilId) -> Vec<MyQuestion> {
    let mut mine: Vec<MyQuestion> = tablet
        .with_side(pupil, |_, side| {
            side.enquiry
                .mine
                .iter()
                .map(|q| MyQuestion {
                    id: Some(q.id.clone()),
                    text: q.text.to_string(),
                    status: status_words(&q.status, q.hidden),
                    note: match &q.status {
                        QuestionStatus::SentBack { note } => Some(note.to_string()),
                        _ => None,
                    },
                })
                .collect()
        })
        .unwrap_or_default();
    mine.extend(
        tablet
            .on_their_way(pupil)
            .into_iter()
            .filter_map(|c| match c {
                PupilCommand::AskQuestion { text, .. } => Some(MyQuestion {
                    id: None,
                    text: text.to_string(),
                    status: "Sending…".into(),
                    note: None,
                }),
                _ => None,
            }),
    );
    mine
}

/// One of the pupil's questions, with a reword form when it was sent back.
#[component]
fn MyQuestionCard(pupil: PupilId, question: MyQuestion) -> impl IntoView {
    let tablet = use_tablet();
    let id = question.id.clone();
    let reword = Callback::new(move |text: String| {
        let text = ItemText::parse(&text).map_err(|e| e.to_string())?;
        let lesson = tablet
            .with_view(|v| v.map(|v| v.lesson.clone()))
            .ok_or_else(|| "This lesson isn't on this tablet.".to_owned())?;
        let question = id
            .clone()
            .ok_or_else(|| "It is still on its way.".to_owned())?;
        tablet.send(
            &pupil,
            PupilCommand::ReviseQuestion {
                lesson,
                question,
                text,
            },
        );
        Ok(())
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
fn AskQuestion(pupil: PupilId) -> impl IntoView {
    let tablet = use_tablet();
    let me = StoredValue::new(pupil);
    let draft = RwSignal::new(String::new());
    let with = RwSignal::new(Vec::<PupilId>::new());
    let error = RwSignal::new(None::<String>);
    let sent = RwSignal::new(false);
    let ask = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let lesson = tablet.with_view(|v| v.map(|v| v.lesson.clone()));
        let outcome = ItemText::parse(&draft.get_untracked())
            .map_err(|e| e.to_string())
            .and_then(|text| {
                let lesson =
                    lesson.ok_or_else(|| "This lesson isn't on this tablet.".to_owned())?;
                let command = PupilCommand::AskQuestion {
                    lesson,
                    text,
                    with: with.get_untracked(),
                };
                me.with_value(|p| tablet.send(p, command));
                Ok(())
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
                    let mut caret = 0;
                    draft.update(|d| caret = with_stem(d, stem));
                    sent.set(false);
                    put_caret_in_question(caret);
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
                <WithClassmates pupil=me.get_value() with summary="Asking with a partner or a group?" />
                <button type="submit" class="primary big">"Send my question"</button>
                <p class="pupil-done" role="status">{move || sent.get().then_some("Sent! Your teacher will look at it.")}</p>
            </form>
        </section>
    }
}

/// Adds `stem` to the question being written, ready to finish: "Is it possible to…?" becomes
/// "Is it possible to ?", so nothing needs deleting on a tablet. Returns where the pupil types
/// next (before the question mark), in UTF-16 units as the browser counts them.
fn with_stem(draft: &mut String, stem: &str) -> u32 {
    if !draft.is_empty() && !draft.ends_with(' ') {
        draft.push(' ');
    }
    let utf16 = |text: &str| text.encode_utf16().count() as u32;
    match stem.strip_suffix("…?") {
        Some(start) => {
            draft.push_str(start.trim_end());
            draft.push(' ');
            let caret = utf16(draft);
            draft.push('?');
            caret
        }
        None => {
            draft.push_str(stem);
            utf16(draft)
        }
    }
}

/// Focuses the question box with the caret at `caret`, once the box shows the new text.
fn put_caret_in_question(caret: u32) {
    request_animation_frame(move || {
        let area = document()
            .query_selector(".ask-form textarea")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
        if let Some(area) = area {
            let _ = area.focus();
            let _ = area.set_selection_range(caret, caret);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::with_stem;

    #[test]
    fn a_stem_leaves_the_caret_where_the_pupil_types_and_nothing_to_delete() {
        let mut draft = String::new();
        let caret = with_stem(&mut draft, "Is it possible to…?");
        assert_eq!(draft, "Is it possible to ?");
        assert_eq!(caret, 18);
        let mut draft = "Hmm".to_owned();
        with_stem(&mut draft, "Why…?");
        assert_eq!(draft, "Hmm Why ?");
        let mut draft = String::new();
        assert_eq!(with_stem(&mut draft, "What if"), 7);
    }
}
