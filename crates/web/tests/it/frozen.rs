//! Results frozen when decided: a certificate downloaded a day apart, after the registry changed,
//! is the same file with the SHA-256 the view shows and a seal signed at the sign-off; a case
//! decided before documents were kept is rendered once, as of its decision, and kept.

use jiff::SignedDuration;
use kandas_app::ports::store::StatusChange;
use kandas_app::secrets::sha256_hex;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::support::{audited, pdf, review_and_decide, submit_assignment, text_of, view};

const APPLICANT: &str = "900101300811";

async fn a_certificate_is_the_same_file_a_day_later(app: &TestApp) {
    let (token, id) = submit_assignment(app).await;
    review_and_decide(app, &id, json!({ "outcome": "assign" })).await;
    let signed_off = app.service().now();
    let v = view(app, &token, &id).await;
    let certificate = &v["result_documents"][0];
    assert_eq!(certificate["kind"], "certificate");
    let sha = certificate["sha256"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/applications/{id}/result");
    let (headers, first) = pdf(app, &path, &token).await;
    assert_eq!(sha256_hex(&first), sha);
    assert_eq!(headers["x-content-sha256"], sha.as_str());

    // A day later, after the registry changed the holder's Latin name, the same bytes.
    app.clock.advance(SignedDuration::from_hours(24));
    let person = json!({ "persons": [{ "iin": APPLICANT, "surname": "Серікбаев", "given_name": "Ерлан",
        "patronymic": "Маратұлы", "surname_latin": "SERIKBAEV", "given_name_latin": "ERLAN",
        "birth_date": "1990-01-01", "sex": "male", "citizenship": "CHN", "nationality": "kazakh",
        "phone": "+77011234567" }] });
    let import: kandas_store::RegistryImport = serde_json::from_value(person).unwrap();
    app.store.import_registry(&import).await.unwrap();
    let token = app.sign_in(APPLICANT).await;
    let (_, second) = pdf(app, &path, &token).await;
    assert_eq!(first, second, "a reprint is the document that was decided");
    let again = view(app, &token, &id).await;
    assert_eq!(again["result_documents"][0]["sha256"], sha.as_str());

    // The seal was signed when the head signed off, with the registry's data of that day.
    let qr = &kandas_documents::inspect::qr_codes(&second).unwrap()[0];
    let keys = crate::seal::published_keys(app).await;
    let claims = kandas_seal::verify_text(&keys, qr).unwrap().claims;
    assert_eq!(claims.signed_at, signed_off);
    assert_eq!(claims.name_latin, "SERIKBAYEV YERLAN");
    assert_eq!(audited(app, "application.download-result").await, 2);
}

/// A case decided before result documents were kept: written without them, as then.
async fn decided_without_documents(app: &TestApp) -> (String, String) {
    let (token, id) = submit_assignment(app).await;
    let store = &app.service().store;
    let case_id = kandas_domain::ids::ApplicationId::parse(&id).unwrap();
    let case = store.application(&case_id).await.unwrap().unwrap();
    let decided_at = app.service().now();
    let grounds = app
        .service()
        .grounds
        .select(
            case.kind,
            &[kandas_domain::grounds::GroundCode::parse("was-citizen").unwrap()],
        )
        .unwrap();
    let officer = kandas_domain::ids::UserId::from_random([9; 16]);
    let decision = kandas_domain::application::status::Decision {
        decided_at,
        decided_by: officer.clone(),
        outcome: kandas_domain::application::status::Outcome::Refused {
            grounds,
            comment: "Состоял в гражданстве.".into(),
        },
        signed_off: Some(kandas_domain::application::review::Check {
            at: decided_at + SignedDuration::from_hours(26),
            by: officer,
        }),
    };
    let status = kandas_domain::application::Status::Decided {
        registration: case.status.registration().unwrap().clone(),
        decision,
        review: Default::default(),
    };
    let audit = kandas_app::ports::store::AuditRecord {
        at: decided_at,
        actor: None,
        actor_iin: None,
        role: None,
        subject: Some(case.applicant.clone()),
        application: Some(case_id.clone()),
        action: kandas_domain::audit::AuditAction::ApplicationDecide,
        request_id: "legacy".to_owned(),
        details: Value::Null,
    };
    let change = StatusChange {
        application: case_id,
        expected_version: case.version,
        status,
        at: decided_at,
        audit,
        jobs: Vec::new(),
        certificate: None,
        evidence: None,
        spends_code: None,
        results: Vec::new(),
        idempotency: None,
    };
    store.change_status(&change).await.unwrap();
    (token, id)
}

async fn a_case_decided_before_is_rendered_once_as_of_its_decision(app: &TestApp) {
    let (_, id) = decided_without_documents(app).await;
    app.clock.advance(SignedDuration::from_hours(24 * 5));
    let token = app.sign_in(APPLICANT).await;
    let v = view(app, &token, &id).await;
    assert_eq!(v["result_documents"][0]["kind"], "refusal_decision");
    assert!(v["result_documents"][0]["sha256"].is_null(), "{v}");
    let path = format!("/api/v1/applications/{id}/result");
    let (_, first) = pdf(app, &path, &token).await;
    let text = text_of(&first);
    assert!(
        text.contains("24 ноября 2026"),
        "the sign-off's day: {text}"
    );
    assert!(
        !text.contains("28 ноября 2026"),
        "never the download's day: {text}"
    );
    app.clock.advance(SignedDuration::from_hours(24));
    let token = app.sign_in(APPLICANT).await;
    let (_, second) = pdf(app, &path, &token).await;
    assert_eq!(first, second);
    let v = view(app, &token, &id).await;
    assert_eq!(
        v["result_documents"][0]["sha256"],
        sha256_hex(&first).as_str()
    );
}

crate::on_both_backends!(
    a_certificate_is_the_same_file_a_day_later,
    frozen_certificate_sqlite,
    frozen_certificate_postgres
);
crate::on_both_backends!(
    a_case_decided_before_is_rendered_once_as_of_its_decision,
    legacy_result_sqlite,
    legacy_result_postgres
);
