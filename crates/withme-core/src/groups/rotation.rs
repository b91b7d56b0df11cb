//! Fair rotation: who gets which role, from the class's record of turns.
//!
//! Within each group, at the least cost in this order of importance:
//! 1. nobody gets a role they stepped out of this lesson;
//! 2. the leading roles go to the members most due to lead (see [`Rotation::due_order`]), so
//!    that leading turns stay fair and within the teacher's window;
//! 3. among those choices, nobody gets the role they held last lesson, where the group allows;
//! 4. each role goes to the member who held it least recently (never held comes first).
//!
//! The group maker spreads the pupils most due to lead so that each group has as many of them as
//! it has leading roles; together, every pupil leads within the teacher's window when the class
//! has enough leading roles, and leading turns stay within one of each other.

use std::collections::BTreeMap;

use super::assignment::cheapest_assignment;
use super::random::Random;
use super::roles::{Role, slots};
use crate::ids::{PupilId, RoleId};

/// Each past lesson's roles, oldest first: who held which role (absent pupils hold none).
pub type TurnRecord = Vec<BTreeMap<PupilId, RoleId>>;

const OPTED_OUT: i64 = 10_000_000_000;
const NOT_DUE: i64 = 100_000_000;
const REPEAT: i64 = 1_000_000;
const RECENCY: i64 = 1_000;

/// Where one pupil stands in the record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// How many lessons they held a leading role in.
    pub lead_count: usize,
    /// Lessons since they last led (0: they led last lesson); `None` if never.
    pub since_lead: Option<usize>,
    /// Lessons in the record since they last led, or all of them if they never have.
    pub without_lead: usize,
    /// The role they held last lesson, if they were there.
    pub last_role: Option<RoleId>,
}

/// The class's catalogue, record and lead window, ready to give out roles.
#[derive(Debug, Clone, Copy)]
pub struct Rotation<'a> {
    /// The class's roles.
    pub catalogue: &'a [Role],
    /// Past lessons, oldest first.
    pub record: &'a [BTreeMap<PupilId, RoleId>],
    /// Every pupil should lead at least once in this many lessons, if set.
    pub window: Option<u8>,
}

impl Rotation<'_> {
    fn leads(&self, role: &RoleId) -> bool {
        self.catalogue.iter().any(|r| &r.id == role && r.leading)
    }

    /// Lessons since `pupil` last held `role` (0: last lesson), or `None` if never.
    pub fn since_held(&self, pupil: &PupilId, role: &RoleId) -> Option<usize> {
        self.record
            .iter()
            .rev()
            .position(|lesson| lesson.get(pupil) == Some(role))
    }

    /// Where `pupil` stands.
    pub fn standing(&self, pupil: &PupilId) -> Standing {
        let lead_count = self
            .record
            .iter()
            .filter(|lesson| lesson.get(pupil).is_some_and(|r| self.leads(r)))
            .count();
        let since_lead = self
            .record
            .iter()
            .rev()
            .position(|lesson| lesson.get(pupil).is_some_and(|r| self.leads(r)));
        Standing {
            lead_count,
            since_lead,
            without_lead: since_lead.unwrap_or(self.record.len()),
            last_role: self.record.last().and_then(|l| l.get(pupil)).cloned(),
        }
    }

    /// Whether a pupil standing so must lead now to lead within the window.
    fn window_ends(&self, standing: &Standing) -> bool {
        self.window
            .is_some_and(|w| standing.without_lead + 1 >= usize::from(w))
    }

    /// `pupils`, most due to lead first: those whose window ends now, then those who have led
    /// least, then those who led longest ago; ties are broken by the seed.
    pub fn due_order(&self, pupils: &[PupilId], seed: u64) -> Vec<PupilId> {
        let mut random = Random::new(seed ^ 0x005E_ED0F_1EAD);
        let mut keyed: Vec<_> = pupils
            .iter()
            .map(|p| {
                let standing = self.standing(p);
                let key = (
                    !self.window_ends(&standing),
                    standing.lead_count,
                    std::cmp::Reverse(standing.without_lead),
                    random.next_u64(),
                );
                (key, p.clone())
            })
            .collect();
        keyed.sort();
        keyed.into_iter().map(|(_, p)| p).collect()
    }

    /// The role for each member of `group`. `due` ranks pupils (most due first);
    /// `opted_out` are this lesson's opt-outs; members in `fixed` keep the role given.
    pub fn assign(
        &self,
        group: &[PupilId],
        due: &[PupilId],
        opted_out: &[(PupilId, RoleId)],
        fixed: &[(PupilId, RoleId)],
    ) -> Vec<(PupilId, RoleId)> {
        let mut open_slots: Vec<&Role> = slots(self.catalogue, group.len());
        let mut result: Vec<(PupilId, RoleId)> = Vec::new();
        let mut members: Vec<&PupilId> = Vec::new();
        for pupil in group {
            match fixed.iter().find(|(p, _)| p == pupil) {
                Some((_, role)) => {
                    if let Some(i) = open_slots.iter().position(|r| &r.id == role) {
                        open_slots.remove(i);
                    }
                    result.push((pupil.clone(), role.clone()));
                }
                None => members.push(pupil),
            }
        }
        members.sort_by_key(|p| due.iter().position(|d| d == *p).unwrap_or(usize::MAX));
        open_slots.truncate(members.len());
        let leaders = open_slots.iter().filter(|r| r.leading).count();
        if open_slots.is_empty() {
            return result;
        }
        // Square matrix: members who find no slot (a catalogue smaller than the group) get none.
        let size = members.len().max(open_slots.len());
        let cost: Vec<Vec<i64>> = (0..size)
            .map(|m| {
                (0..size)
                    .map(|s| match (members.get(m), open_slots.get(s)) {
                        (Some(pupil), Some(role)) => self.cost(pupil, m < leaders, role, opted_out),
                        _ => 0,
                    })
                    .collect()
            })
            .collect();
        for (m, s) in cheapest_assignment(&cost).into_iter().enumerate() {
            if let (Some(pupil), Some(role)) = (members.get(m), open_slots.get(s)) {
                result.push(((*pupil).clone(), role.id.clone()));
            }
        }
        result
    }

    /// The cost of giving `role` to `pupil`, who is or is not among the group's most due.
    fn cost(
        &self,
        pupil: &PupilId,
        due: bool,
        role: &Role,
        opted_out: &[(PupilId, RoleId)],
    ) -> i64 {
        let mut cost = 0;
        if opted_out.iter().any(|(p, r)| p == pupil && r == &role.id) {
            cost += OPTED_OUT;
        }
        if role.leading != due {
            cost += NOT_DUE;
        }
        if self.record.last().and_then(|l| l.get(pupil)) == Some(&role.id) {
            cost += REPEAT;
        }
        if let Some(since) = self.since_held(pupil, &role.id) {
            cost += RECENCY - (since as i64).min(RECENCY - 1);
        }
        cost
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::RolePreset;

    fn id(i: usize) -> PupilId {
        PupilId::parse(&format!("p{i}")).unwrap()
    }

    fn role(name: &str) -> RoleId {
        RoleId::parse(name).unwrap()
    }

    #[test]
    fn the_pupil_who_held_a_role_least_recently_gets_it_and_nobody_repeats() {
        let catalogue = RolePreset::CheckerSummariser.roles();
        let record: TurnRecord = vec![
            [
                (id(0), role("facilitator")),
                (id(1), role("checker")),
                (id(2), role("summariser")),
            ]
            .into(),
            [
                (id(1), role("facilitator")),
                (id(2), role("checker")),
                (id(0), role("summariser")),
            ]
            .into(),
        ];
        let rotation = Rotation {
            catalogue: &catalogue,
            record: &record,
            window: None,
        };
        let group = [id(0), id(1), id(2)];
        let due = rotation.due_order(&group, 1);
        assert_eq!(due[0], id(2), "the one who never led is most due");
        let mut given = rotation.assign(&group, &due, &[], &[]);
        given.sort();
        assert_eq!(
            given,
            [
                (id(0), role("checker")),
                (id(1), role("summariser")),
                (id(2), role("facilitator"))
            ]
        );
    }

    #[test]
    fn an_opt_out_and_a_fixed_role_are_kept() {
        let catalogue = RolePreset::CheckerSummariser.roles();
        let rotation = Rotation {
            catalogue: &catalogue,
            record: &[],
            window: None,
        };
        let group = [id(0), id(1), id(2)];
        let due = vec![id(0), id(1), id(2)];
        let given = rotation.assign(
            &group,
            &due,
            &[(id(0), role("facilitator"))],
            &[(id(2), role("checker"))],
        );
        assert!(given.contains(&(id(2), role("checker"))));
        assert!(given.contains(&(id(1), role("facilitator"))));
        assert!(given.contains(&(id(0), role("summariser"))));
    }
}
