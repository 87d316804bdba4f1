//! The keyring on both backends: keys made once however many nodes try at once, a rotation
//! that replaces the seal's record by version and is picked up by another node's cell, the
//! scheduled switch signed by the right key, and a master key that does not open them refused.

use std::sync::Arc;

use jiff::SignedDuration;
use kandas_app::keyring::{self, Keyring, MasterKey, SealCell};
use kandas_app::ports::Seal as _;
use kandas_app::ports::store::AuditQuery;
use kandas_app::ports::store::prelude::*;
use kandas_domain::audit::AuditAction;
use kandas_seal::{AuditHead, verify_audit_head};
use kandas_store::SqlStore;

use crate::harness::t;

conformance!(
    keys_are_made_once_by_racing_nodes,
    a_rotation_reaches_other_nodes_and_switches_at_its_second,
);

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn ring(s: &SqlStore, master: &MasterKey) -> Keyring {
    Keyring::new(Arc::new(s.clone()), master.clone())
}

async fn keys_are_made_once_by_racing_nodes(s: &SqlStore) {
    let master = MasterKey::random();
    let at = t("2026-12-07T10:00:00Z");
    let nodes: Vec<Keyring> = (0..4).map(|_| ring(s, &master)).collect();
    let mut racing = tokio::task::JoinSet::new();
    for node in nodes.clone() {
        racing.spawn(async move { node.otp_key(at).await.unwrap() });
    }
    let otps = racing.join_all().await;
    assert!(otps.windows(2).all(|w| w[0] == w[1]), "one key for all");
    assert_eq!(otps[0].len(), 32);
    let mut racing = tokio::task::JoinSet::new();
    for node in nodes.clone() {
        racing.spawn(async move { node.init_seal(at, true).await.is_ok() });
    }
    let won = racing.join_all().await;
    assert_eq!(won.iter().filter(|ok| **ok).count(), 1, "one init wins");
    let (seal, version) = nodes[3].seal().await.unwrap().unwrap();
    assert_eq!(version, 1);
    assert_eq!(seal.keys().keys().len(), 1);

    // Stored encrypted: the key's bytes do not appear in the database; the init is audited.
    let stored = s.stored_key(keyring::OTP).await.unwrap().unwrap();
    assert!(!stored.sealed.contains(&hex(&otps[0])));
    assert!(stored.sealed.starts_with("v1."));
    let query = AuditQuery {
        action: Some(AuditAction::KeySave),
        limit: 100,
        ..Default::default()
    };
    let saves = s.audit_trail(&query).await.unwrap();
    assert_eq!(
        saves.len(),
        1,
        "the seal's init, once; the otp key is the service's own"
    );
    assert!(
        saves
            .iter()
            .all(|r| !r.details.to_string().contains(&hex(&otps[0])))
    );

    // Another master key does not open them.
    let stranger = ring(s, &MasterKey::random());
    let refused = stranger.otp_key(at).await.unwrap_err();
    let chain = kandas_app::error::Chain(&refused).to_string();
    assert!(
        chain.contains("does not open with this master key"),
        "{chain}"
    );
}

async fn a_rotation_reaches_other_nodes_and_switches_at_its_second(s: &SqlStore) {
    let master = MasterKey::random();
    let made = t("2026-12-07T10:00:00Z");
    let a = ring(s, &master);
    let b = ring(s, &master);
    let first = a.init_seal(made, false).await.unwrap();
    let (seal, version) = a.seal().await.unwrap().unwrap();
    let cell_a = SealCell::new(seal, version);
    assert!(!cell_a.reload(&a).await.unwrap(), "nothing changed yet");

    // Node B rotates; the new key takes over a minute later.
    let now = t("2026-12-07T11:00:00Z");
    let rotation = b
        .rotate_seal(now, SignedDuration::from_secs(60))
        .await
        .unwrap();
    assert_eq!(rotation.old, first.kid());
    assert_eq!(rotation.at, t("2026-12-07T11:01:00Z"));
    let pending = b.rotate_seal(now, SignedDuration::from_secs(60)).await;
    assert!(pending.is_err(), "a second rotation while one is pending");

    // Node A picks it up on its next reload and signs on each side of the switch with the
    // key whose window holds the time; both verify against B's published keys.
    assert!(cell_a.reload(&a).await.unwrap());
    let published = b.seal().await.unwrap().unwrap().0.keys().clone();
    assert_eq!(cell_a.keys(), published);
    for (at, kid) in [
        ("2026-12-07T11:00:59Z", rotation.old.as_str()),
        ("2026-12-07T11:01:00Z", rotation.new.as_str()),
    ] {
        let head = AuditHead {
            position: 7,
            hash: [1; 32],
            sealed_at: t(at),
        };
        let sealed = cell_a.sign_audit_head(&head).unwrap();
        let verified = verify_audit_head(&published, &sealed).unwrap();
        assert_eq!(verified.kid, kid, "{at}");
        assert_eq!(cell_a.kid_at(t(at)).as_deref(), Some(kid));
    }
    assert_eq!(
        cell_a.code("KC-2026-000001"),
        first.code("KC-2026-000001"),
        "check codes survive rotations"
    );

    // The next rotation drops the retired key's private half; it stays published.
    let later = t("2026-12-08T00:00:00Z");
    let next = a
        .rotate_seal(later, SignedDuration::from_secs(60))
        .await
        .unwrap();
    let (seal, version) = b.seal().await.unwrap().unwrap();
    assert_eq!(version, 3);
    assert_eq!(seal.keys().keys().len(), 3);
    let held: Vec<&str> = seal.signing_keys().iter().map(|k| k.kid()).collect();
    assert_eq!(held, vec![rotation.new.as_str(), next.new.as_str()]);
}
