//! Pupils' proposals and the teacher's inbox: the rules and, above all, the rights.

mod support;

use support::{Scenario, text};
use withme_core::coproduction::{Coproduction, names};
use withme_core::{
    Command, KindNote, LessonId, ProposalId, ProposalKind, ProposalStatus, PupilId, Rejection,
};

/// A lesson for Year 5 Oak, with Amira, Ben, Chloé and Dev on the list.
fn classroom() -> (Scenario, LessonId, Vec<PupilId>) {
    Scenario::classroom("Rivers", &["Amira", "Ben", "Chloé", "Dev"])
}

fn propose(s: &mut Scenario, lesson: &LessonId, pupil: &PupilId, t: &str) -> ProposalId {
    let op = s.op(
        withme_core::Author::Pupil {
            pupil: pupil.clone(),
        },
        Command::Propose {
            lesson: lesson.clone(),
            kind: ProposalKind::Criterion,
            text: text(t),
            with: Vec::new(),
        },
    );
    s.library.apply(&op).expect("proposal made");
    ProposalId::from(&op.id)
}

fn status(s: &Scenario, lesson: &LessonId, id: &ProposalId) -> ProposalStatus {
    let lesson = s.library.lesson(lesson).unwrap();
    lesson.proposal(id).unwrap().status.clone()
}

#[test]
fn a_pupil_cannot_accept_merge_send_back_or_decline() {
    let (mut s, lesson, p) = classroom();
    let a = propose(&mut s, &lesson, &p[0], "I label the source.");
    let b = propose(&mut s, &lesson, &p[1], "I label the mouth.");
    let before = s.library.clone();
    let forged = [
        Command::AcceptProposal {
            lesson: lesson.clone(),
            proposal: a.clone(),
            text: text("I label the source."),
        },
        Command::MergeProposals {
            lesson: lesson.clone(),
            proposals: vec![a.clone(), b.clone()],
            text: text("I label both ends."),
        },
        Command::SendBackProposal {
            lesson: lesson.clone(),
            proposal: b.clone(),
            note: KindNote::parse("Say more?").unwrap(),
        },
        Command::DeclineProposal {
            lesson: lesson.clone(),
            proposal: b.clone(),
        },
    ];
    for command in forged {
        let action = command.action();
        assert_eq!(
            s.pupil(&p[0], command),
            Err(Rejection::TeacherOnly { action })
        );
    }
    assert_eq!(s.library, before);
    assert_eq!(
        Rejection::TeacherOnly {
            action: "accept an idea"
        }
        .to_string(),
        "Only the teacher can accept an idea."
    );
}

#[test]
fn a_pupil_edits_or_withdraws_only_their_own_pending_proposal() {
    let (mut s, lesson, p) = classroom();
    let amiras = propose(&mut s, &lesson, &p[0], "I label the source.");
    let reword = Command::ReviseProposal {
        lesson: lesson.clone(),
        proposal: amiras.clone(),
        text: text("Mine now"),
    };
    assert_eq!(
        s.pupil(&p[1], reword.clone()),
        Err(Rejection::NotYourProposal)
    );
    let withdraw = Command::WithdrawProposal {
        lesson: lesson.clone(),
        proposal: amiras.clone(),
    };
    assert_eq!(
        s.pupil(&p[1], withdraw.clone()),
        Err(Rejection::NotYourProposal)
    );
    assert_eq!(
        s.teacher(reword.clone()),
        Err(Rejection::PupilsOnly {
            action: "reword an idea"
        })
    );
    assert!(s.pupil(&p[0], reword).is_ok());
    assert!(s.pupil(&p[0], withdraw.clone()).is_ok());
    assert_eq!(status(&s, &lesson, &amiras), ProposalStatus::Withdrawn);
    assert_eq!(s.pupil(&p[0], withdraw), Err(Rejection::ProposalClosed));
}

#[test]
fn a_proposal_backed_twice_by_one_pupil_counts_once() {
    let (mut s, lesson, p) = classroom();
    let id = propose(&mut s, &lesson, &p[0], "I label the source.");
    let back = Command::BackProposal {
        lesson: lesson.clone(),
        proposal: id.clone(),
    };
    assert!(s.pupil(&p[1], back.clone()).is_ok());
    assert!(s.pupil(&p[1], back.clone()).is_ok());
    assert!(s.pupil(&p[2], back.clone()).is_ok());
    assert_eq!(s.pupil(&p[0], back.clone()), Err(Rejection::OwnProposal));
    let proposal = s.library.lesson(&lesson).unwrap().proposal(&id).unwrap();
    assert_eq!(proposal.backers.len(), 2);
    assert_eq!(
        s.teacher(back),
        Err(Rejection::PupilsOnly {
            action: "back an idea"
        })
    );
}

#[test]
fn pupils_off_the_list_or_without_a_class_cannot_propose() {
    let (mut s, lesson, p) = classroom();
    let (_, strangers) = s.new_class("Year 6 Ash", &["Zed"]);
    let propose = |lesson: &LessonId| Command::Propose {
        lesson: lesson.clone(),
        kind: ProposalKind::Keyword,
        text: text("source"),
        with: Vec::new(),
    };
    assert_eq!(
        s.pupil(&strangers[0], propose(&lesson)),
        Err(Rejection::NotOnRoster)
    );
    let no_class = s.new_lesson("Unassigned");
    assert_eq!(
        s.pupil(&p[0], propose(&no_class)),
        Err(Rejection::NotOnRoster)
    );
    assert_eq!(
        s.teacher(propose(&lesson)),
        Err(Rejection::PupilsOnly {
            action: "propose an idea"
        })
    );
}

#[test]
fn the_inbox_round_merge_send_back_reword_accept_keeps_every_author() {
    let (mut s, lesson, p) = classroom();
    let a = propose(&mut s, &lesson, &p[0], "I use the word tributary.");
    let c = propose(&mut s, &lesson, &p[2], "I say what a tributary is.");
    let wet = propose(&mut s, &lesson, &p[1], "wet");
    let dev = propose(&mut s, &lesson, &p[3], "I draw a river.");

    s.teacher(Command::MergeProposals {
        lesson: lesson.clone(),
        proposals: vec![a.clone(), c.clone()],
        text: text("I use and explain the word tributary."),
    })
    .unwrap();
    s.teacher(Command::SendBackProposal {
        lesson: lesson.clone(),
        proposal: wet.clone(),
        note: KindNote::parse("Can you make it a sentence?").unwrap(),
    })
    .unwrap();
    s.teacher(Command::AcceptProposal {
        lesson: lesson.clone(),
        proposal: dev.clone(),
        text: text("I draw and label a river."),
    })
    .unwrap();
    assert!(matches!(
        status(&s, &lesson, &wet),
        ProposalStatus::SentBack { .. }
    ));
    assert_eq!(
        s.teacher(Command::AcceptProposal {
            lesson: lesson.clone(),
            proposal: a.clone(),
            text: text("again"),
        }),
        Err(Rejection::ProposalClosed)
    );

    s.pupil(
        &p[1],
        Command::ReviseProposal {
            lesson: lesson.clone(),
            proposal: wet.clone(),
            text: text("I say where a river is wettest."),
        },
    )
    .unwrap();
    assert_eq!(status(&s, &lesson, &wet), ProposalStatus::Pending);
    s.teacher(Command::AcceptProposal {
        lesson: lesson.clone(),
        proposal: wet.clone(),
        text: text("I say where a river is wettest."),
    })
    .unwrap();

    let l = s.library.lesson(&lesson).unwrap();
    let criteria = &l.plan().criteria;
    let texts: Vec<_> = criteria.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "I use and explain the word tributary.",
            "I draw and label a river.",
            "I say where a river is wettest."
        ]
    );
    assert_eq!(criteria[0].suggested_by, [p[0].clone(), p[2].clone()]);
    let class = s.library.class(l.plan().class.as_ref().unwrap());
    assert_eq!(names(class, &criteria[0].suggested_by), "Amira and Chloé");
    assert_eq!(status(&s, &lesson, &a), ProposalStatus::Merged);

    let record = Coproduction::of(l, class);
    assert_eq!((record.entries, record.by_pupils), (3, 3));
    assert_eq!(record.writers.len(), 4);
    assert!(record.not_heard_from.is_empty());
}

#[test]
fn merging_needs_two_open_proposals_of_one_kind() {
    let (mut s, lesson, p) = classroom();
    let a = propose(&mut s, &lesson, &p[0], "I label the source.");
    let op = s.op(
        withme_core::Author::Pupil {
            pupil: p[1].clone(),
        },
        Command::Propose {
            lesson: lesson.clone(),
            kind: ProposalKind::Keyword,
            text: text("source"),
            with: Vec::new(),
        },
    );
    s.library.apply(&op).unwrap();
    let keyword = ProposalId::from(&op.id);
    let merge = |ids: Vec<ProposalId>| Command::MergeProposals {
        lesson: lesson.clone(),
        proposals: ids,
        text: text("x"),
    };
    assert_eq!(
        s.teacher(merge(vec![a.clone(), keyword])),
        Err(Rejection::MergeMixedKinds)
    );
    assert_eq!(
        s.teacher(merge(vec![a.clone(), a.clone()])),
        Err(Rejection::MergeNeedsTwo)
    );
    assert_eq!(s.teacher(merge(vec![])), Err(Rejection::MergeNeedsTwo));
    assert_eq!(status(&s, &lesson, &a), ProposalStatus::Pending);
}

#[test]
fn an_accepted_activity_becomes_a_phase_and_counts_in_the_minutes() {
    let (mut s, lesson, p) = classroom();
    let op = s.op(
        withme_core::Author::Pupil {
            pupil: p[3].clone(),
        },
        Command::Propose {
            lesson: lesson.clone(),
            kind: ProposalKind::Activity,
            text: text("Build a river in a tray"),
            with: Vec::new(),
        },
    );
    s.library.apply(&op).unwrap();
    let result = s.teacher(Command::AcceptProposal {
        lesson: lesson.clone(),
        proposal: ProposalId::from(&op.id),
        text: text("Build a river in a sand tray"),
    });
    assert!(result.is_ok());
    let plan = s.library.lesson(&lesson).unwrap().plan();
    assert_eq!(
        plan.phases[0].title.as_str(),
        "Build a river in a sand tray"
    );
    assert_eq!(plan.phases[0].suggested_by, [p[3].clone()]);
    assert_eq!(plan.planned_minutes(), 10);
}

#[test]
fn a_pupil_cannot_flood_the_inbox() {
    let (mut s, lesson, p) = classroom();
    for n in 0..withme_core::MAX_OPEN_PROPOSALS_PER_PUPIL {
        propose(&mut s, &lesson, &p[0], &format!("idea {n}"));
    }
    let result = s.pupil(
        &p[0],
        Command::Propose {
            lesson: lesson.clone(),
            kind: ProposalKind::Keyword,
            text: text("one more"),
            with: Vec::new(),
        },
    );
    assert_eq!(
        result,
        Err(Rejection::TooManyOpenProposals {
            max: withme_core::MAX_OPEN_PROPOSALS_PER_PUPIL
        })
    );
}
