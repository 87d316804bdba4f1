//! The jobs outbox under concurrent workers, retries and giving up; notifications.

use kandas_app::ports::store::prelude::*;
use std::collections::HashSet;

use jiff::civil::date;
use kandas_app::ports::store::{JobKind, JobQueue, Notification, StatusChange, StoreError};
use kandas_domain::application::Status;
use kandas_domain::application::status::Notice;
use kandas_domain::phone::PhoneNumber;
use kandas_store::SqlStore;

use crate::harness::{app_id, audit, draft, iin, t};

conformance!(
    concurrent_claimers_never_share_a_job,
    leases_expire_and_failures_retry_or_give_up,
    finished_sms_jobs_forget_their_text,
    notifications_are_delivered_once_and_listed_newest_first,
    the_queue_is_counted_by_kind_with_its_oldest,
);

fn notice(n: u32) -> Notice {
    Notice::Registered {
        number: format!("KND-2026-{n:06}"),
        due: date(2026, 12, 7),
    }
}

/// Enqueues `n` jobs through a status change (the only way the port enqueues many).
async fn enqueue(s: &SqlStore, n: u32) {
    let at = t("2026-11-23T05:00:00Z");
    let app = s.create_draft(&draft(1, iin(0), None, at)).await.unwrap();
    let jobs = (0..n)
        .map(|i| JobKind::Notify {
            iin: iin(0),
            application: app.id.clone(),
            notice: notice(i),
        })
        .collect();
    let change = StatusChange {
        application: app.id.clone(),
        expected_version: 1,
        status: Status::Withdrawn {
            at,
            registration: None,
        },
        at,
        audit: audit(
            "application.withdraw",
            at,
            Some(iin(0)),
            Some(app.id.clone()),
        ),
        jobs,
        certificate: None,
        evidence: None,
        spends_code: None,
        results: Vec::new(),
        idempotency: None,
    };
    s.change_status(&change).await.unwrap();
}

async fn concurrent_claimers_never_share_a_job(s: &SqlStore) {
    enqueue(s, 20).await;
    assert_eq!(s.pending_jobs().await.unwrap(), 20);
    let now = t("2026-11-23T05:00:01Z");
    let lease = t("2026-11-23T05:01:01Z");
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let s = s.clone();
            tokio::spawn(async move {
                let mut mine = Vec::new();
                while let Some(job) = s.claim_job(now, lease).await.unwrap() {
                    assert_eq!(job.attempts, 1);
                    s.complete_job(&job.id, now).await.unwrap();
                    mine.push(job.id);
                }
                mine
            })
        })
        .collect();
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    let distinct: HashSet<_> = all.iter().collect();
    assert_eq!((all.len(), distinct.len()), (20, 20));
    assert_eq!(s.pending_jobs().await.unwrap(), 0);
    assert!(s.claim_job(now, lease).await.unwrap().is_none());
}

async fn leases_expire_and_failures_retry_or_give_up(s: &SqlStore) {
    enqueue(s, 1).await;
    let early = t("2026-11-23T04:59:59Z");
    assert!(
        s.claim_job(early, t("2026-11-23T05:05:00Z"))
            .await
            .unwrap()
            .is_none(),
        "not due yet"
    );
    let now = t("2026-11-23T05:00:10Z");
    let job = s
        .claim_job(now, t("2026-11-23T05:01:10Z"))
        .await
        .unwrap()
        .unwrap();
    assert!(matches!(job.kind, JobKind::Notify { .. }));
    assert!(
        s.claim_job(now, t("2026-11-23T05:01:10Z"))
            .await
            .unwrap()
            .is_none(),
        "leased"
    );
    // The worker died: after the lease the job is claimed again.
    let after = t("2026-11-23T05:01:10Z");
    let again = s
        .claim_job(after, t("2026-11-23T05:02:10Z"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((again.id.as_str(), again.attempts), (job.id.as_str(), 2));
    s.fail_job(&job.id, "gateway timeout", Some(t("2026-11-23T05:10:00Z")))
        .await
        .unwrap();
    assert!(
        s.claim_job(t("2026-11-23T05:09:59Z"), t("2026-11-23T05:20:00Z"))
            .await
            .unwrap()
            .is_none()
    );
    let retry = s
        .claim_job(t("2026-11-23T05:10:00Z"), t("2026-11-23T05:11:00Z"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(retry.attempts, 3);
    assert_eq!(s.pending_jobs().await.unwrap(), 1);
    s.fail_job(&job.id, "rejected", None).await.unwrap();
    assert_eq!(
        s.pending_jobs().await.unwrap(),
        0,
        "a dead job is not pending"
    );
    assert!(
        s.claim_job(t("2026-11-24T00:00:00Z"), t("2026-11-24T00:01:00Z"))
            .await
            .unwrap()
            .is_none()
    );
    assert!(matches!(
        s.fail_job("nope", "x", None).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.complete_job("nope", now).await,
        Err(StoreError::NotFound)
    ));
}

async fn finished_sms_jobs_forget_their_text(s: &SqlStore) {
    let c = kandas_app::ports::store::Challenge {
        id: "ch".into(),
        iin: iin(0),
        purpose: kandas_app::ports::store::Purpose::Login,
        code_hash: "00".into(),
        phone: PhoneNumber::parse("+77011234567").unwrap(),
        ip: "10.0.0.1".into(),
        created_at: t("2026-11-23T05:00:00Z"),
        expires_at: t("2026-11-23T05:05:00Z"),
        attempts_left: 3,
        consumed_at: None,
    };
    let sms = JobKind::Sms {
        phone: c.phone.clone(),
        text: "Код: 482913".into(),
        application: None,
        expires_at: None,
    };
    s.create_challenge(&c, &sms).await.unwrap();
    let mut second = c.clone();
    second.id = "ch2".into();
    s.create_challenge(&second, &sms).await.unwrap();
    let now = t("2026-11-23T05:00:01Z");
    let lease = t("2026-11-23T05:01:00Z");
    let first = s.claim_job(now, lease).await.unwrap().unwrap();
    assert_eq!(first.kind, sms);
    assert!(
        s.job_payload(&first.id)
            .await
            .unwrap()
            .unwrap()
            .contains("482913")
    );
    s.complete_job(&first.id, now).await.unwrap();
    let done = s.job_payload(&first.id).await.unwrap().unwrap();
    assert!(
        !done.contains("482913") && !done.contains("7011234567"),
        "{done}"
    );
    let other = s.claim_job(now, lease).await.unwrap().unwrap();
    s.fail_job(&other.id, "rejected", None).await.unwrap();
    assert!(
        !s.job_payload(&other.id)
            .await
            .unwrap()
            .unwrap()
            .contains("482913")
    );
}

async fn notifications_are_delivered_once_and_listed_newest_first(s: &SqlStore) {
    s.create_draft(&draft(1, iin(0), None, t("2026-11-23T05:00:00Z")))
        .await
        .unwrap();
    let first = Notification {
        id: "job-1".into(),
        iin: iin(0),
        application: app_id(1),
        notice: notice(1),
        created_at: t("2026-11-23T05:00:00Z"),
    };
    let second = Notification {
        id: "job-2".into(),
        notice: Notice::Decided {
            number: "KND-2026-000001".into(),
            outcome: "assigned".into(),
            certificate: Some("KC-2026-000001".into()),
            grounds: Vec::new(),
            refused_members: vec![kandas_domain::application::notice::DecidedRefusal {
                member: "Ерланұлы Алихан".into(),
                kinship: kandas_domain::application::member::Kinship::Child,
                grounds: vec!["not-kazakh-nationality".into()],
            }],
        },
        created_at: t("2026-11-23T06:00:00Z"),
        ..first.clone()
    };
    s.deliver_notification(&first).await.unwrap();
    s.deliver_notification(&second).await.unwrap();
    s.deliver_notification(&first).await.unwrap();
    assert_eq!(
        s.notifications_of(&iin(0)).await.unwrap(),
        vec![second, first]
    );
    assert!(s.notifications_of(&iin(1)).await.unwrap().is_empty());
}

async fn the_queue_is_counted_by_kind_with_its_oldest(s: &SqlStore) {
    assert_eq!(s.job_queue().await.unwrap(), JobQueue::default());
    enqueue(s, 3).await;
    let queue = s.job_queue().await.unwrap();
    assert_eq!(queue.queued, vec![("notify", 3)]);
    assert_eq!(queue.oldest, Some(t("2026-11-23T05:00:00Z")));
    let now = t("2026-11-23T05:00:01Z");
    let job = s
        .claim_job(now, t("2026-11-23T05:01:01Z"))
        .await
        .unwrap()
        .unwrap();
    s.complete_job(&job.id, now).await.unwrap();
    assert_eq!(s.job_queue().await.unwrap().queued, vec![("notify", 2)]);
    let pools = s.pool_stats();
    assert!(!pools.is_empty());
    for pool in pools {
        assert!(
            pool.max >= 1 && pool.idle <= pool.open && pool.open <= pool.max,
            "{pool:?}"
        );
    }
}
