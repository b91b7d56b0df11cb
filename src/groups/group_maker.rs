//! The group maker's form: size or number of groups, labels, recent pairings, and re-roll.

use leptos::prelude::*;
use withme_core::groups::maker::make_groups;
use withme_core::groups::{GroupSize, MakerChoices};
use withme_core::{Command, LessonId};

use crate::browser::random_seed;
use crate::state::{use_acting, use_library};
use crate::ui::unique_id;

/// Makes groups of the present pupils; each press draws new groups (a re-roll).
#[component]
pub fn GroupMaker(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let by_count = RwSignal::new(false);
    let number = RwSignal::new("4".to_owned());
    let balance = RwSignal::new(false);
    let avoid_recent = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let has_groups = Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                lib.lesson(id)
                    .is_some_and(|l| !l.groups().groups.is_empty())
            })
        })
    });
    let make = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Ok(n @ 1..=20) = number.get_untracked().trim().parse::<u8>() else {
            error.set(Some("Type a number from 1 to 20.".into()));
            return;
        };
        let size = if by_count.get_untracked() {
            GroupSize::Count(n)
        } else {
            GroupSize::Size(n)
        };
        let choices = MakerChoices {
            balance_labels: balance.get_untracked(),
            avoid_recent: avoid_recent.get_untracked(),
            seed: random_seed(),
        };
        let made = library.with_untracked(|lib| {
            let request = lesson.with_value(|id| lib.group_request(id, choices));
            request.map(|r| make_groups(&r, size).map_err(|p| p.to_string()))
        });
        let outcome = match made {
            None => Err("Choose a class for this lesson first.".to_owned()),
            Some(Err(problem)) => Err(problem),
            Some(Ok(groups)) => acting.teacher(Command::SetGroups {
                lesson: lesson.get_value(),
                groups,
            }),
        };
        error.set(outcome.err());
    };
    let number_id = unique_id("group-number");
    let message_id = unique_id("maker-message");
    view! {
        <form class="group-maker" on:submit=make>
            <fieldset class="row-actions">
                <legend>"Make groups"</legend>
                <label class="choice">
                    <input type="radio" name="group-by" prop:checked=move || !by_count.get() on:change=move |_| by_count.set(false) />
                    "Groups of"
                </label>
                <label class="choice">
                    <input type="radio" name="group-by" prop:checked=move || by_count.get() on:change=move |_| by_count.set(true) />
                    "Number of groups"
                </label>
                <label for=number_id.clone() class="number-label">
                    {move || if by_count.get() { "How many groups" } else { "How many pupils in each group" }}
                </label>
                <input
                    id=number_id
                    class="short-number"
                    type="number"
                    min="1"
                    max="20"
                    prop:value=move || number.get()
                    on:input=move |event| number.set(event_target_value(&event))
                />
            </fieldset>
            <label class="choice">
                <input type="checkbox" prop:checked=move || balance.get() on:change=move |_| balance.update(|b| *b = !*b) />
                "Balance groups on pupils' labels"
            </label>
            <label class="choice">
                <input type="checkbox" prop:checked=move || avoid_recent.get() on:change=move |_| avoid_recent.update(|b| *b = !*b) />
                "Avoid pairings from recent lessons"
            </label>
            <button type="submit" class="primary">
                {move || if has_groups.get() { "Make new groups" } else { "Make groups" }}
            </button>
            <p class="field-error" id=message_id aria-live="polite">{move || error.get()}</p>
        </form>
    }
}
