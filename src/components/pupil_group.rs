//! On a pupil's tablet: your group, your role and its card, and the roles you have held.

use leptos::prelude::*;
use withme_core::{LessonId, PupilId};

use crate::format::class_of;
use crate::groups::group_views;
use crate::state::use_library;

/// What the pupil sees of their group and role.
#[derive(Clone, PartialEq)]
struct MyGroup {
    number: usize,
    others: Vec<(String, Option<String>)>,
    role: Option<RoleCard>,
    history: Vec<(String, String)>,
}

/// A role's card.
#[derive(Clone, PartialEq)]
struct RoleCard {
    name: String,
    duty: String,
    starters: Vec<String>,
}

/// "Your group, your role": who you work with, your role card, and your past roles.
#[component]
pub fn PupilGroup(
    /// The lesson.
    lesson: LessonId,
    /// The pupil holding the tablet.
    pupil: PupilId,
) -> impl IntoView {
    let library = use_library();
    let lesson = StoredValue::new(lesson);
    let pupil = StoredValue::new(pupil);
    let mine = Memo::new(move |_| {
        library.with(|lib| {
            let id = lesson.get_value();
            let me = pupil.get_value();
            let class = lib.lesson(&id).and_then(|l| class_of(lib, l))?;
            let group = group_views(lib, &id)
                .into_iter()
                .find(|g| g.members.iter().any(|m| m.pupil == me))?;
            let my_role = lib
                .lesson(&id)?
                .groups()
                .role_of(&me)
                .and_then(|r| class.role(r));
            let record = lib.class_record(class);
            let history = record
                .pupils
                .iter()
                .find(|p| p.pupil == me)
                .map(|p| {
                    p.turns
                        .iter()
                        .filter_map(|t| {
                            let role = class.role(t.role.as_ref()?)?;
                            let title = lib.lesson(&t.lesson)?.plan().title.to_string();
                            Some((title, role.name.to_string()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            Some(MyGroup {
                number: group.number,
                others: group
                    .members
                    .into_iter()
                    .filter(|m| m.pupil != me)
                    .map(|m| (m.name, m.role.map(|(_, r)| r)))
                    .collect(),
                role: my_role.map(|r| RoleCard {
                    name: r.name.to_string(),
                    duty: r.duty.to_string(),
                    starters: r.starters.iter().map(|s| s.to_string()).collect(),
                }),
                history,
            })
        })
    });
    move || {
        mine.get().map(|mine| view! {
            <section class="pupil-group" aria-labelledby="my-group-heading">
                <h2 id="my-group-heading">"Your group"</h2>
                {mine.role.map(|card| view! {
                    <div class="role-card mine">
                        <p class="role-name">{format!("Your role: {}", card.name)}</p>
                        <p>{card.duty}</p>
                        {(!card.starters.is_empty()).then(|| view! {
                            <p class="field-hint">"You could say:"</p>
                            <ul class="starters">{card.starters.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                        })}
                    </div>
                })}
                <p>{format!("Group {} with:", mine.number)}</p>
                <ul class="group-members">
                    {mine.others.into_iter().map(|(name, role)| view! {
                        <li>{match role { Some(role) => format!("{name}, {role}"), None => name }}</li>
                    }).collect_view()}
                </ul>
                {(!mine.history.is_empty()).then(|| view! {
                    <details>
                        <summary>"Roles I have had"</summary>
                        <ul>{mine.history.into_iter().map(|(lesson, role)| view! { <li>{format!("{lesson}: {role}")}</li> }).collect_view()}</ul>
                    </details>
                })}
            </section>
        })
    }
}
