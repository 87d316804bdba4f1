//! Early endings of a certificate's status, and the head's deadline warning when a hearing moves
//! the due date.

use jiff::civil::date;
use kandas_app::ports::store::prelude::*;
use kandas_app::ports::store::{AuditQuery, StoreError};
use kandas_domain::certificate::{Annulment, CertificateEnding, Check, Ending, EndingState};
use kandas_domain::ids::UserId;
use kandas_domain::numbers::CertificateNumber;
use kandas_store::SqlStore;

use crate::harness::{app_id, audit, draft, iin, t};

conformance!(
    an_ending_is_recorded_confirmed_and_annulled_once_each,
    a_moved_due_date_is_warned_about_again,
);

fn check(n: u8, at: &str) -> Check {
    Check {
        at: t(at),
        by: UserId::parse(&format!("00000000-0000-4000-9000-0000000000{n:02}")).unwrap(),
    }
}

fn recorded() -> Ending {
    Ending {
        kind: CertificateEnding::Terminated,
        ended_on: date(2026, 11, 24),
        reason: "Решение о гражданстве № 12 от 20.11.2026".into(),
        recorded: check(1, "2026-11-24T05:00:00Z"),
        confirmed: None,
        annulled: None,
    }
}

async fn audited(s: &SqlStore, action: &str) -> usize {
    let query = AuditQuery {
        limit: 100,
        ..AuditQuery::default()
    };
    let trail = s.audit_trail(&query).await.unwrap();
    trail.iter().filter(|r| r.action.code() == action).count()
}

async fn an_ending_is_recorded_confirmed_and_annulled_once_each(s: &SqlStore) {
    let number = CertificateNumber::new(2026, 5);
    let at = t("2026-11-24T05:00:00Z");
    assert_eq!(s.ending(&number).await.unwrap(), None);
    let first = recorded();
    let a = audit("certificate.end", at, Some(iin(0)), None);
    s.record_ending(&number, &first, &a).await.unwrap();
    assert_eq!(s.ending(&number).await.unwrap(), Some(first.clone()));
    assert!(matches!(
        s.record_ending(&number, &first, &a).await,
        Err(StoreError::Duplicate("ending"))
    ));
    let confirmed = Ending {
        confirmed: Some(check(2, "2026-11-24T06:00:00Z")),
        ..first.clone()
    };
    let c = audit("certificate.end-confirm", at, Some(iin(0)), None);
    s.change_ending(&number, &confirmed, EndingState::Recorded, &c)
        .await
        .unwrap();
    assert_eq!(s.ending(&number).await.unwrap(), Some(confirmed.clone()));
    // A second confirmation read from the recorded state finds it changed and writes nothing.
    assert!(matches!(
        s.change_ending(&number, &confirmed, EndingState::Recorded, &c)
            .await,
        Err(StoreError::Conflict)
    ));
    assert_eq!(audited(s, "certificate.end-confirm").await, 1);
    let annulled = Ending {
        annulled: Some(Annulment {
            by: check(2, "2026-11-25T06:00:00Z"),
            reason: "Решение о гражданстве отменено".into(),
        }),
        ..confirmed
    };
    let n = audit("certificate.end-annul", at, Some(iin(0)), None);
    s.change_ending(&number, &annulled, EndingState::Confirmed, &n)
        .await
        .unwrap();
    assert_eq!(s.ending(&number).await.unwrap(), Some(annulled));
    // An annulled ending can be replaced by a new one.
    let again = Ending {
        kind: CertificateEnding::Revoked,
        recorded: check(3, "2026-11-26T05:00:00Z"),
        ..recorded()
    };
    s.record_ending(&number, &again, &a).await.unwrap();
    assert_eq!(s.ending(&number).await.unwrap(), Some(again));
    assert_eq!(audited(s, "certificate.end").await, 2);
}

async fn a_moved_due_date_is_warned_about_again(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    s.create_draft(&draft(1, iin(0), None, at)).await.unwrap();
    let a = audit("deadline.warn", at, Some(iin(0)), Some(app_id(1)));
    let due = date(2026, 11, 26);
    assert!(
        s.record_deadline_warning(&app_id(1), due, &a, &[])
            .await
            .unwrap()
    );
    assert!(
        !s.record_deadline_warning(&app_id(1), due, &a, &[])
            .await
            .unwrap()
    );
    let moved = date(2026, 11, 27);
    assert!(
        s.record_deadline_warning(&app_id(1), moved, &a, &[])
            .await
            .unwrap()
    );
    assert!(
        !s.record_deadline_warning(&app_id(1), moved, &a, &[])
            .await
            .unwrap()
    );
    assert_eq!(audited(s, "deadline.warn").await, 2);
}
