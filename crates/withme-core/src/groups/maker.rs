//! The group maker: present pupils into groups, keeping the teacher's rules.
//!
//! Hard rules, kept whenever any grouping can keep them: no group larger than asked; absentees
//! left out (the caller passes present pupils only); keep-together pairs in one group;
//! keep-apart pairs in different groups. Within those, the maker looks for groups whose sizes
//! differ by at most one, with the pupils due to lead spread so each group has as many as it has
//! leading roles, the teacher's labels balanced, and few pairings from recent lessons.
//!
//! It first finds any grouping that keeps the hard rules (a complete search, with a limit), then
//! improves it by moving and swapping pupils. Everything random comes from the seed.

use std::collections::BTreeMap;

use thiserror::Error;

use super::random::Random;
use super::{GroupSize, MAX_GROUPS, PairKind, PairRule};
use crate::ids::PupilId;

/// Most steps of the search for a grouping that keeps every rule.
const SEARCH_LIMIT: usize = 200_000;

/// Weights of what makes a grouping better. Sizes matter most, then the spread of pupils due to
/// lead, then the teacher's labels, then new pairings.
const SIZE_WEIGHT: i64 = 10_000;
const LEAD_WEIGHT: i64 = 1_000;
const LABEL_WEIGHT: i64 = 30;
const PAIRING_WEIGHT: i64 = 10;

/// What the teacher asked for, and what the class's record says.
#[derive(Debug, Clone, Default)]
pub struct GroupRequest {
    /// The pupils present, in roster order, with their names (for messages).
    pub pupils: Vec<(PupilId, String)>,
    /// Keep-apart and keep-together pairs (rules naming absent pupils are ignored).
    pub rules: Vec<PairRule>,
    /// The teacher's label for each pupil to balance on; empty for no balancing.
    pub labels: BTreeMap<PupilId, String>,
    /// How much each pair worked together recently (more for more recent lessons).
    pub recent_pairs: BTreeMap<(PupilId, PupilId), u32>,
    /// Pupils in order of how due they are to lead, most due first; empty when roles don't count.
    pub due_to_lead: Vec<PupilId>,
    /// How many leading roles a group of each size fills (index = size).
    pub lead_slots: Vec<usize>,
    /// Where the random choices start: the same seed gives the same groups.
    pub seed: u64,
}

/// Why no groups were made. The text is written for the teacher.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GroupingProblem {
    /// Nobody present.
    #[error("Everyone is marked absent, so there is nobody to put in groups.")]
    NoPupils,
    /// A size or count out of range.
    #[error("Choose groups of 2 to 20 pupils, or 1 to 20 groups.")]
    SizeRange,
    /// Too many groups for the class.
    #[error("That would make more than {max} groups. Choose bigger groups.")]
    TooManyGroups {
        /// The limit.
        max: usize,
    },
    /// The same two pupils kept together and apart.
    #[error("{0} and {1} are kept together and kept apart. Remove one of those rules.")]
    TogetherAndApart(String, String),
    /// Pupils kept together who cannot fit in one group.
    #[error(
        "{names} are kept together, but a group holds at most {max}. Make bigger groups or remove a keep-together pair."
    )]
    TogetherTooBig {
        /// Their names.
        names: String,
        /// The group size.
        max: usize,
    },
    /// No grouping keeps every pair apart.
    #[error(
        "No groups of this size keep every keep-apart pair apart. Make more groups or remove a keep-apart pair."
    )]
    NoWay,
    /// The search stopped before it found a grouping or proved there is none.
    #[error(
        "Withme couldn't find groups that keep every pair rule. Try again, change the size, or remove a pair."
    )]
    GaveUp,
}

/// The number of groups and the largest group allowed, for `pupils` pupils.
pub fn group_count(pupils: usize, size: GroupSize) -> Result<(usize, usize), GroupingProblem> {
    if pupils == 0 {
        return Err(GroupingProblem::NoPupils);
    }
    let (count, cap) = match size {
        GroupSize::Size(s @ 2..=20) => {
            let s = usize::from(s);
            (pupils.div_ceil(s), s)
        }
        GroupSize::Count(c @ 1..=20) => {
            let count = usize::from(c).min(pupils);
            (count, pupils)
        }
        _ => return Err(GroupingProblem::SizeRange),
    };
    if count > MAX_GROUPS {
        return Err(GroupingProblem::TooManyGroups { max: MAX_GROUPS });
    }
    Ok((count, cap))
}

/// The sizes of `count` groups sharing `pupils` as evenly as possible, largest first.
pub fn even_sizes(pupils: usize, count: usize) -> Vec<usize> {
    (0..count)
        .map(|i| pupils / count + usize::from(i < pupils % count))
        .collect()
}

/// Makes groups: each a list of pupils in roster order, the groups ordered by their first pupil.
pub fn make_groups(
    request: &GroupRequest,
    size: GroupSize,
) -> Result<Vec<Vec<PupilId>>, GroupingProblem> {
    let n = request.pupils.len();
    let (count, cap) = group_count(n, size)?;
    let problem = Problem::new(request, count, cap)?;
    let mut random = Random::new(request.seed);
    let mut placement = problem.first_placement(&mut random)?;
    problem.improve(&mut placement, &mut random);
    let mut groups: Vec<Vec<PupilId>> = (0..count)
        .map(|g| {
            problem
                .pupils_in(&placement, g)
                .into_iter()
                .map(|p| request.pupils[p].0.clone())
                .collect::<Vec<_>>()
        })
        .filter(|g| !g.is_empty())
        .collect();
    let position = |id: &PupilId| request.pupils.iter().position(|(p, _)| p == id);
    for group in &mut groups {
        group.sort_by_key(|p| position(p));
    }
    groups.sort_by_key(|g| position(&g[0]));
    Ok(groups)
}

/// The request in numbers: pupils are indexes, and pupils kept together form one block.
struct Problem {
    count: usize,
    cap: usize,
    /// Pupils of each block.
    blocks: Vec<Vec<usize>>,
    /// For each block, the blocks it must be kept apart from.
    apart: Vec<Vec<usize>>,
    /// How recently each pair of pupils worked together.
    pairing: Vec<Vec<u32>>,
    /// Each pupil's label, as an index into `label_totals`.
    label: Vec<Option<usize>>,
    label_totals: Vec<i64>,
    /// Whether each pupil is among those due to lead this lesson.
    due: Vec<bool>,
    lead_slots: Vec<usize>,
}

impl Problem {
    fn new(request: &GroupRequest, count: usize, cap: usize) -> Result<Self, GroupingProblem> {
        let n = request.pupils.len();
        let index: BTreeMap<&PupilId, usize> = request
            .pupils
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (p, i))
            .collect();
        let name = |i: usize| request.pupils[i].1.clone();
        let present_pair =
            |rule: &PairRule| Some((*index.get(&rule.pupils[0])?, *index.get(&rule.pupils[1])?));

        let mut root: Vec<usize> = (0..n).collect();
        fn find(root: &mut [usize], mut i: usize) -> usize {
            while root[i] != i {
                root[i] = root[root[i]];
                i = root[i];
            }
            i
        }
        for rule in request
            .rules
            .iter()
            .filter(|r| r.kind == PairKind::Together)
        {
            if let Some((a, b)) = present_pair(rule) {
                let (ra, rb) = (find(&mut root, a), find(&mut root, b));
                root[ra.max(rb)] = ra.min(rb);
            }
        }
        let mut block_of = vec![usize::MAX; n];
        let mut blocks: Vec<Vec<usize>> = Vec::new();
        for pupil in 0..n {
            let r = find(&mut root, pupil);
            if block_of[r] == usize::MAX {
                block_of[r] = blocks.len();
                blocks.push(Vec::new());
            }
            block_of[pupil] = block_of[r];
            blocks[block_of[r]].push(pupil);
        }
        if let Some(block) = blocks.iter().find(|b| b.len() > cap) {
            let names: Vec<String> = block.iter().map(|&p| name(p)).collect();
            return Err(GroupingProblem::TogetherTooBig {
                names: list_of_names(&names),
                max: cap,
            });
        }
        let mut apart = vec![Vec::new(); blocks.len()];
        for rule in request.rules.iter().filter(|r| r.kind == PairKind::Apart) {
            if let Some((a, b)) = present_pair(rule) {
                let (ba, bb) = (block_of[a], block_of[b]);
                if ba == bb {
                    return Err(GroupingProblem::TogetherAndApart(name(a), name(b)));
                }
                apart[ba].push(bb);
                apart[bb].push(ba);
            }
        }

        let mut pairing = vec![vec![0u32; n]; n];
        for ((a, b), weight) in &request.recent_pairs {
            if let (Some(&a), Some(&b)) = (index.get(a), index.get(b)) {
                pairing[a][b] = *weight;
                pairing[b][a] = *weight;
            }
        }
        let mut label_names: Vec<&String> = Vec::new();
        let label = request
            .pupils
            .iter()
            .map(|(p, _)| {
                let text = request.labels.get(p)?;
                Some(match label_names.iter().position(|l| *l == text) {
                    Some(i) => i,
                    None => {
                        label_names.push(text);
                        label_names.len() - 1
                    }
                })
            })
            .collect::<Vec<_>>();
        let mut label_totals = vec![0i64; label_names.len()];
        for l in label.iter().flatten() {
            label_totals[*l] += 1;
        }

        let leaders: usize = even_sizes(n, count)
            .iter()
            .map(|&s| request.lead_slots.get(s).copied().unwrap_or(0))
            .sum();
        let mut due = vec![false; n];
        for pupil in request
            .due_to_lead
            .iter()
            .filter_map(|p| index.get(p))
            .take(leaders)
        {
            due[*pupil] = true;
        }
        Ok(Self {
            count,
            cap,
            blocks,
            apart,
            pairing,
            label,
            label_totals,
            due,
            lead_slots: request.lead_slots.clone(),
        })
    }

    fn pupils_in(&self, placement: &[usize], group: usize) -> Vec<usize> {
        placement
            .iter()
            .enumerate()
            .filter(|(_, g)| **g == group)
            .flat_map(|(b, _)| self.blocks[b].iter().copied())
            .collect()
    }

    fn fill(&self, placement: &[usize], group: usize) -> usize {
        placement
            .iter()
            .enumerate()
            .filter(|(_, g)| **g == group)
            .map(|(b, _)| self.blocks[b].len())
            .sum()
    }

    /// Whether `block` may sit in `group`, ignoring the blocks in `except`.
    fn fits_apart(&self, placement: &[usize], block: usize, group: usize, except: usize) -> bool {
        self.apart[block]
            .iter()
            .all(|&other| other == except || placement[other] != group)
    }

    /// Any placement keeping capacity and keep-apart, by a depth-first search that tries the
    /// most constrained blocks first and only one of the empty groups at each step.
    fn first_placement(&self, random: &mut Random) -> Result<Vec<usize>, GroupingProblem> {
        let mut order: Vec<usize> = (0..self.blocks.len()).collect();
        random.shuffle(&mut order);
        order.sort_by_key(|&b| {
            (
                std::cmp::Reverse(self.apart[b].len()),
                std::cmp::Reverse(self.blocks[b].len()),
            )
        });
        let mut placement = vec![usize::MAX; self.blocks.len()];
        let mut fill = vec![0usize; self.count];
        let mut steps = 0usize;
        match self.place(&order, 0, &mut placement, &mut fill, &mut steps) {
            Some(true) => Ok(placement),
            Some(false) => Err(GroupingProblem::NoWay),
            None => Err(GroupingProblem::GaveUp),
        }
    }

    /// `Some(true)` when placed, `Some(false)` when impossible, `None` past the step limit.
    fn place(
        &self,
        order: &[usize],
        at: usize,
        placement: &mut [usize],
        fill: &mut [usize],
        steps: &mut usize,
    ) -> Option<bool> {
        let Some(&block) = order.get(at) else {
            return Some(true);
        };
        *steps += 1;
        if *steps > SEARCH_LIMIT {
            return None;
        }
        let size = self.blocks[block].len();
        let mut groups: Vec<usize> = (0..self.count).collect();
        groups.sort_by_key(|&g| (fill[g], g));
        let mut tried_empty = false;
        for group in groups {
            if fill[group] + size > self.cap || !self.fits_apart(placement, block, group, block) {
                continue;
            }
            if fill[group] == 0 {
                if tried_empty {
                    continue;
                }
                tried_empty = true;
            }
            placement[block] = group;
            fill[group] += size;
            match self.place(order, at + 1, placement, fill, steps) {
                Some(false) => {}
                done => return done,
            }
            placement[block] = usize::MAX;
            fill[group] -= size;
        }
        Some(false)
    }

    fn group_cost(&self, pupils: &[usize]) -> i64 {
        let size = pupils.len() as i64;
        let due = pupils.iter().filter(|&&p| self.due[p]).count();
        let slots = self.lead_slots.get(pupils.len()).copied().unwrap_or(0);
        let mut pairing = 0i64;
        for (i, &a) in pupils.iter().enumerate() {
            for &b in &pupils[i + 1..] {
                pairing += i64::from(self.pairing[a][b]);
            }
        }
        let mut labels = 0i64;
        for (l, total) in self.label_totals.iter().enumerate() {
            let here = pupils.iter().filter(|&&p| self.label[p] == Some(l)).count() as i64;
            labels += (here * self.count as i64 - total).abs();
        }
        SIZE_WEIGHT * size * size
            + LEAD_WEIGHT * (due as i64 - slots as i64).abs()
            + LABEL_WEIGHT * labels
            + PAIRING_WEIGHT * pairing
    }

    fn cost_of(&self, placement: &[usize], groups: &[usize]) -> i64 {
        groups
            .iter()
            .map(|&g| self.group_cost(&self.pupils_in(placement, g)))
            .sum()
    }

    /// Applies `change` if it keeps the rules and lowers the cost (or, when `sideways`, keeps it).
    fn try_change(
        &self,
        placement: &mut [usize],
        change: &[(usize, usize)],
        sideways: bool,
    ) -> bool {
        let mut groups: Vec<usize> = change
            .iter()
            .flat_map(|&(b, to)| [placement[b], to])
            .collect();
        groups.sort_unstable();
        groups.dedup();
        let before = self.cost_of(placement, &groups);
        let old: Vec<(usize, usize)> = change.iter().map(|&(b, _)| (b, placement[b])).collect();
        for &(block, to) in change {
            placement[block] = to;
        }
        let keeps_rules = change.iter().all(|&(block, to)| {
            self.fill(placement, to) <= self.cap && self.fits_apart(placement, block, to, block)
        });
        let after = self.cost_of(placement, &groups);
        if keeps_rules && (after < before || (sideways && after == before)) {
            return true;
        }
        for (block, from) in old {
            placement[block] = from;
        }
        false
    }

    /// Random moves and swaps, then a full pass over every move and swap until none helps.
    fn improve(&self, placement: &mut [usize], random: &mut Random) {
        let blocks = self.blocks.len();
        if self.count < 2 || blocks < 2 {
            return;
        }
        for _ in 0..40 * blocks {
            let a = random.below(blocks);
            if random.below(2) == 0 {
                let to = random.below(self.count);
                if to != placement[a] {
                    self.try_change(placement, &[(a, to)], true);
                }
            } else {
                let b = random.below(blocks);
                let (ga, gb) = (placement[a], placement[b]);
                if ga != gb {
                    self.try_change(placement, &[(a, gb), (b, ga)], true);
                }
            }
        }
        for _ in 0..20 {
            let mut better = false;
            for a in 0..blocks {
                for to in 0..self.count {
                    if to != placement[a] {
                        better |= self.try_change(placement, &[(a, to)], false);
                    }
                }
                for b in a + 1..blocks {
                    let (ga, gb) = (placement[a], placement[b]);
                    if ga != gb {
                        better |= self.try_change(placement, &[(a, gb), (b, ga)], false);
                    }
                }
            }
            if !better {
                break;
            }
        }
    }
}

/// "Ali, Ben and Cara".
pub(crate) fn list_of_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pupils(n: usize) -> Vec<(PupilId, String)> {
        (0..n)
            .map(|i| (PupilId::parse(&format!("p{i}")).unwrap(), format!("P{i}")))
            .collect()
    }

    fn request(n: usize) -> GroupRequest {
        GroupRequest {
            pupils: pupils(n),
            seed: 3,
            ..GroupRequest::default()
        }
    }

    fn rule(a: usize, b: usize, kind: PairKind) -> PairRule {
        let id = |i: usize| PupilId::parse(&format!("p{i}")).unwrap();
        PairRule {
            pupils: [id(a), id(b)],
            kind,
        }
    }

    #[test]
    fn sizes_are_even_and_never_above_the_size_asked() {
        let groups = make_groups(&request(26), GroupSize::Size(4)).unwrap();
        let mut sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
        sizes.sort();
        assert_eq!(sizes, [3, 3, 4, 4, 4, 4, 4]);
        let groups = make_groups(&request(26), GroupSize::Count(4)).unwrap();
        let mut sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
        sizes.sort();
        assert_eq!(sizes, [6, 6, 7, 7]);
    }

    #[test]
    fn the_same_seed_gives_the_same_groups() {
        let a = make_groups(&request(20), GroupSize::Size(4)).unwrap();
        let b = make_groups(&request(20), GroupSize::Size(4)).unwrap();
        let c = make_groups(
            &GroupRequest {
                seed: 4,
                ..request(20)
            },
            GroupSize::Size(4),
        )
        .unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn balances_the_teachers_labels() {
        let mut req = request(8);
        for (i, (pupil, _)) in req.pupils.iter().enumerate() {
            let label = if i < 4 { "Green" } else { "Blue" };
            req.labels.insert(pupil.clone(), label.to_owned());
        }
        for seed in 0..20 {
            req.seed = seed;
            for group in make_groups(&req, GroupSize::Size(4)).unwrap() {
                let green = group.iter().filter(|p| req.labels[*p] == "Green").count();
                assert_eq!(green, 2, "seed {seed}: {group:?}");
            }
        }
    }

    #[test]
    fn avoids_pairings_from_recent_lessons() {
        let mut req = request(4);
        let id = |i: usize| req.pupils[i].0.clone();
        let recent = [
            ((id(0), id(1)), 3),
            ((id(2), id(3)), 3),
            ((id(0), id(2)), 2),
            ((id(1), id(3)), 2),
        ];
        req.recent_pairs = recent.into_iter().collect();
        for seed in 0..20 {
            req.seed = seed;
            let groups = make_groups(&req, GroupSize::Size(2)).unwrap();
            assert_eq!(
                groups,
                [vec![id(0), id(3)], vec![id(1), id(2)]],
                "seed {seed}"
            );
        }
    }

    #[test]
    fn says_when_no_grouping_keeps_every_pair_apart() {
        let mut req = request(6);
        req.rules = vec![
            rule(0, 1, PairKind::Apart),
            rule(1, 2, PairKind::Apart),
            rule(0, 2, PairKind::Apart),
        ];
        assert_eq!(
            make_groups(&req, GroupSize::Count(2)),
            Err(GroupingProblem::NoWay)
        );
        assert!(make_groups(&req, GroupSize::Count(3)).is_ok());
    }

    #[test]
    fn says_when_pupils_kept_together_cannot_fit() {
        let mut req = request(6);
        req.rules = vec![
            rule(0, 1, PairKind::Together),
            rule(1, 2, PairKind::Together),
        ];
        let problem = make_groups(&req, GroupSize::Size(2)).unwrap_err();
        assert_eq!(
            problem.to_string(),
            "P0, P1 and P2 are kept together, but a group holds at most 2. Make bigger groups or remove a keep-together pair."
        );
        req.rules.push(rule(0, 2, PairKind::Apart));
        assert_eq!(
            make_groups(&req, GroupSize::Size(3)),
            Err(GroupingProblem::TogetherAndApart("P0".into(), "P2".into()))
        );
    }
}
