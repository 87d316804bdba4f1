//! The public performance page (issue 13): a seeded set of cases written through the store
//! (so their events are written as in service), and the figures — on time, median working
//! days, the refusal mix, small cells suppressed — computed by hand, through the JSON API, the
//! page in kk/ru/en and the CSV, without signing in.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use kandas_app::ports::store::prelude::*;
use kandas_app::ports::store::{AuditRecord, NewDraft, StatusChange};
use kandas_domain::application::status::{Decision, Outcome, Registration, SignatureMethod};
use kandas_domain::application::{Channel, Form, Kind, Status};
use kandas_domain::audit::AuditAction;
use kandas_domain::deadline::Deadline;
use kandas_domain::grounds::GroundCode;
use kandas_domain::grounds::Grounds;
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::iin::Iin;
use kandas_domain::numbers::CertificateNumber;
use kandas_domain::office::OfficeCode;
use kandas_testkit::TestApp;
use serde_json::Value;

use crate::on_both_backends;

on_both_backends!(
    the_figures_are_as_computed_by_hand,
    sqlite_the_figures_are_as_computed_by_hand,
    postgres_the_figures_are_as_computed_by_hand
);

fn at(day: Date) -> Timestamp {
    format!("{day}T05:00:00Z").parse().unwrap()
}

fn audit(action: AuditAction, when: Timestamp, app: &ApplicationId) -> AuditRecord {
    AuditRecord {
        at: when,
        actor: None,
        actor_iin: None,
        role: None,
        subject: None,
        application: Some(app.clone()),
        action,
        request_id: "seed".to_owned(),
        details: Value::Null,
    }
}

fn registration() -> Registration {
    Registration {
        registered_at: at(date(2026, 11, 2)),
        deadline: Deadline {
            accepted: date(2026, 11, 2),
            due: date(2026, 11, 10),
            rule_set: "2022-05".into(),
            suspension: None,
        },
        signed_by: SignatureMethod::Sms,
        document_sha256: "ab".repeat(32),
    }
}

/// A case of `office` received on Monday 2 November 2026 (due on the 10th) and decided on
/// `decided` (refused on `grounds`, or assigned without any).
async fn seed(app: &TestApp, n: u32, office: &str, decided: Option<(Date, &[&str])>) {
    let id = ApplicationId::parse(&format!("00000000-0000-4000-8000-{n:012}")).unwrap();
    let store = &app.store;
    let received = at(date(2026, 11, 2));
    store
        .create_draft(&NewDraft {
            id: id.clone(),
            kind: Kind::Assignment,
            channel: Channel::Portal,
            applicant: Iin::parse("900101300811").unwrap(),
            form: Form::default(),
            office: Some(OfficeCode::parse(office).unwrap()),
            intake_office: None,
            at: received,
            audit: audit(AuditAction::ApplicationCreate, received, &id),
            open_drafts_limit: None,
            idempotency: None,
        })
        .await
        .unwrap();
    let change = |version, status, when| StatusChange {
        application: id.clone(),
        expected_version: version,
        status,
        at: when,
        audit: audit(AuditAction::ApplicationDecide, when, &id),
        jobs: Vec::new(),
        certificate: None,
        evidence: None,
        spends_code: None,
        results: Vec::new(),
        idempotency: None,
    };
    store
        .change_status(&change(1, Status::Registered(registration()), received))
        .await
        .unwrap();
    let Some((day, grounds)) = decided else {
        return;
    };
    let outcome = if grounds.is_empty() {
        Outcome::Assigned {
            certificate: CertificateNumber::new(2026, n),
            valid_until: date(2027, 11, 2),
            members: Vec::new(),
            refused_members: Vec::new(),
        }
    } else {
        let codes: Vec<GroundCode> = grounds
            .iter()
            .map(|g| GroundCode::parse(g).unwrap())
            .collect();
        Outcome::Refused {
            grounds: Grounds::shipped()
                .unwrap()
                .select(Kind::Assignment, &codes)
                .unwrap(),
            comment: "по основаниям".into(),
        }
    };
    let decision = Decision {
        decided_at: at(day),
        decided_by: UserId::parse("00000000-0000-4000-9000-000000000001").unwrap(),
        outcome,
        signed_off: None,
    };
    let status = Status::Decided {
        registration: registration(),
        decision,
        review: Default::default(),
    };
    store
        .change_status(&change(2, status, at(day)))
        .await
        .unwrap();
}

async fn get(app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let request = Request::builder().uri(path).body(Body::empty()).unwrap();
    let (status, headers, bytes) = app.send(request).await;
    let kind = headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, kind, String::from_utf8(bytes).unwrap())
}

fn month<'a>(figures: &'a Value, office: Option<&str>, m: &str) -> &'a Value {
    let office = figures["offices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office"].as_str() == office)
        .unwrap_or_else(|| panic!("{office:?}: {figures}"));
    office["months"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["month"] == m)
        .unwrap()
}

async fn the_figures_are_as_computed_by_hand(app: &TestApp) {
    let was: &[&str] = &["was-citizen"];
    let astana = "leb-astana";
    // Working days after 2 November (November 2026 has no holiday): 2, 4, 5 (on time by the
    // 10th), 8, 11, 10 (late); five refused as former citizens, one of them also on another
    // ground; one assigned.
    seed(app, 1, astana, Some((date(2026, 11, 4), &[]))).await;
    seed(app, 2, astana, Some((date(2026, 11, 6), was))).await;
    seed(app, 3, astana, Some((date(2026, 11, 9), was))).await;
    seed(app, 4, astana, Some((date(2026, 11, 12), was))).await;
    let both: &[&str] = &["was-citizen", "not-kazakh-nationality"];
    seed(app, 5, astana, Some((date(2026, 11, 17), both))).await;
    seed(app, 6, astana, Some((date(2026, 11, 16), was))).await;
    // Received, not yet decided.
    seed(app, 7, astana, None).await;
    // Another office's one case, decided the next working day.
    seed(app, 8, "leb-almaty-city", Some((date(2026, 11, 3), &[]))).await;

    let (status, _, text) = get(app, "/api/v1/performance").await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let figures: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(figures["to"], "2026-11");
    assert_eq!(figures["from"], "2025-12");
    assert_eq!(figures["small_cell"], 5);
    let nov = month(&figures, Some(astana), "2026-11");
    assert_eq!(nov["received"], 7);
    assert_eq!(nov["decided"], 6);
    assert_eq!(nov["on_time_percent"], 50.0, "3 of 6: {nov}");
    assert_eq!(nov["median_working_days"], 6.5, "(5 + 8) / 2: {nov}");
    let grounds = nov["refusals_by_ground"].as_array().unwrap();
    assert_eq!(grounds.len(), 2, "{nov}");
    assert_eq!(grounds[0]["ground"], "not-kazakh-nationality");
    assert!(grounds[0]["count"].is_null(), "one case: suppressed");
    assert_eq!(grounds[1]["ground"], "was-citizen");
    assert_eq!(grounds[1]["count"], 5);
    assert!(nov["refused_to_accept"].is_null() && nov["extensions"].is_null());
    // The total: 8 received, 7 decided in 1, 2, 4, 5, 8, 10, 11 days, 4 of them on time.
    let total = month(&figures, None, "2026-11");
    assert_eq!(total["received"], 8);
    assert_eq!(total["decided"], 7);
    assert_eq!(total["median_working_days"], 5.0);
    assert_eq!(total["on_time_percent"], 57.1);
    // One case is no figure.
    let small = month(&figures, Some("leb-almaty-city"), "2026-11");
    for cell in [
        "received",
        "decided",
        "on_time_percent",
        "median_working_days",
    ] {
        assert!(small[cell].is_null(), "{cell}: {small}");
    }
    assert!(!text.contains("900101300811"), "no personal data");

    let (status, _, html) = get(app, "/performance?lang=en").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("<svg") && html.contains("role=\"img\""),
        "{html}"
    );
    assert!(
        html.contains("<td data-label=\"Median working days to decision\">6.5</td>"),
        "{html}"
    );
    assert!(html.contains("50.0 %") && html.contains("&#60;5"), "{html}");
    assert!(
        html.contains(&kandas_i18n::text("en", "ground-was-citizen")),
        "{html}"
    );
    for lang in ["kk", "ru"] {
        let (status, _, html) = get(app, &format!("/performance?lang={lang}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains(&kandas_i18n::text(lang, "perf-title")),
            "{lang}"
        );
        assert!(html.contains("6,5"), "{lang}: decimal comma");
    }

    let (status, kind, csv) = get(app, "/performance.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/csv"), "{kind}");
    assert!(
        csv.contains(
            "\nleb-astana,2026-11,7,6,50.0,6.5,<5,<5,not-kazakh-nationality:<5;was-citizen:5\n"
        ),
        "{csv}"
    );
    assert!(csv.contains("\ntotal,2026-11,8,7,57.1,5.0,<5,<5,"), "{csv}");
    assert!(
        csv.contains("\nleb-almaty-city,2026-11,<5,<5,<5,<5,<5,<5,\n"),
        "{csv}"
    );
    assert_eq!(
        csv.lines().count(),
        1 + 3 * 12,
        "a line per office and month"
    );
}
