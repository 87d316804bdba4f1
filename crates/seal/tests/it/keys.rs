//! Rotation and the published key set.

use kandas_seal::{CodeKey, KeySet, KeySetError, Seal, VerifyError, verify};

use crate::{KEY_START, at, claims, key, seal};

const ROTATED: &str = "2027-01-01T00:00:00Z";

fn rotated() -> (KeySet, Seal) {
    let mut keys = seal().keys().clone();
    keys.rotate(&key(2), at(ROTATED)).unwrap();
    let seal = Seal::new(key(2), keys.clone(), CodeKey::from_bytes([9; 32])).unwrap();
    (keys, seal)
}

#[test]
fn a_retired_key_still_verifies_what_it_signed_in_its_window() {
    let before = claims("2026-12-01T05:00:00Z");
    let old = seal().sign(&before).unwrap();
    let (keys, new_seal) = rotated();
    let verified = verify(&keys, &old).unwrap();
    assert_eq!(verified.kid, key(1).kid());
    assert_eq!(verified.claims, before);
    // The new key signs from the rotation on.
    let after = claims("2027-02-01T05:00:00Z");
    let verified = verify(&keys, &new_seal.sign(&after).unwrap()).unwrap();
    assert_eq!(verified.kid, key(2).kid());
    assert_eq!(keys.active().unwrap().kid, key(2).kid());
    // The retired key is no longer the seal's.
    assert_eq!(
        Seal::new(key(1), keys, CodeKey::from_bytes([9; 32])).unwrap_err(),
        KeySetError::NotActive(key(1).kid().to_owned())
    );
}

#[test]
fn a_retired_key_signing_after_its_window_is_caught() {
    // A node still holding the old key after the rotation: its signatures are right, but the key
    // was no longer in use then.
    let stale = Seal::new(key(1), seal().keys().clone(), CodeKey::from_bytes([9; 32])).unwrap();
    let late = stale.sign(&claims("2027-01-05T05:00:00Z")).unwrap();
    let (keys, _) = rotated();
    assert!(matches!(
        verify(&keys, &late),
        Err(VerifyError::KeyNotValidThen { kid, .. }) if kid == key(1).kid()
    ));
    // And a key is never valid before its start.
    let mut keys = KeySet::first(&key(1), at(ROTATED));
    keys.rotate(&key(2), at("2027-06-01T00:00:00Z")).unwrap();
    let early = seal().sign(&claims("2026-06-01T00:00:00Z")).unwrap();
    assert!(matches!(
        verify(&keys, &early),
        Err(VerifyError::KeyNotValidThen { .. })
    ));
}

#[test]
fn the_published_set_reads_back_and_refuses_tampered_keys() {
    let (keys, _) = rotated();
    let json = keys.to_json();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &value["keys"][0];
    assert_eq!(first["kty"], "OKP");
    assert_eq!(first["crv"], "Ed25519");
    assert_eq!(first["use"], "sig");
    assert_eq!(first["kid"], key(1).kid());
    assert_eq!(first["not_before"], KEY_START);
    assert_eq!(first["not_after"], ROTATED);
    assert!(value["keys"][1].get("not_after").is_none());
    assert_eq!(KeySet::from_json(&json).unwrap(), keys);

    let swapped = json.replacen(key(1).kid(), key(2).kid(), 1);
    assert!(KeySet::from_json(&swapped).is_err());
    let x = first["x"].as_str().unwrap();
    let other_x = value["keys"][1]["x"].as_str().unwrap();
    assert_eq!(
        KeySet::from_json(&json.replacen(x, other_x, 1)),
        Err(KeySetError::KidMismatch(key(1).kid().to_owned()))
    );
    assert!(matches!(
        KeySet::from_json(&json.replacen("Ed25519", "Ed448", 1)),
        Err(KeySetError::NotEd25519(_))
    ));
    assert!(matches!(KeySet::from_json("{}"), Err(KeySetError::Json(_))));
    // Rotating to a time before the active key's start is refused.
    let mut keys = keys;
    assert_eq!(
        keys.rotate(&key(3), at(KEY_START)),
        Err(KeySetError::RotationTime)
    );
}

#[test]
fn private_keys_round_trip_through_their_files() {
    let hex = key(5).to_hex();
    assert_eq!(hex.len(), 64);
    assert_eq!(
        kandas_seal::SealKey::from_hex(&format!("{hex}\n"))
            .unwrap()
            .kid(),
        key(5).kid()
    );
    assert!(kandas_seal::SealKey::from_hex("zz").is_err());
    assert_eq!(key(5).kid().len(), 11);
    assert_ne!(key(5).kid(), key(6).kid());
}

#[test]
fn a_certificate_sealed_in_the_second_its_key_was_made_verifies() {
    // Certificates carry whole seconds; a key made at 10:00:00.7 must cover 10:00:00.9.
    let key = key(7);
    let keys = KeySet::first(&key, at("2026-11-23T05:00:00.7Z"));
    assert_eq!(
        keys.active().unwrap().not_before,
        at("2026-11-23T05:00:00Z")
    );
    let seal = Seal::new(key, keys.clone(), CodeKey::from_bytes([9; 32])).unwrap();
    let sealed = seal.sign(&claims("2026-11-23T05:00:00.9Z")).unwrap();
    let verified = verify(&keys, &sealed).unwrap();
    assert_eq!(verified.claims.signed_at, at("2026-11-23T05:00:00Z"));
}

#[test]
fn a_scheduled_rotation_signs_with_the_key_whose_window_holds_the_time() {
    let mut keys = seal().keys().clone();
    keys.rotate(&key(2), at(ROTATED)).unwrap();
    let both = Seal::with_keys(
        vec![key(1), key(2)],
        keys.clone(),
        CodeKey::from_bytes([9; 32]),
    )
    .unwrap();
    assert_eq!(
        both.kid(),
        key(2).kid(),
        "the key that takes over is the open one"
    );
    for (time, signer) in [
        ("2026-12-31T23:59:59Z", key(1)),
        (ROTATED, key(2)),
        ("2027-03-01T00:00:00Z", key(2)),
    ] {
        let verified = verify(&keys, &both.sign(&claims(time)).unwrap()).unwrap();
        assert_eq!(verified.kid, signer.kid(), "{time}");
        assert_eq!(both.kid_at(at(time)), Some(signer.kid()));
    }
    // Before the first key's window nothing signs; a key outside the set is refused.
    assert!(both.sign(&claims("1999-01-01T00:00:00Z")).is_err());
    assert!(
        Seal::with_keys(
            vec![key(1), key(3)],
            keys.clone(),
            CodeKey::from_bytes([9; 32])
        )
        .is_err()
    );
    assert!(Seal::with_keys(vec![key(1)], keys, CodeKey::from_bytes([9; 32])).is_err());
}
