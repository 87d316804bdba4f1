//! What a refused applicant is told, on every channel: an online application refused to accept
//! lists what is missing in the view, the notification and a receipt; a refused child is named
//! with the grounds and how to appeal in the view, the notification, the page and the refusal
//! decision; a full refusal names everyone. Appeals go to a complaint first, the court after.

use axum::http::StatusCode;
use kandas_app::secrets::sha256_hex;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::support::{
    OFFICER, assert_has, audited, page, pdf, review_and_decide, submit_assignment, text_of, view,
};

const CHILD: &str = "Ерланұлы Алихан";
const SPOUSE: &str = "Серікбаева Айгүл";

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
    // Decided on 24 November, after the hearing: three months to complain.
    assert_eq!(v["appeal"][0]["file_by"], "2027-02-24");
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
            "по 24 февраля 2027 г. включительно",
            "Правовое основание: Административный процедурно-процессуальный кодекс Республики Казахстан, часть 5 статьи 91",
            "Только после досудебного обжалования",
        ],
    );
    assert!(
        !text.contains("или в суд"),
        "never the court directly: {text}"
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
    a_full_refusal_names_everyone_and_how_to_appeal,
    full_refusal_sqlite,
    full_refusal_postgres
);
