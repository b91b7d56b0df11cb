//! Friendly pseudonyms for a class list, for teachers who would rather not use real names.

use std::collections::BTreeSet;

use super::random::Random;

const ADJECTIVES: [&str; 24] = [
    "Brave",
    "Bright",
    "Calm",
    "Clever",
    "Curious",
    "Eager",
    "Gentle",
    "Happy",
    "Helpful",
    "Honest",
    "Jolly",
    "Kind",
    "Lively",
    "Lucky",
    "Merry",
    "Patient",
    "Plucky",
    "Quick",
    "Quiet",
    "Sunny",
    "Swift",
    "Thoughtful",
    "Wise",
    "Witty",
];

const ANIMALS: [&str; 24] = [
    "Badger", "Beaver", "Dolphin", "Eagle", "Falcon", "Fox", "Gecko", "Hare", "Hedgehog", "Heron",
    "Koala", "Lynx", "Meerkat", "Otter", "Owl", "Panda", "Penguin", "Puffin", "Robin", "Seal",
    "Squirrel", "Tiger", "Turtle", "Wren",
];

/// `count` different pseudonyms like "Brave Otter", none equal (ignoring case) to a name in
/// `taken`. Fewer come back only if the 576 combinations run out.
pub fn pseudonyms(count: usize, taken: &[String], seed: u64) -> Vec<String> {
    let taken: BTreeSet<String> = taken.iter().map(|t| t.to_lowercase()).collect();
    let mut all: Vec<String> = ADJECTIVES
        .iter()
        .flat_map(|a| ANIMALS.iter().map(move |n| format!("{a} {n}")))
        .filter(|name| !taken.contains(&name.to_lowercase()))
        .collect();
    Random::new(seed).shuffle(&mut all);
    // Different animals first, so a class reads as many animals rather than many foxes.
    let mut animals_used = BTreeSet::new();
    let (fresh, repeats): (Vec<String>, Vec<String>) = all.into_iter().partition(|name| {
        let animal = name.rsplit(' ').next().unwrap_or_default().to_owned();
        animals_used.insert(animal)
    });
    fresh.into_iter().chain(repeats).take(count).collect()
}

#[cfg(test)]
mod tests {
    use super::pseudonyms;

    #[test]
    fn gives_different_names_avoiding_those_taken() {
        let names = pseudonyms(30, &["brave otter".to_owned()], 5);
        assert_eq!(names.len(), 30);
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 30);
        assert!(!names.iter().any(|n| n == "Brave Otter"));
        assert_eq!(names, pseudonyms(30, &["brave otter".to_owned()], 5));
    }
}
