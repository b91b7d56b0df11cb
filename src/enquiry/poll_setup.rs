//! The teacher chooses a voting method and opens a poll on the questions going forward.

use leptos::prelude::*;
use withme_core::enquiry::{MAX_MULTI_VOTES, MIN_MULTI_VOTES, VoteMethod};
use withme_core::{Command, LessonId};

use crate::enquiry::QuestionRow;
use crate::state::use_acting;
use crate::ui::unique_id;

/// The methods offered, by name.
const METHODS: [(&str, &str); 5] = [
    ("single", "Single vote"),
    ("multi", "Multi-vote"),
    ("omni", "Omnivote (any number)"),
    ("ranked", "Ranked (Borda count)"),
    ("hands", "Hands up (you type the counts)"),
];

/// Opens a poll: method, blind or not, on the questions marked "Goes to the vote" (or every
/// approved question when none is marked).
#[component]
pub fn PollSetup(
    /// The lesson.
    lesson: LessonId,
    /// Its questions, as the Enquiry page reads them.
    rows: Memo<Vec<QuestionRow>>,
) -> impl IntoView {
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let options = Memo::new(move |_| {
        rows.with(|r| {
            let public: Vec<_> = r.iter().filter(|q| q.public).collect();
            let forward: Vec<_> = public.iter().filter(|q| q.forward).collect();
            let chosen: Vec<_> = if forward.is_empty() {
                public.iter().map(|q| q.id.clone()).collect()
            } else {
                forward.iter().map(|q| q.id.clone()).collect()
            };
            chosen
        })
    });
    let method = RwSignal::new("single".to_owned());
    let votes = RwSignal::new(3u8);
    let stacking = RwSignal::new(false);
    let blind = RwSignal::new(false);
    let secret = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let open = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let chosen = match method.get_untracked().as_str() {
            "multi" => VoteMethod::Multi {
                votes: votes.get_untracked(),
                stacking: stacking.get_untracked(),
            },
            "omni" => VoteMethod::Omni,
            "ranked" => VoteMethod::Ranked,
            "hands" => VoteMethod::HandsUp,
            _ => VoteMethod::Single,
        };
        let outcome = acting.teacher(Command::OpenPoll {
            lesson: lesson.get_value(),
            method: chosen,
            blind: blind.get_untracked(),
            secret: secret.get_untracked(),
            options: options.get_untracked(),
        });
        error.set(outcome.err());
    };
    let method_id = unique_id("method");
    let votes_id = unique_id("votes");
    let message_id = unique_id("poll-message");
    view! {
        <form class="poll-setup" on:submit=open>
            <p>{move || rows.with(|r| going_to_the_vote(r))}</p>
            <label for=method_id.clone()>"Voting method"</label>
            <select id=method_id on:change=move |event| method.set(event_target_value(&event))>
                {METHODS.into_iter().map(|(value, label)| view! {
                    <option value=value>{label}</option>
                }).collect_view()}
            </select>
            {move || (method.get() == "multi").then(|| view! {
                <div class="row-actions">
                    <label for=votes_id.clone()>"Votes each"</label>
                    <input
                        id=votes_id.clone()
                        type="number"
                        min=MIN_MULTI_VOTES
                        max=MAX_MULTI_VOTES
                        prop:value=move || votes.get().to_string()
                        on:input=move |event| {
                            if let Ok(value) = event_target_value(&event).parse() {
                                votes.set(value);
                            }
                        }
                    />
                    <label class="choice">
                        <input type="checkbox" prop:checked=move || stacking.get() on:change=move |_| stacking.update(|s| *s = !*s) />
                        "Allow more than one vote on a question"
                    </label>
                </div>
            })}
            <label class="choice">
                <input type="checkbox" prop:checked=move || blind.get() on:change=move |_| blind.update(|b| *b = !*b) />
                "Blind vote: no results anywhere until you reveal them"
            </label>
            <label class="choice">
                <input type="checkbox" prop:checked=move || secret.get() on:change=move |_| secret.update(|s| *s = !*s) />
                "Secret ballot: only the counts are kept, never who chose what (for passing one tablet round; a vote can't be changed once cast)"
            </label>
            <button type="submit" class="primary">"Open the vote"</button>
            <p class="field-error" id=message_id aria-live="polite">{move || error.get()}</p>
        </form>
    }
}

/// What goes to the vote, in words that agree with the ticked boxes.
fn going_to_the_vote(rows: &[QuestionRow]) -> String {
    let approved = rows.iter().filter(|q| q.public).count();
    let ticked = rows.iter().filter(|q| q.public && q.forward).count();
    let waiting = rows.iter().filter(|q| !q.public && q.forward).count();
    let questions = |n: usize| if n == 1 { "question" } else { "questions" };
    let mut words = match (ticked, approved) {
        (_, 0) => "No approved question yet: approve some to vote on them.".to_owned(),
        (0, 1) => "None is ticked, so the 1 approved question goes to the vote.".to_owned(),
        (0, n) => format!("None is ticked, so all {n} approved questions go to the vote."),
        (1, _) => "1 ticked question goes to the vote.".to_owned(),
        (n, _) => format!("{n} ticked {} go to the vote.", questions(n)),
    };
    if waiting > 0 {
        words.push_str(&format!(
            " {waiting} ticked {} can't go until approved.",
            questions(waiting)
        ));
    }
    words
}
