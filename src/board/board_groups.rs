//! The Board's groups: every group with its members and their roles, large.

use leptos::prelude::*;

use crate::board::{board_groups, use_board};
use crate::groups::GroupView;
use crate::ui::list_of;

/// Every group, large enough to read from the back of the room.
#[component]
pub fn BoardGroups() -> impl IntoView {
    let board = use_board();
    let groups = Memo::new(move |_| {
        board
            .0
            .with(|view| view.as_ref().map(board_groups).unwrap_or_default())
    });
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
