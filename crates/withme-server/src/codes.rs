//! Join codes, device ids and seat tokens, from the operating system's CSPRNG.

use withme_core::DeviceId;

/// The letters and digits of a join code: no look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B).
pub const CODE_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";

/// How long a join code is.
pub const CODE_LENGTH: usize = 6;

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    bytes
}

/// A fresh join code, e.g. `K7PQ3M`.
pub fn join_code() -> String {
    // Rejection sampling keeps every letter equally likely.
    let limit = 256 - 256 % CODE_ALPHABET.len();
    let mut code = String::with_capacity(CODE_LENGTH);
    while code.len() < CODE_LENGTH {
        for byte in random_bytes::<16>() {
            if (byte as usize) < limit && code.len() < CODE_LENGTH {
                code.push(CODE_ALPHABET[byte as usize % CODE_ALPHABET.len()] as char);
            }
        }
    }
    code
}

/// A code as typed: upper case, spaces and dashes ignored.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// A fresh device id for a seat.
pub fn device_id() -> DeviceId {
    DeviceId::from_random(random_bytes())
}

/// A fresh seat token: 32 random bytes, as hex.
pub fn token() -> String {
    random_bytes::<32>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_only_unambiguous_characters_and_differ() {
        let codes: std::collections::BTreeSet<String> = (0..200).map(|_| join_code()).collect();
        assert_eq!(codes.len(), 200);
        for code in &codes {
            assert_eq!(code.len(), CODE_LENGTH);
            assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
        }
        assert_eq!(normalise_code(" k7p-q3m "), "K7PQ3M");
    }

    #[test]
    fn tokens_are_long_and_fresh() {
        assert_eq!(token().len(), 64);
        assert_ne!(token(), token());
        assert_ne!(device_id(), device_id());
    }
}
