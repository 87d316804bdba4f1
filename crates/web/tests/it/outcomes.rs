//! What a refused applicant is told, on every channel, and results frozen when decided: an
//! online application refused to accept lists what is missing in the view, the notification and
//! a receipt; a refused child is named with the grounds and how to appeal; a full refusal names
//! everyone; a certificate downloaded a day apart, after the registry changed, is the same file
//! with the SHA-256 the view shows; a case decided before documents were kept is rendered once,
//! as of its decision.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use jiff::SignedDuration;
use kandas_app::ports::store::{AuditQuery, StatusChange};
use kandas_app::secrets::sha256_hex;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::support::{OFFICER, review_and_decide, submit_assignment, view};

const APPLICANT: &str = "900101300811";
const CHILD: &str = "Ерланұлы Алихан";
const SPOUSE: &str = "Серікбаева Айгүл";

/// GETs a PDF as `token`; answers its headers and bytes.
async fn pdf(app: &TestApp, path: &str, token: &str) -> (HeaderMap, Vec<u8>) {
    let request = Request::builder()
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let (status, headers, bytes) = app.send(request).await;
    let body = String::from_utf8_lossy(&bytes);
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    assert_eq!(headers["content-type"], "application/pdf");
    (headers, bytes)
}

/// The text of a PDF, whitespace squeezed.
fn text_of(pdf: &[u8]) -> String {
    let text = kandas_documents::inspect::text(pdf).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[track_caller]
fn assert_has(text: &str, pieces: &[&str]) {
    for piece in pieces {
        assert!(text.contains(piece), "{piece:?} is not in:\n{text}");
    }
}

/// The applicant's page in Russian, through the session cookie.
async fn page(app: &TestApp, path: &str, token: &str) -> String {
    let request = Request::builder()
        .uri(path)
        .header("cookie", format!("kandas_session={token}"))
        .header("accept-language", "ru")
        .body(Body::empty())
        .unwrap();
    let (status, _, bytes) = app.send(request).await;
    let html = String::from_utf8(bytes).unwrap();
    assert_eq!(status, StatusCode::OK, "{html}");
    html
}

/// The signed-in person's notification of `kind` (all carry the test clock's one time).
async fn notification(app: &TestApp, token: &str, kind: &str) -> Value {
    app.drain().await;
    let (status, _, all) = app
        .request("GET", "/api/v1/notifications", None, Some(token))
        .await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let found = all
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["notice"]["notice"] == kind);
    found
        .unwrap_or_else(|| panic!("no {kind} notice in {all}"))
        .clone()
}

async fn audited(app: &TestApp, action: &str) -> usize {
    let query = AuditQuery {
        limit: 500,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    trail.iter().filter(|r| r.action == action).count()
}

fn codes(appeal: &Value) -> Vec<&str> {
    let routes = appeal.as_array().unwrap();
    routes.iter().map(|r| r["code"].as_str().unwrap()).collect()
}

async fn an_online_refusal_to_accept_lists_what_is_missing_everywhere(app: &TestApp) {
    let (token, id) = submit_assignment(app).await;
    let before = view(app, &token, &id).await;
    let child = before["form"]["members"][1]["id"].clone();
    let officer = app.sign_in(OFFICER).await;
    let missing = json!([
        { "document": "personal_history", "shortfall": "no_scan" },
        { "document": "identity_document", "member": child, "shortfall": "no_translation" },
    ]);
    let body = json!({ "missing": missing, "version": before["version"] });
    let path = format!("/api/v1/staff/applications/{id}/completeness");
    let (status, _, refused) = app.request("POST", &path, Some(body), Some(&officer)).await;
    assert_eq!(status, StatusCode::OK, "{refused}");
    assert_eq!(refused["status"], "rejected_at_intake");

    // The view keeps the registration and the term, and lists what is missing with the appeal.
    let v = view(app, &token, &id).await;
    assert_eq!(v["deadline"]["due"], before["deadline"]["due"], "{v}");
    assert_eq!(v["deadline"]["accepted"], "2026-11-23");
    assert!(v["registration"]["registered_at"].is_string(), "{v}");
    let refusal = &v["refusal_to_accept"];
    let lines = refusal["missing"].as_array().unwrap();
    assert_eq!(lines.len(), 2, "{refusal}");
    assert_eq!(lines[0]["document"], "personal_history");
    assert_eq!(lines[0]["shortfall"], "no_scan");
    assert_eq!(lines[1]["member"], child);
    assert_eq!(lines[1]["member_name"], CHILD);
    assert_eq!(lines[1]["shortfall"], "no_translation");
    assert!(
        lines[1]["text"]["ru"]
            .as_str()
            .unwrap()
            .contains("перевода")
    );
    assert_eq!(
        codes(&v["appeal"]),
        ["higher-body", "quality-body", "court"]
    );
    assert_eq!(refusal["appeal"], v["appeal"]);
    assert_eq!(v["appeal"][0]["file_by"], "2027-02-23");
    assert_eq!(v["appeal"][2]["after_pretrial"], true);
    assert!(v["result_documents"].as_array().unwrap().is_empty());

    // The notification lists them in the personal account; the SMS points there.
    let note = notification(app, &token, "rejected_at_intake").await;
    assert_eq!(note["notice"]["items"][1]["member"], CHILD);
    let text = note["text"]["ru"].as_str().unwrap();
    assert_has(
        text,
        &[
            "зарегистрированное 23 ноября 2026",
            "Автобиография (в произвольной форме) — не приложена электронная копия (скан)",
            CHILD,
            "в суд — только после жалобы",
        ],
    );
    let inbox = app.service().store.dev_sms().await.unwrap();
    let sms = &inbox[0].text;
    assert!(
        sms.contains("личном кабинете") && !sms.contains(CHILD),
        "{sms}"
    );

    // The receipt, like the desk's: what is missing, the registration, nothing on the merits,
    // the appeal; for the applicant only, and audited.
    let receipt = format!("/api/v1/applications/{id}/receipt");
    let (_, bytes) = pdf(app, &receipt, &token).await;
    let text = text_of(&bytes);
    assert_has(
        &text,
        &[
            "РАСПИСКА ОБ ОТКАЗЕ В ПРИЕМЕ ДОКУМЕНТОВ",
            before["number"].as_str().unwrap(),
            "Заявление зарегистрировано 23 ноября 2026",
            "Автобиография (в произвольной форме)",
            "не приложена электронная копия (скан)",
            CHILD,
            "нет нотариально засвидетельствованного перевода",
            "По существу решение не принималось.",
            "Порядок обжалования",
            "Местный исполнительный орган: город Астана",
            "по 23 февраля 2027 г. включительно",
            "Иск в суд",
            "Только после досудебного обжалования",
        ],
    );
    assert_eq!(audited(app, "application.download-receipt").await, 1);
    let other = app.sign_in("931002451325").await;
    let (status, _, _) = app.request("GET", &receipt, None, Some(&other)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The page says it too, with the receipt's link.
    let html = page(app, &format!("/applications/{id}"), &token).await;
    assert_has(
        &html,
        &[
            "Не принято к рассмотрению",
            "Зарегистрировано 23 ноября 2026",
            CHILD,
            &format!("/applications/{id}/receipt"),
            "Порядок обжалования",
        ],
    );

    // A draft has no receipt of refusal.
    let (_, _, draft) = app
        .request(
            "POST",
            "/api/v1/applications",
            Some(json!({ "kind": "assignment" })),
            Some(&token),
        )
        .await;
    let path = format!(
        "/api/v1/applications/{}/receipt",
        draft["id"].as_str().unwrap()
    );
    let (status, _, json) = app.request("GET", &path, None, Some(&token)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "application.no-receipt");
}

async fn a_refused_child_is_named_with_the_grounds_and_how_to_appeal(app: &TestApp) {
    let (token, id) = submit_assignment(app).await;
    let before = view(app, &token, &id).await;
    let child = before["form"]["members"][1]["id"].clone();
    let comment = "Национальность ребёнка не подтверждена документами.";
    let decision = json!({ "outcome": "assign", "members": [
        { "member": child, "grounds": ["not-kazakh-nationality"], "comment": comment }] });
    review_and_decide(app, &id, decision).await;

    let v = view(app, &token, &id).await;
    assert_eq!(v["status"], "assigned");
    let refusals = v["refusals"].as_array().unwrap();
    assert_eq!(refusals.len(), 1, "{v}");
    let refused = &refusals[0];
    assert_eq!(refused["member"], child);
    assert_eq!(refused["name"], CHILD);
    assert_eq!(refused["kinship"], "child");
    assert_eq!(refused["comment"], comment);
    let ground = &refused["grounds"][0];
    assert_eq!(ground["code"], "not-kazakh-nationality");
    assert!(
        ground["title"]["ru"]
            .as_str()
            .unwrap()
            .contains("этническим казахом")
    );
    let basis = ground["legal_basis"]["ru"].as_str().unwrap();
    assert!(basis.contains("О миграции населения"), "{ground}");
    assert_eq!(
        codes(&v["appeal"]),
        ["higher-body", "quality-body", "court"]
    );
    assert!(
        v["appeal"][2]["text"]["ru"]
            .as_str()
            .unwrap()
            .contains("Только после")
    );
    let documents = v["result_documents"].as_array().unwrap();
    let kinds: Vec<&str> = documents
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["certificate", "member_refusal"]);

    // The refusal decision names the child, the ground, its basis and the appeal.
    let refusal = &documents[1];
    let (headers, bytes) = pdf(app, refusal["url"].as_str().unwrap(), &token).await;
    let sha = refusal["sha256"].as_str().unwrap();
    assert_eq!(sha256_hex(&bytes), sha);
    assert_eq!(headers["etag"], format!("\"{sha}\"").as_str());
    let text = text_of(&bytes);
    assert_has(
        &text,
        &[
            "РЕШЕНИЕ ОБ ОТКАЗЕ В ПРИСВОЕНИИ СТАТУСА КАНДАСА ЧЛЕНАМ СЕМЬИ",
            before["number"].as_str().unwrap(),
            "удостоверение № KC-2026-",
            CHILD,
            "Туыстық дәрежесі / Степень родства: Баласы / Ребёнок",
            "Заявитель не является этническим казахом",
            "Правовое основание: Закон Республики Казахстан «О миграции населения»",
            comment,
            "Порядок обжалования",
            "Жалоба в уполномоченный орган по оценке и контролю за качеством оказания государственных услуг",
            "Иск в суд",
            "В суд можно обратиться только после досудебного обжалования",
            "Только после досудебного обжалования",
        ],
    );
    assert!(!text.contains(SPOUSE), "the spouse was not refused: {text}");
    // The certificate covers the spouse, not the child.
    let (_, certificate) = pdf(app, &format!("/api/v1/applications/{id}/result"), &token).await;
    let text = text_of(&certificate);
    assert!(text.contains(SPOUSE) && !text.contains(CHILD), "{text}");

    // The notification names the child and the ground; the page shows it all.
    let note = notification(app, &token, "decided").await;
    assert_eq!(
        note["notice"]["refused_members"][0]["member"], CHILD,
        "{note}"
    );
    let words = note["text"]["ru"].as_str().unwrap();
    assert_has(
        words,
        &[
            CHILD,
            "Ребёнок",
            "этническим казахом",
            "в суд — только после жалобы",
        ],
    );
    let html = page(app, &format!("/applications/{id}"), &token).await;
    assert_has(
        &html,
        &[
            "Кому отказано и почему",
            CHILD,
            "Заявитель не является этническим казахом",
            "Порядок обжалования",
            "Иск в суд",
            &format!("/applications/{id}/result?document=member_refusal"),
            &format!("/applications/{id}/result?document=certificate"),
            sha,
        ],
    );

    // A document this decision did not make, and a name that is no document.
    let base = format!("/api/v1/applications/{id}/result");
    let (status, _, json) = app
        .request(
            "GET",
            &format!("{base}?document=refusal_decision"),
            None,
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "application.no-document");
    let (status, _, json) = app
        .request(
            "GET",
            &format!("{base}?document=passport"),
            None,
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
}

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

async fn a_full_refusal_names_everyone_and_how_to_appeal(app: &TestApp) {
    let (token, id) = submit_assignment(app).await;
    let comment = "Заявитель состоял в гражданстве Республики Казахстан в 2001–2010 годах.";
    let decision = json!({ "outcome": "refuse", "grounds": ["was-citizen"], "comment": comment });
    review_and_decide(app, &id, decision).await;
    let v = view(app, &token, &id).await;
    let names: Vec<&str> = v["refusals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Серікбаев Ерлан Маратұлы", SPOUSE, CHILD]);
    assert!(v["refusals"][0]["member"].is_null() && v["refusals"][0]["kinship"].is_null());
    assert_eq!(v["appeal"][0]["file_by"], "2027-02-23");
    let (_, bytes) = pdf(app, &format!("/api/v1/applications/{id}/result"), &token).await;
    let text = text_of(&bytes);
    assert_has(
        &text,
        &[
            "РЕШЕНИЕ ОБ ОТКАЗЕ В ОКАЗАНИИ ГОСУДАРСТВЕННОЙ УСЛУГИ",
            "Лица, которым отказано",
            "Серікбаев Ерлан Маратұлы",
            SPOUSE,
            CHILD,
            comment,
            "Жалоба на имя руководителя органа, принявшего решение (Местный исполнительный орган: город Астана)",
            "по 23 февраля 2027 г. включительно",
            "Правовое основание: Административный процедурно-процессуальный кодекс Республики Казахстан, часть 5 статьи 91",
            "Только после досудебного обжалования",
        ],
    );
    assert!(
        !text.contains("или в суд"),
        "never the court directly: {text}"
    );
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
        .select(case.kind, &["was-citizen".to_owned()])
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
        action: "application.decide".to_owned(),
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
    an_online_refusal_to_accept_lists_what_is_missing_everywhere,
    refusal_to_accept_online_sqlite,
    refusal_to_accept_online_postgres
);
crate::on_both_backends!(
    a_refused_child_is_named_with_the_grounds_and_how_to_appeal,
    refused_child_sqlite,
    refused_child_postgres
);
crate::on_both_backends!(
    a_certificate_is_the_same_file_a_day_later,
    frozen_certificate_sqlite,
    frozen_certificate_postgres
);
crate::on_both_backends!(
    a_full_refusal_names_everyone_and_how_to_appeal,
    full_refusal_sqlite,
    full_refusal_postgres
);
crate::on_both_backends!(
    a_case_decided_before_is_rendered_once_as_of_its_decision,
    legacy_result_sqlite,
    legacy_result_postgres
);
