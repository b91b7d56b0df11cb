//! Who may do what. Checked by the authority for every operation, never trusted from a client.

use crate::apply::Rejection;
use crate::class::Class;
use crate::ids::ClassId;
use crate::library::Library;
use crate::operation::{Author, Command};

/// Who a command is open to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Permission {
    /// Only the teacher.
    Teacher,
}

fn permission(command: &Command) -> Permission {
    match command {
        Command::CreateLesson { .. }
        | Command::ImportLesson { .. }
        | Command::RenameLesson { .. }
        | Command::SetLessonSubject { .. }
        | Command::SetLessonClass { .. }
        | Command::SetLessonDate { .. }
        | Command::SetLessonLength { .. }
        | Command::DuplicateLesson { .. }
        | Command::DeleteLesson { .. }
        | Command::RestoreLesson { .. }
        | Command::CreateClass { .. }
        | Command::RenameClass { .. }
        | Command::AddPupils { .. }
        | Command::RenamePupil { .. }
        | Command::RemovePupil { .. }
        | Command::RestorePupil { .. } => Permission::Teacher,
    }
}

/// The class whose roster a pupil author must be on for this command, if it concerns one.
fn class_concerned<'a>(library: &'a Library, command: &Command) -> Option<&'a Class> {
    let class_id: Option<&ClassId> = match command {
        Command::RenameLesson { lesson, .. }
        | Command::SetLessonSubject { lesson, .. }
        | Command::SetLessonClass { lesson, .. }
        | Command::SetLessonDate { lesson, .. }
        | Command::SetLessonLength { lesson, .. }
        | Command::DuplicateLesson { lesson }
        | Command::DeleteLesson { lesson }
        | Command::RestoreLesson { lesson } => {
            library.lesson(lesson).and_then(|l| l.plan().class.as_ref())
        }
        Command::RenameClass { class, .. }
        | Command::AddPupils { class, .. }
        | Command::RenamePupil { class, .. }
        | Command::RemovePupil { class, .. }
        | Command::RestorePupil { class, .. } => Some(class),
        Command::CreateLesson { .. }
        | Command::ImportLesson { .. }
        | Command::CreateClass { .. } => None,
    };
    class_id.and_then(|id| library.class(id))
}

/// Checks that `author` may make `command` against `library` as it stands.
///
/// A pupil must be on the roster of the class concerned (or of some class, when the command
/// concerns none), and may only make commands open to pupils.
pub(crate) fn authorise(
    library: &Library,
    author: &Author,
    command: &Command,
) -> Result<(), Rejection> {
    let Author::Pupil { pupil } = author else {
        return Ok(());
    };
    let on_roster = match class_concerned(library, command) {
        Some(class) => class.has_on_roster(pupil),
        None => library.classes.values().any(|c| c.has_on_roster(pupil)),
    };
    if !on_roster {
        return Err(Rejection::NotOnRoster);
    }
    match permission(command) {
        Permission::Teacher => Err(Rejection::TeacherOnly {
            action: command.action(),
        }),
    }
}
