//! The whiteboard: its stages, the join panel, and the projection it reads (never the library).

mod board_groups;
mod board_page;
mod board_picker;
mod board_stage;
mod data;
mod join_panel;
mod lesson_clock;
mod live_board_page;
mod presenter;

pub use board_groups::BoardGroups;
pub use board_page::{BoardPage, BoardScreen};
pub use board_picker::{BoardPicker, picker_controls};
pub use board_stage::BoardStageView;
pub use data::{
    BoardData, BoardSteering, PickerControls, TimerControls, board_groups, provide_board,
    use_board, use_steering,
};
pub use join_panel::{JoinPanel, spaced_code};
pub use lesson_clock::{LessonClock, timer_controls};
pub use live_board_page::LiveBoardPage;
pub use presenter::{BlankButton, BlankScreen, blank_keys, presenter_steps};
