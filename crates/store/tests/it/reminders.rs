//! What the deadline and expiry jobs read and write: open cases due on a day, an office's
//! enabled accounts, certificates expiring on a day with their applications, the holder's
//! reminder written once, and the public check's daily count.

use jiff::civil::date;
use kandas_app::ports::registry::Registry;
use kandas_app::ports::store::prelude::*;
use kandas_app::ports::store::{AuditQuery, JobKind};
use kandas_domain::application::status::Notice;
use kandas_domain::ids::ApplicationId;
use kandas_domain::numbers::CertificateNumber;
use kandas_store::{RegistryImport, SqlStore};

use crate::harness::{app_id, audit, draft, iin, office, t};
use crate::registry::EXTRACT;
use crate::status::{certificate, decide, submit};
use crate::users::user;

conformance!(
    open_cases_due_on_a_day_are_listed_by_office,
    staff_of_an_office_are_its_enabled_accounts,
    certificates_expiring_on_a_day_come_with_their_application,
    the_expiry_reminder_is_written_once_with_its_audit_and_jobs,
    public_checks_are_counted_per_certificate_and_day,
);

async fn submitted(s: &SqlStore, n: u32, region: &str, due: jiff::civil::Date) -> ApplicationId {
    let at = t("2026-11-23T05:00:00Z");
    let app = s
        .create_draft(&draft(n, iin(0), Some(office(region)), at))
        .await
        .unwrap();
    s.change_status(&submit(&app.id, 1, due)).await.unwrap();
    app.id
}

async fn open_cases_due_on_a_day_are_listed_by_office(s: &SqlStore) {
    let due = date(2026, 12, 7);
    let astana = submitted(s, 1, "astana", due).await;
    let almaty = submitted(s, 2, "almaty-city", due).await;
    submitted(s, 3, "astana", date(2026, 12, 8)).await;
    let decided = submitted(s, 4, "astana", due).await;
    let cert = certificate(1, 0, date(2027, 12, 1));
    s.change_status(&decide(&decided, 2, cert)).await.unwrap();
    s.create_draft(&draft(
        5,
        iin(0),
        Some(office("astana")),
        t("2026-11-23T05:00:00Z"),
    ))
    .await
    .unwrap();

    let ids: Vec<_> = s
        .open_cases_due(due)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(
        ids,
        vec![almaty, astana],
        "open cases of that day, by office"
    );
    assert!(
        s.open_cases_due(date(2026, 12, 9))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn staff_of_an_office_are_its_enabled_accounts(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    let officer = user(1, 1);
    let mut disabled = user(2, 2);
    disabled.disabled_at = Some(at);
    let mut elsewhere = user(3, 3);
    elsewhere.office = Some(office("almaty-city"));
    for u in [&officer, &disabled, &elsewhere] {
        s.create_user(u, &audit("user.add", at, Some(u.iin.clone()), None))
            .await
            .unwrap();
    }
    assert_eq!(s.staff_of(&office("astana")).await.unwrap(), vec![officer]);
    assert_eq!(
        s.staff_of(&office("almaty-city")).await.unwrap(),
        vec![elsewhere]
    );
    assert!(s.staff_of(&office("abai")).await.unwrap().is_empty());
}

async fn certificates_expiring_on_a_day_come_with_their_application(s: &SqlStore) {
    let app = submitted(s, 1, "astana", date(2026, 12, 7)).await;
    let cert = certificate(1, 0, date(2027, 12, 1));
    s.change_status(&decide(&app, 2, cert.clone()))
        .await
        .unwrap();
    let data: RegistryImport = serde_json::from_str(EXTRACT).unwrap();
    s.import_registry(&data).await.unwrap();

    let ours = s.certificates_expiring(date(2027, 12, 1)).await.unwrap();
    assert_eq!(ours, vec![(cert.clone(), Some(app.clone()))]);
    let imported = s.certificates_expiring(date(2026, 3, 1)).await.unwrap();
    let numbers: Vec<_> = imported
        .iter()
        .map(|(c, a)| (c.number.as_str(), a.clone()))
        .collect();
    assert_eq!(
        numbers,
        vec![("KC-2025-000001", None)],
        "an imported one has no application"
    );
    assert!(
        s.certificates_expiring(date(2027, 11, 30))
            .await
            .unwrap()
            .is_empty()
    );

    assert_eq!(
        s.application_of_certificate(&cert.number).await.unwrap(),
        Some(app)
    );
    let imported = CertificateNumber::parse("KC-2025-000001").unwrap();
    assert_eq!(s.application_of_certificate(&imported).await.unwrap(), None);
    let unknown = CertificateNumber::new(2026, 99);
    assert_eq!(s.application_of_certificate(&unknown).await.unwrap(), None);

    // The public check finds either kind by number, whoever holds it.
    let by_number = Registry::certificate_by_number(s, &cert.number)
        .await
        .unwrap();
    assert_eq!(by_number, Some(cert));
    let found = Registry::certificate_by_number(s, &imported)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (found.holder, found.valid_until),
        (iin(0), date(2026, 3, 1))
    );
    assert_eq!(
        Registry::certificate_by_number(s, &unknown).await.unwrap(),
        None
    );
}

async fn the_expiry_reminder_is_written_once_with_its_audit_and_jobs(s: &SqlStore) {
    let number = CertificateNumber::new(2026, 1);
    let at = t("2027-11-01T04:00:00Z");
    let record = audit("certificate.remind", at, Some(iin(0)), None);
    let jobs = [JobKind::Notify {
        iin: iin(0),
        application: app_id(1),
        notice: Notice::Registered {
            number: "KND-2026-000001".into(),
            due: date(2026, 12, 7),
        },
    }];
    assert!(
        s.record_expiry_reminder(&number, &record, &jobs)
            .await
            .unwrap()
    );
    assert!(
        !s.record_expiry_reminder(&number, &record, &jobs)
            .await
            .unwrap()
    );
    let query = AuditQuery {
        limit: 10,
        ..AuditQuery::default()
    };
    assert_eq!(
        s.audit_trail(&query).await.unwrap().len(),
        1,
        "audited once"
    );
    assert_eq!(s.pending_jobs().await.unwrap(), 1, "notified once");
    let other = CertificateNumber::new(2026, 2);
    assert!(
        s.record_expiry_reminder(&other, &record, &[])
            .await
            .unwrap()
    );
}

async fn public_checks_are_counted_per_certificate_and_day(s: &SqlStore) {
    let one = CertificateNumber::new(2026, 1);
    let two = CertificateNumber::new(2026, 2);
    let day = date(2026, 12, 3);
    assert_eq!(s.count_certificate_check(&one, day).await.unwrap(), 1);
    assert_eq!(s.count_certificate_check(&one, day).await.unwrap(), 2);
    assert_eq!(s.count_certificate_check(&two, day).await.unwrap(), 1);
    let next = date(2026, 12, 4);
    assert_eq!(s.count_certificate_check(&one, next).await.unwrap(), 1);
    let counts = (0..5).map(|_| {
        let s = s.clone();
        let one = one.clone();
        tokio::spawn(async move { s.count_certificate_check(&one, day).await.unwrap() })
    });
    let mut seen = Vec::new();
    for c in counts {
        seen.push(c.await.unwrap());
    }
    seen.sort_unstable();
    assert_eq!(
        seen,
        vec![3, 4, 5, 6, 7],
        "concurrent checks are each counted once"
    );
}
