//! The lesson's groups for the teacher: move pupils by tap or keyboard, give out roles, change a
//! role with a reason, record a pupil stepping out of a role.

use leptos::prelude::*;
use withme_core::enquiry::BoardStage;
use withme_core::{Command, LessonId, PupilId, Reason, RoleId};

use crate::format::class_of;
use crate::groups::{GroupView, MemberView, group_views};
use crate::routes::AppRoute;
use crate::state::{Acting, use_acting, use_library};
use crate::ui::{list_of, unique_id};

/// The groups, with moves, roles and what goes on the Board.
#[component]
pub fn GroupEditor(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let groups =
        Memo::new(move |_| library.with(|lib| lesson.with_value(|id| group_views(lib, id))));
    let ungrouped = Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                let Some(found) = lib.lesson(id) else {
                    return Vec::new();
                };
                lib.present_pupils(id)
                    .into_iter()
                    .filter(|p| found.groups().group_of(p.id()).is_none())
                    .map(|p| (p.id().clone(), p.name().to_string()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let roles = Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                lib.lesson(id)
                    .and_then(|l| class_of(lib, l))
                    .map(|c| {
                        c.roles()
                            .iter()
                            .map(|r| (r.id.clone(), r.name.to_string()))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    });
    let selected = RwSignal::new(None::<(PupilId, String)>);
    let move_to = move |target: Option<usize>| {
        let Some((pupil, name)) = selected.get_untracked() else {
            return;
        };
        let mut lists: Vec<Vec<PupilId>> = groups.with_untracked(|g| {
            g.iter()
                .map(|g| g.members.iter().map(|m| m.pupil.clone()).collect())
                .collect()
        });
        for list in &mut lists {
            list.retain(|p| p != &pupil);
        }
        let destination = match target {
            Some(index) if index < lists.len() => index,
            _ => {
                lists.push(Vec::new());
                lists.len() - 1
            }
        };
        lists[destination].push(pupil);
        let number = lists
            .iter()
            .take(destination)
            .filter(|l| !l.is_empty())
            .count()
            + 1;
        lists.retain(|l| !l.is_empty());
        if acting.teacher_or_say(Command::SetGroups {
            lesson: lesson.get_value(),
            groups: lists,
        }) {
            acting.say(format!("{name} moved to group {number}."));
            selected.set(None);
        }
    };
    let show = move |stage: BoardStage, info: &'static str| {
        acting.teacher_then(
            Command::ShowOnBoard {
                lesson: lesson.get_value(),
                stage,
            },
            info,
        );
    };
    let give_out = move |_| {
        acting.teacher_then(
            Command::AssignRoles {
                lesson: lesson.get_value(),
            },
            "Roles given out fairly, from the class's history.",
        );
    };
    let card = move |group: GroupView| {
        let index = group.number - 1;
        let size = group.members.len();
        let members = group.members.clone();
        view! {
            <section class="group-card" aria-label=format!("Group {}", group.number)>
                <h3>{format!("Group {}", group.number)} <span class="proposal-meta">{format!(" · {size}")}</span></h3>
                <ul class="group-members">
                    {members.into_iter().map(|member| view! {
                        <MemberRow lesson=lesson member selected roles acting />
                    }).collect_view()}
                </ul>
                {move || {
                    let chosen = selected.get()?;
                    let inside = groups.with(|g| g.get(index).is_some_and(|g| g.members.iter().any(|m| m.pupil == chosen.0)));
                    (!inside).then(|| view! {
                        <button type="button" class="move-here" on:click=move |_| move_to(Some(index))>
                            {format!("Move {} to group {}", chosen.1, index + 1)}
                        </button>
                    })
                }}
            </section>
        }
        .into_any()
    };
    view! {
        <div class="group-actions row-actions">
            <button type="button" class="primary" on:click=give_out disabled=move || groups.with(Vec::is_empty)>
                "Give out roles"
            </button>
            <button type="button" on:click=move |_| show(BoardStage::Groups, "The Board shows the groups.")>
                "Show groups on the Board"
            </button>
            <button type="button" on:click=move |_| show(BoardStage::Picker, "The Board shows the picker.")>
                "Show the picker on the Board"
            </button>
        </div>
        {move || roles.with(Vec::is_empty).then(|| view! {
            <p class="empty-note">
                "This class has no roles yet. "
                <a href=AppRoute::Classes.href()>"Choose a set of roles on the Classes page"</a>
                " (open the class's “Group roles”)."
            </p>
        })}
        {move || selected.get().map(|(_, name)| view! {
            <p class="move-hint" aria-live="polite">
                {format!("Moving {name}: choose a group, or ")}
                <button type="button" on:click=move |_| move_to(None)>"Start a new group"</button>
                " "
                <button type="button" on:click=move |_| selected.set(None)>"Cancel"</button>
            </p>
        })}
        {move || groups.with(Vec::is_empty).then(|| view! { <p class="empty-note">"No groups yet."</p> })}
        <div class="group-grid">{list_of(groups, card)}</div>
        {move || (!ungrouped.with(Vec::is_empty)).then(|| view! {
            <section class="group-card ungrouped" aria-label="Not in a group">
                <h3>"Not in a group"</h3>
                <ul class="group-members">
                    {ungrouped.get().into_iter().map(|(pupil, name)| {
                        let choice = (pupil.clone(), name.clone());
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="member-name"
                                    aria-pressed=move || selected.with(|s| s.as_ref().is_some_and(|s| s.0 == pupil)).to_string()
                                    on:click=move |_| selected.set(Some(choice.clone()))
                                >
                                    {name}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// One member: tap the name to move them; their role, "Change role" and "Steps out".
#[component]
fn MemberRow(
    lesson: StoredValue<LessonId>,
    member: MemberView,
    selected: RwSignal<Option<(PupilId, String)>>,
    roles: Memo<Vec<(RoleId, String)>>,
    acting: Acting,
) -> impl IntoView {
    let pupil = StoredValue::new(member.pupil.clone());
    let name = member.name.clone();
    let choosing = RwSignal::new(false);
    let role_choice = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let current_role = member.role.clone();
    let pressed = move || {
        selected
            .with(|s| s.as_ref().is_some_and(|s| pupil.with_value(|p| &s.0 == p)))
            .to_string()
    };
    let select = {
        let name = name.clone();
        move |_| {
            let already = selected
                .with_untracked(|s| s.as_ref().is_some_and(|s| pupil.with_value(|p| &s.0 == p)));
            selected.set((!already).then(|| (pupil.get_value(), name.clone())));
        }
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(role) = roles.with_untracked(|r| {
            r.iter()
                .find(|(id, _)| id.as_str() == role_choice.get_untracked())
                .map(|(id, _)| id.clone())
        }) else {
            error.set(Some("Choose a role.".into()));
            return;
        };
        let reason = match Reason::parse(&reason.get_untracked()) {
            Ok(reason) => reason,
            Err(_) => {
                error.set(Some(
                    "Say why in a few words (up to 200 characters): it is kept in the history."
                        .into(),
                ));
                return;
            }
        };
        let outcome = acting.teacher(Command::OverrideRole {
            lesson: lesson.get_value(),
            pupil: pupil.get_value(),
            role,
            reason,
        });
        if outcome.is_ok() {
            choosing.set(false);
        }
        error.set(outcome.err());
    };
    let steps_out = {
        let current = current_role.clone();
        let name = name.clone();
        move |_| {
            if let Some((role, role_name)) = current.clone() {
                acting.teacher_then(
                    Command::OptOutOfRole {
                        lesson: lesson.get_value(),
                        pupil: pupil.get_value(),
                        role,
                    },
                    &format!("{name} steps out of {role_name} this lesson. It is recorded."),
                );
            }
        }
    };
    let role_id = unique_id("role");
    let reason_id = unique_id("reason");
    let has_role = current_role.is_some();
    view! {
        <li class="group-member">
            <button type="button" class="member-name" aria-pressed=pressed on:click=select>
                {name.clone()}
            </button>
            {current_role.clone().map(|(_, role_name)| view! {
                <span class=if member.leading { "role-badge leading" } else { "role-badge" }>{role_name}</span>
            })}
            {member.reason.clone().map(|r| view! { <span class="proposal-meta">{format!("Chosen by you: {r}")}</span> })}
            <span class="member-actions">
                <button
                    type="button"
                    aria-label=format!("Change role for {name}")
                    on:click=move |_| choosing.update(|c| *c = !*c)
                    disabled=move || roles.with(Vec::is_empty)
                >
                    "Change role"
                </button>
                {has_role.then(|| view! {
                    <button type="button" aria-label=format!("Steps out of this role: {name}") on:click=steps_out>
                        "Steps out"
                    </button>
                })}
            </span>
            {move || choosing.get().then(|| view! {
                <form class="override-form" on:submit=save>
                    <label for=role_id.clone()>"New role"</label>
                    <select id=role_id.clone() on:change=move |event| role_choice.set(event_target_value(&event))>
                        <option value="">"Choose…"</option>
                        {roles.get().into_iter().map(|(id, label)| view! {
                            <option value=id.to_string()>{label}</option>
                        }).collect_view()}
                    </select>
                    <label for=reason_id.clone()>"Why (kept in the history)"</label>
                    <input
                        id=reason_id.clone()
                        type="text"
                        maxlength="200"
                        prop:value=move || reason.get()
                        on:input=move |event| reason.set(event_target_value(&event))
                    />
                    <button type="submit" class="primary">"Save role"</button>
                    <button type="button" on:click=move |_| choosing.set(false)>"Cancel"</button>
                    <p class="field-error" aria-live="polite">{move || error.get()}</p>
                </form>
            })}
        </li>
    }
}
