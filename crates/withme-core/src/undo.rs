//! Undo and redo of the teacher's edits to a plan.
//!
//! Undo never rewinds the library: it makes a new operation that puts back what an edit changed
//! (the *inverse*, worked out from the library just before the edit). So undo syncs, saves and is
//! checked like any other edit, and a pupil's proposal that arrived meanwhile is never lost.
//! Keystrokes in one field coalesce into one step, as in any editor.

use crate::command::Command;
use crate::ids::{ItemId, OpId};
use crate::library::Library;
use crate::plan::Section;

/// Most steps kept.
pub const MAX_UNDO_STEPS: usize = 100;

/// The command that puts back what `command` (made as operation `op`) would change in `library`,
/// if it is an edit that can be undone. Worked out before `command` is applied.
pub fn inverse(library: &Library, command: &Command, op: &OpId) -> Option<Command> {
    use Command as C;
    let plan_of = |lesson| library.lesson(lesson).map(|l| l.plan());
    Some(match command {
        C::RenameLesson { lesson, .. } => C::RenameLesson {
            lesson: lesson.clone(),
            title: plan_of(lesson)?.title.clone(),
        },
        C::SetLessonSubject { lesson, .. } => C::SetLessonSubject {
            lesson: lesson.clone(),
            subject: plan_of(lesson)?.subject.clone(),
        },
        C::SetLessonClass { lesson, .. } => C::SetLessonClass {
            lesson: lesson.clone(),
            class: plan_of(lesson)?.class.clone(),
        },
        C::SetLessonDate { lesson, .. } => C::SetLessonDate {
            lesson: lesson.clone(),
            date: plan_of(lesson)?.date,
        },
        C::SetLessonLength { lesson, .. } => C::SetLessonLength {
            lesson: lesson.clone(),
            length: plan_of(lesson)?.length,
        },
        C::SetNote { lesson, note, .. } => C::SetNote {
            lesson: lesson.clone(),
            note: *note,
            text: plan_of(lesson)?.note(*note).clone(),
        },
        C::AddItem { lesson, list, .. } => C::RemoveEntry {
            lesson: lesson.clone(),
            section: Section::Items(*list),
            entry: ItemId::from(op),
        },
        C::AddPhase { lesson, .. } => C::RemoveEntry {
            lesson: lesson.clone(),
            section: Section::Phases,
            entry: ItemId::from(op),
        },
        C::InsertEntry {
            lesson,
            section,
            entry,
            ..
        } => C::RemoveEntry {
            lesson: lesson.clone(),
            section: *section,
            entry: entry.id().clone(),
        },
        C::EditItem {
            lesson, list, item, ..
        } => C::EditItem {
            lesson: lesson.clone(),
            list: *list,
            item: item.clone(),
            text: plan_of(lesson)?
                .items(*list)
                .iter()
                .find(|i| &i.id == item)?
                .text
                .clone(),
        },
        C::EditPhase { lesson, phase, .. } => {
            let old = plan_of(lesson)?.phase(phase)?;
            C::EditPhase {
                lesson: lesson.clone(),
                phase: phase.clone(),
                title: old.title.clone(),
                description: old.description.clone(),
                minutes: old.minutes,
            }
        }
        C::RemoveEntry {
            lesson,
            section,
            entry,
        } => {
            let plan = plan_of(lesson)?;
            let at = plan.position(*section, entry)?;
            C::InsertEntry {
                lesson: lesson.clone(),
                section: *section,
                at,
                entry: plan.entry(*section, at)?,
            }
        }
        C::MoveEntry {
            lesson,
            section,
            entry,
            ..
        } => C::MoveEntry {
            lesson: lesson.clone(),
            section: *section,
            entry: entry.clone(),
            to: plan_of(lesson)?.position(*section, entry)?,
        },
        _ => return None,
    })
}

/// What an edit touched, so that consecutive keystrokes in one field make one undo step.
fn field_of(command: &Command) -> Option<String> {
    use Command as C;
    Some(match command {
        C::RenameLesson { lesson, .. } => format!("{lesson}/title"),
        C::SetLessonSubject { lesson, .. } => format!("{lesson}/subject"),
        C::SetNote { lesson, note, .. } => format!("{lesson}/{note:?}"),
        C::EditItem { lesson, item, .. } => format!("{lesson}/{item}"),
        C::EditPhase { lesson, phase, .. } => format!("{lesson}/{phase}"),
        _ => return None,
    })
}

#[derive(Debug, Clone)]
struct Step {
    command: Command,
    field: Option<String>,
}

/// A teacher's undo and redo stacks for one lesson. Plain data: the shell keeps it in a signal.
#[derive(Debug, Clone, Default)]
pub struct UndoHistory {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl UndoHistory {
    /// Records an edit about to be applied as operation `op`: its inverse goes on the undo stack,
    /// and the redo stack empties. Typing on in the same field extends the last step.
    pub fn record(&mut self, library: &Library, command: &Command, op: &OpId) {
        self.push_edit(inverse(library, command, op), command);
    }

    /// Records an edit whose inverse was worked out beforehand with [`inverse`] (`None` when the
    /// edit cannot be undone).
    pub fn push_edit(&mut self, inverse: Option<Command>, command: &Command) {
        let Some(inverse) = inverse else {
            return;
        };
        self.redo.clear();
        let field = field_of(command);
        if field.is_some() && self.undo.last().is_some_and(|last| last.field == field) {
            return;
        }
        push(
            &mut self.undo,
            Step {
                command: inverse,
                field,
            },
        );
    }

    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone edit to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Takes the last edit off the undo stack: apply [`Undo::command`] as operation `op`
    /// (whose id was given here), then hand the result to [`UndoHistory::undone`]. A step that no
    /// longer applies (another window removed what it restores) is simply dropped.
    pub fn undo(&mut self, library: &Library, op: &OpId) -> Option<Undo> {
        let step = self.undo.pop()?;
        Some(Undo {
            back: inverse(library, &step.command, op),
            command: step.command,
        })
    }

    /// Records that an undo was applied, so that it can be redone.
    pub fn undone(&mut self, undo: Undo) {
        if let Some(command) = undo.back {
            push(
                &mut self.redo,
                Step {
                    command,
                    field: None,
                },
            );
        }
    }

    /// Takes the last undone edit off the redo stack, as [`UndoHistory::undo`] does.
    pub fn redo(&mut self, library: &Library, op: &OpId) -> Option<Undo> {
        let step = self.redo.pop()?;
        Some(Undo {
            back: inverse(library, &step.command, op),
            command: step.command,
        })
    }

    /// Records that a redo was applied, so that it can be undone again.
    pub fn redone(&mut self, redo: Undo) {
        if let Some(command) = redo.back {
            push(
                &mut self.undo,
                Step {
                    command,
                    field: None,
                },
            );
        }
    }
}

/// An undo or redo step taken off its stack: the command to apply, and what reverses it.
#[derive(Debug, Clone)]
pub struct Undo {
    /// The command to apply.
    pub command: Command,
    back: Option<Command>,
}

fn push(stack: &mut Vec<Step>, step: Step) {
    if stack.len() == MAX_UNDO_STEPS {
        stack.remove(0);
    }
    stack.push(step);
}
