//! Archiving a class, deleting it with everything about it, and adding pseudonyms.

use leptos::prelude::*;
use withme_core::groups::pseudonyms::pseudonyms;
use withme_core::{ClassId, Command, MAX_PUPILS_PER_CLASS, PupilName};

use crate::browser::random_seed;
use crate::routes::AppRoute;
use crate::state::{use_acting, use_library};
use crate::ui::unique_id;

/// Pseudonyms, the roles history, archive, and delete (confirmed on the spot).
#[component]
pub fn ClassActions(
    /// The class.
    class: StoredValue<ClassId>,
) -> impl IntoView {
    let library = use_library();
    let acting = use_acting();
    let facts = Memo::new(move |_| {
        library.with(|lib| {
            class.with_value(|id| {
                lib.class(id).map(|c| {
                    (
                        c.name().to_string(),
                        c.roster().count(),
                        c.is_archived(),
                        c.roster().map(|p| p.name().to_string()).collect::<Vec<_>>(),
                    )
                })
            })
        })
    });
    let confirming = RwSignal::new(false);
    let how_many = RwSignal::new("5".to_owned());
    let error = RwSignal::new(None::<String>);
    let add_pseudonyms = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some((_, count, _, taken)) = facts.get_untracked() else {
            return;
        };
        let room = MAX_PUPILS_PER_CLASS - count;
        let wanted = match how_many.get_untracked().trim().parse::<usize>() {
            Ok(n @ 1..=60) if n <= room => n,
            _ => {
                error.set(Some(format!(
                    "Choose a number from 1 to {room}: a class holds {MAX_PUPILS_PER_CLASS} pupils."
                )));
                return;
            }
        };
        let names: Vec<PupilName> = pseudonyms(wanted, &taken, random_seed())
            .iter()
            .filter_map(|n| PupilName::parse(n).ok())
            .collect();
        let added = names.len();
        let outcome = acting.teacher(Command::AddPupils {
            class: class.get_value(),
            names,
        });
        if outcome.is_ok() {
            acting.say(format!("Added {added} pseudonyms. Tell each pupil theirs."));
        }
        error.set(outcome.err());
    };
    let archive = move |_| {
        let archived = facts.with_untracked(|f| f.as_ref().is_some_and(|f| f.2));
        let info = if archived {
            "Class brought back."
        } else {
            "Class archived. It is kept under Archived classes."
        };
        acting.teacher_then(
            Command::ArchiveClass {
                class: class.get_value(),
                archived: !archived,
            },
            info,
        );
    };
    let delete = move |_| {
        let name = facts
            .with_untracked(|f| f.as_ref().map(|f| f.0.clone()))
            .unwrap_or_default();
        acting.teacher_then(
            Command::DeleteClass {
                class: class.get_value(),
            },
            &format!("{name} and everything about its pupils are deleted."),
        );
    };
    let number_id = unique_id("pseudonyms");
    view! {
        <div class="class-actions">
            <form class="row-actions" on:submit=add_pseudonyms>
                <label for=number_id.clone()>"Add pseudonyms"</label>
                <input
                    id=number_id
                    class="short-number"
                    type="number"
                    min="1"
                    max="60"
                    prop:value=move || how_many.get()
                    on:input=move |event| how_many.set(event_target_value(&event))
                />
                <button type="submit">"Add pseudonyms"</button>
                <p class="field-error" aria-live="polite">{move || error.get()}</p>
            </form>
            <div class="row-actions">
                <a class="button" href=move || AppRoute::ClassHistory(class.get_value()).href()>"Roles history"</a>
                <button type="button" on:click=archive>
                    {move || if facts.with(|f| f.as_ref().is_some_and(|f| f.2)) { "Bring back" } else { "Archive" }}
                </button>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Delete class…"</button>
            </div>
            {move || confirming.get().then(|| {
                let (name, count) = facts.with(|f| f.as_ref().map(|f| (f.0.clone(), f.1))).unwrap_or_default();
                view! {
                    <div class="confirm-delete" role="alertdialog" aria-label=format!("Delete {name}?")>
                        <p>
                            {format!("Delete {name} and everything about its {count} pupils: their names, ideas, questions, votes, groups and roles? Lesson plans stay, without the class. This can't be undone.")}
                        </p>
                        <button type="button" class="danger" on:click=delete>"Delete for good"</button>
                        <button type="button" on:click=move |_| confirming.set(false)>"Keep the class"</button>
                    </div>
                }
            })}
        </div>
    }
}
