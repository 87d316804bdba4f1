//! Electronic digital signatures through the API: signing an application with the development
//! PKI's keys (as NCALayer would), the refusals that lose nothing, and signing in by EDS.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use jiff::{SignedDuration, Timestamp};
use kandas_app::AppError;
use kandas_app::ports::Clock;
use kandas_devpki::KeyCert;
use kandas_integrations::eds::PkiVerifier;
use kandas_integrations::{CrlConfig, CrlFetcher};
use kandas_testkit::{StaticCrls, TestApp, dev_pki};
use serde_json::{Value, json};

use crate::support::{attach_required, draft_with_form};

const APPLICANT: &str = "900101300811";

/// The exact bytes the signature must cover.
async fn signing_document(app: &TestApp, token: &str, id: &str) -> Vec<u8> {
    let request = Request::builder()
        .uri(format!("/api/v1/applications/{id}/signing-document"))
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let (status, _, bytes) = app.send(request).await;
    assert_eq!(status, StatusCode::OK);
    bytes
}

/// What NCALayer's `sign` answers: base64 of a detached CMS made now with `key`.
fn cms(app: &TestApp, key: &KeyCert, content: &[u8]) -> String {
    cms_claiming(key, content, app.clock.now())
}

/// A detached CMS whose signingTime says `signing_time`, whatever the time really is.
pub fn cms_claiming(key: &KeyCert, content: &[u8], signing_time: Timestamp) -> String {
    let der = dev_pki()
        .sign_cms(key, content, signing_time, true)
        .unwrap();
    BASE64.encode(der)
}

/// When `key`'s certificate stops being valid.
pub fn not_after(key: &KeyCert) -> Timestamp {
    let end = key.certificate().tbs_certificate().validity().not_after;
    Timestamp::from_second(i64::try_from(end.to_unix_duration().as_secs()).unwrap()).unwrap()
}

/// The error answers `code` with its text in one of the languages.
fn translated(json: &Value, code: &str) {
    assert_eq!(json["error"]["code"], code, "{json}");
    let message = json["error"]["message"].as_str().unwrap_or_default();
    assert!(
        kandas_i18n::LANGUAGES
            .iter()
            .any(|l| kandas_i18n::text(l, code) == message)
            && message != code,
        "{code} is not translated: {json}"
    );
}

async fn sign_eds(app: &TestApp, token: &str, id: &str, cms: String) -> (StatusCode, Value) {
    let path = format!("/api/v1/applications/{id}/sign/eds");
    let (status, _, json) = app
        .request("POST", &path, Some(json!({ "cms": cms })), Some(token))
        .await;
    (status, json)
}

/// Every refusal answers why and leaves the draft as it was; the right key registers it, and
/// the officer sees the validation report.
pub async fn signing(app: &TestApp) {
    let (token, id, version) = draft_with_form(app, APPLICANT).await;
    attach_required(app, &token, &id, version).await;
    let document = signing_document(app, &token, &id).await;
    let pki = dev_pki();
    let me = pki.person(APPLICANT).unwrap();
    let other = pki.person("931002451325").unwrap();
    let refusals = [
        (cms(app, &me.auth, &document), "eds.wrong-key-usage"),
        (cms(app, &other.sign, &document), "eds.iin-mismatch"),
        (cms(app, pki.revoked(), &document), "eds.revoked"),
        (cms(app, pki.expired(), &document), "eds.expired"),
        // The expired key claiming a signingTime from when it was still valid.
        (
            cms_claiming(
                pki.expired(),
                &document,
                not_after(pki.expired()) - SignedDuration::from_hours(1),
            ),
            "eds.expired",
        ),
        (
            cms_claiming(
                &me.sign,
                &document,
                app.clock.now() - SignedDuration::from_hours(2),
            ),
            "eds.signing-time-in-past",
        ),
        (
            cms(app, &me.sign, b"another document"),
            "eds.digest-mismatch",
        ),
        ("bm90IGEgQ01T".to_owned(), "eds.malformed"),
        ("%%%".to_owned(), "eds.malformed"),
    ];
    for (signature, code) in refusals {
        let (status, json) = sign_eds(app, &token, &id, signature).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{code}: {json}");
        translated(&json, code);
    }
    let view = crate::support::view(app, &token, &id).await;
    assert_eq!(view["status"], "draft", "refusals lose nothing");

    let (status, json) = sign_eds(app, &token, &id, cms(app, &me.sign, &document)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["status"], "registered");

    let officer = app.sign_in("850302400014").await;
    let (status, _, case) = app
        .request(
            "GET",
            &format!("/api/v1/staff/applications/{id}"),
            None,
            Some(&officer),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{case}");
    let signature = &case["signature"];
    assert_eq!(signature["method"], "eds", "{case}");
    let report = &signature["detail"]["report"];
    assert_eq!(report["verdict"], "TOTAL_PASSED", "{report}");
    assert_eq!(report["iin"], APPLICANT);
    assert_eq!(report["validity_basis"], "received", "{report}");
    assert_eq!(
        report["validity_time"],
        app.clock.now().to_string(),
        "judged when it was received: {report}"
    );
    assert!(
        report["signer"]["subject"]
            .as_str()
            .unwrap()
            .contains("СЕРІКБАЕВ"),
        "{report}"
    );
    assert!(
        !report["crls"].as_array().unwrap().is_empty(),
        "the CRL that was checked is named"
    );
    assert!(
        signature["detail"]["certificate"].is_string() && signature["detail"]["cms"].is_string()
    );

    // The officer's case page shows the report in the officer's language.
    let request = Request::builder()
        .uri(format!("/staff/applications/{id}?lang=en"))
        .header("authorization", format!("Bearer {officer}"))
        .body(Body::empty())
        .unwrap();
    let (status, _, html) = app.send(request).await;
    let html = String::from_utf8(html).unwrap();
    assert_eq!(status, StatusCode::OK, "{html}");
    for shown in [
        "with an electronic digital signature",
        "Certificate chain",
        "Revocation (CRL/OCSP)",
        "Certificate validity checked at (UTC)",
        "when the signature was received",
        "СЕРІКБАЕВ",
    ] {
        assert!(html.contains(shown), "{shown} is not on the case page");
    }
}

crate::on_both_backends!(signing, signing_on_sqlite, signing_on_postgres);

/// When revocation cannot be checked the submission fails closed: 503 with a reason, the
/// draft stays, and signing by SMS still works.
pub async fn fails_closed(app: &TestApp) {
    let (token, id, version) = draft_with_form(app, APPLICANT).await;
    attach_required(app, &token, &id, version).await;
    let document = signing_document(app, &token, &id).await;
    let mut service = app.service().clone();
    let clock: Arc<dyn Clock> = app.clock.clone();
    let nothing_published = CrlFetcher::new(
        Arc::new(StaticCrls(Default::default())),
        clock.clone(),
        &CrlConfig::default(),
    );
    let trust = dev_pki().trust_store().unwrap();
    let ocsp = kandas_testkit::no_ocsp(clock.clone());
    service.signatures = Arc::new(PkiVerifier::new(
        Arc::new(trust),
        nothing_published,
        ocsp,
        clock,
    ));
    let actor = kandas_app::auth::authenticate(&service, &token, "test")
        .await
        .unwrap()
        .unwrap();
    let signature = cms(app, &dev_pki().person(APPLICANT).unwrap().sign, &document);
    let refused = kandas_app::applicant::sign::confirm_eds(
        &service,
        &actor,
        &kandas_domain::ids::ApplicationId::parse(&id).unwrap(),
        &signature,
    )
    .await;
    assert!(
        matches!(
            refused,
            Err(AppError::SignatureUncheckable(
                kandas_domain::codes::EdsError::RevocationUnavailable
            ))
        ),
        "{refused:?}"
    );
    assert_eq!(
        kandas_web::error::status_of(&refused.unwrap_err()),
        StatusCode::SERVICE_UNAVAILABLE
    );
    let view = crate::support::view(app, &token, &id).await;
    assert_eq!(view["status"], "draft");
    crate::support::sign_by_sms(app, &token, &id, APPLICANT).await;
}

crate::on_both_backends!(
    fails_closed,
    fails_closed_on_sqlite,
    fails_closed_on_postgres
);

async fn nonce(app: &TestApp) -> String {
    let (status, _, json) = app
        .request("GET", "/api/v1/auth/eds/nonce", None, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    json["nonce"].as_str().unwrap().to_owned()
}

async fn sign_in(app: &TestApp, nonce: &str, key: &KeyCert) -> (StatusCode, Value) {
    sign_in_with(app, nonce, cms(app, key, nonce.as_bytes())).await
}

async fn sign_in_with(app: &TestApp, nonce: &str, cms: String) -> (StatusCode, Value) {
    let body = json!({ "nonce": nonce, "cms": cms });
    let (status, _, json) = app
        .request("POST", "/api/v1/auth/eds", Some(body), None)
        .await;
    (status, json)
}

/// Signing in by EDS: the authentication key over a fresh nonce, once; a registry person
/// without an account gets one.
pub async fn sign_in_by_eds(app: &TestApp) {
    let me = dev_pki().person(APPLICANT).unwrap();
    let fresh = nonce(app).await;
    let (status, json) = sign_in(app, &fresh, &me.sign).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "eds.wrong-key-usage", "{json}");
    let (_, json) = sign_in(app, &fresh, &me.auth).await;
    assert_eq!(
        json["error"]["code"], "auth.eds-nonce",
        "the refused try used the nonce up"
    );

    let fresh = nonce(app).await;
    let (status, json) = sign_in(app, &fresh, &me.auth).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["user"]["iin"], APPLICANT);
    let token = json["token"].as_str().unwrap();
    let (status, _, list) = app
        .request("GET", "/api/v1/applications", None, Some(token))
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let (status, json) = sign_in(app, &fresh, &me.auth).await;
    assert_eq!(
        (status, &json["error"]["code"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("auth.eds-nonce"))
    );

    let wife = dev_pki().person("920305400125").unwrap();
    let fresh = nonce(app).await;
    let (status, json) = sign_in(app, &fresh, &wife.auth).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a registry person gets an account: {json}"
    );
    assert_eq!(json["user"]["roles"], json!(["applicant"]));
}

crate::on_both_backends!(
    sign_in_by_eds,
    sign_in_by_eds_on_sqlite,
    sign_in_by_eds_on_postgres
);

/// The attack of issue 10: an authentication certificate that expired at "05:00" signs in at
/// "06:25" with a CMS claiming it was signed the day before. Judged when received, it is
/// refused; so is a fresh key whose signingTime is hours old, and either way no session opens.
pub async fn back_dated_sign_in_is_refused(app: &TestApp) {
    let me = dev_pki().person(APPLICANT).unwrap();
    let fresh = nonce(app).await;
    let hours_ago = app.clock.now() - SignedDuration::from_hours(3);
    let back_dated = cms_claiming(&me.auth, fresh.as_bytes(), hours_ago);
    let (status, json) = sign_in_with(app, &fresh, back_dated).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    translated(&json, "eds.signing-time-in-past");

    let expired_at = not_after(&me.auth);
    app.clock.set(expired_at + SignedDuration::from_mins(85));
    let fresh = nonce(app).await;
    let yesterday = app.clock.now() - SignedDuration::from_hours(24);
    let back_dated = cms_claiming(&me.auth, fresh.as_bytes(), yesterday);
    let (status, json) = sign_in_with(app, &fresh, back_dated).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    translated(&json, "eds.expired");
    assert!(json.get("token").is_none(), "{json}");

    let fresh = nonce(app).await;
    let (status, json) = sign_in(app, &fresh, &me.auth).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    translated(&json, "eds.expired");
}

crate::on_both_backends!(
    back_dated_sign_in_is_refused,
    back_dated_sign_in_is_refused_on_sqlite,
    back_dated_sign_in_is_refused_on_postgres
);
