//! The head's warning one working day before a breach, and not before; across the May 2026
//! holidays (7 May, and 11 May for Victory Day on Saturday 9 May).

use jiff::Timestamp;
use kandas_testkit::TestApp;

use crate::support::{HEAD, submit_assignment, view};

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

async fn warnings_for_head(app: &TestApp) -> Vec<serde_json::Value> {
    app.drain().await;
    let head = app.sign_in(HEAD).await;
    let (_, _, notes) = app
        .request("GET", "/api/v1/notifications", None, Some(&head))
        .await;
    notes
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["notice"]["notice"] == "deadline_warning")
        .cloned()
        .collect()
}

async fn the_head_is_warned_the_working_day_before(app: &TestApp) {
    // Registered on Wednesday 6 May 2026, 10:00: 7 May is a day off, so the three working days
    // are 8, 12 and 13 May (9–10 the weekend, 11 May the transfer of Victory Day).
    app.clock.set(at("2026-05-06T05:00:00Z"));
    let (token, id) = submit_assignment(app).await;
    assert_eq!(
        view(app, &token, &id).await["deadline"]["due"],
        "2026-05-13"
    );
    let warn = || kandas_app::deadlines::warn(app.service());
    for day in ["2026-05-06", "2026-05-08", "2026-05-11"] {
        app.clock.set(at(&format!("{day}T04:00:00Z")));
        assert_eq!(warn().await.unwrap(), 0, "not before: {day}");
    }
    assert!(warnings_for_head(app).await.is_empty());
    app.clock.set(at("2026-05-12T04:00:00Z"));
    assert_eq!(
        warn().await.unwrap(),
        1,
        "the working day before the due date"
    );
    assert_eq!(warn().await.unwrap(), 0, "once");
    let warnings = warnings_for_head(app).await;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["notice"]["due"], "2026-05-13");
    assert_eq!(warnings[0]["application"], id.as_str());
}

crate::on_both_backends!(
    the_head_is_warned_the_working_day_before,
    head_warning_sqlite,
    head_warning_postgres
);

/// The demo holder's certificate was issued 11 months before the tests' first day, so its last
/// day is 30 days after 23 November 2026: the reminder goes that day, once, and not the day
/// before.
async fn the_holder_is_reminded_30_days_before_expiry(app: &TestApp) {
    let remind = || kandas_app::deadlines::remind_expiring(app.service());
    let start = app.service().now();
    app.clock.set(start - jiff::SignedDuration::from_hours(24));
    assert_eq!(remind().await.unwrap(), 0, "not before");
    app.clock.set(start);
    assert_eq!(remind().await.unwrap(), 1);
    assert_eq!(remind().await.unwrap(), 0, "once");
    app.drain().await;
    let inbox = app.service().store.dev_sms().await.unwrap();
    assert!(
        inbox
            .iter()
            .any(|s| s.text.contains("900001") && s.text.contains("egov.kz")),
        "{inbox:?}"
    );
}

/// A holder who has filed an extension is not reminded.
async fn no_reminder_once_an_extension_is_filed(app: &TestApp) {
    let (token, id) = crate::decisions::submit_extension(app).await;
    assert_eq!(view(app, &token, &id).await["status"], "registered");
    let reminded = kandas_app::deadlines::remind_expiring(app.service()).await;
    assert_eq!(reminded.unwrap(), 0);
}

crate::on_both_backends!(
    the_holder_is_reminded_30_days_before_expiry,
    expiry_reminder_sqlite,
    expiry_reminder_postgres
);
crate::on_both_backends!(
    no_reminder_once_an_extension_is_filed,
    no_reminder_after_extension_sqlite,
    no_reminder_after_extension_postgres
);
