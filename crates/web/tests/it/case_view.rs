//! The officer's and the head's case view (issue 11): every family member with their data and
//! their files, the registry next to the form with differences marked, every file opened in
//! the browser (inline, audited, only for the case's office, 410 once disposed of), the
//! applicant's reasons for moving the hearing, the work queue (search, filters, taking a case),
//! staff by name, and no stale words after the decision or at the head's sign-off.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use kandas_app::ports::store::{AuditQuery, AuditRecord, Disposal};
use kandas_domain::ids::{ApplicationId, AttachmentId};
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::support::{
    HEAD, JPEG, OFFICER, PDF, Part, attach_required, attend_hearing, call, draft_with, form,
    hearing_time, sign_by_sms, upload,
};

const APPLICANT: &str = "900101300811";

/// The journey's form, with the spouse's given name in Latin letters typed otherwise than the
/// registry holds it (AIGUL) and a birth date a day off.
fn form_with_a_difference() -> Value {
    let mut form = form();
    form["members"][0]["given_name_latin"] = json!("AYGUL");
    form["members"][0]["birth_date"] = json!("1992-03-06");
    form
}

/// A submitted assignment with the required files and a JPEG of the spouse's passport; answers
/// (applicant's token, id).
async fn submitted(app: &TestApp) -> (String, String) {
    let (token, id, version) = draft_with(app, APPLICANT, form_with_a_difference()).await;
    let version = attach_required(app, &token, &id, version).await;
    let view = call(
        app,
        "GET",
        &format!("/api/v1/applications/{id}"),
        None,
        &token,
    )
    .await
    .1;
    let spouse = view["form"]["members"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let part = Part {
        document_type: "identity_document",
        member: Some(&spouse),
        file_name: "spouse-passport.jpg",
        bytes: JPEG,
    };
    let (status, json) = upload(app, &token, &id, version, part).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    sign_by_sms(app, &token, &id, APPLICANT).await;
    (token, id)
}

/// A page in English through the session cookie: status and HTML.
async fn page(app: &TestApp, path: &str, token: &str) -> (StatusCode, String) {
    let request = Request::builder()
        .uri(path)
        .header("cookie", format!("kandas_session={token}"))
        .header("accept-language", "en")
        .body(Body::empty())
        .unwrap();
    let (status, _, bytes) = app.send(request).await;
    (status, String::from_utf8(bytes).unwrap())
}

/// A GET with the session cookie: status, headers, bytes.
async fn get(app: &TestApp, path: &str, token: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
    let request = Request::builder()
        .uri(path)
        .header("cookie", format!("kandas_session={token}"))
        .header("accept-language", "en")
        .body(Body::empty())
        .unwrap();
    app.send(request).await
}

/// A page form posted with the session cookie and a CSRF token: status and location.
async fn post_form(app: &TestApp, path: &str, token: &str, body: &str) -> (StatusCode, String) {
    let csrf = "case-view-token-0123456789";
    let request = Request::builder()
        .method("POST")
        .uri(path)
        .header(
            "cookie",
            format!("kandas_session={token}; kandas_csrf={csrf}"),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(format!("csrf={csrf}&{body}")))
        .unwrap();
    let (status, headers, bytes) = app.send(request).await;
    let location = headers
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
    (status, location)
}

async fn rows_of(app: &TestApp, action: &str, id: &str) -> Vec<AuditRecord> {
    let query = AuditQuery {
        application: Some(ApplicationId::parse(id).unwrap()),
        limit: 500,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    trail
        .into_iter()
        .filter(|r| r.action.code() == action)
        .collect()
}

/// An officer of Almaty's local executive body (another office), with a phone in the registry.
async fn almaty_officer(app: &TestApp) -> String {
    app.sign_in(&crate::refusals::another_officer(app).await)
        .await
}

async fn everything_needed_to_decide(app: &TestApp) {
    let (applicant, id) = submitted(app).await;
    let officer = app.sign_in(OFFICER).await;
    let (status, html) = page(app, &format!("/staff/applications/{id}"), &officer).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    // Each member with their data, not a count.
    for piece in [
        "Family members: 2",
        "Серікбаева Айгүл",
        "SERIKBAYEVA AYGUL",
        "920305400125",
        "E1234567",
        "Passport",
        "Ерланұлы Алихан",
        "YERLANULY ALIKHAN",
        "B7654321",
        "Birth certificate",
        "1 April 2019",
        // The applicant's registry record.
        "Серікбаев Ерлан Маратұлы",
        "SERIKBAYEV YERLAN",
        "1 January 1990",
        // The registry next to the form: the spouse's differences, in words; the child has no IIN.
        "Check: differs from the population registry",
        "AIGUL",
        "No IIN given: not checked against the population registry",
    ] {
        assert!(html.contains(piece), "{piece:?} is not on the case page");
    }
    assert_eq!(
        html.matches("<strong class=\"tag tag-overdue\">Differs</strong>")
            .count(),
        3,
        "the patronymic left out, the given name in Latin letters and the birth date"
    );
    assert!(!html.contains("<dt>Family members</dt>"), "no bare count");
    // A link per file that opens it.
    let view = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications/{id}"),
        None,
        &officer,
    )
    .await
    .1;
    // The JSON API carries the same check.
    let check = &view["registry_check"];
    assert_eq!(check["applicant"]["iin"], APPLICANT, "{check}");
    assert_eq!(check["members"][0]["registry"], "found");
    assert_eq!(
        check["members"][0]["differences"],
        json!(["patronymic", "given_name_latin", "birth_date"])
    );
    assert_eq!(check["members"][1]["registry"], "no_iin");
    assert!(view["holder"].is_null());
    let attachments = view["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 4, "{view}");
    for a in attachments {
        let href = format!(
            "/staff/applications/{id}/attachments/{}",
            a["id"].as_str().unwrap()
        );
        assert!(
            html.contains(&format!("href=\"{href}\"")),
            "no link to {href}"
        );
    }
    // Opening each: inline, its type, inert, audited once per open, before the bytes.
    let before = rows_of(app, "staff.open-attachment", &id).await.len();
    for a in attachments {
        let attachment = a["id"].as_str().unwrap();
        let href = format!("/staff/applications/{id}/attachments/{attachment}");
        let (status, headers, bytes) = get(app, &href, &officer).await;
        assert_eq!(status, StatusCode::OK, "{href}");
        let (mime, content) = if a["file_type"] == "Jpeg" {
            ("image/jpeg", JPEG)
        } else {
            ("application/pdf", PDF)
        };
        assert_eq!(headers["content-type"], mime);
        assert_eq!(bytes, content);
        assert!(
            headers["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("inline; filename=")
        );
        assert_eq!(headers["x-content-type-options"], "nosniff");
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(
            policy.starts_with("default-src 'none'") && policy.contains("frame-ancestors 'none'"),
            "{policy}"
        );
        let rows = rows_of(app, "staff.open-attachment", &id).await;
        let row = rows
            .iter()
            .find(|r| r.details["attachment"] == attachment)
            .unwrap_or_else(|| panic!("no audit row for {attachment}"));
        assert_eq!(row.subject.as_ref().unwrap().as_str(), APPLICANT);
        assert_eq!(row.application.as_ref().unwrap().as_str(), id);
        assert_eq!(row.actor_iin.as_ref().unwrap().as_str(), OFFICER);
    }
    assert_eq!(
        rows_of(app, "staff.open-attachment", &id).await.len(),
        before + 4,
        "one row per open"
    );
    let jpeg = attachments
        .iter()
        .find(|a| a["file_type"] == "Jpeg")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let pdf_id = attachments
        .iter()
        .find(|a| a["file_type"] == "Pdf")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        get(
            app,
            &format!("/staff/applications/{id}/attachments/{jpeg}"),
            &officer
        )
        .await
        .1["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );

    // The JSON API serves the same, audited.
    let api = format!("/api/v1/staff/applications/{id}/attachments/{pdf_id}");
    let request = Request::builder()
        .uri(&api)
        .header("authorization", format!("Bearer {officer}"))
        .body(Body::empty())
        .unwrap();
    let (status, headers, bytes) = app.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    assert_eq!(bytes, PDF);
    assert_eq!(
        rows_of(app, "staff.open-attachment", &id).await.len(),
        before + 6,
        "the picture twice, the PDF by the API"
    );

    // The head sees all of it too.
    let head = app.sign_in(HEAD).await;
    let (status, _, bytes) = get(
        app,
        &format!("/staff/applications/{id}/attachments/{jpeg}"),
        &head,
    )
    .await;
    assert_eq!((status, bytes.as_slice()), (StatusCode::OK, JPEG));

    // Nobody else: another office's officer gets 404 (audited as refused), the applicant 403,
    // an attachment of another case 404.
    let almaty = almaty_officer(app).await;
    let opened = rows_of(app, "staff.open-attachment", &id).await.len();
    let (status, _, _) = get(
        app,
        &format!("/staff/applications/{id}/attachments/{pdf_id}"),
        &almaty,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, json) = call(app, "GET", &api, None, &almaty).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{json}");
    let (status, _, _) = get(
        app,
        &format!("/staff/applications/{id}/attachments/{pdf_id}"),
        &applicant,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(app, "GET", &api, None, &applicant).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, other) = submitted_by_second_applicant(app).await;
    let (status, _, _) = get(
        app,
        &format!("/staff/applications/{other}/attachments/{pdf_id}"),
        &officer,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        rows_of(app, "staff.open-attachment", &id).await.len(),
        opened,
        "refusals open nothing"
    );
    assert!(!rows_of(app, "access.refused", &id).await.is_empty());

    // A file disposed of after retention: 410 with a translated page, nothing sent.
    let disposal = Disposal {
        at: app.service().now(),
        by: "cli:tester".into(),
    };
    let audit = AuditRecord {
        at: app.service().now(),
        actor: None,
        actor_iin: None,
        role: None,
        subject: None,
        application: Some(ApplicationId::parse(&id).unwrap()),
        action: kandas_domain::audit::AuditAction::RetentionDispose,
        request_id: "case-view-test".into(),
        details: Value::Null,
    };
    app.service()
        .store
        .mark_disposed(
            &ApplicationId::parse(&id).unwrap(),
            &[AttachmentId::parse(&pdf_id).unwrap()],
            &disposal,
            &audit,
        )
        .await
        .unwrap();
    let (status, headers, bytes) = get(
        app,
        &format!("/staff/applications/{id}/attachments/{pdf_id}"),
        &officer,
    )
    .await;
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(status, StatusCode::GONE);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(text.contains("storage period ended"), "{text}");
    let (status, json) = call(app, "GET", &api, None, &officer).await;
    assert_eq!(
        (status, json["error"]["code"].as_str()),
        (StatusCode::GONE, Some("attachment.disposed"))
    );
    let (_, html) = page(app, &format!("/staff/applications/{id}"), &officer).await;
    assert!(
        !html.contains(&format!("attachments/{pdf_id}\"")),
        "no link to a disposed file"
    );
    assert!(html.contains("when its storage period ended"));
}

/// The second demo applicant's extension (they hold a certificate); answers (token, id).
async fn submitted_by_second_applicant(app: &TestApp) -> (String, String) {
    let iin = "931002451325";
    let token = app.sign_in(iin).await;
    let (status, created) = call(
        app,
        "POST",
        "/api/v1/applications",
        Some(json!({ "kind": "extension" })),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let body = json!({ "version": created["version"], "form": { "region": "astana", "country_of_origin": "MNG",
        "education": "secondary", "profession": "Мұғалім", "address": "г. Астана, ул. Сарыарка, 5" } });
    let (status, saved) = call(
        app,
        "PUT",
        &format!("/api/v1/applications/{id}/form"),
        Some(body),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    sign_by_sms(app, &token, &id, iin).await;
    (token, id)
}

crate::on_both_backends!(
    everything_needed_to_decide,
    case_view_sqlite,
    case_view_postgres
);

async fn staff_post(app: &TestApp, token: &str, id: &str, step: &str, body: Value) -> Value {
    let path = format!("/api/v1/staff/applications/{id}/{step}");
    let (status, json) = call(app, "POST", &path, Some(body), token).await;
    assert_eq!(status, StatusCode::OK, "{step}: {json}");
    json
}

async fn queue_numbers(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let (status, json) = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications?{query}"),
        None,
        token,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{query}: {json}");
    json.as_array()
        .unwrap()
        .iter()
        .map(|c| c["number"].as_str().unwrap().to_owned())
        .collect()
}

async fn the_queue_and_the_hearing(app: &TestApp) {
    let (applicant, id) = submitted(app).await;
    let (_, other) = submitted_by_second_applicant(app).await;
    let officer = app.sign_in(OFFICER).await;
    let head = app.sign_in(HEAD).await;
    let number = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications/{id}"),
        None,
        &officer,
    )
    .await
    .1["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let other_number = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications/{other}"),
        None,
        &officer,
    )
    .await
    .1["number"]
        .as_str()
        .unwrap()
        .to_owned();

    // Search: by number (or part of it), by IIN with spaces, by name in any letter case, by a
    // family member's name; filters by status, step, channel and overdue.
    let both = vec![number.clone(), other_number.clone()];
    let mut all = queue_numbers(app, &officer, "").await;
    all.sort();
    let mut expected = both.clone();
    expected.sort();
    assert_eq!(all, expected);
    assert_eq!(
        queue_numbers(app, &officer, &format!("q={number}")).await,
        vec![number.clone()]
    );
    let tail = &number[number.len() - 6..];
    assert_eq!(
        queue_numbers(app, &officer, &format!("q={tail}")).await,
        vec![number.clone()]
    );
    assert_eq!(
        queue_numbers(app, &officer, "q=9001%200130%200811").await,
        vec![number.clone()]
    );
    assert_eq!(
        queue_numbers(
            app,
            &officer,
            "q=%D1%81%D0%B5%D1%80%D1%96%D0%BA%D0%B1%D0%B0%D0%B5%D0%B2"
        )
        .await,
        vec![number.clone()],
        "серікбаев"
    );
    assert_eq!(
        queue_numbers(app, &officer, "q=alikhan").await,
        vec![number.clone()]
    );
    assert_eq!(
        queue_numbers(app, &officer, "q=%D0%91%D0%B0%D2%93%D0%B4%D0%B0%D1%82").await,
        vec![other_number.clone()],
        "Бағдат"
    );
    assert!(queue_numbers(app, &officer, "q=nobody").await.is_empty());
    assert_eq!(
        queue_numbers(app, &officer, "step=completeness")
            .await
            .len(),
        2
    );
    assert!(
        queue_numbers(app, &officer, "step=sign-off")
            .await
            .is_empty()
    );
    assert_eq!(
        queue_numbers(app, &officer, "status=registered&channel=portal")
            .await
            .len(),
        2
    );
    assert!(
        queue_numbers(app, &officer, "channel=state_corporation")
            .await
            .is_empty()
    );
    assert!(
        queue_numbers(app, &officer, "overdue=true")
            .await
            .is_empty()
    );
    let (status, json) = call(
        app,
        "GET",
        "/api/v1/staff/applications?step=lunch&channel=pigeon",
        None,
        &officer,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let mut fields: Vec<&str> = json["error"]["fields"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["channel", "step"]);
    // The page's GET form: the same search, without JavaScript.
    let (status, html) = page(
        app,
        "/staff?q=9001+0130+0811&step=completeness&channel=portal",
        &officer,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains(&number) && !html.contains(&other_number),
        "{html}"
    );
    assert!(html.contains("Серікбаев Ерлан Маратұлы") && html.contains("Cases found: 1"));
    assert!(html.contains("<option value=\"completeness\" selected>"));
    let (status, html) = page(app, "/staff?status=lost", &officer).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("href=\"#status\"") && html.contains("aria-invalid=\"true\""),
        "{html}"
    );

    // Taking a case: the button on the case page, audited; the queue shows who has it.
    let (_, html) = page(app, &format!("/staff/applications/{id}"), &officer).await;
    assert!(html.contains("Take this case") && html.contains("Nobody has taken it yet"));
    let (status, location) =
        post_form(app, &format!("/staff/applications/{id}/take"), &officer, "").await;
    assert_eq!(
        (status, location.as_str()),
        (
            StatusCode::SEE_OTHER,
            format!("/staff/applications/{id}").as_str()
        )
    );
    let case = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications/{id}"),
        None,
        &head,
    )
    .await
    .1;
    assert_eq!(
        case["holder"]["name"], "Қасымова Динара Әлібекқызы",
        "{}",
        case["holder"]
    );
    let taken = rows_of(app, "staff.take-case", &id).await;
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].actor_iin.as_ref().unwrap().as_str(), OFFICER);
    assert!(taken[0].details["previous"].is_null());
    // Taking it again changes nothing.
    post_form(app, &format!("/staff/applications/{id}/take"), &officer, "").await;
    assert_eq!(rows_of(app, "staff.take-case", &id).await.len(), 1);
    assert_eq!(
        queue_numbers(app, &officer, "mine=true").await,
        vec![number.clone()]
    );
    assert!(queue_numbers(app, &head, "mine=true").await.is_empty());
    let (_, list) = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications?q={number}"),
        None,
        &head,
    )
    .await;
    assert_eq!(
        list[0]["assignee"]["name"], "Қасымова Динара Әлібекқызы",
        "{list}"
    );
    assert_eq!(list[0]["step"], "completeness");
    let (_, html) = page(app, "/staff", &head).await;
    assert!(
        html.contains("Қасымова Динара Әлібекқызы"),
        "the head sees the officer by name"
    );
    let (_, html) = page(app, "/staff?mine=on", &officer).await;
    assert!(html.contains(&number) && !html.contains(&other_number));
    // The applicant cannot take anything; nobody takes another office's case.
    let (status, _) = call(
        app,
        "POST",
        &format!("/api/v1/staff/applications/{id}/take"),
        None,
        &applicant,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let almaty = almaty_officer(app).await;
    let (status, _) = call(
        app,
        "POST",
        &format!("/api/v1/staff/applications/{id}/take"),
        None,
        &almaty,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(rows_of(app, "staff.take-case", &id).await.len(), 1);

    // Through the review to a hearing the applicant asks to move, for a reason.
    let case = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications/{id}"),
        None,
        &officer,
    )
    .await
    .1;
    let case = staff_post(
        app,
        &officer,
        &id,
        "completeness",
        json!({ "complete": true, "version": case["version"] }),
    )
    .await;
    let members = case["form"]["members"].as_array().unwrap().clone();
    let child = members[1]["id"].clone();
    let protocol = json!({
        "protocol_number": "П-9", "members": ["Сейтқазиева Ақбөпе"],
        "recommendations": [
            { "recommendation": "assign", "reason": "" },
            { "member": members[0]["id"], "recommendation": "assign", "reason": "" },
            { "member": child, "recommendation": "refuse", "reason": "национальность не подтверждена" }
        ],
        "video_reference": "archive://leb-astana/9", "video_sha256": "cd".repeat(32), "version": case["version"],
    });
    let case = staff_post(app, &officer, &id, "commission", protocol).await;
    let planned = json!([{ "member": child, "grounds": ["not-kazakh-nationality"] }]);
    let body = json!({ "at": hearing_time(app), "place": "г. Астана, каб. 5", "online": false, "planned": planned, "version": case["version"] });
    staff_post(app, &officer, &id, "hearing", body).await;
    let reason = "On a business trip until Friday, the ticket is attached";
    let (status, json) = call(
        app,
        "POST",
        &format!("/api/v1/applications/{id}/hearing/reschedule"),
        Some(json!({ "reason": reason })),
        &applicant,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let (_, html) = page(app, &format!("/staff/applications/{id}"), &officer).await;
    // Shown before any move: the request does not hang on a move.
    assert!(!html.contains("<dt>Moved</dt>"));
    assert!(
        html.contains("The applicant asked to move it") && html.contains(reason),
        "{html}"
    );
    assert!(html.contains("(asked "), "the time it was asked");

    attend_hearing(app);
    let version = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications/{id}"),
        None,
        &officer,
    )
    .await
    .1["version"]
        .clone();
    let case = staff_post(
        app,
        &officer,
        &id,
        "hearing/record",
        json!({ "statement": "Заявитель возражает.", "version": version }),
    )
    .await;
    assert_eq!(
        case["status"], "under_review",
        "heard: no longer at the hearing"
    );
    let decision = json!({ "outcome": "assign", "version": case["version"],
        "members": [{ "member": child, "grounds": ["not-kazakh-nationality"], "comment": "Национальность не подтверждена." }] });
    let proposed = staff_post(app, &officer, &id, "decision", decision).await;

    // The head's queue: the step is the sign-off, and the status no longer says "Hearing".
    let (_, list) = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications?q={number}"),
        None,
        &head,
    )
    .await;
    assert_eq!(
        (list[0]["step"].as_str(), list[0]["status"].as_str()),
        (Some("sign-off"), Some("under_review")),
        "{list}"
    );
    assert_eq!(
        queue_numbers(app, &head, "step=sign-off").await,
        vec![number.clone()]
    );
    let (_, html) = page(app, &format!("/staff?q={number}"), &head).await;
    assert!(html.contains("Head&#39;s sign-off"), "{html}");
    assert!(
        !html.contains("tag-hearing") && html.contains("tag tag-under_review"),
        "{html}"
    );
    // The head signs off on the page with everything on it, the officer by name.
    let (_, html) = page(app, &format!("/staff/applications/{id}"), &head).await;
    assert!(
        html.contains("Sign off the decision")
            && html.contains("Серікбаева Айгүл")
            && html.contains("Check: differs from the population registry")
    );
    assert!(
        html.contains("Қасымова Динара Әлібекқызы") && !html.contains("employee "),
        "{html}"
    );
    let decided = staff_post(
        app,
        &head,
        &id,
        "sign-off",
        json!({ "version": proposed["version"] }),
    )
    .await;
    assert_eq!(decided["status"], "assigned");

    // After the decision: no urgency words, no take button, the officials by name.
    let (_, html) = page(app, &format!("/staff/applications/{id}"), &officer).await;
    assert!(
        !html.contains("On time") && !html.contains("Take this case"),
        "{html}"
    );
    assert!(
        html.contains("Жұмабеков Асқар Серікұлы") && !html.contains("employee "),
        "the head by name: {html}"
    );
    let (_, html) = page(app, &format!("/applications/{id}"), &applicant).await;
    assert!(!html.contains("On time"), "{html}");
    let (status, json) = call(
        app,
        "POST",
        &format!("/api/v1/staff/applications/{id}/take"),
        None,
        &head,
    )
    .await;
    assert_eq!(
        (status, json["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("application.wrong-state"))
    );
    // The head takes the other case over from nobody; then the officer takes it over.
    let (status, json) = call(
        app,
        "POST",
        &format!("/api/v1/staff/applications/{other}/take"),
        None,
        &head,
    )
    .await;
    assert_eq!(
        (status, json["name"].as_str()),
        (StatusCode::OK, Some("Жұмабеков Асқар Серікұлы")),
        "{json}"
    );
    let (status, _) = call(
        app,
        "POST",
        &format!("/api/v1/staff/applications/{other}/take"),
        None,
        &officer,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let rows = rows_of(app, "staff.take-case", &other).await;
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter().any(|r| r.details["previous"].is_string()),
        "the previous holder is named"
    );
}

crate::on_both_backends!(the_queue_and_the_hearing, queue_sqlite, queue_postgres);
