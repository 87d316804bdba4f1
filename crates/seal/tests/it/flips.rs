//! Random changes to a sealed certificate never verify and never panic.

use kandas_seal::{VerifyError, link, verify, verify_text};
use proptest::prelude::*;

use crate::{claims, seal};

fn sealed() -> Vec<u8> {
    seal().sign(&claims("2026-12-01T05:00:00Z")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn flipped_bytes_never_verify(flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..4)) {
        let seal = seal();
        let mut bytes = sealed();
        for (index, mask) in &flips {
            let i = index.index(bytes.len());
            bytes[i] ^= mask;
        }
        // Several flips may cancel out; then it is the original and verifies.
        if bytes != sealed() {
            prop_assert!(verify(seal.keys(), &bytes).is_err());
        }
    }

    #[test]
    fn random_bytes_are_refused_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let seal = seal();
        prop_assert!(verify(seal.keys(), &bytes).is_err());
    }

    #[test]
    fn changed_characters_of_the_address_never_verify(index in any::<prop::sample::Index>(), c in "[A-Za-z0-9_#/-]") {
        let seal = seal();
        let url = link("https://kandas.egov.kz", "KC-2026-000001", &sealed());
        let fragment = url.find('#').unwrap() + 1;
        let i = fragment + index.index(url.len() - fragment);
        let mut changed = url.clone();
        changed.replace_range(i..=i, &c);
        if changed != url {
            prop_assert!(verify_text(seal.keys(), &changed).is_err());
        }
    }
}

#[test]
fn a_truncated_signature_is_malformed() {
    let mut bytes = sealed();
    bytes.truncate(bytes.len() - 1);
    assert!(matches!(
        verify(seal().keys(), &bytes),
        Err(VerifyError::Malformed(_))
    ));
}
