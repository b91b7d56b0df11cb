//! The Board's groups: every group with its members and their roles, large.

use leptos::prelude::*;
use withme_core::LessonId;

use super::list_of;
use crate::groups::{GroupView, group_views};
use crate::state::use_library;

/// Every group, large enough to read from the back of the room.
#[component]
pub fn BoardGroups(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let lesson = StoredValue::new(lesson);
    let groups =
        Memo::new(move |_| library.with(|lib| lesson.with_value(|id| group_views(lib, id))));
    let card = |group: GroupView| {
        view! {
            <section class="board-group" aria-label=format!("Group {}", group.number)>
                <h2>{format!("Group {}", group.number)}</h2>
                <ul>
                    {group.members.into_iter().map(|m| view! {
                        <li>
                            <span class="board-member">{m.name}</span>
                            {m.role.map(|(_, role)| view! {
                                <span class=if m.leading { "board-role leading" } else { "board-role" }>{role}</span>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    };
    view! {
        {move || groups.with(Vec::is_empty).then(|| view! { <p class="board-details">"No groups yet."</p> })}
        <div class="board-groups">{list_of(groups, card)}</div>
    }
}
