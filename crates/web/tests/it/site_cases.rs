//! Closing cases: the applicant withdraws before the decision (page and API; refused after it
//! with a translated 409), the desk's hand-over closes the case as issued, and a result is
//! printed and handed to its holder at a State Corporation desk that did not take the case in
//! (an online application, and one filed at another office), identity recorded, audited and
//! notified.

use axum::http::StatusCode;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::browser::{hidden, number_in, see_other, unescape};
use crate::desk::{audited, start};
use crate::on_both_backends;
use crate::pages_journey::sign_in;
use crate::support::{OFFICER, call, draft_with_form, pdf, review_and_decide, submit_assignment};

const APPLICANT: &str = "900101300811";
const HOLDER: &str = "931002451325";
const OPERATOR: &str = "881115300022";
/// An operator of the State Corporation in Almaty (not in the demo data).
const ALMATY_OPERATOR: &str = "790203300402";

fn says(html: &str, lang: &str, id: &str) -> bool {
    unescape(html).contains(&kandas_i18n::text(lang, id))
}

async fn notices(app: &TestApp, token: &str) -> Vec<Value> {
    app.drain().await;
    let (_, notes) = call(app, "GET", "/api/v1/notifications", None, token).await;
    notes.as_array().unwrap().clone()
}

async fn withdrawal(app: &TestApp) {
    // Through the API, a submitted case: it closes, leaves the queue, is audited, notified and
    // in the timeline.
    let (token, id) = submit_assignment(app).await;
    let officer = app.sign_in(OFFICER).await;
    let queue = "/api/v1/staff/applications";
    let (_, listed) = call(app, "GET", queue, None, &officer).await;
    assert!(listed.to_string().contains(&id), "{listed}");
    let path = format!("/api/v1/applications/{id}/withdraw");
    let (status, stale) = call(app, "POST", &path, Some(json!({ "version": 0 })), &token).await;
    assert_eq!(status, StatusCode::CONFLICT, "{stale}");
    assert_eq!(stale["error"]["code"], "request.stale-version");
    let (status, withdrawn) = call(app, "POST", &path, Some(json!({})), &token).await;
    assert_eq!(status, StatusCode::OK, "{withdrawn}");
    assert_eq!(withdrawn["status"], "withdrawn", "{withdrawn}");
    assert!(
        withdrawn.to_string().contains("\"withdraw\""),
        "timeline: {withdrawn}"
    );
    assert_eq!(audited(app, &id, "application.withdraw").await, 1);
    let (_, listed) = call(app, "GET", queue, None, &officer).await;
    assert!(
        !listed.to_string().contains(&id),
        "left the queue: {listed}"
    );
    let notes = notices(app, &token).await;
    assert!(
        notes.iter().any(|n| n["notice"]["notice"] == "withdrawn"),
        "{notes:?}"
    );
    // Once withdrawn, never again: the translated 409.
    let (status, again) = call(app, "POST", &path, Some(json!({})), &token).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(again["error"]["code"], "application.not-withdrawable");
    let message = kandas_i18n::text("ru", "application.not-withdrawable");
    assert_eq!(again["error"]["message"], message.as_str());
    // Someone else's application looks absent.
    let other = app.sign_in(HOLDER).await;
    let (status, _) = call(app, "POST", &path, Some(json!({})), &other).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Through the pages, a draft: the confirmation says what it means, then it is withdrawn.
    let (_, draft, _) = draft_with_form(app, APPLICANT).await;
    let mut b = sign_in(app, APPLICANT).await;
    let page = format!("/applications/{draft}");
    let (_, html) = b.get(&format!("{page}?lang=en")).await;
    assert!(
        html.contains(&format!("href=\"{page}/withdraw\"")),
        "{html}"
    );
    let (status, confirm) = b.get(&format!("{page}/withdraw")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(says(&confirm, "en", "withdraw-means-final"), "{confirm}");
    assert!(
        !says(&confirm, "en", "withdraw-means-stops"),
        "a draft is nobody's yet"
    );
    let answer = b.submit(&confirm, &format!("{page}/withdraw"), &[]).await;
    assert_eq!(see_other(&answer), page);
    let (_, html) = b.get(&page).await;
    assert!(says(&html, "en", "status-withdrawn"), "{html}");
    assert!(says(&html, "en", "action-withdraw"), "the timeline: {html}");
    assert!(
        !html.contains("/withdraw\""),
        "no second withdrawal: {html}"
    );

    // After the decision the page refuses, translated, with 409 and no button. (A quarter of an
    // hour later: the applicant's one-time codes are limited to 5 per 15 minutes.)
    app.clock.advance(jiff::SignedDuration::from_mins(16));
    let (_, decided) = submit_assignment(app).await;
    review_and_decide(app, &decided, json!({ "outcome": "assign" })).await;
    let page = format!("/applications/{decided}");
    let (_, html) = b.get(&page).await;
    assert!(!html.contains("/withdraw\""), "{html}");
    let (status, refused) = b.get(&format!("{page}/withdraw")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        says(&refused, "en", "application.not-withdrawable"),
        "{refused}"
    );
    assert!(!refused.contains("name=\"version\""), "{refused}");
    let csrf = crate::browser::csrf(&refused);
    let (status, _, html) = b
        .post_form(&format!("{page}/withdraw"), &[("csrf", &csrf)])
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{html}");
    assert!(says(&html, "en", "application.not-withdrawable"), "{html}");
    let (status, json) = call(
        app,
        "POST",
        &format!("/api/v1/applications/{decided}/withdraw"),
        Some(json!({})),
        &app.sign_in(APPLICANT).await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
}

on_both_backends!(withdrawal, withdrawal_sqlite, withdrawal_postgres);

/// Adds [`ALMATY_OPERATOR`]: a registry record with a phone, and an operator's account at the
/// State Corporation in Almaty.
async fn almaty_operator(app: &TestApp) {
    let import: kandas_store::RegistryImport = serde_json::from_value(json!({ "persons": [{
        "iin": ALMATY_OPERATOR, "surname": "Нұрланов", "given_name": "Асқар",
        "surname_latin": "NURLANOV", "given_name_latin": "ASKAR", "birth_date": "1979-02-03",
        "sex": "male", "citizenship": "KAZ", "nationality": "kazakh", "phone": "+77017778899" }] }))
    .unwrap();
    app.store.import_registry(&import).await.unwrap();
    let office = kandas_domain::office::OfficeCode::parse("sc-almaty-city").unwrap();
    let roles = vec![kandas_app::Role::Operator];
    let password = kandas_store::demo::PASSWORD;
    kandas_app::auth::add_demo_user(
        app.service(),
        ALMATY_OPERATOR,
        password,
        roles,
        Some(office),
    )
    .await
    .unwrap();
}

/// The issue's audit row of `id`: its details.
async fn issue_details(app: &TestApp, id: &str) -> Vec<Value> {
    let query = kandas_app::ports::store::AuditQuery {
        subject: None,
        application: Some(kandas_domain::ids::ApplicationId::parse(id).unwrap()),
        limit: 500,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    trail
        .iter()
        .filter(|r| r.action.code() == "desk.issue-result")
        .map(|r| r.details.clone())
        .collect()
}

/// An online case: found at the Astana desk by number, IIN or certificate, printed and handed
/// to the holder only, through the pages.
async fn online_case_at_a_desk(app: &TestApp) {
    let (applicant, id) = submit_assignment(app).await;
    let decided = review_and_decide(app, &id, json!({ "outcome": "assign" })).await;
    let certificate = decided["result"]["certificate"]
        .as_str()
        .unwrap()
        .to_owned();
    let number = decided["number"].as_str().unwrap().to_owned();

    let mut b = sign_in(app, OPERATOR).await;
    let (_, home) = b.get("/desk?lang=en").await;
    assert!(home.contains("href=\"/desk/results\""), "{home}");
    let (status, form) = b.get("/desk/results").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, bad) = b.submit(&form, "/desk/results", &[("q", "KND-20")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        says(&bad, "en", "desk.search") && bad.contains("href=\"#q\""),
        "{bad}"
    );
    for q in [number.as_str(), certificate.as_str(), "9001 0130 0811"] {
        let (status, _, found) = b.submit(&form, "/desk/results", &[("q", q)]).await;
        assert_eq!(status, StatusCode::OK, "{found}");
        assert!(
            found.contains(&format!("href=\"/desk/results/{id}\"")),
            "{q}: {found}"
        );
    }
    // The full case stays the filing desk's: an online case has none.
    let (status, _) = b.get(&format!("/desk/applications/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let case = format!("/desk/results/{id}");
    let (status, html) = b.get(&case).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains(&certificate), "{html}");
    assert!(says(&html, "en", "desk-results-holder-only"), "{html}");
    let print = format!("/desk/applications/{id}/result");
    assert!(html.contains(&format!("href=\"{print}\"")), "{html}");
    let token = app.sign_in(OPERATOR).await;
    let (_, printed) = pdf(app, &format!("/api/v1{print}"), &token).await;
    assert!(printed.starts_with(b"%PDF-"));

    // Only the holder, identity document recorded.
    let action = format!("{case}/issue");
    let someone = [
        ("recipient_iin", HOLDER),
        ("recipient_name", "Сейтова Дана"),
        ("identity_document", "паспорт N7654321"),
        ("identity_checked", "on"),
    ];
    let (status, _, refused) = b.submit(&html, &action, &someone).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(says(&refused, "en", "desk.not-holder"), "{refused}");
    assert_eq!(
        hidden(&refused, "recipient_name").as_deref(),
        Some("Сейтова Дана")
    );
    let holder = [
        ("recipient_iin", APPLICANT),
        ("recipient_name", "Серікбаев Ерлан"),
        ("identity_document", "удостоверение личности 012345678"),
        ("identity_checked", "on"),
    ];
    let answer = b.submit(&html, &action, &holder).await;
    assert_eq!(see_other(&answer), format!("{case}#issues"));
    let (_, html) = b.get(&case).await;
    assert!(
        html.contains("удостоверение личности 012345678") && html.contains("9001******11"),
        "{html}"
    );
    let details = issue_details(app, &id).await;
    assert_eq!(details.len(), 1, "{details:?}");
    assert_eq!(details[0]["office"], "sc-astana");
    assert_eq!(details[0]["filed_here"], false);
    assert_eq!(audited(app, &id, "desk.open-result").await, 1);
    assert!(audited(app, &id, "desk.read-result").await >= 1);
    let notes = notices(app, &applicant).await;
    assert!(
        notes
            .iter()
            .any(|n| n["notice"]["notice"] == "result_issued"),
        "{notes:?}"
    );
    // The timeline tells the applicant.
    let (_, mine) = call(
        app,
        "GET",
        &format!("/api/v1/applications/{id}"),
        None,
        &applicant,
    )
    .await;
    assert!(mine.to_string().contains("desk-issue-result"), "{mine}");
}

on_both_backends!(
    online_case_at_a_desk,
    online_case_at_a_desk_sqlite,
    online_case_at_a_desk_postgres
);

/// A case filed at the Astana desk: its hand-over there closes it (issued, no form); the
/// Almaty desk finds it by the holder's IIN through the API and hands a copy to the holder.
async fn case_of_another_office(app: &TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let (id, version) = start(app, &operator, HOLDER, "extension").await;
    let path = format!("/api/v1/desk/applications/{id}");
    let form = json!({ "region": "astana", "country_of_origin": "MNG", "education": "higher",
        "address": "г. Астана, ул. Сарыарка, 5", "members": [] });
    let body = json!({ "version": version, "form": form });
    let (status, saved) = call(app, "PUT", &format!("{path}/form"), Some(body), &operator).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let body = json!({ "paper_signature": true, "version": saved["version"] });
    let (status, accepted) = call(
        app,
        "POST",
        &format!("{path}/accept"),
        Some(body),
        &operator,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    review_and_decide(app, &id, json!({ "outcome": "extend" })).await;

    // The filing desk hands it over: the case says so, with no form left.
    let mut b = sign_in(app, OPERATOR).await;
    let case = format!("/desk/applications/{id}");
    let (_, html) = b.get(&format!("{case}?lang=en")).await;
    assert!(says(&html, "en", "desk-ready"), "{html}");
    let number = number_in(&html, "KND-", 15);
    let representative = [
        ("recipient_iin", APPLICANT),
        ("recipient_name", "Серікбаев Ерлан"),
        ("identity_document", "паспорт N1234567"),
        ("identity_checked", "on"),
    ];
    let answer = b
        .submit(&html, &format!("{case}/issue"), &representative)
        .await;
    assert_eq!(see_other(&answer), case);
    let (_, html) = b.get(&case).await;
    assert!(says(&html, "en", "desk-issued-title"), "{html}");
    assert!(!says(&html, "en", "desk-ready"), "{html}");
    assert!(
        !html.contains(&format!("action=\"{case}/issue\"")),
        "no form: {html}"
    );
    assert!(
        html.contains(&format!("href=\"/desk/results/{id}\"")),
        "{html}"
    );

    // The Almaty desk: found by the holder's IIN, printed, handed to the holder only.
    almaty_operator(app).await;
    let almaty = app.sign_in(ALMATY_OPERATOR).await;
    let (status, found) = call(
        app,
        "GET",
        &format!("/api/v1/desk/results?q={HOLDER}"),
        None,
        &almaty,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{found}");
    let found = found.as_array().unwrap();
    assert!(
        found
            .iter()
            .any(|c| c["id"] == id.as_str() && c["number"] == number.as_str()),
        "{found:?}"
    );
    let (status, one) = call(
        app,
        "GET",
        &format!("/api/v1/desk/results/{id}"),
        None,
        &almaty,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(one["filed_here"], false);
    assert_eq!(one["intake_office"], "sc-astana");
    assert_eq!(one["issues"].as_array().unwrap().len(), 1, "{one}");
    assert!(
        one.get("form").is_none(),
        "no form away from the filing desk: {one}"
    );
    let (status, json) = call(app, "GET", &path, None, &almaty).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{json}");
    let (_, bytes) = pdf(app, &format!("{path}/result"), &almaty).await;
    assert!(bytes.starts_with(b"%PDF-"));
    let to_other = json!({ "recipient_iin": APPLICANT, "recipient_name": "Серікбаев Ерлан",
        "identity_document": "паспорт N1234567", "identity_checked": true });
    let (status, json) = call(
        app,
        "POST",
        &format!("{path}/issue"),
        Some(to_other),
        &almaty,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "desk.not-holder");
    let to_holder = json!({ "recipient_iin": HOLDER, "recipient_name": "Сейтова Дана",
        "identity_document": "паспорт N7654321", "identity_checked": true });
    let (status, issued) = call(
        app,
        "POST",
        &format!("{path}/issue"),
        Some(to_holder),
        &almaty,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    assert_eq!(issued["office"], "sc-almaty-city");
    let details = issue_details(app, &id).await;
    assert_eq!(details.len(), 2, "{details:?}");
    assert!(
        details
            .iter()
            .any(|d| d["office"] == "sc-almaty-city" && d["filed_here"] == false)
    );
    let holder = app.sign_in(HOLDER).await;
    let notes = notices(app, &holder).await;
    let issued_notices = notes
        .iter()
        .filter(|n| n["notice"]["notice"] == "result_issued")
        .count();
    assert_eq!(issued_notices, 2, "{notes:?}");

    // The local executive body's own desk issues only what it took in.
    let officer = app.sign_in(OFFICER).await;
    let (status, _) = call(
        app,
        "GET",
        &format!("/api/v1/desk/results/{id}"),
        None,
        &officer,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = call(
        app,
        "GET",
        &format!("/api/v1/desk/results?q={HOLDER}"),
        None,
        &officer,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

on_both_backends!(
    case_of_another_office,
    case_of_another_office_sqlite,
    case_of_another_office_postgres
);
