//! Due process that no one can bend, through the API: the separation of duties (the head who
//! proposed cannot sign off; nobody acts on a case of their own family, at the desk or in the
//! back office), a hearing nobody attended still counts, an extension judged on the day it was
//! received and refused when the status is not active, and a refusal to accept that may name only
//! what the applicant had to provide, within its term.

use axum::http::StatusCode;
use kandas_app::ports::store::AuditQuery;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::decisions::submit_extension;
use crate::support::{
    HEAD, OFFICER, attach_required, attend_hearing, draft_with, form, hearing_time, review,
    second_head, sign_by_sms, sign_off, submit_assignment, view,
};

const APPLICANT: &str = "900101300811";
const OPERATOR: &str = "881115300022";

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let (status, _, json) = app.request("POST", path, Some(body), Some(token)).await;
    (status, json)
}

fn staff(id: &str, step: &str) -> String {
    format!("/api/v1/staff/applications/{id}/{step}")
}

async fn version(app: &TestApp, token: &str, id: &str) -> Value {
    let path = format!("/api/v1/staff/applications/{id}");
    let (status, _, case) = app.request("GET", &path, None, Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    case["version"].clone()
}

/// The audit rows of `action` about application `id` (or any, when `id` is empty).
async fn audited(app: &TestApp, action: &str, id: &str) -> Vec<Value> {
    let query = AuditQuery {
        limit: 10_000,
        ..AuditQuery::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    trail
        .iter()
        .filter(|r| r.action.code() == action)
        .filter(|r| id.is_empty() || r.application.as_ref().is_some_and(|a| a.as_str() == id))
        .map(|r| r.details.clone())
        .collect()
}

/// The head proposes a decision himself: he cannot also sign it off; another head can.
async fn the_head_who_proposed_does_not_sign_off(app: &TestApp) {
    let (_, id) = submit_assignment(app).await;
    let (_, _) = review(app, &id, &json!({ "outcome": "assign" })).await;
    let head = app.sign_in(HEAD).await;
    let body = json!({ "outcome": "assign", "version": version(app, &head, &id).await });
    let (status, proposed) = post(app, &head, &staff(&id, "decision"), body).await;
    assert_eq!(status, StatusCode::OK, "{proposed}");
    let body = json!({ "version": proposed["version"] });
    let (status, json) = post(app, &head, &staff(&id, "sign-off"), body.clone()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "duty.same-official");
    let refused = audited(app, "duty.refused", &id).await;
    assert_eq!(refused[0]["rule"], "sign_off_by_another", "{refused:?}");
    let deputy = second_head(app).await;
    let (status, decided) = post(app, &deputy, &staff(&id, "sign-off"), body).await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert_eq!(decided["status"], "assigned");
}

/// The officer's own spouse applies: the officer cannot act on the case (403, audited), the
/// head can; at the desk, the operator cannot take in his own application.
async fn nobody_acts_on_their_own_family_case(app: &TestApp) {
    let mut family = form();
    family["members"][0]["iin"] = json!(OFFICER);
    let (token, id, draft) = draft_with(app, APPLICANT, family).await;
    attach_required(app, &token, &id, draft).await;
    sign_by_sms(app, &token, &id, APPLICANT).await;

    let officer = app.sign_in(OFFICER).await;
    let v = version(app, &officer, &id).await;
    let body = json!({ "complete": true, "version": v });
    let (status, json) = post(app, &officer, &staff(&id, "completeness"), body.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    assert_eq!(json["error"]["code"], "duty.own-case");
    assert!(!json["error"]["message"].as_str().unwrap().is_empty());
    let decide = json!({ "outcome": "assign", "version": v });
    let (status, json) = post(app, &officer, &staff(&id, "decision"), decide).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    let refused = audited(app, "duty.refused", &id).await;
    assert_eq!(refused.len(), 2, "each refusal is audited: {refused:?}");
    assert_eq!(refused[0]["rule"], "no_own_cases");
    let head = app.sign_in(HEAD).await;
    let (status, json) = post(app, &head, &staff(&id, "completeness"), body).await;
    assert_eq!(status, StatusCode::OK, "another official acts: {json}");

    let operator = app.sign_in(OPERATOR).await;
    let own = json!({ "iin": OPERATOR, "kind": "assignment" });
    let (status, json) = post(app, &operator, "/api/v1/desk/applications", own).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    assert_eq!(json["error"]["code"], "duty.own-case");
    assert_eq!(audited(app, "duty.refused", "").await.len(), 3);
}

/// The applicant did not come: the hearing is recorded so, and the refusal it announced can
/// follow; one it did not announce cannot.
async fn a_hearing_nobody_attended_counts(app: &TestApp) {
    let (token, id) = submit_assignment(app).await;
    let refuse = json!({ "outcome": "refuse", "grounds": ["not-kazakh-nationality"],
        "comment": "Национальность не подтверждена." });
    let officer = app.sign_in(OFFICER).await;
    let v = version(app, &officer, &id).await;
    let case = post(
        app,
        &officer,
        &staff(&id, "completeness"),
        json!({ "complete": true, "version": v }),
    )
    .await
    .1;
    let members = case["form"]["members"].as_array().unwrap().clone();
    let mut recommendations =
        vec![json!({ "recommendation": "refuse", "reason": "нет документов" })];
    recommendations.extend(
        members
            .iter()
            .map(|m| json!({ "member": m["id"], "recommendation": "assign" })),
    );
    let protocol = json!({ "protocol_number": "П-3", "members": ["Сейтқазиева Ақбөпе"],
        "recommendations": recommendations, "video_reference": "archive://leb-astana/3",
        "video_sha256": "cd".repeat(32), "version": case["version"] });
    let case = post(app, &officer, &staff(&id, "commission"), protocol)
        .await
        .1;
    let body = json!({ "at": hearing_time(app), "place": "г. Астана, каб. 5",
        "planned": [{ "grounds": ["not-kazakh-nationality"] }], "version": case["version"] });
    let (status, case) = post(app, &officer, &staff(&id, "hearing"), body).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    // The applicant was told whose refusal is planned, on which grounds, when and where.
    app.drain().await;
    let (_, _, notes) = app
        .request("GET", "/api/v1/notifications", None, Some(&token))
        .await;
    let hearing = notes
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["notice"]["notice"] == "hearing_scheduled")
        .unwrap_or_else(|| panic!("{notes}"))
        .clone();
    assert_eq!(
        hearing["notice"]["refusals"][0]["grounds"][0],
        "not-kazakh-nationality"
    );
    let text = kandas_i18n::notice_text(
        "ru",
        &serde_json::from_value(hearing["notice"].clone()).unwrap(),
    );
    assert!(
        text.contains("вам (основания: Заявитель не является этническим казахом)"),
        "{text}"
    );
    assert!(
        text.contains("до 27 ноября 2026 г."),
        "the term stood still a day: {text}"
    );
    assert!(text.contains("каб. 5") && text.contains("лично"), "{text}");
    attend_hearing(app);
    let officer = app.sign_in(OFFICER).await;
    let body = json!({ "appeared": false, "version": case["version"] });
    let (status, case) = post(app, &officer, &staff(&id, "hearing/record"), body).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    assert_eq!(
        case["review"]["hearing"]["record"]["appeared"], false,
        "{case}"
    );
    // A refusal on a ground the hearing did not announce is refused.
    let other = json!({ "outcome": "refuse", "grounds": ["unreliable-documents"],
        "comment": "Документы недостоверны.", "version": case["version"] });
    let (status, json) = post(app, &officer, &staff(&id, "decision"), other).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "review.refusal-not-heard");
    let mut body = refuse;
    body["version"] = case["version"].clone();
    let (status, proposed) = post(app, &officer, &staff(&id, "decision"), body).await;
    assert_eq!(status, StatusCode::OK, "{proposed}");
    assert_eq!(
        sign_off(app, &id, &proposed["version"]).await["status"],
        "refused"
    );
}

/// Received on the certificate's last valid day (23 December 2026), decided two working days
/// later: the validity is judged on the day received, so it is extended, for the months chosen.
async fn an_extension_filed_in_time_is_decided_after_expiry(app: &TestApp) {
    app.clock.set("2026-12-23T05:00:00Z".parse().unwrap());
    let (token, id) = submit_extension(app).await;
    app.clock.set("2026-12-25T05:00:00Z".parse().unwrap());
    let (officer, v) = review(app, &id, &json!({ "outcome": "extend" })).await;
    for months in [0, 7] {
        let body = json!({ "outcome": "extend", "extension_months": months, "version": v });
        let (status, json) = post(app, &officer, &staff(&id, "decision"), body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{months}: {json}");
        assert_eq!(json["error"]["code"], "decision.extension-months");
    }
    let body = json!({ "outcome": "extend", "extension_months": 3, "version": v });
    let (status, proposed) = post(app, &officer, &staff(&id, "decision"), body).await;
    assert_eq!(status, StatusCode::OK, "{proposed}");
    let decided = sign_off(app, &id, &proposed["version"]).await;
    assert_eq!(decided["status"], "extended", "{decided}");
    let own = view(app, &token, &id).await;
    assert_eq!(own["result"]["valid_until"], "2027-03-23", "{own}");
}

/// The holder became a citizen: the ending is recorded and confirmed, and the extension filed
/// afterwards cannot be granted; it is refused with "the status is not active" after a hearing.
async fn an_extension_of_a_terminated_status_is_refused(app: &TestApp) {
    let number = "KC-2025-900001";
    let officer = app.sign_in(OFFICER).await;
    let end = format!("/api/v1/staff/certificates/{number}/end");
    let body = json!({ "ending": "terminated", "reason": "Указ № 77 от 20.11.2026" });
    assert_eq!(post(app, &officer, &end, body).await.0, StatusCode::OK);
    let head = app.sign_in(HEAD).await;
    let (status, json) = post(app, &head, &format!("{end}/confirm"), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{json}");

    let (_, id) = submit_extension(app).await;
    let refuse = json!({ "outcome": "refuse", "grounds": ["status-not-active"],
        "comment": "Статус прекращён: заявитель принят в гражданство." });
    let officer = app.sign_in(OFFICER).await;
    let v = version(app, &officer, &id).await;
    let body = json!({ "complete": true, "version": v });
    let case = post(app, &officer, &staff(&id, "completeness"), body)
        .await
        .1;
    let extend = json!({ "outcome": "extend", "version": case["version"] });
    let (status, json) = post(app, &officer, &staff(&id, "decision"), extend).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "extension.not-active");
    let (officer, v) = {
        let body = json!({ "at": hearing_time(app), "place": "г. Астана, каб. 5",
            "planned": [{ "grounds": ["status-not-active"] }], "version": case["version"] });
        let case = post(app, &officer, &staff(&id, "hearing"), body).await.1;
        attend_hearing(app);
        let officer = app.sign_in(OFFICER).await;
        let body = json!({ "statement": "Заявитель подтверждает гражданство.", "version": case["version"] });
        let case = post(app, &officer, &staff(&id, "hearing/record"), body)
            .await
            .1;
        (officer, case["version"].clone())
    };
    let mut body = refuse;
    body["version"] = v;
    let (status, proposed) = post(app, &officer, &staff(&id, "decision"), body).await;
    assert_eq!(status, StatusCode::OK, "{proposed}");
    let decided = sign_off(app, &id, &proposed["version"]).await;
    assert_eq!(decided["status"], "refused");
    assert_eq!(decided["result"]["grounds"][0]["code"], "status-not-active");
}

/// The completeness check may refuse to accept only what the applicant had to provide, and
/// only within its term (one working day after acceptance).
async fn a_refusal_to_accept_names_only_what_was_asked_for(app: &TestApp) {
    let (_, id) = submit_assignment(app).await;
    let officer = app.sign_in(OFFICER).await;
    let v = version(app, &officer, &id).await;
    // The applicant's identity document comes from the population registry.
    let held = json!([{ "document": "identity_document", "shortfall": "not_presented" }]);
    let body = json!({ "missing": held, "version": v });
    let (status, json) = post(app, &officer, &staff(&id, "completeness"), body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "review.registry-held");
    let unasked = json!([{ "document": "consent_decision", "shortfall": "not_presented" }]);
    let body = json!({ "missing": unasked, "version": v });
    let (status, json) = post(app, &officer, &staff(&id, "completeness"), body).await;
    assert_eq!(
        json["error"]["code"], "review.not-in-checklist",
        "{status} {json}"
    );
    // Registered Monday 23 November: the check is due Tuesday; on Wednesday it is too late.
    app.clock.set("2026-11-25T05:00:00Z".parse().unwrap());
    let missing = json!([{ "document": "nationality_proof", "shortfall": "expired" }]);
    let body = json!({ "missing": missing, "version": v });
    let (status, json) = post(app, &officer, &staff(&id, "completeness"), body).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "review.completeness-term-passed");
    let body = json!({ "complete": true, "version": v });
    let (status, json) = post(app, &officer, &staff(&id, "completeness"), body).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a late acceptance is still one: {json}"
    );
}

crate::on_both_backends!(
    the_head_who_proposed_does_not_sign_off,
    same_head_sqlite,
    same_head_postgres
);
crate::on_both_backends!(
    nobody_acts_on_their_own_family_case,
    own_case_sqlite,
    own_case_postgres
);
crate::on_both_backends!(
    a_hearing_nobody_attended_counts,
    no_show_sqlite,
    no_show_postgres
);
crate::on_both_backends!(
    an_extension_filed_in_time_is_decided_after_expiry,
    extension_in_time_sqlite,
    extension_in_time_postgres
);
crate::on_both_backends!(
    an_extension_of_a_terminated_status_is_refused,
    extension_not_active_sqlite,
    extension_not_active_postgres
);
crate::on_both_backends!(
    a_refusal_to_accept_names_only_what_was_asked_for,
    intake_refusal_sqlite,
    intake_refusal_postgres
);
