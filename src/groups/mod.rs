//! Groups and roles for a lesson: making groups, giving out roles, and what the screens show of them.

mod group_editor;
mod group_maker;
mod groups_page;
mod members;

pub use group_editor::GroupEditor;
pub use group_maker::GroupMaker;
pub use groups_page::GroupsPage;
pub use members::{GroupView, MemberView, group_views};
