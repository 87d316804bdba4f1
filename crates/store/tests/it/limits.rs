//! Sign-in attempt counters (compare-and-set on `seq`, with the lock's audit and jobs) and the
//! sweep of expired anonymous rows.

use kandas_app::ports::store::prelude::*;
use kandas_app::ports::store::{AttemptCounter, AuditQuery, JobKind, Purpose};
use kandas_domain::phone::PhoneNumber;
use kandas_store::SqlStore;

use crate::harness::{audit, iin, t};
use crate::users::{challenge, sms};

conformance!(
    an_attempt_counter_is_written_only_from_the_version_read,
    concurrent_first_attempts_create_one_counter,
    expired_nonces_codes_and_idle_counters_are_swept,
);

fn counter(key: &str, failures: i64, at: &str, blocked: Option<&str>, seq: i64) -> AttemptCounter {
    AttemptCounter {
        key: key.into(),
        failures,
        last_at: t(at),
        blocked_until: blocked.map(t),
        seq,
    }
}

fn lock_notice() -> JobKind {
    JobKind::Sms {
        phone: PhoneNumber::parse("+77011234567").unwrap(),
        text: "sign-in locked".into(),
        application: None,
        expires_at: None,
    }
}

async fn trail(s: &SqlStore) -> Vec<String> {
    let query = AuditQuery {
        limit: 100,
        ..AuditQuery::default()
    };
    let rows = s.audit_trail(&query).await.unwrap();
    rows.into_iter()
        .map(|r| r.action.code().to_owned())
        .collect()
}

async fn an_attempt_counter_is_written_only_from_the_version_read(s: &SqlStore) {
    let key = format!("iin:{}", iin(0).as_str());
    assert_eq!(s.attempt_counter(&key).await.unwrap(), None);
    let first = counter(&key, 1, "2026-11-23T05:00:00Z", None, 1);
    assert!(
        s.put_attempt_counter(None, &first, None, &[])
            .await
            .unwrap()
    );
    assert_eq!(s.attempt_counter(&key).await.unwrap(), Some(first.clone()));
    // A second "first" attempt finds the row there and writes nothing.
    let other = counter(&key, 9, "2026-11-23T05:00:01Z", None, 1);
    assert!(
        !s.put_attempt_counter(None, &other, None, &[])
            .await
            .unwrap()
    );
    assert_eq!(s.attempt_counter(&key).await.unwrap(), Some(first));

    // The lock: written from seq 1 with its audit and notice, together.
    let locked = counter(
        &key,
        5,
        "2026-11-23T05:01:00Z",
        Some("2026-11-23T05:16:00Z"),
        2,
    );
    let lock = audit("auth.locked", t("2026-11-23T05:01:00Z"), Some(iin(0)), None);
    let jobs = [lock_notice()];
    assert!(
        s.put_attempt_counter(Some(1), &locked, Some(&lock), &jobs)
            .await
            .unwrap()
    );
    assert_eq!(s.attempt_counter(&key).await.unwrap(), Some(locked.clone()));
    assert_eq!(trail(s).await, vec!["auth.locked".to_owned()]);
    assert_eq!(s.pending_jobs().await.unwrap(), 1);

    // A writer that read seq 1 lost the race: nothing is written, not even its audit or jobs.
    let stale = counter(&key, 2, "2026-11-23T05:01:30Z", None, 2);
    assert!(
        !s.put_attempt_counter(Some(1), &stale, Some(&lock), &jobs)
            .await
            .unwrap()
    );
    assert_eq!(s.attempt_counter(&key).await.unwrap(), Some(locked));
    assert_eq!(trail(s).await.len(), 1);
    assert_eq!(s.pending_jobs().await.unwrap(), 1);
    // Counters are per key.
    assert_eq!(s.attempt_counter("ip:127.0.0.1").await.unwrap(), None);
}

async fn concurrent_first_attempts_create_one_counter(s: &SqlStore) {
    let key = "ip:10.0.0.7";
    let tries: Vec<_> = (0..8)
        .map(|n| {
            let s = s.clone();
            let c = counter(key, n + 1, "2026-11-23T05:00:00Z", None, 1);
            tokio::spawn(async move { s.put_attempt_counter(None, &c, None, &[]).await.unwrap() })
        })
        .collect();
    let mut won = 0;
    for task in tries {
        won += usize::from(task.await.unwrap());
    }
    assert_eq!(won, 1, "exactly one first attempt creates the counter");
    let stored = s.attempt_counter(key).await.unwrap().unwrap();
    assert_eq!(stored.seq, 1);
}

async fn expired_nonces_codes_and_idle_counters_are_swept(s: &SqlStore) {
    let at = |m: &str| t(&format!("2026-11-23T05:{m}:00Z"));
    s.create_nonce("nonce-old", at("00"), at("05"))
        .await
        .unwrap();
    s.create_nonce("nonce-live", at("00"), at("30"))
        .await
        .unwrap();
    let idle = counter("ip:10.0.0.1", 1, "2026-11-23T05:00:00Z", None, 1);
    let recent = counter("ip:10.0.0.2", 1, "2026-11-23T05:25:00Z", None, 1);
    let blocked = counter(
        "ip:10.0.0.3",
        5,
        "2026-11-23T05:00:00Z",
        Some("2026-11-23T06:00:00Z"),
        1,
    );
    for c in [&idle, &recent, &blocked] {
        assert!(s.put_attempt_counter(None, c, None, &[]).await.unwrap());
    }
    // Codes live five minutes: the first expired at 05:05, the second lives until 05:23.
    let old = challenge(
        "ch-old",
        0,
        "10.0.0.1",
        "2026-11-23T05:00:00Z",
        Purpose::Login,
    );
    let live = challenge(
        "ch-live",
        0,
        "10.0.0.1",
        "2026-11-23T05:18:00Z",
        Purpose::Login,
    );
    for c in [&old, &live] {
        s.create_challenge(c, &sms()).await.unwrap();
    }

    let swept = s.delete_expired(at("10"), at("20")).await.unwrap();
    assert_eq!((swept.nonces, swept.challenges, swept.counters), (1, 1, 1));
    assert_eq!(s.challenge("ch-old").await.unwrap(), None);
    assert_eq!(s.challenge("ch-live").await.unwrap(), Some(live));
    assert!(
        !s.consume_nonce("nonce-old", at("01")).await.unwrap(),
        "gone"
    );
    assert!(s.consume_nonce("nonce-live", at("01")).await.unwrap());
    assert_eq!(s.attempt_counter(&idle.key).await.unwrap(), None);
    assert_eq!(s.attempt_counter(&recent.key).await.unwrap(), Some(recent));
    // A lock outlives its idleness: the blocked address stays blocked.
    assert_eq!(
        s.attempt_counter(&blocked.key).await.unwrap(),
        Some(blocked)
    );

    let again = s.delete_expired(at("10"), at("20")).await.unwrap();
    assert_eq!((again.nonces, again.challenges, again.counters), (0, 0, 0));
}
