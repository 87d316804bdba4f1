//! The working calendar's rows: edited years, the administrators, and the reminder that a
//! year is not confirmed (once per year and week, with its audit and SMS).

use kandas_app::Role;
use kandas_app::ports::store::prelude::*;
use kandas_app::ports::store::{AuditQuery, JobKind, User};
use kandas_domain::ids::UserId;
use kandas_domain::phone::PhoneNumber;
use kandas_store::SqlStore;

use crate::harness::{audit, iin, office, t};

conformance!(
    edited_years_are_replaced_and_listed_in_order,
    users_are_found_by_the_whole_role_code,
    the_reminder_goes_once_per_year_and_week,
    concurrent_reminders_go_once,
);

async fn edited_years_are_replaced_and_listed_in_order(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    assert!(s.calendar_years().await.unwrap().is_empty());
    let a = audit("calendar.edit", at, None, None);
    // `rev` marks which edit of 2027 is kept.
    s.save_calendar_year(2027, r#"{"year":2027,"rev":1}"#, &a)
        .await
        .unwrap();
    s.save_calendar_year(2026, r#"{"year":2026}"#, &a)
        .await
        .unwrap();
    s.save_calendar_year(2027, r#"{"year":2027,"rev":2}"#, &a)
        .await
        .unwrap();
    let years: Vec<serde_json::Value> = s
        .calendar_years()
        .await
        .unwrap()
        .iter()
        .map(|y| serde_json::from_str(y).unwrap())
        .collect();
    assert_eq!(
        years,
        vec![
            serde_json::json!({ "year": 2026 }),
            serde_json::json!({ "year": 2027, "rev": 2 })
        ]
    );
}

fn user(n: u32, who: usize, roles: Vec<Role>) -> User {
    User {
        id: UserId::parse(&format!("00000000-0000-4000-9000-{n:012}")).unwrap(),
        iin: iin(who),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        roles,
        office: Some(office("astana")),
        created_at: t("2026-11-23T05:00:00Z"),
        disabled_at: None,
        reset_requested_at: None,
    }
}

async fn users_are_found_by_the_whole_role_code(s: &SqlStore) {
    let accounts = [
        user(1, 3, vec![Role::Admin]),
        user(2, 0, vec![Role::Applicant, Role::Admin, Role::Auditor]),
        user(3, 1, vec![Role::Officer, Role::Head]),
    ];
    for u in &accounts {
        let a = audit("user.add", u.created_at, Some(u.iin.clone()), None);
        s.create_user(u, &a).await.unwrap();
    }
    let admins = s.users_with_role(Role::Admin).await.unwrap();
    assert_eq!(
        admins,
        vec![accounts[0].clone(), accounts[1].clone()],
        "by IIN"
    );
    let heads = s.users_with_role(Role::Head).await.unwrap();
    assert_eq!(heads, vec![accounts[2].clone()]);
    assert!(s.users_with_role(Role::Operator).await.unwrap().is_empty());
}

fn sms() -> Vec<JobKind> {
    vec![JobKind::Sms {
        phone: PhoneNumber::parse("+77011234567").unwrap(),
        text: "calendar".to_owned(),
        application: None,
        expires_at: None,
    }]
}

async fn reminders(s: &SqlStore) -> usize {
    let query = AuditQuery {
        subject: None,
        application: None,
        limit: 100,
        ..Default::default()
    };
    s.audit_trail(&query)
        .await
        .unwrap()
        .iter()
        .filter(|r| r.action.code() == "calendar.unconfirmed-reminder")
        .count()
}

async fn the_reminder_goes_once_per_year_and_week(s: &SqlStore) {
    let at = t("2026-10-01T04:00:00Z");
    let a = audit("calendar.unconfirmed-reminder", at, None, None);
    assert!(
        s.record_calendar_reminder(2027, 0, &a, &sms())
            .await
            .unwrap()
    );
    assert!(
        !s.record_calendar_reminder(2027, 0, &a, &sms())
            .await
            .unwrap()
    );
    assert_eq!(
        s.pending_jobs().await.unwrap(),
        1,
        "the repeat wrote no job"
    );
    assert_eq!(reminders(s).await, 1, "nor an audit row");
    assert!(
        s.record_calendar_reminder(2027, 1, &a, &sms())
            .await
            .unwrap()
    );
    assert!(s.record_calendar_reminder(2028, 0, &a, &[]).await.unwrap());
    assert_eq!(s.pending_jobs().await.unwrap(), 2);
    assert_eq!(reminders(s).await, 3);
}

async fn concurrent_reminders_go_once(s: &SqlStore) {
    let at = t("2026-10-08T04:00:00Z");
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let s = s.clone();
            tokio::spawn(async move {
                let a = audit("calendar.unconfirmed-reminder", at, None, None);
                s.record_calendar_reminder(2027, 1, &a, &sms())
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut sent = 0;
    for task in tasks {
        sent += usize::from(task.await.unwrap());
    }
    assert_eq!(sent, 1);
    assert_eq!(s.pending_jobs().await.unwrap(), 1);
}
