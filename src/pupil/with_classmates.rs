//! "Asking with a partner or a group?": the classmates a pupil can name as co-authors of a
//! question or an idea — their group once there are groups (on a group's tablet, the others at
//! it), else their class.

use leptos::prelude::*;
use withme_core::PupilId;

use crate::state::use_tablet;

/// A disclosure of checkboxes, one per classmate `pupil` may name; the ticked ones are `with`.
#[component]
pub fn WithClassmates(
    /// The pupil at the tablet.
    pupil: PupilId,
    /// The classmates ticked.
    with: RwSignal<Vec<PupilId>>,
    /// The disclosure's words.
    summary: &'static str,
) -> impl IntoView {
    let tablet = use_tablet();
    let me = StoredValue::new(pupil);
    let classmates = Memo::new(move |_| {
        me.with_value(|m| {
            tablet.with_side(m, |view, side| {
                let Some(class) = view.class.as_ref() else {
                    return Vec::new();
                };
                class
                    .roster
                    .iter()
                    .filter(|p| &p.id != m)
                    .filter(|p| {
                        side.group
                            .as_ref()
                            .is_none_or(|g| g.members.iter().any(|x| x.pupil == p.id))
                    })
                    .map(|p| (p.id.clone(), p.name.to_string()))
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default()
    });
    view! {
        <details class="ask-with">
            <summary>{summary}</summary>
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
    }
}
