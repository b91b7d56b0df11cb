//! Property tests of the group maker and fair rotation over random classes, histories,
//! absentees and pair rules.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use support::Scenario;
use withme_core::groups::maker::{GroupingProblem, group_count, make_groups};
use withme_core::groups::roles::{leading_slots, slots};
use withme_core::groups::{GroupSize, MakerChoices, PairKind, RolePreset};
use withme_core::{ClassId, Command, PupilId, RoleId};

fn names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("Pupil {i}")).collect()
}

/// A class of `n` with `preset`'s roles and `history` grouped lessons behind it.
fn class_with_history(
    n: usize,
    preset: RolePreset,
    size: GroupSize,
    history: usize,
    seed: u64,
) -> (Scenario, ClassId, Vec<PupilId>) {
    let mut s = Scenario::new();
    let list = names(n);
    let refs: Vec<&str> = list.iter().map(String::as_str).collect();
    let (class, pupils) = s.new_class("Year 6 Ash", &refs);
    s.teacher(Command::SetRoles {
        class: class.clone(),
        roles: preset.roles(),
    })
    .unwrap();
    for lesson in 0..history {
        let absent: Vec<PupilId> = pupils
            .iter()
            .enumerate()
            .filter(|(i, _)| (seed >> ((i + lesson) % 64)) & 7 == 0)
            .map(|(_, p)| p.clone())
            .collect();
        let absent = if absent.len() + 2 > n { vec![] } else { absent };
        s.grouped_lesson(&class, &absent, size, seed.wrapping_add(lesson as u64))
            .unwrap();
    }
    (s, class, pupils)
}

fn preset() -> impl Strategy<Value = RolePreset> {
    prop::sample::select(RolePreset::ALL.to_vec())
}

/// The fewest repeats of last lesson's role that any order of the group's roles could give
/// while leaving the leading roles with the members who hold them.
fn fewest_repeats(
    slots: &[(RoleId, bool)],
    members: &[(PupilId, bool)],
    last: &BTreeMap<PupilId, RoleId>,
) -> usize {
    fn go(
        slots: &[(RoleId, bool)],
        members: &[(PupilId, bool)],
        last: &BTreeMap<PupilId, RoleId>,
        used: &mut Vec<bool>,
    ) -> usize {
        let Some(((pupil, leads), rest)) = members.split_first() else {
            return 0;
        };
        let mut best = usize::MAX;
        for i in 0..slots.len() {
            let (role, leading) = &slots[i];
            if !used[i] && leading == leads {
                used[i] = true;
                let repeat = usize::from(last.get(pupil) == Some(role));
                best = best.min(repeat.saturating_add(go(slots, rest, last, used)));
                used[i] = false;
            }
        }
        best
    }
    go(slots, members, last, &mut vec![false; slots.len()])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Rules made to be keepable (from a hidden grouping that keeps them) are always kept.
    #[test]
    fn groups_keep_size_absentees_and_pairs_whenever_they_can(
        n in 4usize..=40,
        size in 2u8..=6,
        by_count in any::<bool>(),
        history in 0usize..=30,
        seed in any::<u64>(),
        absent_mask in prop::collection::vec(any::<bool>(), 40),
        rule_picks in prop::collection::vec((any::<u16>(), any::<u16>(), any::<bool>()), 0..12),
    ) {
        let size = if by_count { GroupSize::Count(size) } else { GroupSize::Size(size) };
        let history = history.min(if n > 24 { 8 } else { 30 });
        let (mut s, class, pupils) = class_with_history(n, RolePreset::Cooperative, size, history, seed);
        let lesson = s.new_lesson("Today");
        s.teacher(Command::SetLessonClass { lesson: lesson.clone(), class: Some(class.clone()) }).unwrap();
        let absent: Vec<PupilId> = pupils.iter().zip(&absent_mask).filter(|(_, a)| **a).map(|(p, _)| p.clone()).take(n / 3).collect();
        for pupil in &absent {
            s.teacher(Command::SetAbsent { lesson: lesson.clone(), pupil: pupil.clone(), absent: true }).unwrap();
        }
        let present: Vec<PupilId> = pupils.iter().filter(|p| !absent.contains(p)).cloned().collect();
        let (count, cap) = group_count(present.len(), size).unwrap();

        // A hidden grouping: present pupils dealt into `count` groups in a shuffled order.
        let mut hidden: BTreeMap<PupilId, usize> = BTreeMap::new();
        let mut order = present.clone();
        let mut x = seed | 1;
        for i in (1..order.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            order.swap(i, (x % (i as u64 + 1)) as usize);
        }
        for (i, pupil) in order.iter().enumerate() {
            hidden.insert(pupil.clone(), i % count);
        }
        let mut together = Vec::new();
        let mut apart = Vec::new();
        for (a, b, want_together) in rule_picks {
            let a = &pupils[a as usize % n];
            let b = &pupils[b as usize % n];
            if a == b { continue; }
            let same = hidden.contains_key(a) && hidden.get(a) == hidden.get(b);
            let kind = if want_together && same { PairKind::Together } else if !same { PairKind::Apart } else { continue };
            s.teacher(Command::SetPairRule { class: class.clone(), pupils: [a.clone(), b.clone()], kind: Some(kind) }).unwrap();
        }
        for rule in s.library.class(&class).unwrap().pair_rules() {
            match rule.kind {
                PairKind::Together => together.push(rule.pupils.clone()),
                PairKind::Apart => apart.push(rule.pupils.clone()),
            }
        }

        let request = s.library.group_request(&lesson, MakerChoices { balance_labels: false, avoid_recent: true, seed }).unwrap();
        let groups = make_groups(&request, size).unwrap();
        let placed: Vec<&PupilId> = groups.iter().flatten().collect();
        let unique: BTreeSet<&PupilId> = placed.iter().copied().collect();
        prop_assert_eq!(placed.len(), present.len());
        prop_assert_eq!(unique.len(), present.len());
        prop_assert!(absent.iter().all(|p| !unique.contains(p)));
        prop_assert!(groups.iter().all(|g| g.len() <= cap), "a group is larger than {}", cap);
        let group_of = |p: &PupilId| groups.iter().position(|g| g.contains(p));
        for [a, b] in &together {
            if group_of(a).is_some() && group_of(b).is_some() {
                prop_assert_eq!(group_of(a), group_of(b));
            }
        }
        for [a, b] in &apart {
            if group_of(a).is_some() && group_of(b).is_some() {
                prop_assert_ne!(group_of(a), group_of(b));
            }
        }
        if together.is_empty() && apart.is_empty() {
            let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
            prop_assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1, "{:?}", sizes);
            prop_assert_eq!(groups.len(), count);
        }
        s.teacher(Command::SetGroups { lesson: lesson.clone(), groups }).unwrap();
        s.teacher(Command::AssignRoles { lesson: lesson.clone() }).unwrap();
    }

    /// Rules no grouping can keep are refused with a message, never half-kept.
    #[test]
    fn impossible_rules_are_refused_with_a_reason(
        n in 6usize..=40,
        size in 2u8..=6,
        together_chain in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let mut s = Scenario::new();
        let list = names(n);
        let refs: Vec<&str> = list.iter().map(String::as_str).collect();
        let (class, pupils) = s.new_class("Year 6 Ash", &refs);
        let lesson = s.new_lesson("Today");
        s.teacher(Command::SetLessonClass { lesson: lesson.clone(), class: Some(class.clone()) }).unwrap();
        let (count, cap) = group_count(n, GroupSize::Size(size)).unwrap();
        let kind = if together_chain { PairKind::Together } else { PairKind::Apart };
        let chosen = if together_chain { cap + 1 } else { count + 1 };
        prop_assume!(chosen <= n && chosen <= 11);
        for i in 0..chosen {
            for j in i + 1..chosen {
                if together_chain && j != i + 1 { continue; }
                s.teacher(Command::SetPairRule { class: class.clone(), pupils: [pupils[i].clone(), pupils[j].clone()], kind: Some(kind) }).unwrap();
            }
        }
        let request = s.library.group_request(&lesson, MakerChoices { balance_labels: false, avoid_recent: false, seed }).unwrap();
        let problem = make_groups(&request, GroupSize::Size(size)).unwrap_err();
        if together_chain {
            prop_assert!(matches!(problem, GroupingProblem::TogetherTooBig { .. }), "{:?}", problem);
        } else {
            prop_assert_eq!(problem.clone(), GroupingProblem::NoWay);
        }
        prop_assert!(problem.to_string().ends_with('.'));
    }

    /// Over a term of 12 lessons, nobody repeats a role where the group allows otherwise (with
    /// the leading roles going to those due to lead); with a window the class can meet, everyone leads within it; and
    /// leading turns differ by at most one.
    #[test]
    fn a_term_of_rotation_is_fair(
        n in 4usize..=40,
        size in 2u8..=6,
        preset in preset(),
        seed in any::<u64>(),
        absentees in any::<bool>(),
    ) {
        let mut s = Scenario::new();
        let list = names(n);
        let refs: Vec<&str> = list.iter().map(String::as_str).collect();
        let (class, pupils) = s.new_class("Year 6 Ash", &refs);
        let catalogue = preset.roles();
        s.teacher(Command::SetRoles { class: class.clone(), roles: catalogue.clone() }).unwrap();
        let (count, _) = group_count(n, GroupSize::Size(size)).unwrap();
        let sizes = withme_core::groups::maker::even_sizes(n, count);
        let leads: usize = sizes.iter().map(|&k| leading_slots(&catalogue, k)).sum();
        let window = n.div_ceil(leads).max(2);
        let window = (window <= 12).then_some(window);
        s.teacher(Command::SetLeadWindow { class: class.clone(), lessons: window.map(|w| w as u8) }).unwrap();
        let leading: BTreeSet<RoleId> = catalogue.iter().filter(|r| r.leading).map(|r| r.id.clone()).collect();

        let mut term: Vec<BTreeMap<PupilId, RoleId>> = Vec::new();
        let mut present_in: Vec<BTreeSet<PupilId>> = Vec::new();
        for lesson_number in 0..12u64 {
            let absent: Vec<PupilId> = if absentees {
                pupils.iter().enumerate().filter(|(i, _)| (seed.rotate_left((*i as u32 + lesson_number as u32) % 64) & 15) == 0).map(|(_, p)| p.clone()).collect()
            } else { vec![] };
            let absent = if absent.len() + 2 > n { vec![] } else { absent };
            let lesson = s.grouped_lesson(&class, &absent, GroupSize::Size(size), seed ^ lesson_number).unwrap();
            let now = s.roles_held(&lesson);
            if let Some(last) = term.last() {
                for group in &s.library.lesson(&lesson).unwrap().groups().groups {
                    let leads = |p: &PupilId| now.get(p).is_some_and(|r| leading.contains(r));
                    let members: Vec<(PupilId, bool)> = group.members.iter().map(|m| (m.pupil.clone(), leads(&m.pupil))).collect();
                    let given: Vec<(RoleId, bool)> = slots(&catalogue, members.len()).iter().map(|r| (r.id.clone(), r.leading)).collect();
                    let repeats = members.iter().filter(|(p, _)| last.get(p).is_some() && last.get(p) == now.get(p)).count();
                    prop_assert_eq!(repeats, fewest_repeats(&given, &members, last), "avoidable repeat in {:?}", members);
                }
            }
            present_in.push(pupils.iter().filter(|p| !absent.contains(p)).cloned().collect());
            term.push(now);
        }
        let led = |p: &PupilId, lessons: std::ops::Range<usize>| {
            lessons.filter(|&i| term[i].get(p).is_some_and(|r| leading.contains(r))).count()
        };
        if let Some(w) = window {
            for pupil in &pupils {
                let there = present_in.iter().filter(|set| set.contains(pupil)).count();
                if !absentees {
                    for start in 0..=12 - w {
                        prop_assert!(led(pupil, start..start + w) >= 1, "{} did not lead in lessons {}..{}", pupil, start, start + w);
                    }
                } else if there >= w {
                    prop_assert!(led(pupil, 0..12) >= 1, "{} was there {} times and never led", pupil, there);
                }
            }
        }
        if !absentees {
            let counts: Vec<usize> = pupils.iter().map(|p| led(p, 0..12)).collect();
            prop_assert!(counts.iter().max().unwrap() - counts.iter().min().unwrap() <= 1, "leading turns {:?}", counts);
        }
    }
}

/// Three roles, none leading, from a preset.
fn three_plain_roles() -> Vec<withme_core::groups::Role> {
    RolePreset::ALL
        .iter()
        .flat_map(|p| p.roles())
        .filter(|r| !r.leading)
        .take(3)
        .collect()
}

#[test]
fn among_assignments_with_no_repeat_each_role_goes_to_whoever_held_it_least_recently() {
    use withme_core::groups::rotation::Rotation;
    let catalogue = three_plain_roles();
    let r: Vec<RoleId> = catalogue.iter().map(|r| r.id.clone()).collect();
    let p: Vec<PupilId> = ["a", "b", "c"]
        .iter()
        .map(|n| PupilId::parse(n).unwrap())
        .collect();
    // Two lessons ago a, b, c held r1, r2, r0; last lesson r0, r1, r2. Two orders avoid every
    // repeat: the one from two lessons ago (each role held one lesson before last), and the one
    // nobody has held (least recently: never). "No repeat" alone cannot choose; recency must.
    let record = vec![
        BTreeMap::from([
            (p[0].clone(), r[1].clone()),
            (p[1].clone(), r[2].clone()),
            (p[2].clone(), r[0].clone()),
        ]),
        BTreeMap::from([
            (p[0].clone(), r[0].clone()),
            (p[1].clone(), r[1].clone()),
            (p[2].clone(), r[2].clone()),
        ]),
    ];
    let rotation = Rotation {
        catalogue: &catalogue,
        record: &record,
        window: None,
    };
    let mut given = rotation.assign(&p, &p, &[], &[]);
    given.sort();
    assert_eq!(
        given,
        vec![
            (p[0].clone(), r[2].clone()),
            (p[1].clone(), r[0].clone()),
            (p[2].clone(), r[1].clone()),
        ]
    );
}

#[test]
fn no_repeat_of_last_lessons_role_comes_before_least_recently_held() {
    use withme_core::groups::rotation::Rotation;
    let catalogue = three_plain_roles();
    let r: Vec<RoleId> = catalogue.iter().map(|r| r.id.clone()).collect();
    let p: Vec<PupilId> = ["a", "b", "c"]
        .iter()
        .map(|n| PupilId::parse(n).unwrap())
        .collect();
    // Last lesson only a was there, as r0; before that a held r1 and r2, b and c held r0, and
    // b and c have never held r1 or r2. By recency alone, a keeping r0 costs least in total
    // (a held every role lately, so any other order hands out more recently held roles). The
    // rules put "no repeat" first: a must not be r0 again, and then recency decides the rest.
    let record = vec![
        BTreeMap::from([(p[0].clone(), r[2].clone()), (p[2].clone(), r[0].clone())]),
        BTreeMap::from([(p[0].clone(), r[1].clone()), (p[1].clone(), r[0].clone())]),
        BTreeMap::from([(p[0].clone(), r[0].clone())]),
    ];
    let rotation = Rotation {
        catalogue: &catalogue,
        record: &record,
        window: None,
    };
    let mut given = rotation.assign(&p, &p, &[], &[]);
    given.sort();
    assert_eq!(
        given,
        vec![
            (p[0].clone(), r[2].clone()),
            (p[1].clone(), r[1].clone()),
            (p[2].clone(), r[0].clone()),
        ],
        "a must not hold last lesson's role again; then the least recently held order"
    );
}
