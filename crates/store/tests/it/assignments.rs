//! The work queue's assignments: an official takes a case (with its audit row, in one
//! transaction), a later taker replaces them, the office's list and the queue's "mine" and
//! channel filters follow.

use kandas_app::Role;
use kandas_app::ports::store::prelude::*;
use kandas_app::ports::store::{AuditQuery, CaseAssignment, QueueFilter, User};
use kandas_domain::application::Channel;
use kandas_domain::ids::UserId;
use kandas_store::SqlStore;

use crate::harness::{app_id, audit, draft, iin, office, t};

conformance!(
    a_case_is_held_by_its_latest_taker,
    the_queue_filters_by_holder_and_channel,
);

fn official(n: u32, who: usize) -> User {
    User::new(
        UserId::parse(&format!("00000000-0000-4000-9000-{n:012}")).unwrap(),
        iin(who),
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        vec![Role::Officer],
        Some(office("astana")),
        t("2026-11-23T04:00:00Z"),
    )
}

async fn setup(s: &SqlStore) -> (User, User) {
    let (a, b) = (official(1, 2), official(2, 3));
    for u in [&a, &b] {
        let row = audit("user.add", u.created_at, Some(u.iin.clone()), None);
        s.create_user(u, &row).await.unwrap();
    }
    (a, b)
}

fn take(n: u32, user: &User, at: &str) -> CaseAssignment {
    CaseAssignment {
        application: app_id(n),
        user: user.id.clone(),
        at: t(at),
    }
}

async fn a_case_is_held_by_its_latest_taker(s: &SqlStore) {
    let (a, b) = setup(s).await;
    let at = t("2026-11-23T05:00:00Z");
    s.create_draft(&draft(1, iin(0), Some(office("astana")), at))
        .await
        .unwrap();
    s.create_draft(&draft(2, iin(0), Some(office("shymkent")), at))
        .await
        .unwrap();
    assert_eq!(s.case_assignment(&app_id(1)).await.unwrap(), None);
    let first = take(1, &a, "2026-11-23T06:00:00.5Z");
    let row = audit("staff.take-case", first.at, Some(iin(0)), Some(app_id(1)));
    s.assign_case(&first, &row).await.unwrap();
    assert_eq!(s.case_assignment(&app_id(1)).await.unwrap(), Some(first));
    let second = take(1, &b, "2026-11-23T07:00:00Z");
    s.assign_case(&second, &row).await.unwrap();
    assert_eq!(
        s.case_assignment(&app_id(1)).await.unwrap(),
        Some(second.clone())
    );
    let elsewhere = take(2, &a, "2026-11-23T07:30:00Z");
    let row2 = audit(
        "staff.take-case",
        elsewhere.at,
        Some(iin(0)),
        Some(app_id(2)),
    );
    s.assign_case(&elsewhere, &row2).await.unwrap();
    assert_eq!(
        s.case_assignments(&[app_id(1), app_id(3)]).await.unwrap(),
        vec![second]
    );
    assert_eq!(
        s.case_assignments(&[app_id(2)]).await.unwrap(),
        vec![elsewhere]
    );
    let query = AuditQuery {
        application: Some(app_id(1)),
        limit: 10,
        ..AuditQuery::default()
    };
    let trail = s.audit_trail(&query).await.unwrap();
    let takes = trail
        .iter()
        .filter(|r| r.action.code() == "staff.take-case");
    assert_eq!(takes.count(), 2, "each take writes its audit row");
    // A case that does not exist cannot be taken, and nothing is audited.
    let ghost = take(9, &a, "2026-11-23T08:00:00Z");
    let row = audit("staff.take-case", ghost.at, None, None);
    assert!(s.assign_case(&ghost, &row).await.is_err());
    let all = s
        .audit_trail(&AuditQuery {
            limit: 100,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        all.iter()
            .filter(|r| r.action.code() == "staff.take-case")
            .count(),
        3
    );
}

async fn the_queue_filters_by_holder_and_channel(s: &SqlStore) {
    let (a, _) = setup(s).await;
    let at = t("2026-11-23T05:00:00Z");
    for n in 1..=3 {
        let mut d = draft(n, iin(0), Some(office("astana")), at);
        if n == 3 {
            d.channel = Channel::StateCorporation;
        }
        s.create_draft(&d).await.unwrap();
    }
    let row = audit("staff.take-case", at, Some(iin(0)), Some(app_id(2)));
    s.assign_case(&take(2, &a, "2026-11-23T06:00:00Z"), &row)
        .await
        .unwrap();
    let drafts = QueueFilter {
        office: office("astana"),
        status: Some("draft".into()),
        due_before: None,
        channel: None,
        assigned_to: None,
    };
    let ids = |apps: Vec<kandas_domain::application::Application>| {
        apps.into_iter().map(|a| a.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(s.queue(&drafts).await.unwrap()).len(), 3);
    let mine = QueueFilter {
        assigned_to: Some(a.id.clone()),
        ..drafts.clone()
    };
    assert_eq!(ids(s.queue(&mine).await.unwrap()), vec![app_id(2)]);
    let desk = QueueFilter {
        channel: Some(Channel::StateCorporation),
        ..drafts.clone()
    };
    assert_eq!(ids(s.queue(&desk).await.unwrap()), vec![app_id(3)]);
    let none = QueueFilter {
        channel: Some(Channel::StateCorporation),
        ..mine
    };
    assert!(s.queue(&none).await.unwrap().is_empty());
}
