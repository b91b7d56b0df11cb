//! The Planner's editing handle: every teacher edit of the plan, with undo and redo.

use leptos::prelude::*;
use withme_core::Command;
use withme_core::undo::{UndoHistory, inverse};

use super::{LessonDispatch, LibraryView, use_dispatch, use_library};

/// Applies the teacher's edits to the plan open in the Planner and keeps their undo history.
///
/// Undo and redo are new operations (see `withme_core::undo`): they save and reach other windows
/// like any edit, and never rewind a pupil's proposal that arrived meanwhile.
#[derive(Clone, Copy)]
pub struct PlanEditor {
    library: LibraryView,
    dispatch: LessonDispatch,
    history: RwSignal<UndoHistory>,
}

impl PlanEditor {
    /// A new editor with an empty history, provided to the components below.
    pub fn provide() -> Self {
        let editor = Self {
            library: use_library(),
            dispatch: use_dispatch(),
            history: RwSignal::new(UndoHistory::default()),
        };
        provide_context(editor);
        editor
    }

    /// Applies an edit, or answers with the reason it was refused (shown at the field).
    pub fn edit(&self, command: Command) -> Result<(), String> {
        let id = self.dispatch.next_op_id();
        let back = self
            .library
            .with_untracked(|lib| inverse(lib, &command, &id));
        self.dispatch
            .as_teacher(command.clone())
            .map_err(|r| r.to_string())?;
        self.history.update(|h| h.push_edit(back, &command));
        Ok(())
    }

    /// Applies an edit parsed from what was typed; a parse error is shown as it is.
    pub fn edit_parsed(&self, parsed: Result<Command, String>) -> Result<(), String> {
        self.edit(parsed?)
    }

    /// Whether there is something to undo (tracked).
    pub fn can_undo(&self) -> bool {
        self.history.with(UndoHistory::can_undo)
    }

    /// Whether there is something to redo (tracked).
    pub fn can_redo(&self) -> bool {
        self.history.with(UndoHistory::can_redo)
    }

    /// Undoes the last edit. A step that no longer applies is dropped, with the reason.
    pub fn undo(&self) -> Result<(), String> {
        self.step(UndoHistory::undo, UndoHistory::undone)
    }

    /// Redoes the last undone edit.
    pub fn redo(&self) -> Result<(), String> {
        self.step(UndoHistory::redo, UndoHistory::redone)
    }

    fn step(
        &self,
        take: fn(
            &mut UndoHistory,
            &withme_core::Library,
            &withme_core::OpId,
        ) -> Option<withme_core::undo::Undo>,
        done: fn(&mut UndoHistory, withme_core::undo::Undo),
    ) -> Result<(), String> {
        let id = self.dispatch.next_op_id();
        let step = self.library.with_untracked(|lib| {
            let mut taken = None;
            self.history.update(|h| taken = take(h, lib, &id));
            taken
        });
        let Some(step) = step else {
            return Ok(());
        };
        self.dispatch
            .as_teacher(step.command.clone())
            .map_err(|r| format!("That step can't be made now: {r}"))?;
        self.history.update(|h| done(h, step));
        Ok(())
    }
}

/// The Planner's editor.
pub fn use_editor() -> PlanEditor {
    expect_context()
}
