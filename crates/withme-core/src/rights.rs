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
use crate::ids::{ClassId, LessonId, ProposalId, PupilId, QuestionId};
use crate::library::Library;
use crate::operation::{Author, Command};

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

fn permission(command: &Command) -> Permission<'_> {
    match command {
        Command::Propose { .. }
        | Command::BackProposal { .. }
        | Command::AskQuestion { .. }
        | Command::CastBallot { .. } => Permission::Pupil,
        Command::ReviseQuestion {
            lesson, question, ..
        } => Permission::QuestionAuthor(lesson, question),
        Command::ReviseProposal {
            lesson, proposal, ..
        }
        | Command::WithdrawProposal { lesson, proposal } => {
            Permission::ProposalAuthor(lesson, proposal)
        }
        _ => Permission::Teacher,
    }
}

/// The lesson a command concerns, if any.
fn lesson_concerned(command: &Command) -> Option<&LessonId> {
    match command {
        Command::RenameLesson { lesson, .. }
        | Command::SetLessonSubject { lesson, .. }
        | Command::SetLessonClass { lesson, .. }
        | Command::SetLessonDate { lesson, .. }
        | Command::SetLessonLength { lesson, .. }
        | Command::DuplicateLesson { lesson }
        | Command::DeleteLesson { lesson }
        | Command::RestoreLesson { lesson }
        | Command::SetNote { lesson, .. }
        | Command::AddItem { lesson, .. }
        | Command::EditItem { lesson, .. }
        | Command::AddPhase { lesson, .. }
        | Command::EditPhase { lesson, .. }
        | Command::RemoveEntry { lesson, .. }
        | Command::MoveEntry { lesson, .. }
        | Command::InsertEntry { lesson, .. }
        | Command::SaveTemplate { lesson, .. }
        | Command::Propose { lesson, .. }
        | Command::ReviseProposal { lesson, .. }
        | Command::WithdrawProposal { lesson, .. }
        | Command::BackProposal { lesson, .. }
        | Command::AcceptProposal { lesson, .. }
        | Command::MergeProposals { lesson, .. }
        | Command::SendBackProposal { lesson, .. }
        | Command::DeclineProposal { lesson, .. }
        | Command::SetStimulus { lesson, .. }
        | Command::StartThinkingTime { lesson, .. }
        | Command::StopThinkingTime { lesson }
        | Command::ShowOnBoard { lesson, .. }
        | Command::AskQuestion { lesson, .. }
        | Command::ReviseQuestion { lesson, .. }
        | Command::ApproveQuestion { lesson, .. }
        | Command::EditQuestion { lesson, .. }
        | Command::SendBackQuestion { lesson, .. }
        | Command::HideQuestion { lesson, .. }
        | Command::MergeQuestions { lesson, .. }
        | Command::CategoriseQuestion { lesson, .. }
        | Command::SetQuestionForward { lesson, .. }
        | Command::OpenPoll { lesson, .. }
        | Command::CastBallot { lesson, .. }
        | Command::ClosePoll { lesson, .. }
        | Command::RevealPoll { lesson, .. }
        | Command::TallyHands { lesson, .. }
        | Command::OpenRunOff { lesson, .. }
        | Command::ChooseTieWinner { lesson, .. }
        | Command::FinishEnquiry { lesson, .. }
        | Command::ReopenEnquiry { lesson }
        | Command::UnparkQuestion { lesson, .. }
        | Command::SetAbsent { lesson, .. }
        | Command::SetGroups { lesson, .. }
        | Command::AssignRoles { lesson }
        | Command::OverrideRole { lesson, .. }
        | Command::OptOutOfRole { lesson, .. }
        | Command::PickPupil { lesson, .. }
        | Command::PassPick { lesson }
        | Command::NewPickerRound { lesson } => Some(lesson),
        _ => None,
    }
}

/// Whether `pupil` is on the roster of the class a command concerns: the lesson's class for a
/// lesson command (a lesson with no class has no pupils), the class itself for a class command,
/// and any class otherwise.
fn on_roster(library: &Library, pupil: &PupilId, command: &Command) -> Result<bool, Rejection> {
    let has = |class: Option<&ClassId>| {
        class
            .and_then(|id| library.class(id))
            .is_some_and(|class: &Class| class.has_on_roster(pupil))
    };
    if let Some(lesson) = lesson_concerned(command) {
        let lesson = library.lesson(lesson).ok_or(Rejection::UnknownLesson)?;
        return Ok(has(lesson.plan().class.as_ref()));
    }
    Ok(match command {
        Command::RenameClass { class, .. }
        | Command::AddPupils { class, .. }
        | Command::RenamePupil { class, .. }
        | Command::RemovePupil { class, .. }
        | Command::RestorePupil { class, .. }
        | Command::ArchiveClass { class, .. }
        | Command::DeleteClass { class }
        | Command::SetPupilLabel { class, .. }
        | Command::SetPairRule { class, .. }
        | Command::SetRoles { class, .. }
        | Command::SetLeadWindow { class, .. } => has(Some(class)),
        _ => library.classes.values().any(|c| c.has_on_roster(pupil)),
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
/// A pupil must be on the roster of the class concerned (or of some class, when the command
/// concerns none), and may only make commands open to pupils. The teacher may make every
/// command except those that speak for a pupil.
pub(crate) fn authorise(
    library: &Library,
    author: &Author,
    command: &Command,
) -> Result<(), Rejection> {
    let permission = permission(command);
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
    if !on_roster(library, pupil, command)? {
        return Err(Rejection::NotOnRoster);
    }
    match permission {
        Permission::Teacher => Err(Rejection::TeacherOnly {
            action: command.action(),
        }),
        Permission::Pupil => Ok(()),
        Permission::ProposalAuthor(lesson, proposal) => {
            is_author_of(library, pupil, lesson, proposal)
        }
        Permission::QuestionAuthor(lesson, question) => asked(library, pupil, lesson, question),
    }
}
