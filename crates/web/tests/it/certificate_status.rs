//! The live status of a certificate on the public check: valid before expiry, expired after,
//! terminated once the population registry records the holder's citizenship of Kazakhstan.

use axum::http::StatusCode;
use jiff::SignedDuration;
use kandas_store::RegistryImport;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::support::{HEAD, review_and_decide, second_head, submit_assignment};

async fn status_of(app: &TestApp, number: &str) -> String {
    let path = format!("/api/v1/certificates/{number}");
    let (status, _, json) = app.request("GET", &path, None, None).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    json["status"].as_str().unwrap().to_owned()
}

async fn valid_expired_terminated(app: &TestApp) {
    let (token, id) = submit_assignment(app).await;
    let decided = review_and_decide(app, &id, json!({ "outcome": "assign" })).await;
    let number = decided["result"]["certificate"]
        .as_str()
        .unwrap()
        .to_owned();
    // The applicant downloads the certificate from the history.
    let request = axum::http::Request::builder()
        .uri(format!("/api/v1/applications/{id}/result"))
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, headers, pdf) = app.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    let text = kandas_documents::inspect::text(&pdf).unwrap();
    assert!(text.contains(&number), "{text}");
    // Without a camera: the number and the 10-digit code printed on it open the check.
    let code = crate::seal::printed_code(&text).replace(' ', "");
    let page = |code: &str| {
        axum::http::Request::builder()
            .uri(format!("/check?number={number}&code={code}&lang=en"))
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let (status, _, html) = app.send(page(&code)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(html).unwrap().contains(&number));
    let wrong = if code.starts_with('0') {
        "1111111111"
    } else {
        "0000000000"
    };
    let (status, _, html) = app.send(page(wrong)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        String::from_utf8(html)
            .unwrap()
            .contains("No certificate with this number and code")
    );
    // An extension starts from the certificate's case: nothing is asked for again.
    let body = json!({ "kind": "extension" });
    let (status, _, draft) = app
        .request("POST", "/api/v1/applications", Some(body), Some(&token))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    let form = &draft["form"];
    assert_eq!(form["country_of_origin"], "CHN", "{draft}");
    assert_eq!(form["region"], "astana", "{draft}");
    assert_eq!(form["address"], "г. Астана, ул. Кенесары, 1", "{draft}");
    assert_eq!(form["members"].as_array().unwrap().len(), 2, "{draft}");
    let until: jiff::civil::Date = decided["result"]["valid_until"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(status_of(app, &number).await, "valid");

    let start = app.service().now();
    // Noon in Almaty (UTC+5) on the last day, then on the day after.
    let last_day: jiff::Timestamp = format!("{until}T07:00:00Z").parse().unwrap();
    app.clock.set(last_day);
    assert_eq!(
        status_of(app, &number).await,
        "valid",
        "the last day still counts"
    );
    app.clock.set(last_day + SignedDuration::from_hours(24));
    assert_eq!(status_of(app, &number).await, "expired");

    app.clock.set(start);
    let registry = include_str!("../../../store/demo/registry.json");
    let mut extract: serde_json::Value = serde_json::from_str(registry).unwrap();
    let persons = extract["persons"].as_array_mut().unwrap();
    persons.retain(|p| p["iin"] == "900101300811");
    persons[0]["citizenship"] = json!("KAZ");
    let extract = json!({ "persons": persons });
    let import: RegistryImport = serde_json::from_value(extract).unwrap();
    app.store.import_registry(&import).await.unwrap();
    assert_eq!(status_of(app, &number).await, "terminated");
    // Every check was counted.
    let number_parsed = kandas_domain::numbers::CertificateNumber::parse(&number).unwrap();
    let today = kandas_domain::deadline::almaty_date(app.service().now());
    let checks = {
        use kandas_app::ports::store::DeadlineStore;
        app.store
            .count_certificate_check(&number_parsed, today)
            .await
            .unwrap()
            - 1
    };
    assert!(checks >= 2, "{checks}");
    let request = axum::http::Request::builder()
        .uri(format!("/certificates/{number}?lang=en"))
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, _, page) = app.send(request).await;
    assert_eq!(status, StatusCode::OK);
    let html = String::from_utf8(page).unwrap();
    assert!(html.contains("Terminated"), "{html}");
}

crate::on_both_backends!(
    valid_expired_terminated,
    certificate_status_sqlite,
    certificate_status_postgres
);

/// The public check is rate-limited per client address: the 61st check in a minute waits.
async fn public_checks_are_rate_limited(app: &TestApp) {
    let path = "/api/v1/certificates/KC-2026-999999";
    for _ in 0..60 {
        let (status, _, _) = app.request("GET", path, None, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let request = axum::http::Request::builder()
        .uri(path)
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, headers, body) = app.send(request).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.contains_key("retry-after"));
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["error"]["code"], "request.too-many");
}

crate::on_both_backends!(
    public_checks_are_rate_limited,
    rate_limit_sqlite,
    rate_limit_postgres
);

async fn post(app: &TestApp, path: &str, body: Option<Value>, token: &str) -> (StatusCode, Value) {
    let (status, _, json) = app.request("POST", path, body, Some(token)).await;
    (status, json)
}

/// An officer of the issuing office records the citizenship before the registry knows of it: not
/// in effect until a head, another official, confirms it; a head annuls it with a reason.
async fn an_officer_records_the_end_of_a_status(app: &TestApp) {
    let (_, id) = submit_assignment(app).await;
    let decided = review_and_decide(app, &id, json!({ "outcome": "assign" })).await;
    let number = decided["result"]["certificate"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/staff/certificates/{number}/end");
    let officer = app.sign_in("850302400014").await;
    let blank = json!({ "ending": "terminated", "reason": " " });
    let (status, json) = post(app, &path, Some(blank), &officer).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "certificate.reason");
    let applicant = app.sign_in("900101300811").await;
    let body = json!({ "ending": "terminated",
                       "reason": "Указ о приёме в гражданство № 123 от 20.11.2026" });
    let (status, _) = post(app, &path, Some(body.clone()), &applicant).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(status_of(app, &number).await, "valid");

    // One officer's record is not in effect.
    let (status, recorded) = post(app, &path, Some(body.clone()), &officer).await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert_eq!(recorded["state"], "recorded");
    assert_eq!(status_of(app, &number).await, "valid", "not confirmed yet");
    let (status, json) = post(app, &path, Some(body), &officer).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    let confirm = format!("{path}/confirm");
    let (status, json) = post(app, &confirm, None, &officer).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "only a head confirms: {json}"
    );
    // The head confirms: in effect.
    let head = app.sign_in(HEAD).await;
    let (status, confirmed) = post(app, &confirm, None, &head).await;
    assert_eq!(status, StatusCode::OK, "{confirmed}");
    assert_eq!(confirmed["state"], "confirmed");
    assert_eq!(status_of(app, &number).await, "terminated");
    // The head annuls it, with a reason: the certificate stands again.
    let annul = format!("{path}/annul");
    let (status, json) = post(app, &annul, Some(json!({ "reason": "" })), &head).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let why = json!({ "reason": "Указ № 123 касается другого лица" });
    let (status, annulled) = post(app, &annul, Some(why.clone()), &head).await;
    assert_eq!(status, StatusCode::OK, "{annulled}");
    assert_eq!(annulled["state"], "annulled");
    assert_eq!(status_of(app, &number).await, "valid");
    let (status, json) = post(app, &annul, Some(why), &head).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    let (status, _, seen) = app
        .request(
            "GET",
            &format!("/api/v1/staff/certificates/{number}/ending"),
            None,
            Some(&head),
        )
        .await;
    assert_eq!(
        (status, &seen["state"]),
        (StatusCode::OK, &json!("annulled")),
        "{seen}"
    );

    // A head who records an ending cannot confirm it himself; another head can.
    let holder_number = "KC-2025-900001";
    let path = format!("/api/v1/staff/certificates/{holder_number}/end");
    let body = json!({ "ending": "revoked", "reason": "Решение отменено: документы недостоверны" });
    let (status, json) = post(app, &path, Some(body), &head).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let confirm = format!("{path}/confirm");
    let (status, json) = post(app, &confirm, None, &head).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "duty.same-official");
    assert_eq!(status_of(app, holder_number).await, "valid");
    let refused = audit_actions(app, "duty.refused").await;
    assert!(refused >= 1, "the refusal is in the audit trail");
    let deputy = second_head(app).await;
    let (status, json) = post(app, &confirm, None, &deputy).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(status_of(app, holder_number).await, "revoked");
    let body = json!({ "ending": "cancelled", "reason": "x" });
    let (status, json) = post(app, &path, Some(body), &officer).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
}

/// How many audit rows of `action` there are.
async fn audit_actions(app: &TestApp, action: &str) -> usize {
    let query = kandas_app::ports::store::AuditQuery {
        limit: 10_000,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    trail.iter().filter(|r| r.action.code() == action).count()
}

crate::on_both_backends!(
    an_officer_records_the_end_of_a_status,
    officer_termination_sqlite,
    officer_termination_postgres
);
