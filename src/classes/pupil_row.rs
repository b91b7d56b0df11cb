//! One pupil on a roster, with rename and remove (or put back).

use leptos::prelude::*;
use withme_core::{ClassId, Command, PupilId, PupilName};

use crate::state::{use_dispatch, use_library, use_notices};
use crate::ui::TextForm;

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
    let editing = RwSignal::new(false);
    let run = move |command: Command| {
        dispatch
            .as_teacher(command)
            .map(drop)
            .map_err(|r| r.to_string())
    };
    let ids = move || (class.get_value(), pupil.get_value());

    let rename = move |text: String| {
        let name = PupilName::parse(&text).map_err(|e| e.to_string())?;
        let (class, pupil) = ids();
        run(Command::RenamePupil { class, pupil, name })?;
        editing.set(false);
        Ok(())
    };
    let remove = move |name: String| {
        let (class, pupil) = ids();
        let undo = Command::RestorePupil {
            class: class.clone(),
            pupil: pupil.clone(),
        };
        match run(Command::RemovePupil { class, pupil }) {
            Ok(()) => notices.with_undo(
                format!("{name} removed from the class."),
                dispatch.undo_action(notices, undo),
            ),
            Err(message) => notices.problem(message),
        }
    };
    let put_back = move || {
        let (class, pupil) = ids();
        if let Err(message) = run(Command::RestorePupil { class, pupil }) {
            notices.problem(message);
        }
    };

    let row = move || {
        let Some((name, removed)) = found.get() else {
            return ().into_any();
        };
        if editing.get() {
            return view! {
                <TextForm
                    label=format!("New name for {name}")
                    hide_label=true
                    initial=name
                    submit="Save"
                    on_submit=Callback::new(rename)
                    on_cancel=Callback::new(move |()| editing.set(false))
                    class="inline-form"
                    autofocus=true
                />
            }
            .into_any();
        }
        let buttons = if removed {
            view! {
                <button type="button" aria-label=format!("Put {name} back") on:click=move |_| put_back()>
                    "Put back"
                </button>
            }
            .into_any()
        } else {
            let who = name.clone();
            view! {
                <button type="button" aria-label=format!("Rename {name}") on:click=move |_| editing.set(true)>
                    "Rename"
                </button>
                <button type="button" class="danger" aria-label=format!("Remove {name}") on:click=move |_| remove(who.clone())>
                    "Remove"
                </button>
            }
            .into_any()
        };
        view! {
            <span class="pupil-name">{name}</span>
            {buttons}
        }
        .into_any()
    };
    view! { <li class="pupil-row">{row}</li> }
}
