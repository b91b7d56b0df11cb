//! The random picker for the Board: names drawn without replacement (each present pupil once a
//! round), weighted towards those picked least, with a "pass" and a history kept per class.

use serde::{Deserialize, Serialize};

use super::random::Random;
use crate::ids::PupilId;
use crate::time::Timestamp;

/// Most picks a class keeps (the oldest are dropped first).
pub const MAX_PICKS: usize = 1_000;

/// One name drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    /// Who was picked.
    pub pupil: PupilId,
    /// Which round it was in.
    pub round: u32,
    /// Whether they passed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub passed: bool,
    /// When.
    pub at: Timestamp,
}

/// A class's picker: the current round and every pick kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picker {
    #[serde(default)]
    round: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    picks: Vec<Pick>,
}

impl Picker {
    /// Whether nothing has been picked and no round started.
    pub fn is_empty(&self) -> bool {
        self.round == 0 && self.picks.is_empty()
    }

    /// Every pick kept, oldest first.
    pub fn picks(&self) -> &[Pick] {
        &self.picks
    }

    /// This round's picks, oldest first.
    pub fn this_round(&self) -> impl Iterator<Item = &Pick> {
        self.picks.iter().filter(move |p| p.round == self.round)
    }

    /// The latest pick of this round.
    pub fn latest(&self) -> Option<&Pick> {
        self.this_round().last()
    }

    /// How often `pupil` was picked and did not pass.
    pub fn times_picked(&self, pupil: &PupilId) -> usize {
        self.picks
            .iter()
            .filter(|p| &p.pupil == pupil && !p.passed)
            .count()
    }

    /// Those of `present` not yet picked this round, in the order given.
    pub fn waiting(&self, present: &[PupilId]) -> Vec<PupilId> {
        present
            .iter()
            .filter(|p| !self.this_round().any(|pick| &pick.pupil == *p))
            .cloned()
            .collect()
    }

    /// Draws one of `present` not yet picked this round. Someone picked less often is more
    /// likely: a pupil's weight is (1 + most picks − their picks)².
    pub fn draw(&self, present: &[PupilId], seed: u64) -> Option<PupilId> {
        let waiting = self.waiting(present);
        let counts: Vec<usize> = waiting.iter().map(|p| self.times_picked(p)).collect();
        let most = counts.iter().copied().max()?;
        let weights: Vec<u64> = counts
            .iter()
            .map(|&c| ((most - c + 1) as u64).pow(2))
            .collect();
        let total: u64 = weights.iter().sum();
        let mut ticket = Random::new(seed).next_u64() % total;
        for (pupil, weight) in waiting.iter().zip(weights) {
            if ticket < weight {
                return Some(pupil.clone());
            }
            ticket -= weight;
        }
        None
    }

    pub(crate) fn record(&mut self, pupil: PupilId, at: Timestamp) {
        self.picks.push(Pick {
            pupil,
            round: self.round,
            passed: false,
            at,
        });
        if self.picks.len() > MAX_PICKS {
            self.picks.remove(0);
        }
    }

    /// Marks this round's latest pick as a pass; false when there is none.
    pub(crate) fn pass_latest(&mut self) -> bool {
        let round = self.round;
        match self.picks.last_mut().filter(|p| p.round == round) {
            Some(pick) => {
                pick.passed = true;
                true
            }
            None => false,
        }
    }

    pub(crate) fn new_round(&mut self) {
        self.round += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(i: usize) -> PupilId {
        PupilId::parse(&format!("p{i}")).unwrap()
    }

    #[test]
    fn draws_everyone_once_a_round_then_nobody() {
        let present: Vec<PupilId> = (0..5).map(id).collect();
        let mut picker = Picker::default();
        for seed in 0..5 {
            let pupil = picker.draw(&present, seed).unwrap();
            picker.record(pupil, Timestamp::from_millis(0));
        }
        assert_eq!(picker.draw(&present, 9), None);
        picker.new_round();
        assert!(picker.draw(&present, 9).is_some());
    }

    #[test]
    fn favours_the_least_picked() {
        let present = vec![id(0), id(1)];
        let mut picker = Picker::default();
        for _ in 0..3 {
            picker.record(id(0), Timestamp::from_millis(0));
            picker.new_round();
        }
        let picks_of_1 = (0..1000)
            .filter(|&seed| picker.draw(&present, seed) == Some(id(1)))
            .count();
        // Weights 16 against 1.
        assert!(picks_of_1 > 900, "{picks_of_1}");
    }
}
