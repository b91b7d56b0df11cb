//! A class's group roles: start from a preset, add custom roles with a card, mark leading
//! roles, and set how often everyone should lead.

use leptos::prelude::*;
use withme_core::groups::roles::{MAX_ROLES, MAX_STARTERS};
use withme_core::groups::{MAX_LEAD_WINDOW, Role, RolePreset};
use withme_core::{ClassId, Command, RoleDuty, RoleId, RoleName, SentenceStarter};

use crate::state::{use_acting, use_library};
use crate::ui::unique_id;

/// The roles, as edited.
#[component]
pub fn ClassRoles(
    /// The class.
    class: StoredValue<ClassId>,
) -> impl IntoView {
    let library = use_library();
    let acting = use_acting();
    let roles = Memo::new(move |_| {
        library
            .with(|lib| class.with_value(|id| lib.class(id).map(|c| c.roles().to_vec())))
            .unwrap_or_default()
    });
    let window = Memo::new(move |_| {
        library.with(|lib| class.with_value(|id| lib.class(id).and_then(|c| c.lead_window())))
    });
    let save = move |list: Vec<Role>| {
        acting.teacher_or_say(Command::SetRoles {
            class: class.get_value(),
            roles: list,
        })
    };
    let preset_choice = RwSignal::new(String::new());
    let use_preset = move |_| {
        let chosen = RolePreset::ALL
            .into_iter()
            .find(|p| p.label() == preset_choice.get_untracked());
        if let Some(preset) = chosen
            && save(preset.roles())
        {
            acting.say(format!("This class now uses the {} roles.", preset.label()));
        }
    };
    let name = RwSignal::new(String::new());
    let duty = RwSignal::new(String::new());
    let starters = RwSignal::new(String::new());
    let leading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let add_custom = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let parsed = (|| {
            let name = RoleName::parse(&name.get_untracked()).map_err(|e| e.to_string())?;
            let duty = RoleDuty::parse(&duty.get_untracked()).map_err(|e| e.to_string())?;
            let starters: Vec<SentenceStarter> = starters
                .get_untracked()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| SentenceStarter::parse(l).map_err(|e| e.to_string()))
                .collect::<Result<_, _>>()?;
            if starters.len() > MAX_STARTERS {
                return Err(format!(
                    "A role card can have at most {MAX_STARTERS} sentence starters."
                ));
            }
            let mut list = roles.get_untracked();
            if list.len() >= MAX_ROLES {
                return Err(format!("A class can have at most {MAX_ROLES} roles."));
            }
            let id = (1..)
                .map(|n| format!("custom{n}"))
                .find(|id| !list.iter().any(|r| r.id.as_str() == id))
                .and_then(|id| RoleId::parse(&id).ok())
                .ok_or("No room for another role.")?;
            list.push(Role {
                id,
                name,
                duty,
                starters,
                leading: leading.get_untracked(),
            });
            Ok::<_, String>(list)
        })();
        match parsed {
            Ok(list) => {
                if save(list) {
                    name.set(String::new());
                    duty.set(String::new());
                    starters.set(String::new());
                    leading.set(false);
                    error.set(None);
                }
            }
            Err(problem) => error.set(Some(problem)),
        }
    };
    let window_text = RwSignal::new(String::new());
    Effect::new(move |_| window_text.set(window.get().map_or_else(String::new, |w| w.to_string())));
    let save_window = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = window_text.get_untracked();
        let lessons = match text.trim() {
            "" => None,
            typed => {
                match typed.parse::<u8>() {
                    Ok(n) => Some(n),
                    Err(_) => {
                        acting.say_problem(format!("Type a number of lessons from 2 to {MAX_LEAD_WINDOW}, or leave it empty."));
                        return;
                    }
                }
            }
        };
        let info = match lessons {
            Some(n) => format!(
                "Everyone will lead at least once every {n} lessons, where the class has enough leading roles."
            ),
            None => "No lead window: leading turns still rotate fairly.".into(),
        };
        acting.teacher_then(
            Command::SetLeadWindow {
                class: class.get_value(),
                lessons,
            },
            &info,
        );
    };
    let preset_id = unique_id("preset");
    let name_id = unique_id("role-name");
    let duty_id = unique_id("role-duty");
    let starters_id = unique_id("role-starters");
    let window_id = unique_id("window");
    view! {
        <details class="class-roles">
            <summary>{move || format!("Group roles ({})", roles.with(Vec::len))}</summary>
            <div class="row-actions">
                <label for=preset_id.clone()>"Start from"</label>
                <select id=preset_id on:change=move |event| preset_choice.set(event_target_value(&event))>
                    <option value="">"Choose a set of roles…"</option>
                    {RolePreset::ALL.into_iter().map(|p| view! { <option value=p.label()>{p.label()}</option> }).collect_view()}
                </select>
                <button type="button" on:click=use_preset>"Use these roles"</button>
            </div>
            <ul class="role-list">
                {move || roles.get().into_iter().enumerate().map(|(index, role)| {
                    let label = role.name.to_string();
                    let toggle_leading = move |_| {
                        let mut list = roles.get_untracked();
                        if let Some(r) = list.get_mut(index) { r.leading = !r.leading; }
                        save(list);
                    };
                    let remove = move |_| {
                        let mut list = roles.get_untracked();
                        if index < list.len() { list.remove(index); }
                        save(list);
                    };
                    view! {
                        <li class="role-card">
                            <strong>{label.clone()}</strong>
                            <p>{role.duty.to_string()}</p>
                            {(!role.starters.is_empty()).then(|| view! {
                                <ul class="starters">{role.starters.iter().map(|s| view! { <li>{s.to_string()}</li> }).collect_view()}</ul>
                            })}
                            <label class="choice">
                                <input type="checkbox" prop:checked=role.leading on:change=toggle_leading />
                                {format!("{label} counts as leading")}
                            </label>
                            <button type="button" aria-label=format!("Remove the role {label}") on:click=remove>"Remove"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="custom-role" on:submit=add_custom>
                <h4>"Add your own role"</h4>
                <label for=name_id.clone()>"Name"</label>
                <input id=name_id type="text" maxlength="40" prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e)) />
                <label for=duty_id.clone()>"What you do"</label>
                <input id=duty_id type="text" maxlength="300" prop:value=move || duty.get() on:input=move |e| duty.set(event_target_value(&e)) />
                <label for=starters_id.clone()>"Sentence starters (one per line)"</label>
                <textarea id=starters_id rows="3" prop:value=move || starters.get() on:input=move |e| starters.set(event_target_value(&e))></textarea>
                <label class="choice">
                    <input type="checkbox" prop:checked=move || leading.get() on:change=move |_| leading.update(|l| *l = !*l) />
                    "The new role counts as leading"
                </label>
                <button type="submit">"Add role"</button>
                <p class="field-error" aria-live="polite">{move || error.get()}</p>
            </form>
            <form class="row-actions" on:submit=save_window>
                <label for=window_id.clone()>"Everyone leads at least once every … lessons"</label>
                <input
                    id=window_id
                    class="short-number"
                    type="number"
                    min="2"
                    max=MAX_LEAD_WINDOW
                    prop:value=move || window_text.get()
                    on:input=move |e| window_text.set(event_target_value(&e))
                />
                <button type="submit">"Save"</button>
            </form>
        </details>
    }
}
