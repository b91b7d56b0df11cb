//! Keep-apart and keep-together pairs, and the labels the group maker can balance on.

use leptos::prelude::*;
use withme_core::groups::PairKind;
use withme_core::{ClassId, Command, PupilId, PupilLabel};

use crate::state::{use_acting, use_library};
use crate::ui::unique_id;

/// The class's pair rules and pupils' labels: the teacher's private notes for the group maker.
#[component]
pub fn ClassPairs(
    /// The class.
    class: StoredValue<ClassId>,
) -> impl IntoView {
    let library = use_library();
    let acting = use_acting();
    let pupils = Memo::new(move |_| {
        library.with(|lib| {
            class.with_value(|id| {
                lib.class(id)
                    .map(|c| {
                        c.roster()
                            .map(|p| {
                                (
                                    p.id().clone(),
                                    p.name().to_string(),
                                    p.label().map(|l| l.to_string()).unwrap_or_default(),
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    });
    let rules = Memo::new(move |_| {
        library.with(|lib| {
            class.with_value(|id| {
                let Some(c) = lib.class(id) else {
                    return Vec::new();
                };
                let name = |p: &PupilId| {
                    c.pupil(p)
                        .map_or_else(String::new, |p| p.name().to_string())
                };
                c.pair_rules()
                    .iter()
                    .map(|r| {
                        (
                            r.pupils.clone(),
                            name(&r.pupils[0]),
                            name(&r.pupils[1]),
                            r.kind,
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let together = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let pick = move |text: String| {
        pupils.with_untracked(|p| {
            p.iter()
                .find(|(id, ..)| id.as_str() == text)
                .map(|(id, ..)| id.clone())
        })
    };
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (Some(a), Some(b)) = (pick(first.get_untracked()), pick(second.get_untracked())) else {
            error.set(Some("Choose two pupils.".into()));
            return;
        };
        let kind = if together.get_untracked() {
            PairKind::Together
        } else {
            PairKind::Apart
        };
        error.set(
            acting
                .teacher(Command::SetPairRule {
                    class: class.get_value(),
                    pupils: [a, b],
                    kind: Some(kind),
                })
                .err(),
        );
    };
    let remove = move |pupils: [PupilId; 2]| {
        acting.teacher_or_say(Command::SetPairRule {
            class: class.get_value(),
            pupils,
            kind: None,
        });
    };
    let label = move |pupil: PupilId, text: String| {
        let parsed = match text.trim() {
            "" => Ok(None),
            typed => PupilLabel::parse(typed)
                .map(Some)
                .map_err(|e| e.to_string()),
        };
        match parsed {
            Ok(label) => {
                acting.teacher_or_say(Command::SetPupilLabel {
                    class: class.get_value(),
                    pupil,
                    label,
                });
            }
            Err(problem) => acting.say_problem(problem),
        }
    };
    let options = move || {
        pupils
            .get()
            .into_iter()
            .map(|(id, name, _)| view! { <option value=id.to_string()>{name}</option> })
            .collect_view()
    };
    let first_id = unique_id("pair-first");
    let second_id = unique_id("pair-second");
    view! {
        <details class="class-pairs">
            <summary>{move || format!("Pairs and labels for groups ({} pairs)", rules.with(Vec::len))}</summary>
            <p class="field-hint">"Only you see these. They are never shown on the Board or a pupil's tablet."</p>
            <form class="row-actions" on:submit=add>
                <label for=first_id.clone()>"Keep"</label>
                <select id=first_id on:change=move |e| first.set(event_target_value(&e))>
                    <option value="">"Choose a pupil…"</option>
                    {options}
                </select>
                <label for=second_id.clone()>"and"</label>
                <select id=second_id on:change=move |e| second.set(event_target_value(&e))>
                    <option value="">"Choose a pupil…"</option>
                    {options}
                </select>
                <label class="choice">
                    <input type="radio" name="pair-kind" prop:checked=move || !together.get() on:change=move |_| together.set(false) />
                    "apart"
                </label>
                <label class="choice">
                    <input type="radio" name="pair-kind" prop:checked=move || together.get() on:change=move |_| together.set(true) />
                    "together"
                </label>
                <button type="submit">"Add pair"</button>
                <p class="field-error" aria-live="polite">{move || error.get()}</p>
            </form>
            <ul class="pair-list">
                {move || rules.get().into_iter().map(|(pair, a, b, kind)| {
                    let text = match kind {
                        PairKind::Apart => format!("{a} and {b}: kept apart"),
                        PairKind::Together => format!("{a} and {b}: kept together"),
                    };
                    view! {
                        <li>
                            {text.clone()}
                            <button type="button" aria-label=format!("Remove the pair {text}") on:click=move |_| remove(pair.clone())>"Remove"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h4>"Labels to balance groups on"</h4>
            <p class="field-hint">"For example a reading group or a colour. Tick \"Balance groups on pupils' labels\" when you make groups."</p>
            <ul class="label-list">
                {move || pupils.get().into_iter().map(|(id, name, current)| {
                    let id = StoredValue::new(id);
                    view! {
                        <li>
                            <label>
                                {format!("Label for {name}")}
                                <input
                                    type="text"
                                    maxlength="30"
                                    prop:value=current
                                    on:change=move |e| label(id.get_value(), event_target_value(&e))
                                />
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    }
}
