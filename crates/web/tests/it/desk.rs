//! The State Corporation desk through the API: paper intake with custody of the originals,
//! acceptance with a receipt, refusal to accept, an extension with the certificate from the
//! registry, the officer's decision, and the result printed and handed over at the desk.

use axum::http::StatusCode;
use kandas_app::ports::store::AuditQuery;
use kandas_domain::ids::ApplicationId;
use kandas_testkit::{PUBLIC_URL, TestApp};
use serde_json::{Value, json};

use crate::support::{PDF, Part, call, form, review_and_decide, upload_to};

const APPLICANT: &str = "900101300811";
const HOLDER: &str = "931002451325";
const OPERATOR: &str = "881115300022";
const OFFICER: &str = "850302400014";

/// GETs a PDF; answers its bytes.
async fn pdf(app: &TestApp, path: &str, token: &str) -> Vec<u8> {
    let request = axum::http::Request::builder()
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, headers, bytes) = app.send(request).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    bytes
}

fn text_of(pdf: &[u8]) -> String {
    kandas_documents::inspect::text(pdf).unwrap()
}

/// A desk draft for `iin` of `kind`; answers (id, version).
pub(crate) async fn start(app: &TestApp, token: &str, iin: &str, kind: &str) -> (String, i64) {
    let body = json!({ "iin": iin, "kind": kind });
    let (status, created) = call(app, "POST", "/api/v1/desk/applications", Some(body), token).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["channel"], "state_corporation");
    assert_eq!(created["intake_office"], "sc-astana");
    let id = created["id"].as_str().unwrap().to_owned();
    (id, created["version"].as_i64().unwrap())
}

/// The desk draft of the assignment applicant with two family members: form and scans.
pub(crate) async fn assignment_with_scans(app: &TestApp, token: &str) -> (String, i64, String) {
    let (id, version) = start(app, token, APPLICANT, "assignment").await;
    let path = format!("/api/v1/desk/applications/{id}");
    let body = json!({ "version": version, "form": form() });
    let (status, saved) = call(app, "PUT", &format!("{path}/form"), Some(body), token).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let mut version = saved["version"].as_i64().unwrap();
    let child = saved["form"]["members"][1]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for (document_type, member) in [
        ("personal_history", None),
        ("nationality_proof", None),
        ("identity_document", Some(child.as_str())),
    ] {
        let part = Part {
            document_type,
            member,
            file_name: "scan.pdf",
            bytes: PDF,
        };
        let (status, json) =
            upload_to(app, token, &format!("{path}/attachments"), version, part).await;
        assert_eq!(status, StatusCode::CREATED, "{document_type}: {json}");
        version = json["version"].as_i64().unwrap();
    }
    (id, version, child)
}

/// Custody lines: every original shown with a copy and a translation and returned, except the
/// personal history, which is kept; `child_translation` says whether the child's document came
/// with its notarized translation.
pub(crate) fn custody(version: i64, child: &str, child_translation: bool) -> Value {
    let line = |document: &str, member: Option<&str>, translation: bool, returned: bool| {
        json!({ "document": document, "member": member, "original_shown": true, "copy_taken": true,
                "translation": translation, "expired": false, "original_returned": returned })
    };
    json!({ "version": version, "lines": [
        line("personal_history", None, false, false),
        line("identity_document", Some(child), child_translation, true),
        line("nationality_proof", None, false, true),
    ] })
}

/// How many reads (requests) of the case wrote rows of `action`.
pub(crate) async fn audited(app: &TestApp, id: &str, action: &str) -> usize {
    let query = AuditQuery {
        subject: None,
        application: Some(ApplicationId::parse(id).unwrap()),
        limit: 500,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    // One request is one read, whatever number of rows (one per person shown) it wrote.
    let reads: std::collections::BTreeSet<&str> = trail
        .iter()
        .filter(|r| r.action.code() == action)
        .map(|r| r.request_id.as_str())
        .collect();
    reads.len()
}

async fn paper_assignment(app: &TestApp) {
    let token = app.sign_in(OPERATOR).await;
    // A desk looks nobody up without a case of its own; the refusal is audited.
    let lookup = format!("/api/v1/desk/persons/{APPLICANT}");
    let (status, json) = call(app, "GET", &lookup, None, &token).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    assert_eq!(json["error"]["code"], "desk.lookup-without-case");
    let (id, version, child) = assignment_with_scans(app, &token).await;
    let path = format!("/api/v1/desk/applications/{id}");
    // For its case the person is read from the registries, and the read names the case.
    let (status, person) = call(
        app,
        "GET",
        &format!("{lookup}?application={id}"),
        None,
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{person}");
    assert_eq!(person["person"]["source"], "population_registry");
    // So is a family member, whether or not they have a portal account.
    let spouse = format!("/api/v1/desk/persons/920305400125?application={id}");
    let (status, person) = call(app, "GET", &spouse, None, &token).await;
    assert_eq!(status, StatusCode::OK, "{person}");
    assert_eq!(audited(app, &id, "desk.read-person").await, 2);
    // Someone who is not in the case is not read through it.
    let stranger = format!("/api/v1/desk/persons/850302400014?application={id}");
    let (status, json) = call(app, "GET", &stranger, None, &token).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    assert_eq!(json["error"]["code"], "desk.lookup-without-case");
    assert_eq!(audited(app, &id, "access.refused").await, 1);

    // The applicant cannot edit a paper application from the portal.
    let applicant = app.sign_in(APPLICANT).await;
    let body = json!({ "version": version, "form": form() });
    let (status, json) = call(
        app,
        "PUT",
        &format!("/api/v1/applications/{id}/form"),
        Some(body),
        &applicant,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "application.at-desk");

    // The personal history's original is kept, never returned.
    let mut wrong = custody(version, &child, true);
    wrong["lines"][0]["original_returned"] = json!(true);
    let (status, json) = call(app, "PUT", &format!("{path}/custody"), Some(wrong), &token).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "custody.history-kept");

    let (status, saved) = call(
        app,
        "PUT",
        &format!("{path}/custody"),
        Some(custody(version, &child, true)),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let version = saved["version"].as_i64().unwrap();
    let (_, case) = call(app, "GET", &path, None, &token).await;
    assert_eq!(case["shortfalls"], json!([]), "{case}");
    assert_eq!(case["unreturned"], 0);
    let lines = case["custody"]["lines"].as_array().unwrap();
    assert_eq!(
        lines.len(),
        3,
        "the spouse's identity comes from the registry: {case}"
    );
    let kept: Vec<_> = lines
        .iter()
        .filter(|l| l["original_returned"] == false)
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["document"], "personal_history");

    // The applicant confirms by the code sent to their phone; the case goes to the LEB at once.
    let (status, json) = call(app, "POST", &format!("{path}/confirm/sms"), None, &token).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{json}");
    app.drain().await;
    let code = app.last_code(APPLICANT).await;
    let body = json!({ "code": code, "version": version });
    let (status, accepted) = call(app, "POST", &format!("{path}/accept"), Some(body), &token).await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    assert_eq!(accepted["status"], "registered");
    assert_eq!(accepted["registration"]["deadline"]["due"], "2026-11-26");

    let officer = app.sign_in(OFFICER).await;
    let (_, queue) = call(app, "GET", "/api/v1/staff/applications", None, &officer).await;
    let item = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .expect("in the queue");
    assert_eq!(item["channel"], "state_corporation");
    assert_eq!(item["due"], "2026-11-26");

    // The receipt: number, documents, the expected date in Kazakh and Russian, and a QR code
    // that opens the status page.
    let receipt = pdf(app, &format!("{path}/receipt"), &token).await;
    let text = text_of(&receipt);
    let number = accepted["number"].as_str().unwrap();
    for expected in [
        number,
        "Өмірбаян",
        "Автобиография",
        "2026 жылғы 26 қараша",
        "26 ноября 2026",
        "Ерланұлы Алихан",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from the receipt:\n{text}"
        );
    }
    let codes = kandas_documents::inspect::qr_codes(&receipt).unwrap();
    let (_, case) = call(app, "GET", &path, None, &token).await;
    let status_url = case["status_url"].as_str().unwrap();
    assert!(status_url.starts_with(&format!("{PUBLIC_URL}/status/{number}?key=")));
    assert_eq!(codes, vec![status_url.to_owned()]);
    let public =
        status_url
            .trim_start_matches(PUBLIC_URL)
            .replacen("/status/", "/api/v1/status/", 1);
    let (status, _, json) = app.request("GET", &public, None, None).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["status"], "registered");
    assert_eq!(json["due"], "2026-11-26");
    let wrong_key = format!("/api/v1/status/{number}?key=0000");
    let (status, _, _) = app.request("GET", &wrong_key, None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The officer decides; the result waits at the desk where the case was filed.
    let (_, staff_case) = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications/{id}"),
        None,
        &officer,
    )
    .await;
    assert_eq!(staff_case["status"], "registered", "{staff_case}");
    let decided = review_and_decide(app, &id, json!({ "outcome": "assign" })).await;
    let certificate = decided["result"]["certificate"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, ready) = call(
        app,
        "GET",
        "/api/v1/desk/applications?list=ready",
        None,
        &token,
    )
    .await;
    assert!(
        ready
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id.as_str()),
        "{ready}"
    );

    // The operator opens the certificate from the system and prints it, then records the issue.
    let printed = pdf(app, &format!("{path}/result"), &token).await;
    let text = text_of(&printed);
    assert!(text.contains(&certificate), "{text}");
    // What the desk prints is the file stored at the decision: the applicant's download is the
    // same bytes, and so is a reprint a day later.
    let own = pdf(
        app,
        &format!("/api/v1/applications/{id}/result"),
        &applicant,
    )
    .await;
    assert_eq!(own, printed);
    app.clock.advance(jiff::SignedDuration::from_hours(24));
    let (token, applicant) = (app.sign_in(OPERATOR).await, app.sign_in(APPLICANT).await);
    let officer = app.sign_in(OFFICER).await;
    let reprinted = pdf(app, &format!("{path}/result"), &token).await;
    assert_eq!(
        reprinted, printed,
        "a reprint is the document that was decided"
    );
    assert!(
        text.contains("Серікбаева Айгүл"),
        "the spouse is covered: {text}"
    );
    let unchecked = json!({ "recipient_iin": APPLICANT, "recipient_name": "Ерланов Ерлан",
                            "identity_document": "passport N1234567" });
    let (status, json) = call(
        app,
        "POST",
        &format!("{path}/issue"),
        Some(unchecked.clone()),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "desk.identity");
    let mut checked = unchecked;
    checked["identity_checked"] = json!(true);
    let (status, issued) = call(app, "POST", &format!("{path}/issue"), Some(checked), &token).await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    assert_eq!(audited(app, &id, "desk.issue-result").await, 1);
    assert_eq!(audited(app, &id, "desk.open-result").await, 2);
    let (_, ready) = call(
        app,
        "GET",
        "/api/v1/desk/applications?list=ready",
        None,
        &token,
    )
    .await;
    assert!(
        !ready
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id.as_str())
    );
    app.drain().await;
    let (_, notes) = call(app, "GET", "/api/v1/notifications", None, &applicant).await;
    let notices = notes.as_array().unwrap();
    assert!(
        notices
            .iter()
            .any(|n| n["notice"]["notice"] == "result_issued"),
        "{notes}"
    );

    // Another desk (the LEB's own) does not see the State Corporation's case; the try is audited.
    let (status, _) = call(app, "GET", &path, None, &officer).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn refusal_to_accept(app: &TestApp) {
    let token = app.sign_in(OPERATOR).await;
    let (id, version, child) = assignment_with_scans(app, &token).await;
    let path = format!("/api/v1/desk/applications/{id}");
    let body = custody(version, &child, false);
    let (status, saved) = call(app, "PUT", &format!("{path}/custody"), Some(body), &token).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let version = saved["version"].as_i64().unwrap();

    // Not acceptable: the child's identity document has no notarized translation.
    let body = json!({ "paper_signature": true, "version": version });
    let (status, json) = call(app, "POST", &format!("{path}/accept"), Some(body), &token).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let field = format!("documents.identity_document[{child}]");
    assert_eq!(
        json["error"]["fields"][&field]["code"], "custody.no_translation",
        "{json}"
    );

    let (status, refused) = call(
        app,
        "POST",
        &format!("{path}/refuse"),
        Some(json!({ "version": version })),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{refused}");
    assert_eq!(refused["status"], "rejected_at_intake");
    let (_, case) = call(app, "GET", &path, None, &token).await;
    let lines = case["custody"]["lines"].as_array().unwrap();
    assert!(
        lines.iter().all(|l| l["original_returned"] == true),
        "nothing is kept: {case}"
    );

    let receipt_pdf = pdf(app, &format!("{path}/receipt"), &token).await;
    let receipt = text_of(&receipt_pdf);
    for expected in [
        refused["number"].as_str().unwrap(),
        "аударма",
        "перевод",
        "Ерланұлы Алихан",
        "2026 жылғы 23 қараша",
        "23 ноября 2026",
    ] {
        assert!(
            receipt.contains(expected),
            "{expected:?} missing:\n{receipt}"
        );
    }
    // The desk's refusal says how to appeal it: to the State Corporation's head first.
    let squeezed = receipt.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Порядок обжалования",
        "Государственной корпорации, отказавшего в приёме",
        "Иск в суд",
    ] {
        assert!(
            squeezed.contains(expected),
            "{expected:?} missing:\n{squeezed}"
        );
    }
    let codes = kandas_documents::inspect::qr_codes(&receipt_pdf).unwrap();
    assert_eq!(codes, vec![case["status_url"].as_str().unwrap().to_owned()]);
    // Nothing is sent on.
    let officer = app.sign_in(OFFICER).await;
    let (_, queue) = call(app, "GET", "/api/v1/staff/applications", None, &officer).await;
    assert!(
        !queue
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id.as_str())
    );
    // A complete package cannot be refused.
    let (id, version, child) = assignment_with_scans(app, &token).await;
    let path = format!("/api/v1/desk/applications/{id}");
    let (_, saved) = call(
        app,
        "PUT",
        &format!("{path}/custody"),
        Some(custody(version, &child, true)),
        &token,
    )
    .await;
    let body = json!({ "version": saved["version"] });
    let (status, json) = call(app, "POST", &format!("{path}/refuse"), Some(body), &token).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "desk.nothing-missing");
}

async fn extension_at_the_desk(app: &TestApp) {
    let token = app.sign_in(OPERATOR).await;
    let (id, version) = start(app, &token, HOLDER, "extension").await;
    let path = format!("/api/v1/desk/applications/{id}");
    let (_, case) = call(app, "GET", &path, None, &token).await;
    // The previous status is in the register: shown as obtained, never asked for.
    let checklist = case["checklist"].as_array().unwrap();
    assert_eq!(checklist.len(), 1, "{case}");
    assert_eq!(checklist[0]["document"], "previous_certificate");
    assert_eq!(checklist[0]["provision"]["source"], "kandas_register");
    assert_eq!(case["custody"]["lines"], json!([]));
    let form = json!({ "region": "astana", "country_of_origin": "MNG", "education": "higher",
        "address": "г. Астана, ул. Сарыарка, 5", "members": [] });
    let body = json!({ "version": version, "form": form });
    let (status, saved) = call(app, "PUT", &format!("{path}/form"), Some(body), &token).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let body = json!({ "paper_signature": true, "version": saved["version"] });
    let (status, accepted) = call(app, "POST", &format!("{path}/accept"), Some(body), &token).await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    assert_eq!(accepted["status"], "registered");
    let receipt = text_of(&pdf(app, &format!("{path}/receipt"), &token).await);
    assert!(
        receipt.contains(accepted["number"].as_str().unwrap()),
        "{receipt}"
    );

    let officer = app.sign_in(OFFICER).await;
    let (_, staff_case) = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications/{id}"),
        None,
        &officer,
    )
    .await;
    assert_eq!(staff_case["signature"]["method"], "paper");
    let decided = review_and_decide(app, &id, json!({ "outcome": "extend" })).await;
    assert_eq!(decided["status"], "extended", "{decided}");
    let decision = text_of(&pdf(app, &format!("{path}/result"), &token).await);
    assert!(
        decision.contains(accepted["number"].as_str().unwrap()),
        "{decision}"
    );
}

async fn the_local_executive_bodys_own_desk(app: &TestApp) {
    let officer = app.sign_in(OFFICER).await;
    // A mistyped IIN is refused as such before anything is read.
    let (status, _) = call(
        app,
        "GET",
        "/api/v1/desk/persons/123456789012",
        None,
        &officer,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "an invalid IIN");
    let body = json!({ "iin": HOLDER, "kind": "extension" });
    let (status, created) = call(
        app,
        "POST",
        "/api/v1/desk/applications",
        Some(body),
        &officer,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["channel"], "local_executive_body");
    assert_eq!(created["intake_office"], "leb-astana");
    let id = created["id"].as_str().unwrap();
    let path = format!("/api/v1/desk/applications/{id}");
    let form = json!({ "region": "astana", "country_of_origin": "MNG", "education": "higher",
        "address": "г. Астана, ул. Сарыарка, 5", "members": [] });
    let body = json!({ "version": created["version"], "form": form });
    let (status, saved) = call(app, "PUT", &format!("{path}/form"), Some(body), &officer).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let body = json!({ "paper_signature": true, "version": saved["version"] });
    let (status, accepted) =
        call(app, "POST", &format!("{path}/accept"), Some(body), &officer).await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    let (_, queue) = call(app, "GET", "/api/v1/staff/applications", None, &officer).await;
    let item = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .expect("in the queue");
    assert_eq!(item["channel"], "local_executive_body");
    // Applicants and the State Corporation's operator are not this desk.
    let applicant = app.sign_in(APPLICANT).await;
    let (status, json) = call(app, "GET", "/api/v1/desk/applications", None, &applicant).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    let operator = app.sign_in(OPERATOR).await;
    let (status, _) = call(app, "GET", &path, None, &operator).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

crate::on_both_backends!(
    the_local_executive_bodys_own_desk,
    leb_desk_sqlite,
    leb_desk_postgres
);
crate::on_both_backends!(
    paper_assignment,
    paper_assignment_sqlite,
    paper_assignment_postgres
);
crate::on_both_backends!(
    refusal_to_accept,
    refusal_to_accept_sqlite,
    refusal_to_accept_postgres
);
crate::on_both_backends!(
    extension_at_the_desk,
    extension_at_the_desk_sqlite,
    extension_at_the_desk_postgres
);
