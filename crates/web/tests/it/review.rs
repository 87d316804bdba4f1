//! The decision as the rules run it, through the API: a family reviewed by the completeness
//! check and the commission, a hearing moved once and held, two members assigned and one
//! refused, signed off by the head; a refusal to accept at the completeness check; and an
//! application registered under the 2022 rules that keeps its one-step, 4-day course.

use axum::http::StatusCode;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::support::{
    HEAD, OFFICER, PDF, Part, attach_required, form, sign_by_sms, sign_off, submit_assignment,
    upload, view,
};

const APPLICANT: &str = "900101300811";

async fn post(
    app: &TestApp,
    token: &str,
    id: &str,
    step: &str,
    body: Value,
) -> (StatusCode, Value) {
    let path = format!("/api/v1/staff/applications/{id}/{step}");
    let (status, _, json) = app.request("POST", &path, Some(body), Some(token)).await;
    (status, json)
}

async fn ok(app: &TestApp, token: &str, id: &str, step: &str, body: Value) -> Value {
    let (status, json) = post(app, token, id, step, body).await;
    assert_eq!(status, StatusCode::OK, "{step}: {json}");
    json
}

/// The journey's family with one more child, submitted.
async fn family_of_three(app: &TestApp) -> (String, String) {
    let token = app.sign_in(APPLICANT).await;
    let body = json!({ "kind": "assignment" });
    let (_, _, created) = app
        .request("POST", "/api/v1/applications", Some(body), Some(&token))
        .await;
    let id = created["id"].as_str().unwrap().to_owned();
    let mut family = form();
    family["members"].as_array_mut().unwrap().push(json!({
        "kinship": "child", "surname": "Ерланқызы", "given_name": "Әсел", "surname_latin": "YERLANKYZY",
        "given_name_latin": "ASSEL", "birth_date": "2015-08-12", "citizenship": "CHN",
        "document": { "kind": "birth_certificate", "number": "B1111111", "issued_by": "PRC" } }));
    let body = json!({ "version": created["version"], "form": family });
    let path = format!("/api/v1/applications/{id}/form");
    let (status, _, saved) = app.request("PUT", &path, Some(body), Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let version = attach_required(app, &token, &id, saved["version"].as_i64().unwrap()).await;
    let third = saved["form"]["members"][2]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let part = Part {
        document_type: "identity_document",
        member: Some(&third),
        file_name: "b.pdf",
        bytes: PDF,
    };
    let (status, json) = upload(app, &token, &id, version, part).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    sign_by_sms(app, &token, &id, APPLICANT).await;
    (id, third)
}

async fn family_review(app: &TestApp) {
    let (id, third) = family_of_three(app).await;
    let officer = app.sign_in(OFFICER).await;
    let path = format!("/api/v1/staff/applications/{id}");
    let (_, _, case) = app.request("GET", &path, None, Some(&officer)).await;
    let case = ok(
        app,
        &officer,
        &id,
        "completeness",
        json!({ "complete": true, "version": case["version"] }),
    )
    .await;
    assert_eq!(case["status"], "accepted");
    assert!(case["review"]["completeness"]["at"].is_string(), "{case}");
    // Each step's term: completeness within 1 working day (done today), the commission within
    // 3 from then, the decision by the overall due date.
    let steps = case["deadline"]["steps"].as_array().unwrap();
    let term = |step: &str| steps.iter().find(|s| s["step"] == step).unwrap().clone();
    assert_eq!(term("completeness")["due"], "2026-11-24", "{steps:?}");
    assert_eq!(term("completeness")["done_on"], "2026-11-23");
    assert_eq!(term("commission")["due"], "2026-11-26");
    assert!(term("commission")["done_on"].is_null());
    assert_eq!(term("decision")["due"], "2026-11-26");

    // The protocol must cover every person and carry the video's hash.
    let members: Vec<Value> = case["form"]["members"].as_array().unwrap().clone();
    let mut recommendations = vec![json!({ "recommendation": "assign" })];
    for m in &members {
        let refuse = m["id"] == third.as_str();
        recommendations.push(
            json!({ "member": m["id"], "recommendation": if refuse { "refuse" } else { "assign" },
            "reason": if refuse { "документы о национальности не представлены" } else { "" } }),
        );
    }
    let protocol = |recommendations: Vec<Value>, hash: &str| {
        json!({
        "protocol_number": "П-12", "members": ["Сейтқазиева Ақбөпе", "Жұмабеков Ерлан", "Омарова Дана"],
        "recommendations": recommendations, "video_reference": "archive://leb-astana/2026/12",
        "video_sha256": hash, "version": case["version"] })
    };
    let (status, json) = post(
        app,
        &officer,
        &id,
        "commission",
        protocol(recommendations[..3].to_vec(), &"ab".repeat(32)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "review.incomplete-protocol");
    let case = ok(
        app,
        &officer,
        &id,
        "commission",
        protocol(recommendations, &"AB".repeat(32)),
    )
    .await;
    assert_eq!(case["status"], "under_review");
    assert_eq!(
        case["review"]["commission"]["video"]["sha256"],
        "ab".repeat(32)
    );

    // A refusal is recommended: no decision before the hearing.
    let refuse_third = json!([{ "member": third, "grounds": ["not-kazakh-nationality"],
        "comment": "Национальность не подтверждена документами." }]);
    let decision =
        json!({ "outcome": "assign", "members": refuse_third, "version": case["version"] });
    let (status, json) = post(app, &officer, &id, "decision", decision).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "review.hearing-needed");

    // The hearing: within 2 working days, moved once at the applicant's request, then held.
    let now = app.service().now();
    let planned = json!([{ "member": third, "grounds": ["not-kazakh-nationality"] }]);
    let too_late = now + jiff::SignedDuration::from_hours(24 * 7);
    let body = json!({ "at": too_late, "place": "каб. 5", "planned": planned, "version": case["version"] });
    let (status, json) = post(app, &officer, &id, "hearing", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "review.hearing-date");
    // The notice says whose refusal is planned on which grounds: the commission's one at least.
    let first = now + jiff::SignedDuration::from_hours(25);
    let body = json!({ "at": first, "place": "https://meet.example/kandas", "online": true, "version": case["version"] });
    let (status, json) = post(app, &officer, &id, "hearing", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "review.hearing-planned");
    // Seventy seconds is no notice.
    let soon = now + jiff::SignedDuration::from_secs(70);
    let body = json!({ "at": soon, "place": "https://meet.example/kandas", "online": true,
        "planned": planned, "version": case["version"] });
    let (status, json) = post(app, &officer, &id, "hearing", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "review.hearing-notice");
    let body = json!({ "at": first, "place": "https://meet.example/kandas", "online": true,
        "planned": planned, "version": case["version"] });
    let case = ok(app, &officer, &id, "hearing", body).await;
    assert_eq!(case["status"], "hearing");
    // The term stands still from the notice (Monday) to the hearing (Tuesday): due a day later.
    assert_eq!(case["deadline"]["due"], "2026-11-27", "{case}");
    assert_eq!(
        case["registration"]["deadline"]["suspension"]["working_days"],
        1
    );
    // Not recorded before its time.
    let body = json!({ "statement": "Заявитель возражает.", "version": case["version"] });
    let (status, json) = post(app, &officer, &id, "hearing/record", body).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "review.hearing-not-yet");
    // The applicant asks to move it, with a reason; the officer sees the request.
    let token = app.sign_in(APPLICANT).await;
    let path = format!("/api/v1/applications/{id}/hearing/reschedule");
    let (status, _, json) = app
        .request("POST", &path, Some(json!({ "reason": "" })), Some(&token))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let body = json!({ "reason": "Заявитель болен, справка приложена." });
    let (status, _, asked) = app.request("POST", &path, Some(body), Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{asked}");
    let mut page = crate::pages_journey::sign_in(app, APPLICANT).await;
    let (status, html) = page.get(&format!("/applications/{id}?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Terms of each step") && html.contains("Completeness check"),
        "{html}"
    );
    assert!(
        html.contains("Ask to move the hearing") && html.contains("asked to move"),
        "{html}"
    );
    let officer = app.sign_in(OFFICER).await;
    let staff_path = format!("/api/v1/staff/applications/{id}");
    let (_, _, case) = app.request("GET", &staff_path, None, Some(&officer)).await;
    // The case says what comes next and what its reader may do about it.
    assert_eq!(case["next_step"], "hearing", "{case}");
    assert_eq!(
        case["actions"],
        json!(["record-hearing", "reschedule-hearing"])
    );
    assert_eq!(
        case["review"]["hearing"]["requests"][0]["reason"],
        "Заявитель болен, справка приложена."
    );
    let later = now + jiff::SignedDuration::from_hours(48);
    let body = json!({ "at": later, "place": "г. Астана, каб. 5", "online": false,
        "reason": "Заявитель болен, справка приложена.", "version": case["version"] });
    let case = ok(app, &officer, &id, "hearing", body).await;
    let hearing = &case["review"]["hearing"];
    assert_eq!(
        hearing["reschedules"][0]["reason"],
        "Заявитель болен, справка приложена."
    );
    assert_eq!(hearing["place"], "г. Астана, каб. 5");
    // Moved to Wednesday: the term stands still for two working days now.
    assert_eq!(case["deadline"]["due"], "2026-11-30", "{case}");
    app.clock.set(later + jiff::SignedDuration::from_mins(40));
    let body = json!({ "statement": "Заявитель возражает, обещает представить документы.", "version": case["version"] });
    let case = ok(app, &officer, &id, "hearing/record", body).await;

    // The officer proposes; only the head signs off.
    let decision =
        json!({ "outcome": "assign", "members": refuse_third, "version": case["version"] });
    let proposed = ok(app, &officer, &id, "decision", decision).await;
    assert_eq!(
        proposed["status"], "under_review",
        "heard, awaiting the head: {proposed}"
    );
    let (_, _, case) = app.request("GET", &staff_path, None, Some(&officer)).await;
    assert_eq!(
        (&case["next_step"], &case["actions"]),
        (&json!("sign-off"), &json!([]))
    );
    let head = app.sign_in(HEAD).await;
    let (_, _, case) = app.request("GET", &staff_path, None, Some(&head)).await;
    assert_eq!(
        case["actions"],
        json!(["sign-off"]),
        "only a head signs off"
    );
    let decided = sign_off(app, &id, &proposed["version"]).await;
    assert_eq!(decided["status"], "assigned");
    assert!(
        decided["decision"]["signed_off"]["by"].is_string(),
        "{decided}"
    );
    let outcome = &decided["result"];
    assert_eq!(outcome["members"].as_array().unwrap().len(), 2, "{outcome}");
    assert_eq!(outcome["refused_members"][0]["member"], third.as_str());
    assert_eq!(
        outcome["refused_members"][0]["grounds"][0]["code"],
        "not-kazakh-nationality"
    );

    // The applicant was told of the hearing (with its new place) and of the decision.
    app.drain().await;
    let token = app.sign_in(APPLICANT).await;
    let (_, _, notes) = app
        .request("GET", "/api/v1/notifications", None, Some(&token))
        .await;
    let notes = notes.as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n["notice"]["place"] == "г. Астана, каб. 5"),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n["notice"]["outcome"] == "assigned"),
        "{notes:?}"
    );
    let head = app.sign_in(HEAD).await;
    let (status, json) = post(
        app,
        &head,
        &id,
        "sign-off",
        json!({ "version": decided["version"] }),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "a decided case is not signed off twice: {json}"
    );
}

async fn refusal_at_the_completeness_check(app: &TestApp) {
    let (token, id) = submit_assignment(app).await;
    let officer = app.sign_in(OFFICER).await;
    let path = format!("/api/v1/staff/applications/{id}");
    let (_, _, case) = app.request("GET", &path, None, Some(&officer)).await;
    let (status, json) = post(
        app,
        &officer,
        &id,
        "completeness",
        json!({ "version": case["version"] }),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing named as missing: {json}"
    );
    let missing = json!([{ "document": "nationality_proof", "shortfall": "expired" }]);
    let body = json!({ "missing": missing, "version": case["version"] });
    let refused = ok(app, &officer, &id, "completeness", body).await;
    assert_eq!(refused["status"], "rejected_at_intake");
    let own = view(app, &token, &id).await;
    assert_eq!(own["status"], "rejected_at_intake");
    app.drain().await;
    let (_, _, notes) = app
        .request("GET", "/api/v1/notifications", None, Some(&token))
        .await;
    assert!(
        notes
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["notice"]["notice"] == "rejected_at_intake")
    );
}

/// Registered on Monday 20 October 2025 under the May 2022 rules (4 working days, one step),
/// decided after the October 2025 rules took effect: the term and the course stay the 2022 ones.
async fn the_2022_rules_keep_their_course(app: &TestApp) {
    app.clock.set("2025-10-20T05:00:00Z".parse().unwrap());
    let (token, id) = submit_assignment(app).await;
    let registered = view(app, &token, &id).await;
    assert_eq!(
        registered["deadline"]["rule_set"], "2022-05",
        "{registered}"
    );
    assert_eq!(registered["deadline"]["due"], "2025-10-24", "{registered}");
    app.clock.set("2025-10-28T05:00:00Z".parse().unwrap());
    let officer = app.sign_in(OFFICER).await;
    let path = format!("/api/v1/staff/applications/{id}");
    let (_, _, case) = app.request("GET", &path, None, Some(&officer)).await;
    let (status, json) = post(
        app,
        &officer,
        &id,
        "completeness",
        json!({ "complete": true, "version": case["version"] }),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "no completeness step in 2022: {json}"
    );
    let decided = ok(
        app,
        &officer,
        &id,
        "decision",
        json!({ "outcome": "assign", "version": case["version"] }),
    )
    .await;
    assert_eq!(
        decided["status"], "assigned",
        "one step, no sign-off: {decided}"
    );
    assert_eq!(decided["deadline"]["due"], "2025-10-24");
    // One registered now runs under the 2025 rules: 3 working days (27 October is a day off).
    let (token, id) = submit_assignment(app).await;
    let now = view(app, &token, &id).await;
    assert_eq!(now["deadline"]["rule_set"], "2025-10", "{now}");
    assert_eq!(now["deadline"]["due"], "2025-10-31", "{now}");
}

crate::on_both_backends!(family_review, family_review_sqlite, family_review_postgres);
crate::on_both_backends!(
    refusal_at_the_completeness_check,
    completeness_refusal_sqlite,
    completeness_refusal_postgres
);
crate::on_both_backends!(
    the_2022_rules_keep_their_course,
    rules_2022_sqlite,
    rules_2022_postgres
);
