//! Officers' decisions through the API: extension, refusal, signing integrity, versions.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kandas_app::ports::store::AuditQuery;
use kandas_domain::ids::ApplicationId;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::support::{
    PDF, Part, attach_required, call, draft_with_form, review, review_and_decide, sign_by_sms,
    sign_off, submit_assignment, upload, view,
};

const ASSIGNEE: &str = "900101300811";
const HOLDER: &str = "931002451325";
const OFFICER: &str = "850302400014";

/// Asks for a signing code and answers it.
async fn ask_code(app: &TestApp, token: &str, id: &str, iin: &str) -> String {
    let path = format!("/api/v1/applications/{id}/sign/sms");
    let (status, json) = call(app, "POST", &path, None, token).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{json}");
    app.drain().await;
    app.last_code(iin).await
}

async fn confirm(app: &TestApp, token: &str, id: &str, code: &str) -> (StatusCode, Value) {
    let path = format!("/api/v1/applications/{id}/sign/sms/confirm");
    call(app, "POST", &path, Some(json!({ "code": code })), token).await
}

/// The assignment applicant's draft with the form saved and every document attached.
async fn assignment_draft(app: &TestApp) -> (String, String, i64) {
    let (token, id, version) = draft_with_form(app, ASSIGNEE).await;
    let version = attach_required(app, &token, &id, version).await;
    (token, id, version)
}

/// The certificate holder's extension application, checked while a draft, then registered.
pub async fn submit_extension(app: &TestApp) -> (String, String) {
    let token = app.sign_in(HOLDER).await;
    let body = json!({ "kind": "extension" });
    let (status, created) = call(app, "POST", "/api/v1/applications", Some(body), &token).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let draft = view(app, &token, &id).await;
    assert_eq!(draft["form"]["region"], "astana", "{draft}");
    let checklist = draft["checklist"].as_array().unwrap();
    let previous = checklist
        .iter()
        .find(|i| i["document"] == "previous_certificate")
        .unwrap_or_else(|| panic!("{draft}"));
    assert_eq!(previous["provision"]["by"], "registry", "{draft}");
    assert_eq!(previous["satisfied"], true, "{draft}");
    let form = json!({ "region": "astana", "country_of_origin": "MNG", "education": "higher",
        "address": "г. Астана, ул. Сарыарка, 5", "members": [] });
    let body = json!({ "version": draft["version"], "form": form });
    let path = format!("/api/v1/applications/{id}/form");
    let (status, saved) = call(app, "PUT", &path, Some(body), &token).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    sign_by_sms(app, &token, &id, HOLDER).await;
    (token, id)
}

/// The case's version as the officer sees it.
async fn case_version(app: &TestApp, officer: &str, id: &str) -> i64 {
    let path = format!("/api/v1/staff/applications/{id}");
    let (status, case) = call(app, "GET", &path, None, officer).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    case["version"].as_i64().unwrap()
}

/// Posts a decision, with an `Idempotency-Key` when given.
async fn decide(
    app: &TestApp,
    officer: &str,
    id: &str,
    decision: &Value,
    key: Option<&str>,
) -> (StatusCode, Value) {
    let mut request = Request::builder()
        .method("POST")
        .uri(format!("/api/v1/staff/applications/{id}/decision"))
        .header("authorization", format!("Bearer {officer}"))
        .header("content-type", "application/json");
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    let request = request.body(Body::from(decision.to_string())).unwrap();
    let (status, _, bytes) = app.send(request).await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// How many audit records of `action` the application has.
async fn audited(app: &TestApp, id: &str, action: &str) -> usize {
    let query = AuditQuery {
        subject: None,
        application: Some(ApplicationId::parse(id).unwrap()),
        limit: 200,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    trail.iter().filter(|r| r.action.code() == action).count()
}

/// Extension once for 6 months; a second extension is refused, never granted.
pub async fn extension(app: &TestApp) {
    let (token, id) = submit_extension(app).await;
    let registered = view(app, &token, &id).await;
    assert_eq!(registered["deadline"]["due"], "2026-11-25", "{registered}");

    let extend = json!({ "outcome": "extend" });
    let decided = review_and_decide(app, &id, extend).await;
    assert_eq!(decided["status"], "extended", "{decided}");

    let token = app.sign_in(HOLDER).await;
    let extended = view(app, &token, &id).await;
    assert_eq!(extended["status"], "extended", "{extended}");
    assert_eq!(
        extended["result"]["valid_until"], "2027-06-23",
        "{extended}"
    );
    let path = "/api/v1/certificates/KC-2025-900001";
    let (status, _, public) = app.request("GET", path, None, None).await;
    assert_eq!(status, StatusCode::OK, "{public}");
    assert_eq!(public["status"], "extended", "{public}");
    assert_eq!(public["valid_until"], "2027-06-23", "{public}");

    // A second extension: the applicant is heard on the planned refusal, then refused.
    let (_, again) = submit_extension(app).await;
    let refuse = json!({ "outcome": "refuse", "grounds": ["already-extended"],
        "comment": "Статус уже продлевался." });
    let (officer, version) = review(app, &again, &refuse).await;
    let extend = json!({ "outcome": "extend", "version": version });
    let (status, refused) = decide(app, &officer, &again, &extend, None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    assert_eq!(refused["error"]["code"], "extension.already-extended");
    let mut body = refuse;
    body["version"] = json!(version);
    let (status, proposed) = decide(app, &officer, &again, &body, None).await;
    assert_eq!(status, StatusCode::OK, "{proposed}");
    let decided = sign_off(app, &again, &proposed["version"]).await;
    assert_eq!(decided["status"], "refused", "{decided}");
}

/// A refusal names grounds from the closed list for this kind, and explains them.
pub async fn refusal(app: &TestApp) {
    let (_, id) = submit_assignment(app).await;
    let planned = json!({ "outcome": "refuse", "grounds": ["not-kazakh-nationality"] });
    let (officer, version) = review(app, &id, &planned).await;
    let refuse = |grounds: Value, comment: &str| json!({ "outcome": "refuse", "grounds": grounds, "comment": comment, "version": version });
    for grounds in [
        json!([]),
        json!(["no-such-ground"]),
        json!(["already-extended"]),
        json!(["Not A Code"]),
        json!(["../etc"]),
    ] {
        let body = refuse(grounds.clone(), "Пояснение.");
        let (status, json) = decide(app, &officer, &id, &body, None).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{grounds}: {json}"
        );
        assert_eq!(json["error"]["code"], "decision.grounds", "{grounds}");
    }
    // Every choice is parsed before the case is touched, each with its own code.
    let choices = [
        (
            json!({ "outcome": "dismiss", "version": version }),
            "decision.outcome",
        ),
        (
            json!({ "outcome": "REFUSE", "version": version }),
            "decision.outcome",
        ),
        (
            json!({ "outcome": "assign", "version": version,
                "members": [{ "member": "not-an-id", "grounds": ["was-citizen"] }] }),
            "decision.member",
        ),
        (
            json!({ "outcome": "assign", "version": version,
                "members": [{ "member": "0f8fad5b-d9cb-469f-a165-70867728950e",
                    "grounds": ["was-citizen"] }] }),
            "decision.member",
        ),
    ];
    for (body, code) in choices {
        let (status, json) = decide(app, &officer, &id, &body, None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {json}");
        assert_eq!(json["error"]["code"], code, "{body}");
    }
    let body = refuse(json!(["not-kazakh-nationality"]), "  ");
    let (status, json) = decide(app, &officer, &id, &body, None).await;
    assert_eq!(json["error"]["code"], "decision.no-explanation", "{json}");
    // A missing explanation is bad input (API.md: 400/422), not a conflict.
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let comment = "Документы не подтверждают казахскую национальность.";
    let body = refuse(json!(["not-kazakh-nationality"]), comment);
    let (status, json) = decide(app, &officer, &id, &body, None).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    // Only the head signs off.
    let path = format!("/api/v1/staff/applications/{id}/sign-off");
    let body = json!({ "version": json["version"] });
    let (status, denied) = call(app, "POST", &path, Some(body), &officer).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{denied}");
    sign_off(app, &id, &json["version"]).await;

    let token = app.sign_in(ASSIGNEE).await;
    let refused = view(app, &token, &id).await;
    assert_eq!(refused["status"], "refused", "{refused}");
    let ground = &refused["result"]["grounds"][0];
    assert_eq!(ground["code"], "not-kazakh-nationality", "{refused}");
    assert!(
        ground["legal_basis"]
            .as_str()
            .is_some_and(|b| b.contains("On Population Migration")),
        "{refused}"
    );
    assert_eq!(refused["result"]["comment"], comment, "{refused}");
    app.drain().await;
    let (_, notes) = call(app, "GET", "/api/v1/notifications", None, &token).await;
    assert!(
        notes
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["application"] == id.as_str() && n["notice"]["outcome"] == "refused"),
        "{notes}"
    );
}

/// A code signs the document it was sent for, and only that; a repeated confirmation is harmless.
pub async fn signing_integrity(app: &TestApp) {
    let (token, id, version) = assignment_draft(app).await;
    let code = ask_code(app, &token, &id, ASSIGNEE).await;
    let part = Part {
        document_type: "personal_history",
        member: None,
        file_name: "more.pdf",
        bytes: PDF,
    };
    let (status, json) = upload(app, &token, &id, version, part).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    let (status, json) = confirm(app, &token, &id, &code).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "sign.document-changed");
    assert_eq!(view(app, &token, &id).await["status"], "draft");

    // The "latest" challenge is found by `created_at`; with a frozen clock two would tie.
    app.clock.advance(jiff::SignedDuration::from_secs(30));
    let code = ask_code(app, &token, &id, ASSIGNEE).await;
    let (status, json) = confirm(app, &token, &id, &code).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["status"], "registered");
    let (status, json) = confirm(app, &token, &id, &code).await;
    assert_eq!(status, StatusCode::OK, "repeated confirmation: {json}");
    assert_eq!(json["status"], "registered");
    assert_eq!(audited(app, &id, "application.submit").await, 1);
}

/// A stale version is a conflict; a repeated decision with the same key is decided once.
pub async fn versions(app: &TestApp) {
    let (_, id) = submit_assignment(app).await;
    let officer = app.sign_in(OFFICER).await;
    // Under the rules in force a decision waits for the review.
    let early = json!({ "outcome": "assign", "version": case_version(app, &officer, &id).await });
    let (status, json) = decide(app, &officer, &id, &early, None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "review.review-first");
    let (officer, version) = review(app, &id, &json!({ "outcome": "assign" })).await;
    let assign = |version: i64| json!({ "outcome": "assign", "version": version });
    let (status, json) = decide(app, &officer, &id, &assign(version - 1), None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "request.stale-version");

    let key = Some("decision-key-1");
    for attempt in 1..=2 {
        let (status, json) = decide(app, &officer, &id, &assign(version), key).await;
        assert_eq!(status, StatusCode::OK, "attempt {attempt}: {json}");
        assert_eq!(json["status"], "under_review", "attempt {attempt}: {json}");
        assert!(json["review"]["proposal"].is_object(), "{json}");
    }
    assert_eq!(audited(app, &id, "application.propose").await, 1);
    let decided = sign_off(app, &id, &json!(version + 1)).await;
    assert_eq!(decided["status"], "assigned");
    assert_eq!(audited(app, &id, "application.decide").await, 1);
}

crate::on_both_backends!(extension, extension_on_sqlite, extension_on_postgres);
crate::on_both_backends!(refusal, refusal_on_sqlite, refusal_on_postgres);
crate::on_both_backends!(
    signing_integrity,
    signing_integrity_on_sqlite,
    signing_integrity_on_postgres
);
crate::on_both_backends!(versions, versions_on_sqlite, versions_on_postgres);
