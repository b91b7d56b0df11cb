//! The register for a lesson: who is here, who is absent.

use leptos::prelude::*;
use withme_core::{Command, LessonId, PupilId};

use crate::format::class_of;
use crate::state::{use_acting, use_library};
use crate::ui::list_of;

/// A pupil on the register.
#[derive(Clone, PartialEq)]
struct Entry {
    id: PupilId,
    name: String,
    absent: bool,
}

/// Tick who is absent; absent pupils are left out of groups and the picker.
#[component]
pub fn Register(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let entries = Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                let Some(found) = lib.lesson(id) else {
                    return Vec::new();
                };
                let Some(class) = class_of(lib, found) else {
                    return Vec::new();
                };
                class
                    .roster()
                    .map(|p| Entry {
                        id: p.id().clone(),
                        name: p.name().to_string(),
                        absent: found.groups().is_absent(p.id()),
                    })
                    .collect()
            })
        })
    });
    let here = move || {
        entries.with(|e| {
            let present = e.iter().filter(|p| !p.absent).count();
            format!("{present} of {} here", e.len())
        })
    };
    view! {
        <details class="register">
            <summary>"Register: " {here}</summary>
            <p class="field-hint">"Tick anyone who is absent. They are left out of groups and the picker."</p>
            <ul class="register-list">
                {list_of(entries, move |entry| {
                    let pupil = entry.id.clone();
                    let toggle = move |_| {
                        acting.teacher_or_say(Command::SetAbsent {
                            lesson: lesson.get_value(),
                            pupil: pupil.clone(),
                            absent: !entry.absent,
                        });
                    };
                    view! {
                        <li>
                            <label class="choice">
                                <input type="checkbox" prop:checked=entry.absent on:change=toggle />
                                {format!("{} is absent", entry.name)}
                            </label>
                        </li>
                    }
                    .into_any()
                })}
            </ul>
        </details>
    }
}
