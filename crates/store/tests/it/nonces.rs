//! Sign-in nonces for electronic signatures: used once, only while live.

use kandas_app::ports::store::prelude::*;
use kandas_store::SqlStore;

use crate::harness::t;

conformance!(
    a_nonce_is_used_once_and_only_while_live,
    concurrent_uses_of_a_nonce_let_exactly_one_through,
);

async fn a_nonce_is_used_once_and_only_while_live(store: &SqlStore) {
    let (at, until) = (t("2026-11-23T05:00:00Z"), t("2026-11-23T05:05:00Z"));
    store.create_nonce("aa", at, until).await.unwrap();
    store.create_nonce("bb", at, until).await.unwrap();
    assert!(
        store.create_nonce("aa", at, until).await.is_err(),
        "a nonce is unique"
    );
    assert!(
        store
            .consume_nonce("aa", t("2026-11-23T05:04:59Z"))
            .await
            .unwrap()
    );
    assert!(
        !store
            .consume_nonce("aa", t("2026-11-23T05:04:59Z"))
            .await
            .unwrap(),
        "used up"
    );
    assert!(
        !store.consume_nonce("bb", until).await.unwrap(),
        "expired at its end"
    );
    assert!(
        !store.consume_nonce("cc", at).await.unwrap(),
        "never issued"
    );
}

/// Fifty sign-ins with one nonce at once: the conditional update lets exactly one through.
async fn concurrent_uses_of_a_nonce_let_exactly_one_through(store: &SqlStore) {
    let (at, until) = (t("2026-11-23T05:00:00Z"), t("2026-11-23T05:05:00Z"));
    store.create_nonce("dd", at, until).await.unwrap();
    let now = t("2026-11-23T05:01:00Z");
    let uses: Vec<_> = (0..50)
        .map(|_| {
            let s = store.clone();
            tokio::spawn(async move { s.consume_nonce("dd", now).await.unwrap() })
        })
        .collect();
    let mut through = 0;
    for used in uses {
        if used.await.unwrap() {
            through += 1;
        }
    }
    assert_eq!(through, 1, "50 concurrent uses of one nonce");
}
