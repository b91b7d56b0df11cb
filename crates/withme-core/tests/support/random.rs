//! Random commands of every kind, built from what an actor can see, for property tests and the
//! simulated classroom. Deterministic for a seed. Every text it writes is unique (it carries a
//! counter), so a test can search a device's JSON for a text that must not be there.

use withme_core::enquiry::{
    BloomLevel, BoardStage, Quadrant, Stimulus, StimulusKind, TimerChange, VoteMethod, check_ballot,
};
use withme_core::groups::{PairKind, RolePreset};
use withme_core::view::PupilView;
use withme_core::{
    BuiltInTemplate, ClassId, ClassName, Command, Entry, Item, ItemId, ItemList, ItemText,
    KindNote, LessonDate, LessonId, LessonLength, LessonTitle, Library, NoteKind, Notes, Phase,
    PhaseMinutes, PhaseTitle, Plan, PollId, ProposalId, ProposalKind, PupilCommand, PupilId,
    PupilLabel, PupilName, QuestionId, Reason, RoleId, Section, Subject, TemplateChoice,
    TemplateId, TemplateName,
};

/// SplitMix64: small, fast and good enough to drive tests.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
    texts: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self {
            state: seed ^ 0x9E37_79B9_7F4A_7C15,
            texts: 0,
        }
    }

    pub fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<T: Clone>(&mut self, items: &[T]) -> Option<T> {
        (!items.is_empty()).then(|| items[self.below(items.len())].clone())
    }

    /// Some of `items`, in a random order, at most `most`.
    pub fn some_of<T: Clone>(&mut self, items: &[T], most: usize) -> Vec<T> {
        let count = self.below(most.min(items.len()) + 1);
        (0..count).filter_map(|_| self.pick(items)).collect()
    }

    /// A unique text starting with `stem`: "stem 17".
    pub fn text(&mut self, stem: &str) -> String {
        self.texts += 1;
        format!("{stem} {}", self.texts)
    }
}

fn item(rng: &mut Rng, stem: &str) -> ItemText {
    ItemText::parse(&rng.text(stem)).unwrap()
}

fn note(rng: &mut Rng, stem: &str) -> KindNote {
    KindNote::parse(&rng.text(stem)).unwrap()
}

/// What the library holds that a command may name.
struct Known {
    lessons: Vec<LessonId>,
    classes: Vec<ClassId>,
    templates: Vec<TemplateId>,
}

impl Known {
    fn of(library: &Library) -> Self {
        Self {
            lessons: library
                .lessons_by_last_edited()
                .iter()
                .chain(library.binned_lessons().iter())
                .map(|l| l.id().clone())
                .collect(),
            classes: library
                .classes_by_name()
                .iter()
                .map(|c| c.id().clone())
                .collect(),
            templates: library
                .templates_by_name()
                .iter()
                .map(|t| t.id.clone())
                .collect(),
        }
    }
}

/// An id nothing has (a command naming it is refused).
fn stranger<T: for<'a> TryFrom<String>>(rng: &mut Rng) -> T {
    let text = format!("nothing.{}", rng.below(1000));
    T::try_from(text).ok().expect("a valid id")
}

/// What one lesson holds that a command may name.
struct InLesson {
    lesson: LessonId,
    class: Option<ClassId>,
    pupils: Vec<PupilId>,
    proposals: Vec<ProposalId>,
    questions: Vec<QuestionId>,
    public: Vec<QuestionId>,
    waiting: Vec<QuestionId>,
    polls: Vec<PollId>,
    closed: Vec<PollId>,
    /// Closed votes with a tie to break, and the tied questions.
    tied: Vec<(PollId, Vec<QuestionId>)>,
    open_poll: Option<(PollId, Vec<QuestionId>, VoteMethod)>,
    pending: Vec<ProposalId>,
    items: Vec<(ItemList, ItemId)>,
    phases: Vec<ItemId>,
    roles: Vec<RoleId>,
    parked: Vec<QuestionId>,
}

impl InLesson {
    fn of(library: &Library, lesson: &LessonId) -> Self {
        let found = library.lesson(lesson);
        let class = found.and_then(|l| l.plan().class.clone());
        let class_found = class.as_ref().and_then(|c| library.class(c));
        Self {
            lesson: lesson.clone(),
            pupils: class_found
                .map(|c| {
                    c.roster()
                        .chain(c.removed_pupils())
                        .map(|p| p.id().clone())
                        .collect()
                })
                .unwrap_or_default(),
            roles: class_found
                .map(|c| c.roles().iter().map(|r| r.id.clone()).collect())
                .unwrap_or_default(),
            parked: class_found
                .map(|c| c.parked().iter().map(|p| p.id.clone()).collect())
                .unwrap_or_default(),
            class,
            proposals: found
                .map(|l| l.proposals().iter().map(|p| p.id.clone()).collect())
                .unwrap_or_default(),
            questions: found
                .map(|l| l.enquiry().questions.iter().map(|q| q.id.clone()).collect())
                .unwrap_or_default(),
            public: found
                .map(|l| {
                    l.enquiry()
                        .public_questions()
                        .map(|q| q.id.clone())
                        .collect()
                })
                .unwrap_or_default(),
            waiting: found
                .map(|l| {
                    l.enquiry()
                        .questions
                        .iter()
                        .filter(|q| q.is_open())
                        .map(|q| q.id.clone())
                        .collect()
                })
                .unwrap_or_default(),
            closed: found
                .map(|l| {
                    l.enquiry()
                        .polls
                        .iter()
                        .filter(|p| !p.open)
                        .map(|p| p.id.clone())
                        .collect()
                })
                .unwrap_or_default(),
            tied: found
                .map(|l| {
                    l.enquiry()
                        .polls
                        .iter()
                        .filter(|p| !p.open && p.tallies_shown() && p.teacher_choice.is_none())
                        .filter_map(|p| match p.standing() {
                            withme_core::enquiry::Standing::Tie(tied) => Some((p.id.clone(), tied)),
                            _ => None,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            open_poll: found
                .and_then(|l| l.enquiry().open_poll())
                .map(|p| (p.id.clone(), p.options.clone(), p.method)),
            pending: found
                .map(|l| {
                    l.proposals()
                        .iter()
                        .filter(|p| p.status.is_open())
                        .map(|p| p.id.clone())
                        .collect()
                })
                .unwrap_or_default(),
            polls: found
                .map(|l| l.enquiry().polls.iter().map(|p| p.id.clone()).collect())
                .unwrap_or_default(),
            items: found
                .map(|l| {
                    ItemList::ALL
                        .iter()
                        .flat_map(|&list| {
                            l.plan()
                                .items(list)
                                .iter()
                                .map(move |i| (list, i.id.clone()))
                        })
                        .collect()
                })
                .unwrap_or_default(),
            phases: found
                .map(|l| l.plan().phases.iter().map(|p| p.id.clone()).collect())
                .unwrap_or_default(),
        }
    }

    fn pupil(&self, rng: &mut Rng) -> PupilId {
        rng.pick(&self.pupils).unwrap_or_else(|| stranger(rng))
    }

    /// Mostly an idea still open, sometimes any (or none there).
    fn proposal(&self, rng: &mut Rng) -> ProposalId {
        let pool = if rng.chance(75) {
            &self.pending
        } else {
            &self.proposals
        };
        rng.pick(pool).unwrap_or_else(|| stranger(rng))
    }

    /// Mostly a question the class can see, sometimes any (or none there).
    fn question(&self, rng: &mut Rng) -> QuestionId {
        let pool = if rng.chance(60) {
            &self.public
        } else {
            &self.questions
        };
        rng.pick(pool).unwrap_or_else(|| stranger(rng))
    }

    /// Mostly a question still waiting for the teacher.
    fn waiting(&self, rng: &mut Rng) -> QuestionId {
        match rng.pick(&self.waiting) {
            Some(question) if rng.chance(80) => question,
            _ => self.question(rng),
        }
    }

    /// Mostly a closed vote.
    fn closed(&self, rng: &mut Rng) -> PollId {
        match rng.pick(&self.closed) {
            Some(poll) if rng.chance(80) => poll,
            _ => self.poll(rng),
        }
    }

    /// Mostly the open vote, sometimes any (or none there).
    fn poll(&self, rng: &mut Rng) -> PollId {
        match &self.open_poll {
            Some((poll, _, _)) if rng.chance(60) => poll.clone(),
            _ => rng.pick(&self.polls).unwrap_or_else(|| stranger(rng)),
        }
    }

    /// Mostly a ballot the open vote accepts (a few tries at one), else any choices.
    fn choices(&self, rng: &mut Rng) -> Vec<QuestionId> {
        match &self.open_poll {
            Some((_, options, method)) if rng.chance(80) => {
                let mut chosen = Vec::new();
                for _ in 0..8 {
                    let most = 1 + rng.below(options.len().max(1));
                    chosen = rng.some_of(options, most);
                    if chosen.is_empty() {
                        chosen.extend(rng.pick(options));
                    }
                    if check_ballot(*method, options, &chosen).is_ok() {
                        break;
                    }
                }
                chosen
            }
            _ => rng.some_of(&self.questions, 3),
        }
    }
}

fn method(rng: &mut Rng) -> VoteMethod {
    match rng.below(6) {
        0 => VoteMethod::Omni,
        1 => VoteMethod::Ranked,
        2 => VoteMethod::HandsUp,
        3 => VoteMethod::Multi {
            votes: 1 + rng.below(11) as u8,
            stacking: rng.chance(50),
        },
        _ => VoteMethod::Single,
    }
}

fn section(rng: &mut Rng) -> Section {
    match rng.below(5) {
        4 => Section::Phases,
        n => Section::Items(ItemList::ALL[n]),
    }
}

/// How many arms [`any_command`] chooses from (the last makes one of the picker's three).
const ARMS: usize = 72;

/// Any command of any kind, with arguments taken mostly from `library` (in `focus` if given),
/// sometimes naming things that are not there. Who may make it is for the authority to say.
pub fn any_command(library: &Library, rng: &mut Rng, focus: Option<&LessonId>) -> Command {
    let known = Known::of(library);
    let lesson = match focus {
        Some(lesson) if rng.chance(90) => lesson.clone(),
        _ => rng.pick(&known.lessons).unwrap_or_else(|| stranger(rng)),
    };
    let at = InLesson::of(library, &lesson);
    let class = match (&at.class, rng.chance(80)) {
        (Some(class), true) => class.clone(),
        _ => rng.pick(&known.classes).unwrap_or_else(|| stranger(rng)),
    };
    let title = |rng: &mut Rng| LessonTitle::parse(&rng.text("Lesson")).unwrap();
    let l = at.lesson.clone();
    // Commands that undo a classroom (a lesson binned, its class changed or deleted) come
    // rarely, as they do in class, so the rest has a lesson to work on.
    let mut arm = rng.below(ARMS);
    let rare = match arm {
        11 | 58 => 97,
        15 => 85,
        _ => 0,
    };
    if rng.chance(rare) {
        arm = rng.below(ARMS);
    }
    // Steer toward a vote the class can hold, as a lesson does: a ballot with no vote open
    // mostly opens one; opening a vote without two approved questions mostly approves a
    // waiting question, or asks one.
    if arm == 6 && at.open_poll.is_none() && rng.chance(70) {
        arm = 42;
    }
    if arm == 42 && at.public.len() < 2 && rng.chance(70) {
        arm = if at.waiting.is_empty() { 4 } else { 35 };
    }
    match arm {
        0 => Command::Propose {
            lesson: l,
            kind: ProposalKind::ALL[rng.below(4)],
            text: item(rng, "idea"),
            with: Vec::new(),
        },
        1 => Command::ReviseProposal {
            lesson: l,
            proposal: at.proposal(rng),
            text: item(rng, "reworded idea"),
        },
        2 => Command::WithdrawProposal {
            lesson: l,
            proposal: at.proposal(rng),
        },
        3 => Command::BackProposal {
            lesson: l,
            proposal: at.proposal(rng),
        },
        4 => Command::AskQuestion {
            lesson: l,
            text: item(rng, "Why question"),
            with: rng.some_of(&at.pupils, 2),
        },
        5 => Command::ReviseQuestion {
            lesson: l,
            question: at.question(rng),
            text: item(rng, "reworded question"),
        },
        6 => Command::CastBallot {
            lesson: l,
            poll: at.poll(rng),
            choices: at.choices(rng),
        },
        7 => Command::CreateLesson {
            title: title(rng),
            class: rng.pick(&known.classes),
            template: match rng.below(4) {
                0 => Some(TemplateChoice::BuiltIn(BuiltInTemplate::P4cEnquiry)),
                1 => rng.pick(&known.templates).map(TemplateChoice::Saved),
                _ => None,
            },
        },
        8 => Command::ImportLesson {
            plan: Box::new(Plan::new(title(rng), rng.pick(&known.classes))),
            proposals: Vec::new(),
        },
        9 => Command::RenameLesson {
            lesson: l,
            title: title(rng),
        },
        10 => Command::SetLessonSubject {
            lesson: l,
            subject: Subject::parse(&rng.text("Subject")).unwrap(),
        },
        11 => Command::SetLessonClass {
            lesson: l,
            class: rng.chance(80).then_some(class),
        },
        12 => Command::SetLessonDate {
            lesson: l,
            date: LessonDate::parse(&format!("2027-0{}-1{}", 1 + rng.below(9), rng.below(10))).ok(),
        },
        13 => Command::SetLessonLength {
            lesson: l,
            length: LessonLength::from_minutes(5 + rng.below(200) as u16).unwrap(),
        },
        14 => Command::DuplicateLesson { lesson: l },
        15 => Command::DeleteLesson { lesson: l },
        16 => Command::RestoreLesson { lesson: l },
        17 => Command::SetNote {
            lesson: l,
            note: NoteKind::ALL[rng.below(5)],
            text: Notes::parse(&rng.text("teacher's note")).unwrap(),
        },
        18 => Command::AddItem {
            lesson: l,
            list: ItemList::ALL[rng.below(4)],
            text: item(rng, "item"),
        },
        19 => {
            let (list, id) = rng
                .pick(&at.items)
                .unwrap_or((ItemList::Criteria, stranger(rng)));
            Command::EditItem {
                lesson: l,
                list,
                item: id,
                text: item(rng, "edited item"),
            }
        }
        20 => Command::AddPhase {
            lesson: l,
            title: PhaseTitle::parse(&rng.text("Phase")).unwrap(),
            minutes: PhaseMinutes::from_minutes(1 + rng.below(30) as u16).unwrap(),
        },
        21 => Command::EditPhase {
            lesson: l,
            phase: rng.pick(&at.phases).unwrap_or_else(|| stranger(rng)),
            title: PhaseTitle::parse(&rng.text("Phase")).unwrap(),
            description: Notes::parse(&rng.text("phase notes")).unwrap(),
            minutes: PhaseMinutes::from_minutes(1 + rng.below(30) as u16).unwrap(),
        },
        22 => Command::RemoveEntry {
            lesson: l,
            section: section(rng),
            entry: rng
                .pick(&at.items)
                .map(|(_, id)| id)
                .or_else(|| rng.pick(&at.phases))
                .unwrap_or_else(|| stranger(rng)),
        },
        23 => Command::MoveEntry {
            lesson: l,
            section: section(rng),
            entry: rng
                .pick(&at.items)
                .map(|(_, id)| id)
                .unwrap_or_else(|| stranger(rng)),
            to: rng.below(5),
        },
        24 => Command::InsertEntry {
            lesson: l,
            section: section(rng),
            at: rng.below(5),
            entry: if rng.chance(50) {
                Entry::Item(Item {
                    id: stranger(rng),
                    text: item(rng, "inserted"),
                    suggested_by: rng.some_of(&at.pupils, 1),
                })
            } else {
                Entry::Phase(Phase {
                    id: stranger(rng),
                    title: PhaseTitle::parse(&rng.text("Inserted phase")).unwrap(),
                    description: Notes::default(),
                    minutes: PhaseMinutes::from_minutes(5).unwrap(),
                    suggested_by: Vec::new(),
                })
            },
        },
        25 => Command::SaveTemplate {
            lesson: l,
            name: TemplateName::parse(&rng.text("Template")).unwrap(),
        },
        26 => Command::DeleteTemplate {
            template: rng.pick(&known.templates).unwrap_or_else(|| stranger(rng)),
        },
        27 => Command::AcceptProposal {
            lesson: l,
            proposal: at.proposal(rng),
            text: item(rng, "accepted"),
        },
        28 => Command::MergeProposals {
            lesson: l,
            proposals: at.pending.iter().take(2 + rng.below(2)).cloned().collect(),
            text: item(rng, "merged idea"),
        },
        29 => Command::SendBackProposal {
            lesson: l,
            proposal: at.proposal(rng),
            note: note(rng, "a kind note on an idea"),
        },
        30 => Command::DeclineProposal {
            lesson: l,
            proposal: at.proposal(rng),
        },
        31 => Command::SetStimulus {
            lesson: l,
            stimulus: rng.chance(80).then(|| Stimulus {
                kind: if rng.chance(30) {
                    StimulusKind::ImageLink
                } else {
                    StimulusKind::Text
                },
                text: Notes::parse(
                    &format!("https://example.org/{}", rng.text("picture")).replace(' ', "-"),
                )
                .unwrap(),
            }),
        },
        32 => Command::StartThinkingTime {
            lesson: l,
            seconds: 5 + rng.below(200) as u32,
        },
        33 => Command::StopThinkingTime { lesson: l },
        34 => Command::ShowOnBoard {
            lesson: l,
            stage: match rng.below(8) {
                0 => BoardStage::Plan,
                1 => BoardStage::Stimulus,
                2 => BoardStage::Questions,
                3 => BoardStage::Airing {
                    question: at.question(rng),
                },
                4 => BoardStage::Poll { poll: at.poll(rng) },
                5 => BoardStage::Groups,
                6 => BoardStage::Review,
                _ => BoardStage::Picker,
            },
        },
        35 => Command::ApproveQuestion {
            lesson: l,
            question: at.waiting(rng),
        },
        36 => Command::EditQuestion {
            lesson: l,
            question: at.question(rng),
            text: item(rng, "edited question"),
        },
        37 => Command::SendBackQuestion {
            lesson: l,
            question: at.question(rng),
            note: note(rng, "a kind note on a question"),
        },
        38 => Command::HideQuestion {
            lesson: l,
            question: at.question(rng),
            hidden: rng.chance(70),
        },
        39 => Command::MergeQuestions {
            lesson: l,
            questions: at
                .public
                .iter()
                .rev()
                .take(2 + rng.below(2))
                .cloned()
                .collect(),
            text: item(rng, "merged question"),
        },
        40 => Command::CategoriseQuestion {
            lesson: l,
            question: at.question(rng),
            quadrant: rng.pick(&Quadrant::ALL),
            bloom: rng.pick(&BloomLevel::ALL),
        },
        41 => Command::SetQuestionForward {
            lesson: l,
            question: at.question(rng),
            forward: rng.chance(70),
        },
        42 => Command::OpenPoll {
            lesson: l,
            method: method(rng),
            blind: rng.chance(40),
            secret: rng.chance(30),
            options: if rng.chance(80) {
                at.public.iter().take(2 + rng.below(4)).cloned().collect()
            } else {
                rng.some_of(&at.questions, 5)
            },
        },
        43 => Command::ClosePoll {
            lesson: l,
            poll: at.poll(rng),
        },
        44 => Command::RevealPoll {
            lesson: l,
            poll: at.closed(rng),
        },
        45 => Command::TallyHands {
            lesson: l,
            poll: at.poll(rng),
            counts: {
                let options = at.open_poll.as_ref().map_or(3, |(_, o, _)| o.len());
                // Often a tie, so that run-offs and the teacher's choice come up.
                let tied = rng.chance(40).then(|| 1 + rng.below(9) as u32);
                (0..options)
                    .map(|_| tied.unwrap_or_else(|| rng.below(40) as u32))
                    .collect()
            },
        },
        46 => Command::OpenRunOff {
            lesson: l,
            poll: match rng.pick(&at.tied) {
                Some((poll, _)) if rng.chance(80) => poll,
                _ => at.closed(rng),
            },
        },
        47 => match rng.pick(&at.tied) {
            Some((poll, tied)) if rng.chance(80) => Command::ChooseTieWinner {
                lesson: l,
                poll,
                question: rng.pick(&tied).unwrap(),
            },
            _ => Command::ChooseTieWinner {
                lesson: l,
                poll: at.closed(rng),
                question: at.question(rng),
            },
        },
        48 => Command::FinishEnquiry {
            lesson: l,
            question: at.question(rng),
        },
        49 => Command::ReopenEnquiry { lesson: l },
        50 => Command::UnparkQuestion {
            lesson: l,
            question: rng.pick(&at.parked).unwrap_or_else(|| stranger(rng)),
        },
        51 => Command::CreateClass {
            name: ClassName::parse(&rng.text("Class")).unwrap(),
        },
        52 => Command::RenameClass {
            class,
            name: ClassName::parse(&rng.text("Class")).unwrap(),
        },
        53 => Command::AddPupils {
            class,
            names: (0..1 + rng.below(3))
                .map(|_| PupilName::parse(&rng.text("Pupil")).unwrap())
                .collect(),
        },
        54 => Command::RenamePupil {
            class,
            pupil: at.pupil(rng),
            name: PupilName::parse(&rng.text("Pupil")).unwrap(),
        },
        55 => Command::RemovePupil {
            class,
            pupil: at.pupil(rng),
        },
        56 => Command::RestorePupil {
            class,
            pupil: at.pupil(rng),
        },
        57 => Command::ArchiveClass {
            class,
            archived: rng.chance(50),
        },
        58 => Command::DeleteClass { class },
        59 => Command::SetPupilLabel {
            class,
            pupil: at.pupil(rng),
            label: Some(PupilLabel::parse(&rng.text("label")).unwrap()),
        },
        60 => Command::SetPairRule {
            class,
            pupils: [at.pupil(rng), at.pupil(rng)],
            kind: rng.pick(&[PairKind::Apart, PairKind::Together]),
        },
        61 => Command::SetRoles {
            class,
            roles: RolePreset::ALL[rng.below(4)].roles(),
        },
        62 => Command::SetLeadWindow {
            class,
            lessons: rng.chance(80).then(|| rng.below(25) as u8),
        },
        63 => Command::SetAbsent {
            lesson: l,
            pupil: at.pupil(rng),
            absent: rng.chance(60),
        },
        64 => {
            let mut pupils = at.pupils.clone();
            let mut groups = Vec::new();
            while !pupils.is_empty() && groups.len() < 8 {
                let size = 1 + rng.below(4);
                let rest = pupils.split_off(size.min(pupils.len()));
                groups.push(pupils);
                pupils = rest;
            }
            Command::SetGroups { lesson: l, groups }
        }
        65 => Command::AssignRoles { lesson: l },
        66 => Command::OverrideRole {
            lesson: l,
            pupil: at.pupil(rng),
            role: rng.pick(&at.roles).unwrap_or_else(|| stranger(rng)),
            reason: Reason::parse(&rng.text("private reason")).unwrap(),
        },
        67 => Command::OptOutOfRole {
            lesson: l,
            pupil: at.pupil(rng),
            role: rng.pick(&at.roles).unwrap_or_else(|| stranger(rng)),
        },
        68 => Command::SetTimer {
            lesson: l,
            change: match rng.below(6) {
                0 => TimerChange::Phase {
                    phase: rng.pick(&at.phases).unwrap_or_else(|| stranger(rng)),
                },
                1 => TimerChange::Minutes {
                    minutes: rng.below(400) as u32,
                },
                2 => TimerChange::Pause,
                3 => TimerChange::Resume,
                4 => TimerChange::AddMinute,
                _ => TimerChange::Stop,
            },
        },
        69 => Command::RestoreLibrary {
            library: Box::new(backup(rng, &known)),
        },
        70 if rng.chance(50) => Command::EmptyBin {
            lessons: rng.some_of(&known.lessons, 3),
        },
        70 => {
            // Other lessons than the one in class: an archived lesson is gone for good, and
            // `tests/archive.rs` archives the lesson in class itself.
            let others: Vec<LessonId> = known
                .lessons
                .iter()
                .filter(|id| **id != l)
                .cloned()
                .collect();
            let chosen = rng.some_of(&others, 2);
            let lessons: Vec<_> = chosen.iter().filter_map(|id| library.lesson(id)).collect();
            Command::ArchiveLessons {
                archive: Box::new(withme_core::archive::archive_of(library, &lessons)),
            }
        }
        _ => match rng.below(3) {
            0 => Command::PickPupil {
                lesson: l,
                pupil: at.pupil(rng),
            },
            1 => Command::PassPick { lesson: l },
            _ => Command::NewPickerRound { lesson: l },
        },
    }
}

/// A backup's library, as another computer would have written it: a lesson new here, or one
/// this library already has (its title changed there), sometimes with a class of its own.
fn backup(rng: &mut Rng, known: &Known) -> Library {
    let device = format!("elsewhere{}", rng.below(4));
    let lesson = match rng.pick(&known.lessons) {
        Some(here) if rng.chance(30) => here.to_string(),
        _ => format!("{device}.{}", 1 + rng.below(3)),
    };
    let class = rng.chance(40).then(|| format!("{device}.9"));
    let classes: Vec<serde_json::Value> = class
        .iter()
        .map(|id| {
            serde_json::json!({
                "id": id, "name": rng.text("Class"), "created_at": 1,
                "pupils": [{ "id": format!("{id}.1"), "name": "Ada" }],
            })
        })
        .collect();
    let text = serde_json::json!({
        "lessons": [{
            "id": lesson, "created_at": 1, "updated_at": 1,
            "plan": { "title": rng.text("Backed up"), "length": 60, "class": class },
        }],
        "classes": classes,
    });
    serde_json::from_value(text).expect("a backup's library")
}

/// A pupil's command as a real tablet would make it: from what the tablet's view shows.
pub fn pupil_command(view: &PupilView, rng: &mut Rng) -> Option<PupilCommand> {
    let me = view.me.as_ref()?;
    let lesson = view.lesson.clone();
    let mine: Vec<ProposalId> = me
        .ideas
        .iter()
        .filter(|i| i.mine)
        .map(|i| i.id.clone())
        .collect();
    let others: Vec<ProposalId> = me
        .ideas
        .iter()
        .filter(|i| !i.mine)
        .map(|i| i.id.clone())
        .collect();
    let my_questions: Vec<QuestionId> = me.enquiry.mine.iter().map(|q| q.id.clone()).collect();
    let classmates: Vec<PupilId> = view
        .class
        .as_ref()
        .map(|c| c.roster.iter().map(|p| p.id.clone()).collect())
        .unwrap_or_default();
    Some(match rng.below(10) {
        0 | 1 => PupilCommand::Propose {
            lesson,
            kind: ProposalKind::ALL[rng.below(4)],
            text: item(rng, "idea"),
            with: Vec::new(),
        },
        2 => PupilCommand::ReviseProposal {
            lesson,
            proposal: rng.pick(&mine)?,
            text: item(rng, "reworded idea"),
        },
        3 => PupilCommand::WithdrawProposal {
            lesson,
            proposal: rng.pick(&mine)?,
        },
        4 => PupilCommand::BackProposal {
            lesson,
            proposal: rng.pick(&others)?,
        },
        5 | 6 => PupilCommand::AskQuestion {
            lesson,
            text: item(rng, "Why question"),
            with: rng.some_of(&classmates, 1),
        },
        7 => PupilCommand::ReviseQuestion {
            lesson,
            question: rng.pick(&my_questions)?,
            text: item(rng, "reworded question"),
        },
        _ => {
            let vote = view.vote.as_ref()?;
            let options: Vec<QuestionId> = vote.options.iter().map(|q| q.id.clone()).collect();
            PupilCommand::CastBallot {
                lesson,
                poll: vote.poll.clone(),
                choices: rng.some_of(&options, 2),
            }
        }
    })
}

/// Who would make `command`: a pupil for a pupil's kind (an author of the idea or question it
/// names, when there is one, so rewording can succeed), else the teacher.
pub fn likely_author(library: &Library, command: &Command, rng: &mut Rng) -> withme_core::Author {
    use withme_core::Author;
    let Some(pupil_command) = command.as_pupil_command() else {
        return Author::Teacher;
    };
    let authors: Vec<PupilId> = match &pupil_command {
        PupilCommand::ReviseProposal {
            lesson, proposal, ..
        }
        | PupilCommand::WithdrawProposal { lesson, proposal } => library
            .lesson(lesson)
            .and_then(|l| l.proposal(proposal))
            .map(|p| p.authors.clone())
            .unwrap_or_default(),
        PupilCommand::ReviseQuestion {
            lesson, question, ..
        } => library
            .lesson(lesson)
            .and_then(|l| l.enquiry().question(question))
            .map(|q| q.authors.clone())
            .unwrap_or_default(),
        PupilCommand::Propose { lesson, .. }
        | PupilCommand::BackProposal { lesson, .. }
        | PupilCommand::AskQuestion { lesson, .. }
        | PupilCommand::CastBallot { lesson, .. } => library
            .lesson(lesson)
            .and_then(|l| l.plan().class.as_ref())
            .and_then(|c| library.class(c))
            .map(|c| c.roster().map(|p| p.id().clone()).collect())
            .unwrap_or_default(),
    };
    match rng.pick(&authors) {
        Some(pupil) => Author::Pupil { pupil },
        None => Author::Teacher,
    }
}
