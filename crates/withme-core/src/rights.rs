//! Who may do what. Checked by the authority for every operation, never trusted from a client.
//!
//! | commands | who |
//! | --- | --- |
//! | lessons, plans, templates, classes; accept, merge, send back, decline | the teacher |
//! | propose, back a proposal | a pupil on the lesson's class list |
//! | reword or withdraw a proposal | one of its authors |
//! | ask a question, cast a ballot | a pupil on the lesson's class list |
//! | reword a question | one of its authors |
//! | stimulus, moderation, sorting, polls, the Board, the enquiry question | the teacher |
//! | register, groups, roles, overrides, opt-outs, the picker; archive or delete a class | the teacher |

use crate::apply::Rejection;
use crate::class::Class;
use crate::command::Command;
use crate::ids::{ClassId, LessonId, ProposalId, PupilId, QuestionId};
use crate::library::Library;
use crate::operation::Author;

/// Who a command is open to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Permission<'a> {
    /// Only the teacher.
    Teacher,
    /// Any pupil on the class list.
    Pupil,
    /// Only the authors of this proposal.
    ProposalAuthor(&'a LessonId, &'a ProposalId),
    /// Only the authors of this question.
    QuestionAuthor(&'a LessonId, &'a QuestionId),
}

/// What a command concerns, which decides whose class list a pupil must be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope<'a> {
    /// One lesson (a pupil must be on its class's list).
    Lesson(&'a LessonId),
    /// One class (a pupil must be on its list).
    Class(&'a ClassId),
    /// Neither: the teacher's own library (lessons to be, templates, new classes).
    Library,
}

/// Who may make `command`, and what it concerns. One exhaustive match: a new command must be
/// placed here before it compiles, so none can fall into a default.
fn rule(command: &Command) -> (Permission<'_>, Scope<'_>) {
    use Command as C;
    use Permission::{Pupil, Teacher};
    match command {
        C::Propose { lesson, .. }
        | C::BackProposal { lesson, .. }
        | C::AskQuestion { lesson, .. }
        | C::CastBallot { lesson, .. } => (Pupil, Scope::Lesson(lesson)),
        C::ReviseProposal {
            lesson, proposal, ..
        }
        | C::WithdrawProposal { lesson, proposal } => (
            Permission::ProposalAuthor(lesson, proposal),
            Scope::Lesson(lesson),
        ),
        C::ReviseQuestion {
            lesson, question, ..
        } => (
            Permission::QuestionAuthor(lesson, question),
            Scope::Lesson(lesson),
        ),
        C::RenameLesson { lesson, .. }
        | C::SetLessonSubject { lesson, .. }
        | C::SetLessonClass { lesson, .. }
        | C::SetLessonDate { lesson, .. }
        | C::SetLessonLength { lesson, .. }
        | C::DuplicateLesson { lesson }
        | C::DeleteLesson { lesson }
        | C::RestoreLesson { lesson }
        | C::SetNote { lesson, .. }
        | C::AddItem { lesson, .. }
        | C::EditItem { lesson, .. }
        | C::AddPhase { lesson, .. }
        | C::EditPhase { lesson, .. }
        | C::RemoveEntry { lesson, .. }
        | C::MoveEntry { lesson, .. }
        | C::InsertEntry { lesson, .. }
        | C::SaveTemplate { lesson, .. }
        | C::AcceptProposal { lesson, .. }
        | C::MergeProposals { lesson, .. }
        | C::SendBackProposal { lesson, .. }
        | C::DeclineProposal { lesson, .. }
        | C::SetStimulus { lesson, .. }
        | C::StartThinkingTime { lesson, .. }
        | C::StopThinkingTime { lesson }
        | C::SetTimer { lesson, .. }
        | C::ShowOnBoard { lesson, .. }
        | C::ApproveQuestion { lesson, .. }
        | C::EditQuestion { lesson, .. }
        | C::SendBackQuestion { lesson, .. }
        | C::HideQuestion { lesson, .. }
        | C::MergeQuestions { lesson, .. }
        | C::CategoriseQuestion { lesson, .. }
        | C::SetQuestionForward { lesson, .. }
        | C::OpenPoll { lesson, .. }
        | C::ClosePoll { lesson, .. }
        | C::RevealPoll { lesson, .. }
        | C::TallyHands { lesson, .. }
        | C::OpenRunOff { lesson, .. }
        | C::ChooseTieWinner { lesson, .. }
        | C::FinishEnquiry { lesson, .. }
        | C::ReopenEnquiry { lesson }
        | C::UnparkQuestion { lesson, .. }
        | C::SetAbsent { lesson, .. }
        | C::SetGroups { lesson, .. }
        | C::AssignRoles { lesson }
        | C::OverrideRole { lesson, .. }
        | C::OptOutOfRole { lesson, .. }
        | C::PickPupil { lesson, .. }
        | C::PassPick { lesson }
        | C::NewPickerRound { lesson } => (Teacher, Scope::Lesson(lesson)),
        C::RenameClass { class, .. }
        | C::AddPupils { class, .. }
        | C::RenamePupil { class, .. }
        | C::RemovePupil { class, .. }
        | C::RestorePupil { class, .. }
        | C::ArchiveClass { class, .. }
        | C::DeleteClass { class }
        | C::SetPupilLabel { class, .. }
        | C::SetPairRule { class, .. }
        | C::SetRoles { class, .. }
        | C::SetLeadWindow { class, .. } => (Teacher, Scope::Class(class)),
        C::CreateLesson { .. }
        | C::ImportLesson { .. }
        | C::RestoreLibrary { .. }
        | C::EmptyBin { .. }
        | C::ArchiveLessons { .. }
        | C::DeleteTemplate { .. }
        | C::CreateClass { .. } => (Teacher, Scope::Library),
    }
}

impl Command {
    /// The lesson this command is about, if it is about one.
    pub fn lesson(&self) -> Option<&LessonId> {
        match rule(self).1 {
            Scope::Lesson(lesson) => Some(lesson),
            Scope::Class(_) | Scope::Library => None,
        }
    }

    /// The class this command is about, if it is about a class (not one of its lessons).
    pub fn class(&self) -> Option<&ClassId> {
        match rule(self).1 {
            Scope::Class(class) => Some(class),
            Scope::Lesson(_) | Scope::Library => None,
        }
    }
}

/// Whether `pupil` is on the roster of the class a command concerns: the lesson's class for a
/// lesson command (a lesson with no class has no pupils), the class itself for a class command.
/// A command about neither concerns no class, so no pupil is on its list.
fn on_roster(library: &Library, pupil: &PupilId, scope: Scope<'_>) -> Result<bool, Rejection> {
    let has = |class: Option<&ClassId>| {
        class
            .and_then(|id| library.class(id))
            .is_some_and(|class: &Class| class.has_on_roster(pupil))
    };
    Ok(match scope {
        Scope::Lesson(lesson) => {
            let lesson = library.lesson(lesson).ok_or(Rejection::UnknownLesson)?;
            has(lesson.plan().class.as_ref())
        }
        Scope::Class(class) => has(Some(class)),
        Scope::Library => false,
    })
}

fn is_author_of(
    library: &Library,
    pupil: &PupilId,
    lesson: &LessonId,
    proposal: &ProposalId,
) -> Result<(), Rejection> {
    let found = library
        .lesson(lesson)
        .ok_or(Rejection::UnknownLesson)?
        .proposal(proposal)
        .ok_or(Rejection::UnknownProposal)?;
    if found.is_by(pupil) {
        Ok(())
    } else {
        Err(Rejection::NotYourProposal)
    }
}

fn asked(
    library: &Library,
    pupil: &PupilId,
    lesson: &LessonId,
    question: &QuestionId,
) -> Result<(), Rejection> {
    let found = library
        .lesson(lesson)
        .ok_or(Rejection::UnknownLesson)?
        .enquiry()
        .question(question)
        .ok_or(Rejection::UnknownQuestion)?;
    if found.is_by(pupil) {
        Ok(())
    } else {
        Err(Rejection::NotYourQuestion)
    }
}

/// Checks that `author` may make `command` against `library` as it stands.
///
/// A pupil must be on the roster of the class concerned, and may only make commands open to
/// pupils. The teacher may make every
/// command except those that speak for a pupil.
pub(crate) fn authorise(
    library: &Library,
    author: &Author,
    command: &Command,
) -> Result<(), Rejection> {
    let (permission, scope) = rule(command);
    let Author::Pupil { pupil } = author else {
        return match permission {
            Permission::Teacher => Ok(()),
            Permission::Pupil | Permission::ProposalAuthor(..) | Permission::QuestionAuthor(..) => {
                Err(Rejection::PupilsOnly {
                    action: command.action(),
                })
            }
        };
    };
    if permission == Permission::Teacher {
        return Err(Rejection::TeacherOnly {
            action: command.action(),
        });
    }
    if !on_roster(library, pupil, scope)? {
        return Err(Rejection::NotOnRoster);
    }
    match permission {
        Permission::Teacher | Permission::Pupil => Ok(()),
        Permission::ProposalAuthor(lesson, proposal) => {
            is_author_of(library, pupil, lesson, proposal)
        }
        Permission::QuestionAuthor(lesson, question) => asked(library, pupil, lesson, question),
    }
}
