//! On a pupil's tablet: your group, your role and its card, and the roles you have held.

use leptos::prelude::*;
use withme_core::PupilId;

use crate::state::use_tablet;

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
    /// The pupil holding the tablet.
    pupil: PupilId,
) -> impl IntoView {
    let tablet = use_tablet();
    let pupil = StoredValue::new(pupil);
    let mine = Memo::new(move |_| {
        pupil.with_value(|me| {
            tablet
                .with_side(me, |view, side| {
                    let group = side.group.as_ref()?;
                    let class = view.class.as_ref()?;
                    let role_of = |role: &Option<withme_core::RoleId>| {
                        role.as_ref()
                            .and_then(|r| side.roles.iter().find(|x| &x.id == r))
                    };
                    let my_role = group
                        .members
                        .iter()
                        .find(|m| &m.pupil == me)
                        .and_then(|m| role_of(&m.role));
                    Some(MyGroup {
                        number: group.number,
                        others: group
                            .members
                            .iter()
                            .filter(|m| &m.pupil != me)
                            .map(|m| {
                                let name = class
                                    .name_of(&m.pupil)
                                    .map_or_else(String::new, ToString::to_string);
                                (name, role_of(&m.role).map(|r| r.name.to_string()))
                            })
                            .collect(),
                        role: my_role.map(|r| RoleCard {
                            name: r.name.to_string(),
                            duty: r.duty.to_string(),
                            starters: r.starters.iter().map(ToString::to_string).collect(),
                        }),
                        history: side
                            .role_history
                            .iter()
                            .map(|t| (t.lesson.to_string(), t.role.to_string()))
                            .collect(),
                    })
                })
                .flatten()
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
