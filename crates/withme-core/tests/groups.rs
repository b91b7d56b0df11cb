//! Classes, groups and fair roles, through operations as the teacher and pupils make them.

mod support;

use support::Scenario;
use withme_core::groups::{GroupSize, PairKind, RolePreset};
use withme_core::{
    ClassId, Command, NoteKind, PupilId, PupilLabel, Reason, Rejection, RoleId, lesson_seed,
};

const NAMES: [&str; 8] = ["Amira", "Ben", "Cara", "Dev", "Ella", "Finn", "Gus", "Hana"];

fn role(id: &str) -> RoleId {
    RoleId::parse(id).unwrap()
}

fn reason(text: &str) -> Reason {
    Reason::parse(text).unwrap()
}

/// A class of eight with the checker-and-summariser roles.
fn class_with_roles() -> (Scenario, ClassId, Vec<PupilId>) {
    let mut s = Scenario::new();
    let (class, pupils) = s.new_class("Year 5 Oak", &NAMES);
    s.teacher(Command::SetRoles {
        class: class.clone(),
        roles: RolePreset::CheckerSummariser.roles(),
    })
    .unwrap();
    (s, class, pupils)
}

#[test]
fn a_lesson_is_grouped_and_roles_are_given_out_leaving_absentees_out() {
    let (mut s, class, pupils) = class_with_roles();
    let absent = [pupils[1].clone()];
    let lesson = s
        .grouped_lesson(&class, &absent, GroupSize::Size(3), 7)
        .unwrap();
    let groups = &s.library.lesson(&lesson).unwrap().groups().groups;
    let sizes: Vec<usize> = groups.iter().map(|g| g.members.len()).collect();
    assert_eq!(sizes.iter().sum::<usize>(), 7);
    assert!(sizes.iter().all(|&n| (2..=3).contains(&n)), "{sizes:?}");
    assert!(!groups.iter().any(|g| g.has(&pupils[1])));
    for group in groups {
        let leaders = group
            .members
            .iter()
            .filter(|m| m.role == Some(role("facilitator")))
            .count();
        assert_eq!(leaders, 1, "every group has one facilitator");
    }
}

#[test]
fn an_override_keeps_its_reason_and_swaps_with_whoever_held_the_role() {
    let (mut s, class, _) = class_with_roles();
    let lesson = s
        .grouped_lesson(&class, &[], GroupSize::Size(4), 1)
        .unwrap();
    let group = s.library.lesson(&lesson).unwrap().groups().groups[0].clone();
    let facilitator = group
        .members
        .iter()
        .find(|m| m.role == Some(role("facilitator")))
        .unwrap()
        .clone();
    let other = group
        .members
        .iter()
        .find(|m| m.role != Some(role("facilitator")))
        .unwrap()
        .clone();
    s.teacher(Command::OverrideRole {
        lesson: lesson.clone(),
        pupil: other.pupil.clone(),
        role: role("facilitator"),
        reason: reason("Practising for the class assembly"),
    })
    .unwrap();
    let groups = s.library.lesson(&lesson).unwrap().groups().clone();
    assert_eq!(groups.role_of(&other.pupil), Some(&role("facilitator")));
    assert_eq!(groups.role_of(&facilitator.pupil), other.role.as_ref());
    let member = groups.groups[0].member(&other.pupil).unwrap();
    assert_eq!(
        member.override_reason.as_ref().unwrap().as_str(),
        "Practising for the class assembly"
    );

    // Giving out roles again keeps the teacher's choice.
    s.teacher(Command::AssignRoles {
        lesson: lesson.clone(),
    })
    .unwrap();
    let groups = s.library.lesson(&lesson).unwrap().groups().clone();
    assert_eq!(groups.role_of(&other.pupil), Some(&role("facilitator")));

    // The history shows it.
    let class = s.library.class(&class).unwrap();
    let record = s.library.class_record(class);
    let turn = &record
        .pupils
        .iter()
        .find(|p| p.pupil == other.pupil)
        .unwrap()
        .turns[0];
    assert_eq!(
        turn.override_reason.as_ref().map(Reason::as_str),
        Some("Practising for the class assembly")
    );
    let csv = s.library.class_record_csv(class);
    assert!(csv.contains("Practising for the class assembly"), "{csv}");
}

#[test]
fn a_pupil_who_opts_out_gets_another_role_and_it_is_recorded() {
    let (mut s, class, _) = class_with_roles();
    let lesson = s
        .grouped_lesson(&class, &[], GroupSize::Size(4), 2)
        .unwrap();
    let (pupil, held) = s
        .roles_held(&lesson)
        .into_iter()
        .find(|(_, r)| r == &role("facilitator"))
        .map(|(p, r)| (p, Some(r)))
        .unwrap();
    let before = s.library.lesson(&lesson).unwrap().groups().clone();
    s.teacher(Command::OptOutOfRole {
        lesson: lesson.clone(),
        pupil: pupil.clone(),
        role: held.clone().unwrap(),
    })
    .unwrap();
    let groups = s.library.lesson(&lesson).unwrap().groups().clone();
    assert_ne!(groups.role_of(&pupil), held.as_ref());
    assert!(groups.role_of(&pupil).is_some());
    // Stepping out of a role changes roles, never groups.
    let (index, group) = groups.group_of(&pupil).unwrap();
    assert_eq!(index, before.group_of(&pupil).unwrap().0);
    for (then, now) in before.groups.iter().zip(&groups.groups) {
        let pupils = |g: &withme_core::groups::Group| -> Vec<_> {
            g.members.iter().map(|m| m.pupil.clone()).collect()
        };
        assert_eq!(pupils(then), pupils(now));
    }
    assert_eq!(
        group
            .members
            .iter()
            .filter(|m| m.role == Some(role("facilitator")))
            .count(),
        1,
        "someone else in the group facilitates"
    );
    let record = s.library.class_record(s.library.class(&class).unwrap());
    let turn = &record
        .pupils
        .iter()
        .find(|p| p.pupil == pupil)
        .unwrap()
        .turns[0];
    assert_eq!(turn.opted_out, [role("facilitator")]);
}

#[test]
fn history_counts_leading_turns_and_shows_gaps() {
    let (mut s, class, pupils) = class_with_roles();
    s.teacher(Command::SetLeadWindow {
        class: class.clone(),
        lessons: Some(4),
    })
    .unwrap();
    for seed in 0..4 {
        s.grouped_lesson(&class, &[pupils[7].clone()], GroupSize::Size(4), seed)
            .unwrap();
    }
    let record = s.library.class_record(s.library.class(&class).unwrap());
    assert_eq!(record.lessons.len(), 4);
    let hana = record.pupils.iter().find(|p| p.pupil == pupils[7]).unwrap();
    assert!(hana.turns.iter().all(|t| t.absent && t.role.is_none()));
    assert_eq!(hana.standing.lead_count, 0);
    let gaps = record.gaps(4);
    assert_eq!(
        gaps,
        [(&pupils[7], 4)],
        "only Hana has not led in 4 lessons"
    );
    let (held, not) = record.holders(&role("facilitator"));
    assert_eq!(held.len(), 7);
    assert_eq!(not, [&pupils[7]]);
}

#[test]
fn groups_with_the_same_members_keep_their_roles_and_moved_pupils_lose_theirs() {
    let (mut s, class, pupils) = class_with_roles();
    let lesson = s
        .grouped_lesson(&class, &[], GroupSize::Size(4), 3)
        .unwrap();
    let before = s.library.lesson(&lesson).unwrap().groups().clone();
    let mut groups: Vec<Vec<PupilId>> = before
        .groups
        .iter()
        .map(|g| g.members.iter().map(|m| m.pupil.clone()).collect())
        .collect();
    s.teacher(Command::SetGroups {
        lesson: lesson.clone(),
        groups: groups.clone(),
    })
    .unwrap();
    assert_eq!(s.library.lesson(&lesson).unwrap().groups(), &before);

    let moved = groups[0].pop().unwrap();
    groups[1].push(moved.clone());
    s.teacher(Command::SetGroups {
        lesson: lesson.clone(),
        groups,
    })
    .unwrap();
    let after = s.library.lesson(&lesson).unwrap().groups();
    assert_eq!(after.role_of(&moved), None);
    assert_eq!(
        after.grouped_at, before.grouped_at,
        "the record keeps its order"
    );

    for (command, problem) in [
        (
            vec![vec![pupils[0].clone(), pupils[0].clone()]],
            Rejection::GroupedTwice,
        ),
        (vec![vec![]], Rejection::EmptyGroup),
    ] {
        let refused = s.teacher(Command::SetGroups {
            lesson: lesson.clone(),
            groups: command,
        });
        assert_eq!(refused, Err(problem));
    }
    s.teacher(Command::SetAbsent {
        lesson: lesson.clone(),
        pupil: pupils[0].clone(),
        absent: true,
    })
    .unwrap();
    let after = s.library.lesson(&lesson).unwrap().groups();
    assert!(
        after.group_of(&pupils[0]).is_none(),
        "absent leaves the group"
    );
    assert_eq!(
        s.teacher(Command::SetGroups {
            lesson: lesson.clone(),
            groups: vec![vec![pupils[0].clone()]],
        }),
        Err(Rejection::PupilAbsent)
    );
}

#[test]
fn the_picker_takes_everyone_present_once_a_round_with_passes_on_record() {
    let (mut s, class, pupils) = class_with_roles();
    let lesson = s
        .grouped_lesson(&class, &[pupils[2].clone()], GroupSize::Size(4), 4)
        .unwrap();
    let present: Vec<PupilId> = s
        .library
        .present_pupils(&lesson)
        .iter()
        .map(|p| p.id().clone())
        .collect();
    assert_eq!(present.len(), 7);
    assert_eq!(
        s.teacher(Command::PassPick {
            lesson: lesson.clone()
        }),
        Err(Rejection::NothingToPass)
    );
    for seed in 0..7u64 {
        let picker = s.library.class(&class).unwrap().picker();
        let pupil = picker.draw(&present, seed).unwrap();
        s.teacher(Command::PickPupil {
            lesson: lesson.clone(),
            pupil: pupil.clone(),
        })
        .unwrap();
        if seed == 3 {
            s.teacher(Command::PassPick {
                lesson: lesson.clone(),
            })
            .unwrap();
        }
        assert_eq!(
            s.teacher(Command::PickPupil {
                lesson: lesson.clone(),
                pupil,
            }),
            Err(Rejection::AlreadyPicked)
        );
    }
    let picker = s.library.class(&class).unwrap().picker();
    assert_eq!(picker.draw(&present, 99), None, "everyone has had a turn");
    assert_eq!(picker.this_round().filter(|p| p.passed).count(), 1);
    assert_eq!(
        s.teacher(Command::PickPupil {
            lesson: lesson.clone(),
            pupil: pupils[2].clone(),
        }),
        Err(Rejection::PupilAbsent)
    );
    s.teacher(Command::NewPickerRound {
        lesson: lesson.clone(),
    })
    .unwrap();
    let picker = s.library.class(&class).unwrap().picker();
    assert_eq!(picker.waiting(&present).len(), 7);
}

#[test]
fn only_the_teacher_runs_groups_roles_and_the_picker() {
    let (mut s, class, pupils) = class_with_roles();
    let lesson = s
        .grouped_lesson(&class, &[], GroupSize::Size(4), 5)
        .unwrap();
    let me = pupils[0].clone();
    let forged = [
        Command::ArchiveClass {
            class: class.clone(),
            archived: true,
        },
        Command::DeleteClass {
            class: class.clone(),
        },
        Command::SetPupilLabel {
            class: class.clone(),
            pupil: me.clone(),
            label: None,
        },
        Command::SetPairRule {
            class: class.clone(),
            pupils: [me.clone(), pupils[1].clone()],
            kind: Some(PairKind::Together),
        },
        Command::SetRoles {
            class: class.clone(),
            roles: vec![],
        },
        Command::SetLeadWindow {
            class: class.clone(),
            lessons: None,
        },
        Command::SetAbsent {
            lesson: lesson.clone(),
            pupil: me.clone(),
            absent: true,
        },
        Command::SetGroups {
            lesson: lesson.clone(),
            groups: vec![],
        },
        Command::AssignRoles {
            lesson: lesson.clone(),
        },
        Command::OverrideRole {
            lesson: lesson.clone(),
            pupil: me.clone(),
            role: role("facilitator"),
            reason: reason("I want to"),
        },
        Command::OptOutOfRole {
            lesson: lesson.clone(),
            pupil: me.clone(),
            role: role("facilitator"),
        },
        Command::PickPupil {
            lesson: lesson.clone(),
            pupil: me.clone(),
        },
        Command::PassPick {
            lesson: lesson.clone(),
        },
        Command::NewPickerRound {
            lesson: lesson.clone(),
        },
    ];
    let before = s.library.clone();
    for command in forged {
        let action = command.action();
        let refused = s.pupil(&me, command);
        assert_eq!(refused, Err(Rejection::TeacherOnly { action }));
    }
    assert_eq!(
        s.library.lessons_by_last_edited(),
        before.lessons_by_last_edited()
    );
    assert_eq!(s.library.class(&class), before.class(&class));
}

#[test]
fn a_pupil_holds_only_their_own_group_and_nothing_the_teacher_keeps_private() {
    let (mut s, class, pupils) = class_with_roles();
    s.teacher(Command::SetPupilLabel {
        class: class.clone(),
        pupil: pupils[1].clone(),
        label: Some(PupilLabel::parse("Needs a scribe").unwrap()),
    })
    .unwrap();
    s.teacher(Command::SetPairRule {
        class: class.clone(),
        pupils: [pupils[0].clone(), pupils[1].clone()],
        kind: Some(PairKind::Apart),
    })
    .unwrap();
    let lesson = s
        .grouped_lesson(&class, &[pupils[7].clone()], GroupSize::Size(4), 6)
        .unwrap();
    let someone_else = s.library.lesson(&lesson).unwrap().groups().groups[1].members[0]
        .pupil
        .clone();
    s.teacher(Command::OverrideRole {
        lesson: lesson.clone(),
        pupil: someone_else.clone(),
        role: role("checker"),
        reason: reason("Finds reading hard today"),
    })
    .unwrap();
    let me = s.library.lesson(&lesson).unwrap().groups().groups[0].members[0]
        .pupil
        .clone();
    // The teacher's notes (all but homework), another pupil's declined and sent-back ideas with
    // the note, another pupil's sent-back question with its note, and another class.
    for (kind, words) in [
        (NoteKind::PriorKnowledge, "Knows rivers from Year 3"),
        (NoteKind::Misconceptions, "Thinks rivers flow uphill"),
        (NoteKind::Support, "Sit Zed by the door"),
        (NoteKind::Stretch, "Extension for the quick ones"),
    ] {
        s.teacher(Command::SetNote {
            lesson: lesson.clone(),
            note: kind,
            text: withme_core::Notes::parse(words).unwrap(),
        })
        .unwrap();
    }
    let other = pupils.iter().find(|p| **p != me).unwrap().clone();
    let idea = |s: &mut Scenario, words: &str| {
        let op = s.op(
            withme_core::Author::Pupil {
                pupil: other.clone(),
            },
            Command::Propose {
                lesson: lesson.clone(),
                kind: withme_core::ProposalKind::Keyword,
                text: support::text(words),
                with: Vec::new(),
            },
        );
        s.library.apply(&op).unwrap();
        withme_core::ProposalId::from(&op.id)
    };
    let declined = idea(&mut s, "Secret declined idea");
    s.teacher(Command::DeclineProposal {
        lesson: lesson.clone(),
        proposal: declined,
    })
    .unwrap();
    let sent_back = idea(&mut s, "Secret returned idea");
    s.teacher(Command::SendBackProposal {
        lesson: lesson.clone(),
        proposal: sent_back,
        note: withme_core::KindNote::parse("Private note about an idea").unwrap(),
    })
    .unwrap();
    let op = s.op(
        withme_core::Author::Pupil {
            pupil: other.clone(),
        },
        Command::AskQuestion {
            lesson: lesson.clone(),
            text: support::text("Secret returned question"),
            with: Vec::new(),
        },
    );
    s.library.apply(&op).unwrap();
    s.teacher(Command::SendBackQuestion {
        lesson: lesson.clone(),
        question: withme_core::QuestionId::from(&op.id),
        note: withme_core::KindNote::parse("Private note about a question").unwrap(),
    })
    .unwrap();
    s.new_class("Year 6 Ash", &["Quillon"]);
    use withme_core::view::{Projection, Viewer, project};
    let Some(Projection::Pupil(seen)) = project(&s.library, &lesson, &Viewer::Pupil(me.clone()))
    else {
        panic!("no pupil's view");
    };
    let side = seen.me.as_ref().unwrap();
    let group = side.group.as_ref().unwrap();
    assert!(group.members.iter().any(|m| m.pupil == me));
    assert!(!side.absent);
    let text = serde_json::to_string(&seen).unwrap();
    for secret in [
        "Needs a scribe",
        "Finds reading hard today",
        "apart",
        "Knows rivers from Year 3",
        "Thinks rivers flow uphill",
        "Sit Zed by the door",
        "Extension for the quick ones",
        "Secret declined idea",
        "Secret returned idea",
        "Private note about an idea",
        "Secret returned question",
        "Private note about a question",
        "Year 6 Ash",
        "Quillon",
        // Not who else is absent: a pupil's view says only whether they are.
        "\"absent\":[",
    ] {
        assert!(!text.contains(secret), "{secret} was sent");
    }
    let Some(Projection::Pupil(nobody)) = project(&s.library, &lesson, &Viewer::Unchosen) else {
        panic!("no view before a name is chosen");
    };
    assert!(nobody.me.is_none());
}

#[test]
fn deleting_a_class_forgets_its_pupils_everywhere_but_keeps_the_plans() {
    let (mut s, class, pupils) = class_with_roles();
    let lesson = s
        .grouped_lesson(&class, &[pupils[0].clone()], GroupSize::Size(4), 8)
        .unwrap();
    s.teacher(Command::ArchiveClass {
        class: class.clone(),
        archived: true,
    })
    .unwrap();
    assert!(s.library.class(&class).unwrap().is_archived());
    s.teacher(Command::DeleteClass {
        class: class.clone(),
    })
    .unwrap();
    assert!(s.library.class(&class).is_none());
    let kept = s.library.lesson(&lesson).unwrap();
    assert_eq!(kept.plan().class, None);
    assert!(kept.groups().is_empty());
    let text = serde_json::to_string(&s.library).unwrap();
    for pupil in &pupils {
        assert!(!text.contains(pupil.as_str()), "{pupil} is still stored");
    }
    assert!(!text.contains("Amira"));
}

#[test]
fn pair_rules_and_lead_windows_are_checked() {
    let (mut s, class, pupils) = class_with_roles();
    let pair = [pupils[0].clone(), pupils[0].clone()];
    assert_eq!(
        s.teacher(Command::SetPairRule {
            class: class.clone(),
            pupils: pair,
            kind: Some(PairKind::Apart),
        }),
        Err(Rejection::SamePupil)
    );
    let pair = [pupils[0].clone(), pupils[1].clone()];
    s.teacher(Command::SetPairRule {
        class: class.clone(),
        pupils: pair.clone(),
        kind: Some(PairKind::Apart),
    })
    .unwrap();
    s.teacher(Command::SetPairRule {
        class: class.clone(),
        pupils: [pair[1].clone(), pair[0].clone()],
        kind: Some(PairKind::Together),
    })
    .unwrap();
    let rules = s.library.class(&class).unwrap().pair_rules();
    assert_eq!(rules.len(), 1, "one rule per pair");
    assert_eq!(rules[0].kind, PairKind::Together);
    for lessons in [Some(1), Some(21)] {
        assert_eq!(
            s.teacher(Command::SetLeadWindow {
                class: class.clone(),
                lessons,
            }),
            Err(Rejection::LeadWindowRange)
        );
    }
    let mut roles = RolePreset::Pogil.roles();
    roles[1].name = roles[0].name.clone();
    assert!(matches!(
        s.teacher(Command::SetRoles {
            class: class.clone(),
            roles,
        }),
        Err(Rejection::DuplicateRole { .. })
    ));
}

#[test]
fn the_group_maker_and_role_assignment_agree_on_who_is_due_to_lead() {
    // The maker spreads the most due pupils; assignment gives them the leading roles.
    let (mut s, class, _) = class_with_roles();
    let lesson = s
        .grouped_lesson(&class, &[], GroupSize::Size(2), 9)
        .unwrap();
    assert_ne!(lesson_seed(&lesson), 0);
    let leaders = s
        .roles_held(&lesson)
        .values()
        .filter(|r| **r == role("facilitator"))
        .count();
    assert_eq!(leaders, 4);
}
