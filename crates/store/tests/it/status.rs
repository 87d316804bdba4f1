//! Status changes and everything written with them; the office queue.

use jiff::civil::{Date, date};
use kandas_app::ports::registry::{RegisteredCertificate, Registry};
use kandas_app::ports::store::prelude::*;
use kandas_app::ports::store::{
    AuditQuery, Evidence, IdempotencyKey, JobKind, QueueFilter, StatusChange, StoreError,
};
use kandas_domain::application::Status;
use kandas_domain::application::status::{
    Decision, Notice, Outcome, Registration, SignatureMethod,
};
use kandas_domain::deadline::Deadline;
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::numbers::CertificateNumber;
use kandas_store::SqlStore;

use crate::harness::{app_id, audit, draft, iin, office, t};

conformance!(
    a_status_change_writes_everything_together,
    a_stale_status_change_writes_nothing,
    concurrent_changes_of_one_version_let_exactly_one_win,
    a_taken_certificate_number_rolls_the_change_back,
    an_extension_updates_the_registered_certificate,
    the_queue_is_by_office_and_deadline,
);

fn registered(due: Date) -> Status {
    Status::Registered(Registration {
        registered_at: t("2026-11-23T05:00:00Z"),
        deadline: Deadline {
            accepted: date(2026, 11, 23),
            due,
            rule_set: "2026-01".into(),
            suspension: None,
        },
        signed_by: SignatureMethod::Sms,
        document_sha256: "cd".repeat(32),
    })
}

fn notify(app: &ApplicationId) -> JobKind {
    JobKind::Notify {
        iin: iin(0),
        application: app.clone(),
        notice: Notice::Registered {
            number: "KND-2026-000001".into(),
            due: date(2026, 12, 7),
        },
    }
}

pub(crate) fn submit(app: &ApplicationId, version: i64, due: Date) -> StatusChange {
    let at = t("2026-11-23T05:30:00Z");
    StatusChange {
        application: app.clone(),
        expected_version: version,
        status: registered(due),
        at,
        audit: audit("application.submit", at, Some(iin(0)), Some(app.clone())),
        jobs: vec![notify(app), notify(app)],
        certificate: None,
        evidence: Some(Evidence {
            method: SignatureMethod::Sms,
            document: vec![0, 1, 2, 255, 128],
            sha256: "cd".repeat(32),
            detail: serde_json::json!({ "challenge": "ch-1", "phone": "+7 701 *** ** 67" }),
        }),
        spends_code: None,
        results: Vec::new(),
        idempotency: Some(IdempotencyKey {
            scope: "u:submit".into(),
            key: app.to_string(),
            fingerprint: "f".into(),
            not_before: jiff::Timestamp::UNIX_EPOCH,
        }),
    }
}

pub(crate) fn certificate(
    number: u32,
    extensions: u32,
    valid_until: Date,
) -> RegisteredCertificate {
    RegisteredCertificate {
        number: CertificateNumber::new(2026, number),
        holder: iin(0),
        issued_on: date(2026, 12, 1),
        valid_until,
        extensions,
        issuer: "leb-astana".into(),
    }
}

pub(crate) fn decide(
    app: &ApplicationId,
    version: i64,
    cert: RegisteredCertificate,
) -> StatusChange {
    let at = t("2026-12-01T06:00:00Z");
    let registration = match registered(date(2026, 12, 7)) {
        Status::Registered(r) => r,
        _ => unreachable!(),
    };
    StatusChange {
        application: app.clone(),
        expected_version: version,
        status: Status::Decided {
            registration,
            decision: Decision {
                decided_at: at,
                decided_by: UserId::parse("00000000-0000-4000-9000-000000000001").unwrap(),
                outcome: Outcome::Assigned {
                    certificate: cert.number.clone(),
                    valid_until: cert.valid_until,
                    members: vec![],
                    refused_members: vec![],
                },
                signed_off: None,
            },
            review: Default::default(),
        },
        at,
        audit: audit("application.decide", at, Some(iin(0)), Some(app.clone())),
        jobs: vec![notify(app)],
        certificate: Some(cert),
        evidence: None,
        spends_code: None,
        results: Vec::new(),
        idempotency: None,
    }
}

async fn counts(s: &SqlStore) -> (usize, i64) {
    let audit = s
        .audit_trail(&AuditQuery {
            limit: 1000,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    (audit.len(), s.pending_jobs().await.unwrap())
}

async fn a_status_change_writes_everything_together(s: &SqlStore) {
    let app = s
        .create_draft(&draft(
            1,
            iin(0),
            Some(office("astana")),
            t("2026-11-23T05:00:00Z"),
        ))
        .await
        .unwrap();
    let change = submit(&app.id, 1, date(2026, 12, 7));
    let done = s.change_status(&change).await.unwrap();
    assert_eq!(
        (done.version, &done.status, done.updated_at),
        (2, &change.status, change.at)
    );
    assert_eq!(s.application(&app.id).await.unwrap(), Some(done.clone()));
    assert_eq!(counts(s).await, (2, 2));
    assert_eq!(s.evidence(&app.id).await.unwrap(), change.evidence.clone());
    assert_eq!(s.evidence(&app_id(5)).await.unwrap(), None);
    let key = change.idempotency.clone().unwrap();
    assert_eq!(s.idempotent(&key).await.unwrap(), Some(app.id.clone()));
    // Repeating the request is a replay, whatever version it carries.
    let mut again = change.clone();
    again.expected_version = 2;
    assert!(matches!(s.change_status(&again).await, Err(StoreError::Replay(id)) if id == app.id));

    let cert = certificate(1, 0, date(2027, 12, 1));
    let decided = s
        .change_status(&decide(&app.id, 2, cert.clone()))
        .await
        .unwrap();
    assert_eq!(decided.status.code(), "assigned");
    assert_eq!(Registry::certificate(s, &iin(0)).await.unwrap(), Some(cert));
    assert_eq!(counts(s).await, (3, 3));
}

async fn a_stale_status_change_writes_nothing(s: &SqlStore) {
    let app = s
        .create_draft(&draft(1, iin(0), None, t("2026-11-23T05:00:00Z")))
        .await
        .unwrap();
    let before = counts(s).await;
    let mut stale = decide(&app.id, 7, certificate(1, 0, date(2027, 12, 1)));
    stale.evidence = submit(&app.id, 7, date(2026, 12, 7)).evidence;
    stale.idempotency = Some(IdempotencyKey {
        scope: "u".into(),
        key: "k".into(),
        fingerprint: "f".into(),
        not_before: jiff::Timestamp::UNIX_EPOCH,
    });
    assert!(matches!(
        s.change_status(&stale).await,
        Err(StoreError::Conflict)
    ));
    assert_eq!(counts(s).await, before);
    assert_eq!(Registry::certificate(s, &iin(0)).await.unwrap(), None);
    assert_eq!(s.evidence(&app.id).await.unwrap(), None);
    assert_eq!(
        s.idempotent(stale.idempotency.as_ref().unwrap())
            .await
            .unwrap(),
        None
    );
    assert_eq!(s.application(&app.id).await.unwrap(), Some(app));
    stale.application = app_id(9);
    assert!(matches!(
        s.change_status(&stale).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(counts(s).await, before);
}

async fn concurrent_changes_of_one_version_let_exactly_one_win(s: &SqlStore) {
    let app = s
        .create_draft(&draft(1, iin(0), None, t("2026-11-23T05:00:00Z")))
        .await
        .unwrap();
    let mut a = submit(&app.id, 1, date(2026, 12, 7));
    let mut b = submit(&app.id, 1, date(2026, 12, 8));
    a.idempotency = None;
    b.idempotency = None;
    b.evidence = None;
    let (ra, rb) = tokio::join!(s.change_status(&a), s.change_status(&b));
    let wins = [&ra, &rb].iter().filter(|r| r.is_ok()).count();
    let conflicts = [&ra, &rb]
        .iter()
        .filter(|r| matches!(r, Err(StoreError::Conflict)))
        .count();
    assert_eq!((wins, conflicts), (1, 1), "{ra:?} {rb:?}");
    assert_eq!(s.application(&app.id).await.unwrap().unwrap().version, 2);
    assert_eq!(
        counts(s).await,
        (2, 2),
        "only the winner's audit row and jobs"
    );
}

async fn a_taken_certificate_number_rolls_the_change_back(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    for n in [1, 2] {
        let app = s.create_draft(&draft(n, iin(0), None, at)).await.unwrap();
        s.change_status(&submit(&app.id, 1, date(2026, 12, 7)))
            .await
            .unwrap();
    }
    let cert = certificate(1, 0, date(2027, 12, 1));
    s.change_status(&decide(&app_id(1), 2, cert.clone()))
        .await
        .unwrap();
    let before = counts(s).await;
    assert!(matches!(
        s.change_status(&decide(&app_id(2), 2, cert)).await,
        Err(StoreError::Duplicate("certificate"))
    ));
    assert_eq!(counts(s).await, before);
    assert_eq!(
        s.application(&app_id(2))
            .await
            .unwrap()
            .unwrap()
            .status
            .code(),
        "registered"
    );
}

async fn an_extension_updates_the_registered_certificate(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    for n in [1, 2] {
        let app = s.create_draft(&draft(n, iin(0), None, at)).await.unwrap();
        s.change_status(&submit(&app.id, 1, date(2026, 12, 7)))
            .await
            .unwrap();
    }
    s.change_status(&decide(&app_id(1), 2, certificate(1, 0, date(2027, 12, 1))))
        .await
        .unwrap();
    // Each extension must be the next one: the same count again is a duplicate.
    let app = s.create_draft(&draft(3, iin(0), None, at)).await.unwrap();
    s.change_status(&submit(&app.id, 1, date(2026, 12, 7)))
        .await
        .unwrap();
    let twice = certificate(1, 2, date(2028, 6, 1));
    assert!(matches!(
        s.change_status(&decide(&app_id(3), 2, twice)).await,
        Err(StoreError::Duplicate("certificate"))
    ));
    let extended = certificate(1, 1, date(2028, 6, 1));
    s.change_status(&decide(&app_id(2), 2, extended.clone()))
        .await
        .unwrap();
    assert_eq!(
        Registry::certificate(s, &iin(0)).await.unwrap(),
        Some(extended.clone())
    );
    assert!(matches!(
        s.change_status(&decide(&app_id(3), 2, extended)).await,
        Err(StoreError::Duplicate("certificate"))
    ));
    let second = certificate(1, 2, date(2028, 12, 1));
    s.change_status(&decide(&app_id(3), 2, second.clone()))
        .await
        .unwrap();
    assert_eq!(
        Registry::certificate(s, &iin(0)).await.unwrap(),
        Some(second)
    );
}

async fn the_queue_is_by_office_and_deadline(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    let astana = office("astana");
    let plan = [
        (1, "astana", 10),
        (2, "astana", 3),
        (3, "shymkent", 1),
        (4, "astana", 3),
        (5, "astana", 0),
    ];
    for (n, region, due_day) in plan {
        let app = s
            .create_draft(&draft(n, iin(0), Some(office(region)), at))
            .await
            .unwrap();
        if due_day > 0 {
            s.change_status(&submit(&app.id, 1, date(2026, 12, due_day)))
                .await
                .unwrap();
        }
    }
    let filter = QueueFilter {
        office: astana.clone(),
        status: None,
        due_before: None,
        channel: None,
        assigned_to: None,
    };
    let ids = |apps: Vec<kandas_domain::application::Application>| {
        apps.into_iter().map(|a| a.id).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(s.queue(&filter).await.unwrap()),
        vec![app_id(2), app_id(4), app_id(1)]
    );
    let overdue = QueueFilter {
        due_before: Some(date(2026, 12, 4)),
        ..filter.clone()
    };
    assert_eq!(
        ids(s.queue(&overdue).await.unwrap()),
        vec![app_id(2), app_id(4)]
    );
    let drafts = QueueFilter {
        status: Some("draft".into()),
        ..filter.clone()
    };
    assert_eq!(ids(s.queue(&drafts).await.unwrap()), vec![app_id(5)]);
    let elsewhere = QueueFilter {
        office: office("shymkent"),
        ..filter
    };
    assert_eq!(ids(s.queue(&elsewhere).await.unwrap()), vec![app_id(3)]);
}
