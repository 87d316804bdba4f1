//! Certificates anyone can verify: an assignment decided through the API is printed at the
//! desk; the QR code read from the rendered page verifies offline against the keys the service
//! publishes, a changed byte or a stranger's key fails, and the check code printed on the
//! certificate opens the public check.

use axum::http::StatusCode;
use kandas_seal::{CodeKey, KeySet, Seal, SealKey, VerifyError, link, parse_sealed, verify_text};
use kandas_testkit::{PUBLIC_URL, TestApp};
use serde_json::{Value, json};

use crate::support::{PDF, Part, call, review_and_decide, upload_to};

const APPLICANT: &str = "900101300811";
/// An officer of leb-astana, who takes the papers at the body's own desk and decides.
const OFFICER: &str = "850302400014";

/// An assignment taken at the officer's desk, accepted on a paper signature, reviewed and
/// decided; answers the case's API path and the certificate number.
async fn decided_assignment(app: &TestApp, officer: &str) -> (String, String) {
    let body = json!({ "iin": APPLICANT, "kind": "assignment" });
    let (status, created) = call(
        app,
        "POST",
        "/api/v1/desk/applications",
        Some(body),
        officer,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/desk/applications/{id}");
    let form = json!({ "region": "astana", "country_of_origin": "CHN", "education": "higher",
        "address": "г. Астана, ул. Кенесары, 1", "members": [] });
    let body = json!({ "version": created["version"], "form": form });
    let (status, saved) = call(app, "PUT", &format!("{path}/form"), Some(body), officer).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let mut version = saved["version"].as_i64().unwrap();
    for document_type in ["personal_history", "nationality_proof"] {
        let part = Part {
            document_type,
            member: None,
            file_name: "scan.pdf",
            bytes: PDF,
        };
        let (status, json) =
            upload_to(app, officer, &format!("{path}/attachments"), version, part).await;
        assert_eq!(status, StatusCode::CREATED, "{document_type}: {json}");
        version = json["version"].as_i64().unwrap();
    }
    let line = |document: &str, returned: bool| {
        json!({ "document": document, "member": null, "original_shown": true, "copy_taken": true,
                "translation": false, "expired": false, "original_returned": returned })
    };
    let custody = json!({ "version": version, "lines": [
        line("personal_history", false), line("nationality_proof", true) ] });
    let (status, saved) = call(
        app,
        "PUT",
        &format!("{path}/custody"),
        Some(custody),
        officer,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let body = json!({ "paper_signature": true, "version": saved["version"] });
    let (status, accepted) =
        call(app, "POST", &format!("{path}/accept"), Some(body), officer).await;
    assert_eq!(status, StatusCode::OK, "{accepted}");

    // The rules in force: completeness, commission, the decision and the head's sign-off.
    let decision = json!({ "outcome": "assign", "grounds": [], "comment": "" });
    let decided = review_and_decide(app, &id, decision).await;
    assert_eq!(decided["status"], "assigned", "{decided}");
    let certificate = decided["result"]["certificate"].as_str();
    let certificate = certificate
        .unwrap_or_else(|| panic!("{decided}"))
        .to_owned();
    (path, certificate)
}

/// The desk's print of the result.
async fn printed(app: &TestApp, path: &str, token: &str) -> Vec<u8> {
    let request = axum::http::Request::builder()
        .uri(format!("{path}/result"))
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, _, bytes) = app.send(request).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    bytes
}

/// The published keys, as a verifier downloads them.
pub(crate) async fn published_keys(app: &TestApp) -> KeySet {
    let request = axum::http::Request::builder()
        .uri("/.well-known/kandas-seal-keys.json")
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, headers, body) = app.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["access-control-allow-origin"], "*");
    let json: Value = serde_json::from_slice(&body).unwrap();
    let key = &json["keys"][0];
    assert_eq!(
        (&key["kty"], &key["crv"], &key["use"]),
        (&json!("OKP"), &json!("Ed25519"), &json!("sig"))
    );
    assert!(key["x"].is_string() && key["kid"].is_string() && key["not_before"].is_string());
    KeySet::from_json(&String::from_utf8(body).unwrap()).unwrap()
}

/// The ten digits printed as `12345 67890` in the PDF's text.
pub(crate) fn printed_code(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(11)
        .find(|w| {
            w[5] == ' '
                && w.iter()
                    .enumerate()
                    .all(|(i, c)| i == 5 || c.is_ascii_digit())
        })
        .map(|w| w.iter().collect())
        .unwrap_or_else(|| panic!("no check code in:\n{text}"))
}

async fn a_printed_certificate_verifies_offline_and_by_its_code(app: &TestApp) {
    let officer = app.sign_in(OFFICER).await;
    let (path, number) = decided_assignment(app, &officer).await;
    let pdf = printed(app, &path, &officer).await;

    // The QR code, read from the rendered page, opens the live page and carries the seal.
    let codes = kandas_documents::inspect::qr_codes(&pdf).unwrap();
    assert_eq!(codes.len(), 1, "{codes:?}");
    let qr = &codes[0];
    assert!(
        qr.starts_with(&format!("{PUBLIC_URL}/verify/{number}#")),
        "{qr}"
    );

    // It verifies offline with the keys fetched from /.well-known.
    let keys = published_keys(app).await;
    let verified = verify_text(&keys, qr).unwrap();
    assert_eq!(verified.kid, keys.active().unwrap().kid);
    let claims = &verified.claims;
    assert_eq!(claims.number, number);
    assert_eq!(claims.name_latin, "SERIKBAYEV YERLAN");
    assert_eq!(claims.birth_date.to_string(), "1990-01-01");
    assert_eq!(claims.issuer, "leb-astana");
    assert!(!claims.extended);
    assert_eq!(claims.signed_at, app.service().now());
    let (status, _, public) = app
        .request("GET", &format!("/api/v1/certificates/{number}"), None, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{public}");
    assert_eq!(public["valid_until"], claims.valid_until.to_string());

    // One changed byte of the payload fails; so does a key the service never published.
    let sealed = parse_sealed(qr).unwrap().bytes;
    let at = sealed
        .windows(number.len())
        .position(|w| w == number.as_bytes())
        .unwrap();
    let mut changed = sealed.clone();
    changed[at + number.len() - 1] ^= 0x01;
    let forged = link(PUBLIC_URL, &number, &changed);
    assert_eq!(verify_text(&keys, &forged), Err(VerifyError::BadSignature));
    let stranger = SealKey::from_seed([42; 32]);
    let stranger_keys = KeySet::first(&stranger, "2000-01-01T00:00:00Z".parse().unwrap());
    let stranger = Seal::new(stranger, stranger_keys, CodeKey::from_bytes([0; 32])).unwrap();
    let foreign = link(PUBLIC_URL, &number, &stranger.sign(claims).unwrap());
    assert!(matches!(
        verify_text(&keys, &foreign),
        Err(VerifyError::UnknownKey(_))
    ));

    // The check code printed on the certificate opens the public check, with or without its
    // space; a wrong code is as unknown as a wrong number.
    let text = kandas_documents::inspect::text(&pdf).unwrap();
    assert!(
        text.contains("Код проверки") && text.contains("Тексеру коды"),
        "{text}"
    );
    let code = printed_code(&text);
    for given in [code.replace(' ', "%20"), code.replace(' ', "")] {
        let uri = format!("/api/v1/certificates/{number}?code={given}");
        let (status, _, json) = app.request("GET", &uri, None, None).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        assert_eq!(json, public);
    }
    let digits: String = code.replace(' ', "");
    let last = digits.as_bytes()[9];
    let wrong = format!("{}{}", &digits[..9], if last == b'0' { '1' } else { '0' });
    for uri in [
        format!("/api/v1/certificates/{number}?code={wrong}"),
        format!("/api/v1/certificates/{number}?code="),
        format!("/api/v1/certificates/KC-2026-999999?code={digits}"),
    ] {
        let (status, _, _) = app.request("GET", &uri, None, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
    }
}

crate::on_both_backends!(
    a_printed_certificate_verifies_offline_and_by_its_code,
    seal_sqlite,
    seal_postgres
);

#[test]
fn every_seal_failure_is_translated() {
    for code in VerifyError::CODES {
        assert!(kandas_i18n::exists_everywhere(code), "{code}");
    }
}
