//! One class on the Classes page: its name, its roster, and adding pupils.

use leptos::prelude::*;
use withme_core::{ClassId, ClassName, Command, PupilId};

use crate::classes::AddPupilsForm;
use crate::classes::PupilRow;
use crate::classes::{ClassActions, ClassPairs, ClassRoles};
use crate::state::{use_dispatch, use_library};
use crate::ui::{TextField, list_of, shown_if};

/// A class: rename it, see and edit its roster, paste in more names, bring back removed pupils.
#[component]
pub fn ClassCard(
    /// The class to show.
    class: ClassId,
) -> impl IntoView {
    let library = use_library();
    let dispatch = use_dispatch();
    let id = StoredValue::new(class);
    let name = Memo::new(move |_| {
        library
            .with(|lib| id.with_value(|id| lib.class(id).map(|c| c.name().to_string())))
            .unwrap_or_default()
    });
    let pupils = move |removed: bool| {
        Memo::new(move |_| {
            library.with(|lib| {
                let Some(class) = id.with_value(|id| lib.class(id)) else {
                    return Vec::new();
                };
                let ids = |p: &withme_core::Pupil| p.id().clone();
                if removed {
                    class.removed_pupils().map(ids).collect::<Vec<PupilId>>()
                } else {
                    class.roster().map(ids).collect()
                }
            })
        })
    };
    let roster = pupils(false);
    let removed = pupils(true);
    let row = move |pupil| view! { <PupilRow class=id pupil /> }.into_any();

    view! {
        <section class="class-card" aria-label=move || name.get()>
            <h2>{move || name.get()}</h2>
            <TextField
                label="Class name"
                saved=Signal::derive(move || name.get())
                on_edit=move |text: String| {
                    let name = ClassName::parse(&text).map_err(|e| e.to_string())?;
                    let class = id.get_value();
                    dispatch
                        .as_teacher(Command::RenameClass { class, name })
                        .map(drop)
                        .map_err(|r| r.to_string())
                }
            />
            <h3>{move || format!("Pupils ({})", roster.with(Vec::len))}</h3>
            {shown_if(
                move || roster.with(Vec::is_empty),
                || view! { <p class="empty">"No pupils yet. Paste their first names below."</p> },
            )}
            <ul class="roster">{list_of(roster, row)}</ul>
            <AddPupilsForm class=id />
            <ClassRoles class=id />
            <ClassPairs class=id />
            <ClassActions class=id />
            {shown_if(
                move || removed.with(|r| !r.is_empty()),
                move || {
                    view! {
                        <details class="removed-pupils">
                            <summary>
                                {move || format!("Removed from this class ({})", removed.with(Vec::len))}
                            </summary>
                            <ul class="roster">{list_of(removed, row)}</ul>
                        </details>
                    }
                },
            )}
        </section>
    }
}
