//! What the Board shows, read from the Board's own projection of the lesson
//! (`withme_core::view::BoardView`): the Board's components never read the library, so they
//! can show nothing the whole class may not see.

use leptos::prelude::*;
use withme_core::LessonId;
use withme_core::view::{BoardView, Projection, Viewer, project};

use crate::groups::{GroupView, MemberView};
use crate::state::use_library;

/// The lesson as the Board may show it, for the Board's components.
#[derive(Clone, Copy)]
pub struct BoardData(pub Memo<Option<BoardView>>);

/// Makes the Board's projection of `lesson` (again whenever the library changes) and provides
/// it to the components below.
pub fn provide_board(lesson: Memo<Option<LessonId>>) -> BoardData {
    let library = use_library();
    let board = BoardData(Memo::new(move |_| {
        let id = lesson.get()?;
        library.with(|lib| match project(lib, &id, &Viewer::Board)? {
            Projection::Board(view) => Some(view),
            Projection::Teacher(_) | Projection::Pupil(_) => None,
        })
    }));
    provide_context(board);
    board
}

/// The Board's projection.
pub fn use_board() -> BoardData {
    expect_context()
}

/// The groups as the Board shows them: names and role names, and no reasons (the Board's
/// projection has none).
pub fn board_groups(board: &BoardView) -> Vec<GroupView> {
    let name_of = |pupil| {
        board
            .class
            .as_ref()
            .and_then(|c| c.name_of(pupil))
            .map_or_else(|| "A pupil".into(), ToString::to_string)
    };
    board
        .groups
        .iter()
        .map(|group| GroupView {
            number: group.number,
            members: group
                .members
                .iter()
                .map(|m| {
                    let role = m
                        .role
                        .as_ref()
                        .and_then(|r| board.roles.iter().find(|x| &x.id == r));
                    MemberView {
                        pupil: m.pupil.clone(),
                        name: name_of(&m.pupil),
                        role: role.map(|r| (r.id.clone(), r.name.to_string())),
                        leading: role.is_some_and(|r| r.leading),
                        reason: None,
                    }
                })
                .collect(),
        })
        .collect()
}
