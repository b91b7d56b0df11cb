//! What the Board shows, read from the Board's own projection of the lesson
//! (`withme_core::view::BoardView`): the Board's components never read the library, so they
//! can show nothing the whole class may not see.

use std::sync::Arc;

use leptos::prelude::*;
use withme_core::view::{BoardView, Projection, Viewer, project};
use withme_core::{Command, ItemId, LessonId, PupilId};

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

/// Draws the next pupil of a lesson with its class's picker (the teacher's window holds the
/// history it needs).
pub type DrawName = Arc<dyn Fn(&LessonId) -> Option<PupilId> + Send + Sync>;

/// What the teacher's window lets its Board do: move the stage, run the lesson timer and draw
/// names. A Board on its own device (a live lesson's board link) has none of it: it shows, and
/// does not steer. Given as actions and as the controls themselves, which only the teacher's
/// Board page names, so a Board that steers nothing carries none of their code.
#[derive(Clone)]
pub struct BoardSteering {
    /// Applies a teacher's command about the Board, telling any refusal.
    pub act: Arc<dyn Fn(Command) + Send + Sync>,
    /// Applies a teacher's command, then says the words given.
    pub act_then: Arc<dyn Fn(Command, &'static str) + Send + Sync>,
    /// Draws the next pupil of the lesson with its class's picker.
    pub draw: DrawName,
    /// The presenter's controls: Previous and Next, and the clicker's keys
    /// ([`crate::board::presenter_steps`]).
    pub steps: fn(BoardSteering, BoardData, RwSignal<bool>) -> AnyView,
    /// The lesson timer's buttons ([`crate::board::timer_controls`]).
    pub timer: fn(BoardSteering, BoardData, TimerControls) -> AnyView,
    /// The picker's buttons ([`crate::board::picker_controls`]).
    pub picker: fn(BoardSteering, LessonId, PickerControls) -> AnyView,
}

/// What the lesson timer's buttons show: whether it stands paused, and the plan's next phase
/// (its id and title) if there is one.
#[derive(Clone)]
pub struct TimerControls {
    /// Whether the timer stands paused.
    pub paused: bool,
    /// The plan's next phase, to start in one step.
    pub next: Option<(ItemId, String)>,
}

/// What the picker's buttons offer: how many present pupils are still to have a turn this
/// round, and whether the name just drawn may pass.
#[derive(Clone, Copy)]
pub struct PickerControls {
    /// Present pupils still to have a turn this round.
    pub waiting: usize,
    /// Whether the name just drawn may pass.
    pub can_pass: bool,
}

/// The Board's steering, if this window may steer it.
pub fn use_steering() -> Option<BoardSteering> {
    use_context()
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
