//! One pupil on a roster, with rename and remove (or restore).

use leptos::prelude::*;
use withme_core::{ClassId, Command, PupilId, PupilName};

use super::unique_id;
use crate::state::{use_dispatch, use_library, use_notices};

/// A pupil's name with buttons to rename or remove them; a removed pupil shows "Put back".
#[component]
pub fn PupilRow(
    /// The pupil's class.
    class: StoredValue<ClassId>,
    /// The pupil.
    pupil: PupilId,
) -> impl IntoView {
    let library = use_library();
    let dispatch = use_dispatch();
    let notices = use_notices();
    let pupil = StoredValue::new(pupil);
    let found = Memo::new(move |_| {
        library.with(|lib| {
            let class = class.with_value(|c| lib.class(c))?;
            let p = pupil.with_value(|p| class.pupil(p))?;
            Some((p.name().to_string(), p.is_removed()))
        })
    });
    let name = move || found.with(|f| f.as_ref().map(|f| f.0.clone()).unwrap_or_default());
    let is_removed = move || found.with(|f| f.as_ref().is_some_and(|f| f.1));
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let input_id = unique_id("pupil");

    let run = move |command: Command| dispatch.as_teacher(command).map_err(|r| r.to_string());
    let remove = move |_| {
        let (class, pupil) = (class.get_value(), pupil.get_value());
        let undo = Command::RestorePupil {
            class: class.clone(),
            pupil: pupil.clone(),
        };
        match run(Command::RemovePupil { class, pupil }) {
            Ok(_) => notices.with_undo(format!("{} removed from the class.", name()), undo),
            Err(message) => notices.problem(message),
        }
    };
    let restore = move |_| {
        if let Err(message) = run(Command::RestorePupil {
            class: class.get_value(),
            pupil: pupil.get_value(),
        }) {
            notices.problem(message);
        }
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let outcome = PupilName::parse(&draft.get_untracked())
            .map_err(|e| e.to_string())
            .and_then(|name| {
                run(Command::RenamePupil {
                    class: class.get_value(),
                    pupil: pupil.get_value(),
                    name,
                })
            });
        match outcome {
            Ok(_) => editing.set(false),
            Err(message) => error.set(Some(message)),
        }
    };
    let start_editing = move |_| {
        draft.set(name());
        error.set(None);
        editing.set(true);
    };

    view! {
        <li class="pupil-row">
            {move || match (editing.get(), is_removed()) {
                (true, _) => view! {
                    <form class="inline-form" on:submit=save>
                        <label class="visually-hidden" for=input_id.clone()>
                            {move || format!("New name for {}", name())}
                        </label>
                        <input
                            id=input_id.clone()
                            type="text"
                            autofocus=true
                            prop:value=move || draft.get()
                            on:input=move |event| draft.set(event_target_value(&event))
                            on:keydown=move |event| {
                                if event.key() == "Escape" {
                                    editing.set(false)
                                }
                            }
                        />
                        <button type="submit" class="primary">"Save"</button>
                        <button type="button" on:click=move |_| editing.set(false)>"Cancel"</button>
                        <p class="field-error" aria-live="polite">{move || error.get()}</p>
                    </form>
                }
                    .into_any(),
                (false, true) => view! {
                    <span class="pupil-name">{name}</span>
                    <button type="button" aria-label=format!("Put {} back", name()) on:click=restore>
                        "Put back"
                    </button>
                }
                    .into_any(),
                (false, false) => view! {
                    <span class="pupil-name">{name}</span>
                    <button type="button" aria-label=format!("Rename {}", name()) on:click=start_editing>
                        "Rename"
                    </button>
                    <button type="button" class="danger" aria-label=format!("Remove {}", name()) on:click=remove>
                        "Remove"
                    </button>
                }
                    .into_any(),
            }}
        </li>
    }
}
