//! `/classes/:id/history`: each pupil's roles lesson by lesson, each role's holders, and the gaps.

use leptos::prelude::*;

use crate::browser::files::download_text;
use crate::routes::{AppRoute, use_class_id};
use crate::state::{use_acting, use_library};
use crate::ui::TeacherLayout;

/// Lessons without leading after which a pupil is flagged, when the class has no lead window.
const DEFAULT_GAP: usize = 4;

/// The history as shown.
#[derive(Clone, PartialEq)]
struct History {
    class_name: String,
    lessons: Vec<String>,
    /// Each pupil: name, a cell per lesson, leading turns.
    rows: Vec<(String, Vec<String>, usize)>,
    /// Each role: name, who has held it, who has not.
    roles: Vec<(String, Vec<String>, Vec<String>)>,
    gaps: Vec<String>,
}

/// The teacher's view of a class's record of roles, with a CSV export.
#[component]
pub fn ClassHistoryPage() -> impl IntoView {
    let library = use_library();
    let acting = use_acting();
    let class_id = use_class_id();
    let history = Memo::new(move |_| {
        let id = class_id.get()?;
        library.with(|lib| {
            let class = lib.class(&id)?;
            let record = lib.class_record(class);
            let name_of = |p: &withme_core::PupilId| {
                class
                    .pupil(p)
                    .map_or_else(String::new, |p| p.name().to_string())
            };
            let role_name = |r: &withme_core::RoleId| {
                class
                    .role(r)
                    .map_or_else(|| r.to_string(), |r| r.name.to_string())
            };
            let threshold = class.lead_window().map_or(DEFAULT_GAP, usize::from);
            Some(History {
                class_name: class.name().to_string(),
                lessons: record
                    .lessons
                    .iter()
                    .map(|l| {
                        lib.lesson(l)
                            .map_or_else(String::new, |l| l.plan().title.to_string())
                    })
                    .collect(),
                rows: record
                    .pupils
                    .iter()
                    .map(|p| {
                        let cells = p
                            .turns
                            .iter()
                            .map(|t| {
                                let mut cell = match (&t.role, t.absent) {
                                    (_, true) => "Absent".to_owned(),
                                    (Some(role), _) => role_name(role),
                                    (None, _) => "–".to_owned(),
                                };
                                if let Some(reason) = &t.override_reason {
                                    cell.push_str(&format!(" (your choice: {reason})"));
                                }
                                for role in &t.opted_out {
                                    cell.push_str(&format!(
                                        " · stepped out of {}",
                                        role_name(role)
                                    ));
                                }
                                cell
                            })
                            .collect();
                        (name_of(&p.pupil), cells, p.standing.lead_count)
                    })
                    .collect(),
                roles: class
                    .roles()
                    .iter()
                    .map(|r| {
                        let (held, not) = record.holders(&r.id);
                        (
                            r.name.to_string(),
                            held.into_iter().map(name_of).collect(),
                            not.into_iter().map(name_of).collect(),
                        )
                    })
                    .collect(),
                gaps: if record.lessons.is_empty() {
                    Vec::new()
                } else {
                    record
                        .gaps(threshold)
                        .into_iter()
                        .map(|(p, n)| {
                            let lessons = if n == 1 { "lesson" } else { "lessons" };
                            format!("{} has not led in {n} {lessons}", name_of(p))
                        })
                        .collect()
                },
            })
        })
    });
    crate::ui::page_title(move || {
        history.with(|h| {
            h.as_ref().map_or_else(
                || "Roles history".into(),
                |h| format!("Roles history: {}", h.class_name),
            )
        })
    });
    let export = move |_| {
        let Some(id) = class_id.get_untracked() else {
            return;
        };
        let csv = library.with_untracked(|lib| {
            lib.class(&id)
                .map(|c| (c.name().to_string(), lib.class_record_csv(c)))
        });
        if let Some((name, csv)) = csv {
            let file = format!("{} roles.csv", name.replace(['/', '\\'], "-"));
            match download_text(&file, "text/csv", &csv) {
                Ok(()) => acting.say(format!("Saved {file}.")),
                Err(problem) => acting.say_problem(problem),
            }
        }
    };
    view! {
        <TeacherLayout>
            <p class="breadcrumb"><a href=AppRoute::Classes.href()>"← Classes"</a></p>
            {move || match history.get() {
                None => view! { <h1>"This class isn't on this device"</h1> }.into_any(),
                Some(h) => view! {
                    <h1>{format!("Roles history: {}", h.class_name)}</h1>
                    <div class="page-actions">
                        <button type="button" on:click=export>"Download as CSV"</button>
                    </div>
                    {h.gaps.is_empty().then(|| view! { <p class="empty-note">"Nobody has gone long without leading."</p> })}
                    {(!h.gaps.is_empty()).then(|| view! {
                        <section aria-labelledby="gaps-heading" class="gaps">
                            <h2 id="gaps-heading">"Not led for a while"</h2>
                            <ul>{h.gaps.iter().map(|g| view! { <li class="gap">{g.clone()}</li> }).collect_view()}</ul>
                        </section>
                    })}
                    <h2>"Each pupil"</h2>
                    {h.lessons.is_empty().then(|| view! { <p class="empty-note">"No lessons with groups yet."</p> })}
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Roles by lesson">
                        <table class="history-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Pupil"</th>
                                    {h.lessons.iter().map(|l| view! { <th scope="col">{l.clone()}</th> }).collect_view()}
                                    <th scope="col">"Leading turns"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {h.rows.iter().map(|(name, cells, leads)| view! {
                                    <tr>
                                        <th scope="row">{name.clone()}</th>
                                        {cells.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}
                                        <td>{leads.to_string()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <h2>"Each role"</h2>
                    <ul class="role-holders">
                        {h.roles.iter().map(|(role, held, not)| view! {
                            <li>
                                <strong>{role.clone()}</strong>
                                <span>{format!(" held by: {}", if held.is_empty() { "nobody yet".into() } else { held.join(", ") })}</span>
                                <span class="proposal-meta">{format!(" · not yet: {}", if not.is_empty() { "everyone has".into() } else { not.join(", ") })}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </TeacherLayout>
    }
}
