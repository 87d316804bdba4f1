//! The review under the rules in force, through the officer's and the head's pages: the
//! completeness check, the commission's protocol, the hearing before a recommended refusal
//! (scheduled, moved once at the applicant's request, recorded), the decision that assigns the
//! status and refuses one family member, and the head's sign-off. Every post answers 303, or
//! 422 with the page, its error summary and what was typed.

use axum::http::StatusCode;
use jiff::SignedDuration;
use kandas_testkit::TestApp;
use serde_json::json;

use super::sign_in;
use crate::browser::{Browser, csrf, hidden, number_in, row_of, see_other};
use crate::support::{sign_by_sms, submit_assignment};

/// The demo officer of the Astana local executive body.
pub const OFFICER: &str = "850302400014";
/// The demo head, who signs decisions off.
pub const HEAD: &str = "870404300076";
/// The demo holder of a kandas certificate.
const HOLDER: &str = "931002451325";
/// The video record's SHA-256 of the tests.
const SHA256: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/// The fields of a protocol: number, members, video record, and each person's recommendation
/// (`assign` unless the person's line is in `refuse`, with its reason).
fn protocol<'a>(html: &str, refuse: &[(usize, &'a str)], sha256: &'a str) -> Vec<(String, String)> {
    let people = html.matches("-member\" value=\"").count();
    assert!(people > 0, "no recommendation lines: {html}");
    let mut fields = vec![
        ("protocol_number".to_owned(), "П-12".to_owned()),
        (
            "members".to_owned(),
            "Сейтқазиева Ақбөпе\r\nЖұмабеков Ерлан\r\n".to_owned(),
        ),
        (
            "video_reference".to_owned(),
            "archive://leb-astana/2026/12".to_owned(),
        ),
        ("video_sha256".to_owned(), sha256.to_owned()),
    ];
    for n in 0..people {
        let reason = refuse.iter().find(|(line, _)| *line == n).map(|(_, r)| *r);
        let recommendation = if reason.is_some() { "refuse" } else { "assign" };
        fields.push((format!("rec-{n}"), recommendation.to_owned()));
        fields.push((format!("rec-{n}-reason"), reason.unwrap_or("").to_owned()));
    }
    fields
}

fn refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The completeness check: the package is accepted for review.
async fn accept_complete(b: &mut Browser<'_>, case: &str) {
    let (status, html) = b.get(case).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Следующий шаг") && html.contains("Проверка полноты документов"));
    assert!(
        !html.contains("name=\"outcome\""),
        "no decision yet: {html}"
    );
    let action = format!("{case}/completeness");
    assert_eq!(see_other(&b.submit(&html, &action, &[]).await), case);
}

/// Takes a registered assignment through the review on the pages — completeness, a protocol
/// recommending the status for everyone, the officer's decision to assign — and the head's
/// sign-off; answers the certificate number.
pub async fn review_and_assign(app: &TestApp, id: &str) -> String {
    let case = format!("/staff/applications/{id}");
    let mut officer = sign_in(app, OFFICER).await;
    accept_complete(&mut officer, &case).await;
    let (_, html) = officer.get(&case).await;
    assert!(html.contains("Принято к рассмотрению"), "{html}");
    let fields = protocol(&html, &[], SHA256);
    let action = format!("{case}/commission");
    let answer = officer.submit(&html, &action, &refs(&fields)).await;
    assert_eq!(see_other(&answer), case);
    let (_, html) = officer.get(&case).await;
    assert!(
        html.contains("Протокол № П-12") && html.contains(SHA256),
        "{html}"
    );
    assert!(
        !html.contains("/hearing\""),
        "no refusal, no hearing: {html}"
    );
    let decision = [("outcome", "assign"), ("comment", "")];
    assert_eq!(
        see_other(&officer.submit(&html, &case, &decision).await),
        case
    );
    let (_, html) = officer.get(&case).await;
    assert!(html.contains("Ожидает подписи руководителя"), "{html}");
    assert!(!html.contains(&format!("{case}/sign-off")), "{html}");

    let mut head = sign_in(app, HEAD).await;
    let (_, html) = head.get(&case).await;
    assert!(html.contains("Проект решения"), "{html}");
    let action = format!("{case}/sign-off");
    assert_eq!(see_other(&head.submit(&html, &action, &[]).await), case);
    let (_, html) = head.get(&case).await;
    assert!(html.contains("Статус кандаса присвоен"), "{html}");
    assert!(html.contains("<dt>Подписано</dt><dd>23 ноября 2026 г., 10:00 — вы</dd>"));
    number_in(&html, "KC-", 14)
}

/// The commission recommends refusing the child: a protocol with a wrong hash comes back with
/// what was typed; the right one leads to the hearing, and the decision form is not offered.
async fn protocol_refusing_the_child(b: &mut Browser<'_>, case: &str) {
    let (_, html) = b.get(case).await;
    let action = format!("{case}/commission");
    let reason = "национальность ребёнка не подтверждена";
    let wrong = protocol(&html, &[(2, reason)], "abc");
    let (status, _, again) = b.submit(&html, &action, &refs(&wrong)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{again}");
    assert!(again.contains("<a href=\"#video_sha256\">"), "{again}");
    assert!(again.contains("id=\"video_sha256-error\""), "{again}");
    assert_eq!(hidden(&again, "protocol_number").as_deref(), Some("П-12"));
    assert_eq!(hidden(&again, "rec-2-reason").as_deref(), Some(reason));
    assert!(
        again.contains("value=\"refuse\" checked"),
        "the refusal stays chosen: {again}"
    );
    assert!(
        again.contains("Сейтқазиева Ақбөпе\r\nЖұмабеков Ерлан"),
        "{again}"
    );
    let right = protocol(&again, &[(2, reason)], SHA256);
    assert_eq!(
        see_other(&b.submit(&again, &action, &refs(&right)).await),
        case
    );
    let (_, html) = b.get(case).await;
    assert!(html.contains("Назначить заслушивание"), "{html}");
    assert!(
        !html.contains("name=\"outcome\""),
        "the hearing comes first: {html}"
    );
    let row = row_of(&html, reason);
    assert!(
        row.contains("Ерланұлы Алихан") && row.contains("Отказать"),
        "{row}"
    );
}

/// The hearing: a time outside the term is refused with the place kept; it is scheduled, then
/// moved once for the applicant's reason (a move without one is refused).
async fn schedule_and_move(b: &mut Browser<'_>, case: &str) {
    let action = format!("{case}/hearing");
    let place = "г. Астана, ул. Бейбітшілік, 11, каб. 5";
    let (_, html) = b.get(case).await;
    assert!(html.contains("Не позднее 25 ноября 2026 г."), "{html}");
    // The child's refusal, as the commission recommends it, is ticked; its ground is chosen.
    assert!(
        html.contains("name=\"plan-2-refuse\" value=\"on\" checked"),
        "{html}"
    );
    let plan = [
        ("plan-2-refuse", "on"),
        ("plan-2-ground-not-kazakh-nationality", "on"),
    ];
    let (status, _, again) = b
        .submit(
            &html,
            &action,
            &[("at", "2026-11-24T15:00"), ("place", place)],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no ground: {again}"
    );
    assert!(again.contains("<a href=\"#planned\">"), "{again}");
    let late = [&plan[..], &[("at", "2026-11-30T10:00"), ("place", place)]].concat();
    let (status, _, again) = b.submit(&html, &action, &late).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{again}");
    assert!(again.contains("<a href=\"#at\">"), "{again}");
    assert_eq!(hidden(&again, "place").as_deref(), Some(place));
    assert_eq!(hidden(&again, "at").as_deref(), Some("2026-11-30T10:00"));
    let first = [&plan[..], &[("at", "2026-11-24T15:00"), ("place", place)]].concat();
    assert_eq!(see_other(&b.submit(&again, &action, &first).await), case);

    let (_, html) = b.get(case).await;
    assert!(html.contains("24 ноября 2026 г., 15:00"), "{html}");
    assert!(
        html.contains(&format!("action=\"{case}/hearing/record\"")),
        "{html}"
    );
    let link = "https://meet.leb-astana.kz/h/12";
    let moved = [
        ("at", "2026-11-25T11:00"),
        ("place", link),
        ("online", "on"),
    ];
    let no_reason = [&moved[..], &[("reason", "  ")]].concat();
    let (status, _, again) = b.submit(&html, &action, &no_reason).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{again}");
    assert!(again.contains("<a href=\"#reason\">"), "{again}");
    assert_eq!(hidden(&again, "place").as_deref(), Some(link));
    let reason = "Заявитель в командировке до 25 ноября";
    let with_reason = [&moved[..], &[("reason", reason)]].concat();
    assert_eq!(
        see_other(&b.submit(&again, &action, &with_reason).await),
        case
    );
    let (_, html) = b.get(case).await;
    for expected in [
        "25 ноября 2026 г., 11:00",
        link,
        "онлайн",
        reason,
        "С 24 ноября 2026 г., 15:00",
    ] {
        assert!(html.contains(expected), "{expected:?} in {html}");
    }
}

/// The officer records the hearing and proposes: assign, refusing the child (without grounds
/// first: refused, pointing at the child's part of the form).
async fn record_and_propose(b: &mut Browser<'_>, case: &str) {
    let (_, html) = b.get(case).await;
    let statement = "Заявитель возражает: свидетельство о рождении ребёнка будет представлено.";
    let action = format!("{case}/hearing/record");
    let (status, _, again) = b.submit(&html, &action, &[("statement", "")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{again}");
    assert!(again.contains("<a href=\"#statement\">"), "{again}");
    let recorded = b.submit(&again, &action, &[("statement", statement)]).await;
    assert_eq!(see_other(&recorded), case);

    let (_, html) = b.get(case).await;
    assert!(
        html.contains(statement) && html.contains("name=\"outcome\""),
        "{html}"
    );
    assert!(hidden(&html, "member-2-id").is_some(), "{html}");
    let comment = "Казахская национальность ребёнка не подтверждена документами.";
    let refuse = [
        ("outcome", "assign"),
        ("comment", ""),
        ("member-2-refuse", "on"),
        ("member-2-comment", comment),
    ];
    let (status, _, again) = b.submit(&html, case, &refuse).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{again}");
    assert!(again.contains("<a href=\"#member-2\">"), "{again}");
    assert!(
        again.contains("name=\"member-2-refuse\" value=\"on\" checked"),
        "{again}"
    );
    assert!(again.contains(&format!(">{comment}</textarea>")), "{again}");
    let grounds = [
        &refuse[..],
        &[("member-2-ground-not-kazakh-nationality", "on")],
    ]
    .concat();
    assert_eq!(see_other(&b.submit(&again, case, &grounds).await), case);
    let (_, html) = b.get(case).await;
    assert!(html.contains("Ожидает подписи руководителя"), "{html}");
    assert!(
        html.contains("Отказано члену семьи") && html.contains(comment),
        "{html}"
    );
}

async fn refusal_of_one_member_after_a_hearing(app: &TestApp) {
    let (_, id) = submit_assignment(app).await;
    let case = format!("/staff/applications/{id}");
    let mut officer = sign_in(app, OFFICER).await;
    let (_, queue) = officer.get("/staff").await;
    let number = number_in(&queue, "KND-", 15);
    let row = row_of(&queue, &number);
    assert!(
        row.contains("Зарегистрировано") && row.contains("Проверка полноты"),
        "{row}"
    );
    accept_complete(&mut officer, &case).await;
    protocol_refusing_the_child(&mut officer, &case).await;
    schedule_and_move(&mut officer, &case).await;
    let (_, queue) = officer.get("/staff").await;
    let row = row_of(&queue, &number);
    assert!(row.contains("Заслушивание"), "{row}");

    // The day and time the hearing was moved to.
    app.clock.advance(SignedDuration::from_hours(49));
    let mut officer = sign_in(app, OFFICER).await;
    record_and_propose(&mut officer, &case).await;
    let (_, html) = officer.get(&case).await;
    let token = csrf(&html);
    let fields = [("csrf", token.as_str()), ("version", "0")];
    let (status, _, _) = officer
        .post_form(&format!("{case}/sign-off"), &fields)
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "an officer does not sign off"
    );

    let mut head = sign_in(app, HEAD).await;
    let (_, html) = head.get(&case).await;
    let action = format!("{case}/sign-off");
    assert_eq!(see_other(&head.submit(&html, &action, &[]).await), case);
    let (_, html) = head.get(&case).await;
    let certificate = number_in(&html, "KC-", 14);
    let covered = &html[html.find("Члены семьи в удостоверении").unwrap()..];
    let covered = &covered[..covered.find("</dd>").unwrap()];
    assert!(
        covered.contains("Серікбаева Айгүл") && !covered.contains("Алихан"),
        "{covered}"
    );
    assert!(html.contains("Статус кандаса присвоен") && html.contains("11:00 — вы</dd>"));
    let (_, queue) = head.get("/staff").await;
    assert!(
        !queue.contains(&number),
        "decided cases leave the queue: {queue}"
    );
    let public = format!("/api/v1/certificates/{certificate}");
    let (status, _, json) = app.request("GET", &public, None, None).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["status"], "valid");
}

crate::on_both_backends!(
    refusal_of_one_member_after_a_hearing,
    refusal_of_one_member_after_a_hearing_on_sqlite,
    refusal_of_one_member_after_a_hearing_on_postgres
);

/// The certificate holder's extension, registered through the API; answers its id.
async fn submit_extension(app: &TestApp) -> String {
    let token = app.sign_in(HOLDER).await;
    let body = json!({ "kind": "extension" });
    let (status, _, created) = app
        .request("POST", "/api/v1/applications", Some(body), Some(&token))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let form = json!({ "region": "astana", "country_of_origin": "MNG", "education": "higher",
        "address": "г. Астана, ул. Сарыарка, 5", "members": [] });
    let body = json!({ "version": created["version"], "form": form });
    let path = format!("/api/v1/applications/{id}/form");
    let (status, _, saved) = app.request("PUT", &path, Some(body), Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    sign_by_sms(app, &token, &id, HOLDER).await;
    id
}

/// An extension has no commission: after the completeness check the decision form comes with
/// the hearing's; a refusal without a hearing is refused, pointing at it; the extension is
/// proposed and signed off.
async fn extension_through_the_pages(app: &TestApp) {
    let id = submit_extension(app).await;
    let case = format!("/staff/applications/{id}");
    let mut officer = sign_in(app, OFFICER).await;
    accept_complete(&mut officer, &case).await;
    let (_, html) = officer.get(&case).await;
    assert!(
        !html.contains("Комиссия"),
        "no commission for an extension: {html}"
    );
    assert!(html.contains("name=\"outcome\" value=\"extend\""), "{html}");
    assert!(
        html.contains(&format!("action=\"{case}/hearing\"")),
        "{html}"
    );
    let refuse = [
        ("outcome", "refuse"),
        ("ground-already-extended", "on"),
        ("comment", "Статус уже продлевался."),
    ];
    let (status, _, again) = officer.submit(&html, &case, &refuse).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{again}");
    assert!(again.contains("<a href=\"#hearing\">"), "{again}");
    assert!(
        again.contains("value=\"refuse\" accesskey=\"r\" checked"),
        "{again}"
    );
    let extend = [("outcome", "extend"), ("comment", "")];
    assert_eq!(
        see_other(&officer.submit(&again, &case, &extend).await),
        case
    );

    let mut head = sign_in(app, HEAD).await;
    let (_, html) = head.get(&case).await;
    let action = format!("{case}/sign-off");
    assert_eq!(see_other(&head.submit(&html, &action, &[]).await), case);
    let (_, html) = head.get(&case).await;
    assert!(
        html.contains("Статус продлён") && html.contains("23 июня 2027"),
        "{html}"
    );
}

crate::on_both_backends!(
    extension_through_the_pages,
    extension_through_the_pages_on_sqlite,
    extension_through_the_pages_on_postgres
);
