//! Commands: what someone asks for, in the imperative, as every device sends it.
//!
//! [`Command`] is the one wire shape of a change, versioned with the messages that carry it (see
//! `PROTOCOL.md`). Its JSON is externally tagged, `{"cast_ballot": {"lesson": …, "poll": …,
//! "choices": […]}}`, and a field it does not know is refused.
//!
//! [`PupilCommand`] is the part of it a pupil's device can send. Both enums come from one list
//! (the `commands!` invocation below), so they cannot drift apart, and a `PupilCommand`'s JSON is
//! exactly the [`Command`] of the same name: a tablet's app carries the serde code for pupils'
//! commands only, and the authority reads what it sends as a [`Command`]. Who may actually make
//! each command is decided by the authority (`rights.rs`), never by which enum a device used.

use serde::{Deserialize, Serialize};

use crate::enquiry::{BloomLevel, BoardStage, Quadrant, Stimulus, TimerChange, VoteMethod};
use crate::groups::{PairKind, Role};
use crate::ids::{
    ClassId, ItemId, LessonId, PollId, ProposalId, PupilId, QuestionId, RoleId, TemplateId,
};
use crate::library::Library;
use crate::plan::{Entry, ItemList, NoteKind, Plan, Section};
use crate::proposal::{Proposal, ProposalKind};
use crate::template::TemplateChoice;
use crate::text::{
    ClassName, ItemText, KindNote, LessonTitle, Notes, PhaseTitle, PupilLabel, PupilName, Reason,
    Subject, TemplateName,
};
use crate::time::{LessonDate, LessonLength, PhaseMinutes};

/// Defines [`Command`] (every variant) and [`PupilCommand`] (the pupils' variants) from one list,
/// with the conversions between them. Every match it writes names each variant: nothing falls
/// into a default.
macro_rules! commands {
    (
        pupils {
            $( $(#[$pv_meta:meta])* $PV:ident { $( $(#[$pf_meta:meta])* $pf:ident : $pt:ty ),* $(,)? } ),* $(,)?
        }
        teacher {
            $( $(#[$tv_meta:meta])* $TV:ident { $( $(#[$tf_meta:meta])* $tf:ident : $tt:ty ),* $(,)? } ),* $(,)?
        }
    ) => {
        /// One change someone asks for.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case", deny_unknown_fields)]
        pub enum Command {
            $( $(#[$pv_meta])* $PV { $( $(#[$pf_meta])* $pf: $pt ),* }, )*
            $( $(#[$tv_meta])* $TV { $( $(#[$tf_meta])* $tf: $tt ),* }, )*
        }

        /// A command a pupil's device may send: each is the [`Command`] of the same name, with
        /// the same JSON.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case", deny_unknown_fields)]
        pub enum PupilCommand {
            $( $(#[$pv_meta])* $PV { $( $(#[$pf_meta])* $pf: $pt ),* }, )*
        }

        impl From<PupilCommand> for Command {
            fn from(command: PupilCommand) -> Command {
                match command {
                    $( PupilCommand::$PV { $($pf),* } => Command::$PV { $($pf),* }, )*
                }
            }
        }

        impl Command {
            /// This command as a pupil's device would send it, if it is a pupil's kind.
            pub fn as_pupil_command(&self) -> Option<PupilCommand> {
                match self {
                    $( Command::$PV { $($pf),* } => Some(PupilCommand::$PV { $($pf: $pf.clone()),* }), )*
                    $( Command::$TV { .. } => None, )*
                }
            }

            /// The command's variant name, e.g. `CastBallot` (its wire tag is the snake case).
            pub fn kind(&self) -> &'static str {
                match self {
                    $( Command::$PV { .. } => stringify!($PV), )*
                    $( Command::$TV { .. } => stringify!($TV), )*
                }
            }

            /// The variant name of every command, pupils' first.
            pub const KINDS: &'static [&'static str] = &[$(stringify!($PV),)* $(stringify!($TV),)*];
        }
    };
}

commands! {
    pupils {
        /// A pupil proposes an entry for the plan. Its id is the operation's id.
        Propose {
            /// Which lesson.
            lesson: LessonId,
            /// What kind of entry.
            kind: ProposalKind,
            /// What it says.
            text: ItemText,
            /// Classmates who proposed it too (a group at one tablet), besides the author.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            with: Vec<PupilId>,
        },
        /// A pupil rewords their own open proposal; it goes back to the inbox.
        ReviseProposal {
            /// Which lesson.
            lesson: LessonId,
            /// Which proposal.
            proposal: ProposalId,
            /// The new wording.
            text: ItemText,
        },
        /// A pupil takes back their own open proposal.
        WithdrawProposal {
            /// Which lesson.
            lesson: LessonId,
            /// Which proposal.
            proposal: ProposalId,
        },
        /// A pupil backs someone else's pending proposal (+1). Backing twice counts once.
        BackProposal {
            /// Which lesson.
            lesson: LessonId,
            /// Which proposal.
            proposal: ProposalId,
        },
        /// A pupil asks a question, alone or with classmates. Its id is the operation's id.
        AskQuestion {
            /// Which lesson.
            lesson: LessonId,
            /// What it asks.
            text: ItemText,
            /// Classmates who asked it too (a pair or a group), besides the author.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            with: Vec<PupilId>,
        },
        /// An author rewords their own waiting or returned question; it goes back to the teacher.
        ReviseQuestion {
            /// Which lesson.
            lesson: LessonId,
            /// Which question.
            question: QuestionId,
            /// The new wording.
            text: ItemText,
        },
        /// A pupil casts a ballot; it replaces any earlier ballot of theirs in that poll.
        CastBallot {
            /// Which lesson.
            lesson: LessonId,
            /// Which poll.
            poll: PollId,
            /// The questions chosen (in order of preference for a ranked vote).
            choices: Vec<QuestionId>,
        },
    }
    teacher {
        /// Start a new lesson. Its id is the operation's id.
        CreateLesson {
            /// The new lesson's title.
            title: LessonTitle,
            /// The class it is for, if known.
            class: Option<ClassId>,
            /// The template it starts from, if any; otherwise it starts empty.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            template: Option<TemplateChoice>,
        },
        /// Add a lesson read from a file. Its id is the operation's id; a class unknown here is dropped.
        ImportLesson {
            /// The lesson's content (boxed: it is much larger than any other command).
            plan: Box<Plan>,
            /// Pupils' proposals, kept only if the lesson's class is on this device.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            proposals: Vec<Proposal>,
        },
        /// Restore a whole-library backup ([`crate::backup`]): the lessons, classes and templates
        /// this library does not have are added; those it has are kept as they are here.
        RestoreLibrary {
            /// The backup's library (boxed: it may hold a year of lessons).
            library: Box<Library>,
        },
        /// Change a lesson's title.
        RenameLesson {
            /// Which lesson.
            lesson: LessonId,
            /// The new title.
            title: LessonTitle,
        },
        /// Change a lesson's subject.
        SetLessonSubject {
            /// Which lesson.
            lesson: LessonId,
            /// The new subject (may be empty).
            subject: Subject,
        },
        /// Choose, change or clear the class a lesson is for.
        SetLessonClass {
            /// Which lesson.
            lesson: LessonId,
            /// The class, or none.
            class: Option<ClassId>,
        },
        /// Choose, change or clear the day a lesson is taught.
        SetLessonDate {
            /// Which lesson.
            lesson: LessonId,
            /// The date, or none.
            date: Option<LessonDate>,
        },
        /// Change how long a lesson lasts.
        SetLessonLength {
            /// Which lesson.
            lesson: LessonId,
            /// The new length.
            length: LessonLength,
        },
        /// Copy a lesson. The copy's id is the operation's id.
        DuplicateLesson {
            /// The lesson to copy.
            lesson: LessonId,
        },
        /// Put a lesson in the bin (it can be restored).
        DeleteLesson {
            /// Which lesson.
            lesson: LessonId,
        },
        /// Delete these lessons for good, as the bin listed them when the teacher emptied it. A
        /// lesson no longer in the bin (restored in another window) or gone already is skipped.
        EmptyBin {
            /// The lessons shown in the bin.
            lessons: Vec<LessonId>,
        },
        /// Delete for good the lessons of an archive the teacher has saved as a file
        /// ([`crate::archive`]): each lesson the library still holds exactly as the archive does
        /// goes; one changed since, or gone already, stays as it is.
        ArchiveLessons {
            /// The archive as saved (boxed: it may hold a year of lessons).
            archive: Box<Library>,
        },
        /// Take a lesson out of the bin.
        RestoreLesson {
            /// Which lesson.
            lesson: LessonId,
        },
        /// Write one of a plan's notes (prior knowledge, misconceptions, support, stretch, homework).
        SetNote {
            /// Which lesson.
            lesson: LessonId,
            /// Which note.
            note: NoteKind,
            /// What it now says (may be empty).
            text: Notes,
        },
        /// Add an item at the end of a list. Its id is the operation's id.
        AddItem {
            /// Which lesson.
            lesson: LessonId,
            /// Which list.
            list: ItemList,
            /// What it says.
            text: ItemText,
        },
        /// Change an item's text. Who suggested it stays on record.
        EditItem {
            /// Which lesson.
            lesson: LessonId,
            /// Which list.
            list: ItemList,
            /// Which item.
            item: ItemId,
            /// What it now says.
            text: ItemText,
        },
        /// Add a phase at the end. Its id is the operation's id.
        AddPhase {
            /// Which lesson.
            lesson: LessonId,
            /// Its title.
            title: PhaseTitle,
            /// How long it lasts.
            minutes: PhaseMinutes,
        },
        /// Change a phase's title, description and duration.
        EditPhase {
            /// Which lesson.
            lesson: LessonId,
            /// Which phase.
            phase: ItemId,
            /// Its title.
            title: PhaseTitle,
            /// What happens in it.
            description: Notes,
            /// How long it lasts.
            minutes: PhaseMinutes,
        },
        /// Take an entry out of a section.
        RemoveEntry {
            /// Which lesson.
            lesson: LessonId,
            /// Which section.
            section: Section,
            /// Which entry.
            entry: ItemId,
        },
        /// Move an entry to another position in its section.
        MoveEntry {
            /// Which lesson.
            lesson: LessonId,
            /// Which section.
            section: Section,
            /// Which entry.
            entry: ItemId,
            /// Its new position, counted from 0 (past the end means last).
            to: usize,
        },
        /// Put a whole entry (with its id and who suggested it) at a position: how a removal is undone.
        InsertEntry {
            /// Which lesson.
            lesson: LessonId,
            /// Which section.
            section: Section,
            /// The position, counted from 0 (past the end means last).
            at: usize,
            /// The entry.
            entry: Entry,
        },
        /// Save a lesson's plan as a template. Its id is the operation's id.
        SaveTemplate {
            /// The lesson whose plan is saved.
            lesson: LessonId,
            /// The template's name.
            name: TemplateName,
        },
        /// Delete a saved template.
        DeleteTemplate {
            /// Which template.
            template: TemplateId,
        },
        /// Take a proposal into the plan, perhaps reworded. The new entry's id is the operation's id.
        AcceptProposal {
            /// Which lesson.
            lesson: LessonId,
            /// Which proposal.
            proposal: ProposalId,
            /// The wording that goes into the plan.
            text: ItemText,
        },
        /// Take two or more similar proposals into the plan as one entry that keeps every author.
        MergeProposals {
            /// Which lesson.
            lesson: LessonId,
            /// The proposals, all of one kind.
            proposals: Vec<ProposalId>,
            /// The wording that goes into the plan.
            text: ItemText,
        },
        /// Return a proposal to its authors for rewording, with a short, kind note.
        SendBackProposal {
            /// Which lesson.
            lesson: LessonId,
            /// Which proposal.
            proposal: ProposalId,
            /// What the teacher asks.
            note: KindNote,
        },
        /// Leave a proposal out of the plan.
        DeclineProposal {
            /// Which lesson.
            lesson: LessonId,
            /// Which proposal.
            proposal: ProposalId,
        },
        /// Set, change or clear the enquiry's stimulus.
        SetStimulus {
            /// Which lesson.
            lesson: LessonId,
            /// The stimulus, or none.
            stimulus: Option<Stimulus>,
        },
        /// Start a thinking-time countdown from the operation's time (replacing any running one).
        StartThinkingTime {
            /// Which lesson.
            lesson: LessonId,
            /// How long it lasts.
            seconds: u32,
        },
        /// Stop the thinking-time countdown.
        StopThinkingTime {
            /// Which lesson.
            lesson: LessonId,
        },
        /// Start, pause, resume, lengthen or stop the lesson timer, at the operation's time.
        SetTimer {
            /// Which lesson.
            lesson: LessonId,
            /// What to do.
            change: TimerChange,
        },
        /// Choose what the Board shows.
        ShowOnBoard {
            /// Which lesson.
            lesson: LessonId,
            /// The stage.
            stage: BoardStage,
        },
        /// Approve a question: the class sees it on the Board.
        ApproveQuestion {
            /// Which lesson.
            lesson: LessonId,
            /// Which question.
            question: QuestionId,
        },
        /// Change a question's wording. Its authors stay on record.
        EditQuestion {
            /// Which lesson.
            lesson: LessonId,
            /// Which question.
            question: QuestionId,
            /// The new wording.
            text: ItemText,
        },
        /// Return a question to its authors for rewording, with a short, kind note.
        SendBackQuestion {
            /// Which lesson.
            lesson: LessonId,
            /// Which question.
            question: QuestionId,
            /// What the teacher asks.
            note: KindNote,
        },
        /// Hide a question (kept, seen by the teacher only), or show it again.
        HideQuestion {
            /// Which lesson.
            lesson: LessonId,
            /// Which question.
            question: QuestionId,
            /// Hidden or shown.
            hidden: bool,
        },
        /// Join duplicate questions into one approved question that keeps every author. Its id is
        /// the operation's id.
        MergeQuestions {
            /// Which lesson.
            lesson: LessonId,
            /// Two or more questions.
            questions: Vec<QuestionId>,
            /// The merged wording.
            text: ItemText,
        },
        /// Place a question on the quadrant and tag its Bloom level (either may be cleared).
        CategoriseQuestion {
            /// Which lesson.
            lesson: LessonId,
            /// Which question.
            question: QuestionId,
            /// Its quadrant.
            quadrant: Option<Quadrant>,
            /// Its Bloom level.
            bloom: Option<BloomLevel>,
        },
        /// Choose whether an approved question goes forward to the vote.
        SetQuestionForward {
            /// Which lesson.
            lesson: LessonId,
            /// Which question.
            question: QuestionId,
            /// Forward or not.
            forward: bool,
        },
        /// Open a poll on some approved questions. Its id is the operation's id.
        OpenPoll {
            /// Which lesson.
            lesson: LessonId,
            /// How pupils vote.
            method: VoteMethod,
            /// No tallies anywhere until the teacher reveals them.
            blind: bool,
            /// A secret ballot: only the counts and who has voted are kept, never who chose what.
            #[serde(default, skip_serializing_if = "std::ops::Not::not")]
            secret: bool,
            /// The questions voted on.
            options: Vec<QuestionId>,
        },
        /// Stop taking ballots.
        ClosePoll {
            /// Which lesson.
            lesson: LessonId,
            /// Which poll.
            poll: PollId,
        },
        /// Show a blind poll's tallies.
        RevealPoll {
            /// Which lesson.
            lesson: LessonId,
            /// Which poll.
            poll: PollId,
        },
        /// Type a hands-up poll's counts, one per option in order.
        TallyHands {
            /// Which lesson.
            lesson: LessonId,
            /// Which poll.
            poll: PollId,
            /// The counts.
            counts: Vec<u32>,
        },
        /// Break a closed poll's tie with a run-off between the tied questions. Its id is the
        /// operation's id.
        OpenRunOff {
            /// Which lesson.
            lesson: LessonId,
            /// The tied poll.
            poll: PollId,
        },
        /// Break a closed poll's tie by the teacher's choice, recorded as such.
        ChooseTieWinner {
            /// Which lesson.
            lesson: LessonId,
            /// The tied poll.
            poll: PollId,
            /// One of the tied questions.
            question: QuestionId,
        },
        /// Make a question the plan's enquiry question, and park the other approved questions, with
        /// their votes, in the class's parking lot.
        FinishEnquiry {
            /// Which lesson.
            lesson: LessonId,
            /// The chosen question.
            question: QuestionId,
        },
        /// Undo [`Command::FinishEnquiry`]: the plan's enquiry question is cleared, and this lesson's
        /// questions still in the parking lot come back out of it.
        ReopenEnquiry {
            /// Which lesson.
            lesson: LessonId,
        },
        /// Bring a parked question of the lesson's class into this lesson's enquiry, approved. Its
        /// new id is the operation's id.
        UnparkQuestion {
            /// Which lesson.
            lesson: LessonId,
            /// The parked question.
            question: QuestionId,
        },
        /// Start a new class with an empty roster. Its id is the operation's id.
        CreateClass {
            /// The class's name.
            name: ClassName,
        },
        /// Change a class's name.
        RenameClass {
            /// Which class.
            class: ClassId,
            /// The new name.
            name: ClassName,
        },
        /// Add pupils to a roster. The n-th new pupil's id is `<operation id>.<n>`.
        AddPupils {
            /// Which class.
            class: ClassId,
            /// The names, in order; none may already be on the roster.
            names: Vec<PupilName>,
        },
        /// Change a pupil's name.
        RenamePupil {
            /// Which class.
            class: ClassId,
            /// Which pupil.
            pupil: PupilId,
            /// The new name.
            name: PupilName,
        },
        /// Take a pupil off the roster. Their past work keeps its author.
        RemovePupil {
            /// Which class.
            class: ClassId,
            /// Which pupil.
            pupil: PupilId,
        },
        /// Put a removed pupil back on the roster.
        RestorePupil {
            /// Which class.
            class: ClassId,
            /// Which pupil.
            pupil: PupilId,
        },
        /// Put a class away at the end of a year (kept, out of the way), or bring it back.
        ArchiveClass {
            /// Which class.
            class: ClassId,
            /// Archived or not.
            archived: bool,
        },
        /// Delete a class and everything about its pupils, for good: their names, ideas,
        /// questions, votes, groups and roles. Its lessons' plans stay, with no class and no names.
        DeleteClass {
            /// Which class.
            class: ClassId,
        },
        /// Give a pupil a label to balance groups on, or clear it.
        SetPupilLabel {
            /// Which class.
            class: ClassId,
            /// Which pupil.
            pupil: PupilId,
            /// The label, or none.
            label: Option<PupilLabel>,
        },
        /// Keep two pupils apart or together, or drop the rule about them.
        SetPairRule {
            /// Which class.
            class: ClassId,
            /// The two pupils.
            pupils: [PupilId; 2],
            /// The rule, or none.
            kind: Option<PairKind>,
        },
        /// Replace the class's group roles.
        SetRoles {
            /// Which class.
            class: ClassId,
            /// The roles, in order.
            roles: Vec<Role>,
        },
        /// Set (2–20 lessons) or clear how often every pupil should lead.
        SetLeadWindow {
            /// Which class.
            class: ClassId,
            /// The window, in lessons.
            lessons: Option<u8>,
        },
        /// Mark a pupil absent from a lesson (which takes them out of their group), or present.
        SetAbsent {
            /// Which lesson.
            lesson: LessonId,
            /// Which pupil.
            pupil: PupilId,
            /// Absent or present.
            absent: bool,
        },
        /// Put pupils into these groups (made by the group maker, or moved by hand). A group whose
        /// members are unchanged keeps its roles. No groups clears them.
        SetGroups {
            /// Which lesson.
            lesson: LessonId,
            /// The groups, each a list of pupils.
            groups: Vec<Vec<PupilId>>,
        },
        /// Give out roles within the groups by fair rotation; roles chosen by hand stay.
        AssignRoles {
            /// Which lesson.
            lesson: LessonId,
        },
        /// Give a pupil a role by hand, with the reason kept in the history. Someone else in the
        /// group holding that role takes the pupil's old one.
        OverrideRole {
            /// Which lesson.
            lesson: LessonId,
            /// Which pupil.
            pupil: PupilId,
            /// The role.
            role: RoleId,
            /// Why.
            reason: Reason,
        },
        /// Record a pupil stepping out of a role for this lesson; their group's roles are given
        /// out again.
        OptOutOfRole {
            /// Which lesson.
            lesson: LessonId,
            /// Which pupil.
            pupil: PupilId,
            /// The role.
            role: RoleId,
        },
        /// Record the name the picker drew.
        PickPupil {
            /// Which lesson (for its register).
            lesson: LessonId,
            /// Who was drawn.
            pupil: PupilId,
        },
        /// The latest pupil picked passes.
        PassPick {
            /// Which lesson.
            lesson: LessonId,
        },
        /// Start a new picker round: everyone present can be picked again.
        NewPickerRound {
            /// Which lesson.
            lesson: LessonId,
        },
    }
}

impl Command {
    /// What the command does, as the end of "Only the teacher can …".
    pub fn action(&self) -> &'static str {
        match self {
            Command::CreateLesson { .. } => "create a lesson",
            Command::ImportLesson { .. } => "import a lesson",
            Command::RestoreLibrary { .. } => "restore a backup",
            Command::RenameLesson { .. } => "rename a lesson",
            Command::SetLessonSubject { .. }
            | Command::SetLessonClass { .. }
            | Command::SetLessonDate { .. }
            | Command::SetLessonLength { .. } => "change a lesson's details",
            Command::SetNote { .. }
            | Command::AddItem { .. }
            | Command::EditItem { .. }
            | Command::AddPhase { .. }
            | Command::EditPhase { .. }
            | Command::RemoveEntry { .. }
            | Command::MoveEntry { .. }
            | Command::InsertEntry { .. } => "change the plan",
            Command::SaveTemplate { .. } | Command::DeleteTemplate { .. } => "change templates",
            Command::Propose { .. } => "propose an idea",
            Command::ReviseProposal { .. } => "reword an idea",
            Command::WithdrawProposal { .. } => "withdraw an idea",
            Command::BackProposal { .. } => "back an idea",
            Command::AcceptProposal { .. } => "accept an idea",
            Command::MergeProposals { .. } => "merge ideas",
            Command::SendBackProposal { .. } => "send an idea back",
            Command::DeclineProposal { .. } => "decline an idea",
            Command::SetStimulus { .. }
            | Command::StartThinkingTime { .. }
            | Command::StopThinkingTime { .. } => "set the stimulus",
            Command::SetTimer { .. } => "run the lesson timer",
            Command::ShowOnBoard { .. } => "change the Board",
            Command::AskQuestion { .. } => "ask a question",
            Command::ReviseQuestion { .. } => "reword a question",
            Command::ApproveQuestion { .. }
            | Command::EditQuestion { .. }
            | Command::SendBackQuestion { .. }
            | Command::HideQuestion { .. }
            | Command::MergeQuestions { .. } => "moderate questions",
            Command::CategoriseQuestion { .. } | Command::SetQuestionForward { .. } => {
                "sort questions"
            }
            Command::CastBallot { .. } => "vote",
            Command::OpenPoll { .. }
            | Command::ClosePoll { .. }
            | Command::RevealPoll { .. }
            | Command::TallyHands { .. }
            | Command::OpenRunOff { .. }
            | Command::ChooseTieWinner { .. } => "run a vote",
            Command::FinishEnquiry { .. }
            | Command::ReopenEnquiry { .. }
            | Command::UnparkQuestion { .. } => "choose the enquiry question",
            Command::DuplicateLesson { .. } => "duplicate a lesson",
            Command::DeleteLesson { .. } => "delete a lesson",
            Command::RestoreLesson { .. } => "restore a lesson",
            Command::EmptyBin { .. } => "empty the bin",
            Command::ArchiveLessons { .. } => "archive lessons",
            Command::CreateClass { .. } => "create a class",
            Command::RenameClass { .. } => "rename a class",
            Command::AddPupils { .. }
            | Command::RenamePupil { .. }
            | Command::RemovePupil { .. }
            | Command::RestorePupil { .. } => "change a class list",
            Command::ArchiveClass { .. } => "archive a class",
            Command::DeleteClass { .. } => "delete a class",
            Command::SetPupilLabel { .. }
            | Command::SetPairRule { .. }
            | Command::SetRoles { .. }
            | Command::SetLeadWindow { .. } => "change a class's groups and roles",
            Command::SetAbsent { .. } => "take the register",
            Command::SetGroups { .. }
            | Command::AssignRoles { .. }
            | Command::OverrideRole { .. }
            | Command::OptOutOfRole { .. } => "change groups and roles",
            Command::PickPupil { .. }
            | Command::PassPick { .. }
            | Command::NewPickerRound { .. } => "use the picker",
        }
    }
}
