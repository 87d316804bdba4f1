//! Sealing and verifying: what goes in comes out, and the address carries it.

use kandas_seal::{KeySet, VerifyError, link, page_of, verify, verify_text};

use crate::{claims, key, seal};

#[test]
fn a_sealed_certificate_verifies_with_what_it_says_and_the_key() {
    let seal = seal();
    let claims = claims("2026-12-01T05:00:00Z");
    let sealed = seal.sign(&claims).unwrap();
    let verified = verify(seal.keys(), &sealed).unwrap();
    assert_eq!(verified.claims, claims);
    assert_eq!(verified.kid, key(1).kid());
    // A tagged COSE_Sign1 whose protected header is {1: -8, 4: kid}, as RFC 9052 writes it.
    assert_eq!(
        sealed[..8],
        [0xd2, 0x84, 0x50, 0xa2, 0x01, 0x27, 0x04, 0x4b]
    );
    assert_eq!(&sealed[8..19], key(1).kid().as_bytes());
    // The whole seal fits a printable QR code.
    assert!(sealed.len() < 300, "{} bytes", sealed.len());
}

#[test]
fn the_qr_address_opens_the_live_page_and_verifies_offline() {
    let seal = seal();
    let claims = claims("2026-12-01T05:00:00Z");
    let url = link(
        "https://kandas.egov.kz",
        &claims.number,
        &seal.sign(&claims).unwrap(),
    );
    assert_eq!(
        page_of(&url),
        "https://kandas.egov.kz/verify/KC-2026-000001"
    );
    assert_eq!(verify_text(seal.keys(), &url).unwrap().claims, claims);
    let bare = url.split_once('#').unwrap().1;
    assert_eq!(verify_text(seal.keys(), bare).unwrap().claims, claims);
    // Another certificate's address around this seal is caught.
    let moved = url.replace("KC-2026-000001#", "KC-2026-000002#");
    assert!(matches!(
        verify_text(seal.keys(), &moved),
        Err(VerifyError::NumberMismatch { .. })
    ));
}

#[test]
fn a_seal_by_a_key_nobody_published_is_unknown() {
    let forger = crate::key(66);
    let forged_set = KeySet::first(&forger, crate::at(crate::KEY_START));
    let forged = kandas_seal::Seal::new(
        forger,
        forged_set,
        kandas_seal::CodeKey::from_bytes([0; 32]),
    )
    .unwrap()
    .sign(&claims("2026-12-01T05:00:00Z"))
    .unwrap();
    assert_eq!(
        verify(seal().keys(), &forged),
        Err(VerifyError::UnknownKey(crate::key(66).kid().to_owned()))
    );
}

#[test]
fn one_changed_byte_anywhere_fails() {
    let seal = seal();
    let sealed = seal.sign(&claims("2026-12-01T05:00:00Z")).unwrap();
    for index in 0..sealed.len() {
        for flip in [0x01, 0x80, 0xff] {
            let mut changed = sealed.clone();
            changed[index] ^= flip;
            assert!(
                verify(seal.keys(), &changed).is_err(),
                "byte {index} ^ {flip:#04x} still verifies"
            );
        }
    }
}

#[test]
fn malformed_input_is_an_error_not_a_panic() {
    let seal = seal();
    let sealed = seal.sign(&claims("2026-12-01T05:00:00Z")).unwrap();
    for cut in 0..sealed.len() {
        assert!(matches!(
            verify(seal.keys(), &sealed[..cut]),
            Err(VerifyError::Malformed(_))
        ));
    }
    let mut longer = sealed.clone();
    longer.push(0);
    assert!(matches!(
        verify(seal.keys(), &longer),
        Err(VerifyError::Malformed(_))
    ));
    for text in [
        "",
        "https://kandas.egov.kz/verify/KC-2026-000001#",
        "%%%",
        "0",
    ] {
        assert!(matches!(
            verify_text(seal.keys(), text),
            Err(VerifyError::Malformed(_))
        ));
    }
}

#[test]
fn the_seal_refuses_to_sign_outside_its_keys_window() {
    let early = claims("2025-12-31T23:59:59Z");
    assert!(matches!(
        seal().sign(&early),
        Err(kandas_seal::SealError::KeyNotInUse { .. })
    ));
    let mut long = claims("2026-12-01T05:00:00Z");
    long.name_latin = "A".repeat(199);
    long.name_cyrillic = "Ә".repeat(99);
    long.issuer = "x".repeat(199);
    assert_eq!(seal().sign(&long), Err(kandas_seal::SealError::TooLong));
}

#[test]
fn the_check_code_opens_only_its_own_number() {
    let seal = seal();
    let code = seal.code("KC-2026-000001");
    assert_eq!(code.len(), kandas_seal::CODE_DIGITS);
    assert!(seal.code_matches("KC-2026-000001", &kandas_seal::format_code(&code)));
    assert!(!seal.code_matches("KC-2026-000002", &code));
}
