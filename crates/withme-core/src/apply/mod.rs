//! The one entry point that changes a library: [`Library::apply`].

mod classes;
mod enquiry;
mod groups;
mod lessons;
mod plan;
mod polls;
mod proposals;
mod restore;
mod templates;

pub use groups::lesson_seed;

use thiserror::Error;

use crate::command::Command;
use crate::enquiry::BallotProblem;
use crate::enquiry::QuestionStatus;
use crate::library::Library;
use crate::operation::{Event, Operation};
use crate::proposal::ProposalStatus;
use crate::rights::authorise;

/// Why an operation was refused. The `Display` text is written for the person who tried it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Rejection {
    /// A pupil tried something only the teacher may do.
    #[error("Only the teacher can {action}.")]
    TeacherOnly {
        /// What was tried, e.g. "rename a lesson".
        action: &'static str,
    },
    /// The pupil named as author is not on the roster of the class concerned.
    #[error("That pupil isn't on this class's list.")]
    NotOnRoster,
    /// No lesson has that id.
    #[error("That lesson isn't on this device. It may have been deleted in another window.")]
    UnknownLesson,
    /// No class has that id.
    #[error("That class isn't on this device. It may have been deleted in another window.")]
    UnknownClass,
    /// No pupil of that class has that id.
    #[error("That pupil isn't in this class.")]
    UnknownPupil,
    /// The lesson is in the bin and must be restored before it changes.
    #[error("This lesson is in the bin. Restore it to change it.")]
    LessonInBin,
    /// A name is already on the roster.
    #[error(
        "{name} is already on the class list. Add an initial to tell them apart, like \"{name} K\"."
    )]
    DuplicateName {
        /// The name that clashed.
        name: String,
    },
    /// The roster would grow past its limit.
    #[error("A class can have at most {max} pupils.")]
    RosterFull {
        /// The limit.
        max: usize,
    },
    /// `AddPupils` with no names.
    #[error("Add at least one name.")]
    NoNames,
    /// An entry of the plan named by the operation is not there.
    #[error(
        "That part of the plan isn't there any more. It may have been removed in another window."
    )]
    UnknownEntry,
    /// An entry was put in a section of the wrong kind.
    #[error("That entry doesn't belong in that part of the plan.")]
    WrongSection,
    /// A section of the plan is full.
    #[error("A list in a plan can have at most {max} entries.")]
    SectionFull {
        /// The limit.
        max: usize,
    },
    /// No saved template has that id.
    #[error("That template isn't on this device any more.")]
    UnknownTemplate,
    /// The teacher has saved as many templates as allowed.
    #[error("You can save at most {max} templates. Delete one you no longer use first.")]
    TemplatesFull {
        /// The limit.
        max: usize,
    },
    /// The teacher tried something only a pupil does.
    #[error("Only a pupil can {action}.")]
    PupilsOnly {
        /// What was tried.
        action: &'static str,
    },
    /// No proposal of the lesson has that id.
    #[error("That idea isn't in this lesson any more.")]
    UnknownProposal,
    /// A pupil tried to change someone else's proposal.
    #[error("You can only change your own ideas.")]
    NotYourProposal,
    /// The proposal has already been accepted, merged, declined or withdrawn.
    #[error("This idea has already been dealt with.")]
    ProposalClosed,
    /// A pupil tried to back their own proposal.
    #[error("You can't back your own idea, but others can.")]
    OwnProposal,
    /// The lesson holds as many proposals as allowed.
    #[error("This lesson already has {max} ideas, the most it can hold.")]
    ProposalsFull {
        /// The limit.
        max: usize,
    },
    /// The pupil already has as many open proposals as allowed.
    #[error("You have {max} ideas waiting already. Your teacher will look at them soon.")]
    TooManyOpenProposals {
        /// The limit.
        max: usize,
    },
    /// A merge of fewer than two distinct proposals.
    #[error("Choose at least two ideas to merge.")]
    MergeNeedsTwo,
    /// A merge of proposals of different kinds.
    #[error("Only ideas of the same kind can be merged.")]
    MergeMixedKinds,
    /// No question of the lesson has that id.
    #[error("That question isn't in this lesson any more.")]
    UnknownQuestion,
    /// A pupil tried to change someone else's question.
    #[error("You can only change your own questions.")]
    NotYourQuestion,
    /// The question was merged into another one.
    #[error("This question has been joined with another one.")]
    QuestionMerged,
    /// Only a question still waiting can be reworded by its authors.
    #[error("Your teacher has already dealt with this question.")]
    QuestionAnswered,
    /// The lesson holds as many questions as allowed.
    #[error("This lesson already has {max} questions, the most it can hold.")]
    QuestionsFull {
        /// The limit.
        max: usize,
    },
    /// The pupil already has as many waiting questions as allowed.
    #[error("You have {max} questions waiting already. Your teacher will look at them soon.")]
    TooManyOpenQuestions {
        /// The limit.
        max: usize,
    },
    /// Too many names on one question.
    #[error("A group question can have at most {max} names.")]
    TooManyAuthors {
        /// The limit.
        max: usize,
    },
    /// Only approved questions that the class can see go to a vote.
    #[error("Only approved questions that aren't hidden can go to the vote.")]
    NotApproved,
    /// A merge of fewer than two distinct questions.
    #[error("Choose at least two questions to merge.")]
    MergeNeedsTwoQuestions,
    /// A stimulus with no text.
    #[error("Write the stimulus, or clear it.")]
    EmptyStimulus,
    /// An image stimulus that is not a web address.
    #[error("An image link starts with https:// (copy the picture's address).")]
    NotALink,
    /// A thinking time outside the allowed range.
    #[error("Thinking time lasts between 10 seconds and 30 minutes.")]
    ThinkingTimeRange,
    /// A lesson timer outside the allowed range.
    #[error("A lesson timer runs between 1 minute and 6 hours.")]
    TimerRange,
    /// A change to the lesson timer when none is on the Board.
    #[error("There's no lesson timer to change. Start one first.")]
    NoTimer,
    /// No poll of the lesson has that id.
    #[error("That vote isn't in this lesson any more.")]
    UnknownPoll,
    /// A poll is already open.
    #[error("Close the open vote before starting another.")]
    PollAlreadyOpen,
    /// A poll with fewer than two questions.
    #[error("A vote needs at least two different questions.")]
    PollNeedsTwo,
    /// A poll with more options than allowed.
    #[error("A vote can offer at most {max} questions.")]
    TooManyOptions {
        /// The limit.
        max: usize,
    },
    /// A multi-vote with too few or too many votes each.
    #[error("Give each pupil between 2 and 10 votes.")]
    MultiVotesRange,
    /// The lesson holds as many polls as allowed.
    #[error("This lesson already has {max} votes, the most it can hold.")]
    PollsFull {
        /// The limit.
        max: usize,
    },
    /// A ballot, a count or a change for a poll that is closed.
    #[error("This vote has closed.")]
    PollClosed,
    /// Something only done once a poll is closed.
    #[error("Close the vote first.")]
    PollStillOpen,
    /// A ballot that breaks the poll's method.
    #[error("{problem}")]
    Ballot {
        /// What is wrong with it.
        problem: BallotProblem,
    },
    /// Hands-up counts for a poll that is not hands up, or of the wrong length.
    #[error("Type one count for each question of a hands-up vote.")]
    BadHandsCount,
    /// A tie break for a poll with no tie.
    #[error("This vote has no tie to break.")]
    NoTie,
    /// A teacher's choice outside the tied questions.
    #[error("Choose one of the tied questions.")]
    NotTied,
    /// Reopening an enquiry whose question is not chosen.
    #[error("This lesson's enquiry question isn't chosen yet.")]
    EnquiryOpen,
    /// The enquiry question is already chosen.
    #[error("This lesson's enquiry question is already chosen.")]
    EnquiryFinished,
    /// No question of the class's parking lot has that id.
    #[error("That question isn't in the parking lot any more.")]
    UnknownParked,
    /// The parking lot is full.
    #[error("The parking lot holds at most {max} questions. Bring some into a lesson first.")]
    ParkingFull {
        /// The limit.
        max: usize,
    },
    /// Something that needs the lesson's class, for a lesson without one.
    #[error("Choose a class for this lesson first.")]
    NoClass,
    /// A pair rule naming one pupil twice.
    #[error("Choose two different pupils.")]
    SamePupil,
    /// The class has as many pair rules as allowed.
    #[error("A class can have at most {max} keep-apart and keep-together pairs.")]
    PairRulesFull {
        /// The limit.
        max: usize,
    },
    /// A catalogue with too many roles.
    #[error("A class can have at most {max} roles.")]
    TooManyRoles {
        /// The limit.
        max: usize,
    },
    /// Two roles with the same name.
    #[error("There is already a role called {name}.")]
    DuplicateRole {
        /// The name.
        name: String,
    },
    /// A role card with too many sentence starters.
    #[error("A role card can have at most {max} sentence starters.")]
    TooManyStarters {
        /// The limit.
        max: usize,
    },
    /// A lead window out of range.
    #[error("Choose a number of lessons between 2 and 20.")]
    LeadWindowRange,
    /// No role has that id in the class.
    #[error("That role isn't in this class's roles any more.")]
    UnknownRole,
    /// A pupil marked absent, put in a group or picked.
    #[error("That pupil is marked absent from this lesson.")]
    PupilAbsent,
    /// A pupil in two groups.
    #[error("A pupil can only be in one group.")]
    GroupedTwice,
    /// A group with nobody in it.
    #[error("A group needs at least one pupil.")]
    EmptyGroup,
    /// Too many groups.
    #[error("A lesson can have at most {max} groups.")]
    TooManyGroups {
        /// The limit.
        max: usize,
    },
    /// Roles given out in a class with none.
    #[error("Choose this class's roles first.")]
    NoRoles,
    /// Roles given out before groups are made.
    #[error("Make groups first.")]
    NoGroups,
    /// A pupil who is in no group.
    #[error("That pupil isn't in a group.")]
    NotInAGroup,
    /// A pupil picked twice in one round.
    #[error("That pupil has had a turn this round.")]
    AlreadyPicked,
    /// A pass with nobody picked.
    #[error("Nobody has been picked yet this round.")]
    NothingToPass,
    /// A change to the enquiry's questions once its question is chosen.
    #[error("The enquiry question is chosen. Choose again first to change that.")]
    ChooseAgainFirst,
    /// A tie break of a blind vote whose results are still hidden.
    #[error("Reveal the results first: breaking a tie tells the class there was one.")]
    RevealFirst,
    /// A classmate named on a question who is not in the asker's group.
    #[error("You can ask with people in your group.")]
    NotInYourGroup,
    /// Moving a lesson that holds pupils' work to another class (or to none).
    #[error(
        "This lesson already holds its class's ideas, questions, votes or groups. Duplicate it to use it with another class."
    )]
    LessonHasPupilsWork,
    /// A hands-up count larger than any crowd.
    #[error("A count can be at most {max}.")]
    HandsRange {
        /// The limit.
        max: u32,
    },
    /// A second ballot in a secret vote.
    #[error("Your secret vote is in. A secret vote can't be changed.")]
    SecretBallotCast,
    /// A device sent something its seat was not let in for (another pupil, or the teacher).
    #[error("This device isn't let in for that. Choose your name again.")]
    NotYourSeat,
    /// A device that only shows (the Board, or a tablet not yet let in) tried to change things.
    #[error("This screen can't make changes.")]
    SeatCannotAct,
    /// A tablet sent something about another lesson than the one it joined.
    #[error("That isn't part of this lesson.")]
    NotThisLesson,
    /// A device used an id that belongs to another kind of device.
    #[error("This device's id is taken. Reload the page.")]
    DeviceInUse,
    /// Something already has the id this operation would create.
    #[error("This change was already made on another device.")]
    IdInUse,
    /// The lesson is live (its server runs it): it can't go in the bin until the live lesson
    /// ends.
    #[error("This lesson is live. End the live lesson first, then delete it.")]
    LessonIsLive,
    /// The class of a live lesson: its pupils are in the lesson, so it can't be deleted, nor the
    /// lesson given another class, until the live lesson ends.
    #[error("This class is in a live lesson. End the live lesson first.")]
    ClassIsLive,
    /// A backup's class holds a pupil who is in another class here.
    #[error(
        "The backup's class “{class}” has pupils who are in another class on this device, so nothing was restored."
    )]
    BackupClash {
        /// The class's name in the backup.
        class: String,
    },
}

impl Rejection {
    /// A stable code for the refusal, for programs (the `Display` text is for people):
    /// `teacher_only`, `not_on_roster`, `poll_closed`… Codes never change meaning.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::TeacherOnly { .. } => "teacher_only",
            Rejection::NotOnRoster => "not_on_roster",
            Rejection::UnknownLesson => "unknown_lesson",
            Rejection::UnknownClass => "unknown_class",
            Rejection::UnknownPupil => "unknown_pupil",
            Rejection::LessonInBin => "lesson_in_bin",
            Rejection::LessonIsLive => "lesson_is_live",
            Rejection::ClassIsLive => "class_is_live",
            Rejection::DuplicateName { .. } => "duplicate_name",
            Rejection::RosterFull { .. } => "roster_full",
            Rejection::NoNames => "no_names",
            Rejection::UnknownEntry => "unknown_entry",
            Rejection::WrongSection => "wrong_section",
            Rejection::SectionFull { .. } => "section_full",
            Rejection::UnknownTemplate => "unknown_template",
            Rejection::TemplatesFull { .. } => "templates_full",
            Rejection::PupilsOnly { .. } => "pupils_only",
            Rejection::UnknownProposal => "unknown_proposal",
            Rejection::NotYourProposal => "not_your_proposal",
            Rejection::ProposalClosed => "proposal_closed",
            Rejection::OwnProposal => "own_proposal",
            Rejection::ProposalsFull { .. } => "proposals_full",
            Rejection::TooManyOpenProposals { .. } => "too_many_open_proposals",
            Rejection::MergeNeedsTwo => "merge_needs_two",
            Rejection::MergeMixedKinds => "merge_mixed_kinds",
            Rejection::UnknownQuestion => "unknown_question",
            Rejection::NotYourQuestion => "not_your_question",
            Rejection::QuestionMerged => "question_merged",
            Rejection::QuestionAnswered => "question_answered",
            Rejection::QuestionsFull { .. } => "questions_full",
            Rejection::TooManyOpenQuestions { .. } => "too_many_open_questions",
            Rejection::TooManyAuthors { .. } => "too_many_authors",
            Rejection::NotApproved => "not_approved",
            Rejection::MergeNeedsTwoQuestions => "merge_needs_two_questions",
            Rejection::EmptyStimulus => "empty_stimulus",
            Rejection::NotALink => "not_a_link",
            Rejection::ThinkingTimeRange => "thinking_time_range",
            Rejection::TimerRange => "timer_range",
            Rejection::NoTimer => "no_timer",
            Rejection::UnknownPoll => "unknown_poll",
            Rejection::PollAlreadyOpen => "poll_already_open",
            Rejection::PollNeedsTwo => "poll_needs_two",
            Rejection::TooManyOptions { .. } => "too_many_options",
            Rejection::MultiVotesRange => "multi_votes_range",
            Rejection::PollsFull { .. } => "polls_full",
            Rejection::PollClosed => "poll_closed",
            Rejection::PollStillOpen => "poll_still_open",
            Rejection::Ballot { .. } => "ballot",
            Rejection::BadHandsCount => "bad_hands_count",
            Rejection::NoTie => "no_tie",
            Rejection::NotTied => "not_tied",
            Rejection::EnquiryOpen => "enquiry_open",
            Rejection::EnquiryFinished => "enquiry_finished",
            Rejection::UnknownParked => "unknown_parked",
            Rejection::ParkingFull { .. } => "parking_full",
            Rejection::NoClass => "no_class",
            Rejection::SamePupil => "same_pupil",
            Rejection::PairRulesFull { .. } => "pair_rules_full",
            Rejection::TooManyRoles { .. } => "too_many_roles",
            Rejection::DuplicateRole { .. } => "duplicate_role",
            Rejection::TooManyStarters { .. } => "too_many_starters",
            Rejection::LeadWindowRange => "lead_window_range",
            Rejection::UnknownRole => "unknown_role",
            Rejection::PupilAbsent => "pupil_absent",
            Rejection::GroupedTwice => "grouped_twice",
            Rejection::EmptyGroup => "empty_group",
            Rejection::TooManyGroups { .. } => "too_many_groups",
            Rejection::NoRoles => "no_roles",
            Rejection::NoGroups => "no_groups",
            Rejection::NotInAGroup => "not_in_a_group",
            Rejection::AlreadyPicked => "already_picked",
            Rejection::NothingToPass => "nothing_to_pass",
            Rejection::ChooseAgainFirst => "choose_again_first",
            Rejection::RevealFirst => "reveal_first",
            Rejection::NotInYourGroup => "not_in_your_group",
            Rejection::LessonHasPupilsWork => "lesson_has_pupils_work",
            Rejection::HandsRange { .. } => "hands_range",
            Rejection::SecretBallotCast => "secret_ballot_cast",
            Rejection::BackupClash { .. } => "backup_clash",
            Rejection::NotYourSeat => "not_your_seat",
            Rejection::SeatCannotAct => "seat_cannot_act",
            Rejection::NotThisLesson => "not_this_lesson",
            Rejection::DeviceInUse => "device_in_use",
            Rejection::IdInUse => "id_in_use",
        }
    }
}

impl Library {
    /// Validates `op` against this library and its author's rights, then applies it.
    ///
    /// - All or nothing, by construction: the operation runs on a draft (a copy sharing every
    ///   lesson and class, each copied only when changed), and the draft replaces the library
    ///   only when the operation succeeded. A refused operation never touched the library.
    /// - It does not know whether `op` was applied before: the authority's ledger does (see
    ///   [`crate::sync::Authority`]), so only an authority calls this.
    /// - The same function runs on every device and on the server, so all agree.
    pub fn apply(&mut self, op: &Operation) -> Result<Event, Rejection> {
        authorise(self, &op.author, &op.command)?;
        let mut draft = self.clone();
        let event = draft.execute(op)?;
        *self = draft;
        Ok(event)
    }

    /// Applies a command already authorised, to a draft that is thrown away if it fails.
    fn execute(&mut self, op: &Operation) -> Result<Event, Rejection> {
        let at = op.at;
        match &op.command {
            Command::CreateLesson {
                title,
                class,
                template,
            } => self.create_lesson(op, title, class, template),
            Command::ImportLesson { plan, proposals } => self.import_lesson(op, plan, proposals),
            Command::RestoreLibrary { library } => self.restore_library(library),
            Command::RenameLesson { lesson, title } => {
                self.edit_lesson(lesson, at, |plan| plan.title = title.clone())
            }
            Command::SetLessonSubject { lesson, subject } => {
                self.edit_lesson(lesson, at, |plan| plan.subject = subject.clone())
            }
            Command::SetLessonClass { lesson, class } => self.set_lesson_class(lesson, class, at),
            Command::SetLessonDate { lesson, date } => {
                self.edit_lesson(lesson, at, |plan| plan.date = *date)
            }
            Command::SetLessonLength { lesson, length } => {
                self.edit_lesson(lesson, at, |plan| plan.length = *length)
            }
            Command::DuplicateLesson { lesson } => self.duplicate_lesson(op, lesson),
            Command::DeleteLesson { lesson } => self.delete_lesson(lesson, at),
            Command::RestoreLesson { lesson } => self.restore_lesson(lesson, at),
            Command::EmptyBin { lessons } => Ok(self.empty_bin(lessons)),
            Command::ArchiveLessons { archive } => Ok(self.archive_lessons(archive)),
            Command::SetNote { lesson, note, text } => {
                self.edit_lesson(lesson, at, |plan| *plan.note_mut(*note) = text.clone())
            }
            Command::AddItem { lesson, list, text } => self.add_item(op, lesson, *list, text),
            Command::EditItem {
                lesson,
                list,
                item,
                text,
            } => self.edit_item(lesson, *list, item, text, at),
            Command::AddPhase {
                lesson,
                title,
                minutes,
            } => self.add_phase(op, lesson, title, *minutes),
            Command::EditPhase {
                lesson,
                phase,
                title,
                description,
                minutes,
            } => self.edit_phase(lesson, phase, title, description, *minutes, at),
            Command::RemoveEntry {
                lesson,
                section,
                entry,
            } => self.remove_entry(lesson, *section, entry, at),
            Command::MoveEntry {
                lesson,
                section,
                entry,
                to,
            } => self.move_entry(lesson, *section, entry, *to, at),
            Command::InsertEntry {
                lesson,
                section,
                at: index,
                entry,
            } => self.insert_entry(lesson, *section, *index, entry, at),
            Command::SaveTemplate { lesson, name } => self.save_template(op, lesson, name),
            Command::DeleteTemplate { template } => self.delete_template(template),
            Command::Propose {
                lesson,
                kind,
                text,
                with,
            } => self.propose(op, lesson, *kind, text, with),
            Command::ReviseProposal {
                lesson,
                proposal,
                text,
            } => self.revise_proposal(lesson, proposal, text, at),
            Command::WithdrawProposal { lesson, proposal } => {
                self.answer_proposal(lesson, proposal, ProposalStatus::Withdrawn, at)
            }
            Command::BackProposal { lesson, proposal } => self.back_proposal(op, lesson, proposal),
            Command::AcceptProposal {
                lesson,
                proposal,
                text,
            } => self.merge_proposals(op, lesson, std::slice::from_ref(proposal), text),
            Command::MergeProposals {
                lesson,
                proposals,
                text,
            } => self.merge_proposals(op, lesson, proposals, text),
            Command::SendBackProposal {
                lesson,
                proposal,
                note,
            } => {
                let status = ProposalStatus::SentBack { note: note.clone() };
                self.answer_proposal(lesson, proposal, status, at)
            }
            Command::DeclineProposal { lesson, proposal } => {
                self.answer_proposal(lesson, proposal, ProposalStatus::Declined, at)
            }
            Command::SetStimulus { lesson, stimulus } => self.set_stimulus(lesson, stimulus, at),
            Command::StartThinkingTime { lesson, seconds } => {
                self.set_thinking_time(lesson, Some(*seconds), at)
            }
            Command::StopThinkingTime { lesson } => self.set_thinking_time(lesson, None, at),
            Command::SetTimer { lesson, change } => self.set_timer(lesson, change, at),
            Command::ShowOnBoard { lesson, stage } => self.show_on_board(lesson, stage, at),
            Command::AskQuestion { lesson, text, with } => {
                self.ask_question(op, lesson, text, with)
            }
            Command::ReviseQuestion {
                lesson,
                question,
                text,
            } => self.revise_question(lesson, question, text, at),
            Command::ApproveQuestion { lesson, question } => {
                self.moderate_question(lesson, question, at, |q| {
                    q.status = QuestionStatus::Approved;
                })
            }
            Command::EditQuestion {
                lesson,
                question,
                text,
            } => self.moderate_question(lesson, question, at, |q| q.text = text.clone()),
            Command::SendBackQuestion {
                lesson,
                question,
                note,
            } => self.send_back_question(lesson, question, note, at),
            Command::HideQuestion {
                lesson,
                question,
                hidden,
            } => self.moderate_question(lesson, question, at, |q| {
                q.hidden = *hidden;
                q.forward &= !*hidden;
            }),
            Command::MergeQuestions {
                lesson,
                questions,
                text,
            } => self.merge_questions(op, lesson, questions, text),
            Command::CategoriseQuestion {
                lesson,
                question,
                quadrant,
                bloom,
            } => self.categorise_question(lesson, question, *quadrant, *bloom, at),
            Command::SetQuestionForward {
                lesson,
                question,
                forward,
            } => self.set_question_forward(lesson, question, *forward, at),
            Command::OpenPoll {
                lesson,
                method,
                blind,
                secret,
                options,
            } => self.open_poll(op, lesson, *method, (*blind, *secret), options),
            Command::CastBallot {
                lesson,
                poll,
                choices,
            } => self.cast_ballot(op, lesson, poll, choices),
            Command::ClosePoll { lesson, poll } => self.close_poll(lesson, poll, at),
            Command::RevealPoll { lesson, poll } => self.reveal_poll(lesson, poll, at),
            Command::TallyHands {
                lesson,
                poll,
                counts,
            } => self.tally_hands(lesson, poll, counts, at),
            Command::OpenRunOff { lesson, poll } => self.open_run_off(op, lesson, poll),
            Command::ChooseTieWinner {
                lesson,
                poll,
                question,
            } => self.choose_tie_winner(lesson, poll, question, at),
            Command::FinishEnquiry { lesson, question } => {
                self.finish_enquiry(lesson, question, at)
            }
            Command::ReopenEnquiry { lesson } => self.reopen_enquiry(lesson, at),
            Command::UnparkQuestion { lesson, question } => {
                self.unpark_question(op, lesson, question)
            }
            Command::CreateClass { name } => self.create_class(op, name),
            Command::RenameClass { class, name } => self.rename_class(class, name),
            Command::AddPupils { class, names } => self.add_pupils(op, class, names),
            Command::RenamePupil { class, pupil, name } => self.rename_pupil(class, pupil, name),
            Command::RemovePupil { class, pupil } => self.set_pupil_removed(class, pupil, true),
            Command::RestorePupil { class, pupil } => self.set_pupil_removed(class, pupil, false),
            Command::ArchiveClass { class, archived } => self.archive_class(class, *archived),
            Command::DeleteClass { class } => self.delete_class(class),
            Command::SetPupilLabel {
                class,
                pupil,
                label,
            } => self.set_pupil_label(class, pupil, label),
            Command::SetPairRule {
                class,
                pupils,
                kind,
            } => self.set_pair_rule(class, pupils, *kind),
            Command::SetRoles { class, roles } => self.set_roles(class, roles),
            Command::SetLeadWindow { class, lessons } => self.set_lead_window(class, *lessons),
            Command::SetAbsent {
                lesson,
                pupil,
                absent,
            } => self.set_absent(op, lesson, pupil, *absent),
            Command::SetGroups { lesson, groups } => self.set_groups(op, lesson, groups),
            Command::AssignRoles { lesson } => self.assign_roles(op, lesson, None),
            Command::OverrideRole {
                lesson,
                pupil,
                role,
                reason,
            } => self.override_role(op, lesson, pupil, role, reason),
            Command::OptOutOfRole {
                lesson,
                pupil,
                role,
            } => self.opt_out_of_role(op, lesson, pupil, role),
            Command::PickPupil { lesson, pupil } => self.pick_pupil(op, lesson, pupil),
            Command::PassPick { lesson } => self.pass_pick(lesson),
            Command::NewPickerRound { lesson } => self.new_picker_round(lesson),
        }
    }
}
