//! The seal from the outside: sealing and verifying, rotation, and everything a forger or a bad
//! scan can hand a verifier.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod flips;
mod keys;
mod round_trip;

use jiff::Timestamp;
use jiff::civil::date;
use kandas_seal::{Claims, CodeKey, KeySet, Seal, SealKey};

/// When the first key starts.
pub const KEY_START: &str = "2026-01-01T00:00:00Z";

pub fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// A key from a fixed seed (`n` tells keys apart).
pub fn key(n: u8) -> SealKey {
    SealKey::from_seed([n; 32])
}

/// A seal whose only key, `key(1)`, starts at [`KEY_START`].
pub fn seal() -> Seal {
    let key = key(1);
    let keys = KeySet::first(&key, at(KEY_START));
    Seal::new(key, keys, CodeKey::from_bytes([9; 32])).unwrap()
}

/// A certificate with Kazakh letters, signed at `signed_at`.
pub fn claims(signed_at: &str) -> Claims {
    Claims {
        number: "KC-2026-000001".into(),
        name_cyrillic: "Әбілқасымова Гүлнұр Өмірзаққызы".into(),
        name_latin: "ABILKASSYMOVA GULNUR".into(),
        birth_date: date(1985, 3, 8),
        valid_until: date(2027, 12, 1),
        extended: false,
        issuer: "leb-astana".into(),
        issued_on: date(2026, 12, 1),
        signed_at: at(signed_at),
    }
}
