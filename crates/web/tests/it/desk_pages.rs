//! The desk's journey of `desk.rs` through the HTML pages, as a browser without JavaScript does
//! it: the operator signs in, finds the applicant by IIN, takes a paper assignment in (form,
//! family, scans, custody), has it confirmed by the applicant's SMS code, prints the receipt whose
//! QR code opens the public status page, and hands the officer's result over; a refusal to accept;
//! an extension signed on paper; the public certificate check.

mod intake;

use axum::http::StatusCode;
use kandas_testkit::{PUBLIC_URL, TestApp};

use crate::browser::{Browser, hidden, number_in, row_of, see_other};
use crate::pages_journey::review::{OFFICER, review_and_assign};
use crate::pages_journey::sign_in;
use intake::{accept_by_code, fill_form, mark_custody, pdf, start, upload_scans};

const APPLICANT: &str = "900101300811";
const HOLDER: &str = "931002451325";
const OPERATOR: &str = "881115300022";

/// The officer's queue shows the case with its channel; the case goes through the review on
/// the officer's pages and the head signs the assignment off.
async fn officer_assigns(app: &TestApp, id: &str, number: &str) {
    let mut officer = sign_in(app, OFFICER).await;
    let (_, queue) = officer.get("/staff").await;
    let row = row_of(&queue, number);
    assert!(row.contains("Госкорпорация (ЦОН)"), "{row}");
    assert!(
        queue.contains("href=\"/desk\""),
        "officers have their own desk: {queue}"
    );
    review_and_assign(app, id).await;
}

/// The public status page the receipt's QR code opens: no personal data; a wrong key is 404.
async fn public_status(app: &TestApp, url: &str, number: &str) {
    let mut anyone = Browser::new(app);
    let (status, html) = anyone.get(url.trim_start_matches(PUBLIC_URL)).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    for expected in [
        number,
        "Зарегистрировано",
        "Решение до 26 ноября 2026 г.",
        "Госкорпорация (ЦОН)",
    ] {
        assert!(html.contains(expected), "{expected:?} in {html}");
    }
    for personal in [APPLICANT, "Серікбаев", "Алихан"] {
        assert!(!html.contains(personal), "{personal:?} on the public page");
    }
    let (status, html) = anyone.get(&format!("/status/{number}?key=0000")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        html.contains("Страница или заявление не найдены."),
        "{html}"
    );
}

/// The result is printed and handed over; the issue needs the identity check.
async fn hand_over(app: &TestApp, b: &mut Browser<'_>, case: &str, number: &str) -> String {
    let (_, home) = b.get("/desk").await;
    let ready = &home[home.find("id=\"ready\"").unwrap()..home.find("id=\"recent\"").unwrap()];
    assert!(ready.contains(number), "ready for issue: {ready}");
    let (_, html) = b.get(case).await;
    assert!(html.contains("К выдаче"), "{html}");
    let certificate = number_in(&html, "KC-", 14);
    let (text, _) = pdf(app, b, &format!("{case}/result")).await;
    assert!(text.contains(&certificate), "{text}");
    let action = format!("{case}/issue");
    let recipient = [
        ("recipient_iin", APPLICANT),
        ("recipient_name", "Серікбаев Ерлан"),
    ];
    let document = [("identity_document", "паспорт N1234567")];
    let typed = [&recipient[..], &document].concat();
    let (status, _, refused) = b.submit(&html, &action, &typed).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(
        refused.contains("<a href=\"#identity_checked\">"),
        "{refused}"
    );
    assert_eq!(
        hidden(&refused, "recipient_name").as_deref(),
        Some("Серікбаев Ерлан")
    );
    let checked = [&typed[..], &[("identity_checked", "on")]].concat();
    assert_eq!(
        see_other(&b.submit(&refused, &action, &checked).await),
        case
    );
    let (_, html) = b.get(case).await;
    assert!(
        html.contains("паспорт N1234567") && html.contains("9001******11"),
        "{html}"
    );
    let (_, home) = b.get("/desk").await;
    let ready = &home[home.find("id=\"ready\"").unwrap()..home.find("id=\"recent\"").unwrap()];
    assert!(!ready.contains(number), "handed over: {ready}");
    certificate
}

/// The certificate's public check; an unknown number is the 404 page.
async fn certificate_page(app: &TestApp, certificate: &str) {
    let mut anyone = Browser::new(app);
    let (status, html) = anyone.get(&format!("/certificates/{certificate}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let expected = [
        certificate,
        "Действительно",
        "9001******11",
        "Местный исполнительный орган: город Астана",
    ];
    for expected in expected {
        assert!(html.contains(expected), "{expected:?} in {html}");
    }
    let (status, english) = anyone.get(&format!("/verify/{certificate}?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(english.contains("Valid until"), "{english}");
    let (status, html) = anyone.get("/certificates/KC-2026-999999?lang=ru").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        html.contains("Страница или заявление не найдены."),
        "{html}"
    );
}

async fn paper_assignment(app: &TestApp) {
    // Someone without a desk gets the translated 403 page, and no desk link.
    let mut applicant = sign_in(app, APPLICANT).await;
    let (status, html) = applicant.get("/desk").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        html.contains("У вас нет доступа") && !html.contains("href=\"/desk\""),
        "{html}"
    );

    let mut b = sign_in(app, OPERATOR).await;
    let (_, cabinet) = b.get("/cabinet").await;
    assert!(cabinet.contains("href=\"/desk\"") && !cabinet.contains("href=\"/staff\""));
    let (_, home) = b.get("/desk").await;
    // No free lookups: the desk starts a case by IIN, and a mistyped one is refused on the spot.
    assert!(!home.contains("/desk/persons"), "{home}");
    let (status, _, mistyped) = b
        .submit(
            &home,
            "/desk/applications",
            &[("iin", "900101300812"), ("kind", "assignment")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(mistyped.contains("<a href=\"#iin\">") && mistyped.contains("value=\"900101300812\""));

    let id = start(&mut b, APPLICANT, "assignment").await;
    let case = format!("/desk/applications/{id}");
    let (_, html) = b.get(&case).await;
    let number = number_in(&html, "KND-", 15);
    fill_form(&mut b, &case).await;
    let (_, html) = b.get(&case).await;
    assert!(
        html.contains("получено из: государственная база данных"),
        "the spouse's: {html}"
    );
    assert!(
        html.contains("Оригинал не представлен"),
        "nothing marked yet: {html}"
    );
    assert!(
        html.contains(&format!("action=\"{case}/refuse\"")),
        "{html}"
    );
    let uploaded = upload_scans(&mut b, &case).await;
    assert_eq!(
        uploaded,
        ["identity_document", "nationality_proof", "personal_history"]
    );
    mark_custody(&mut b, &case, true).await;
    accept_by_code(app, &mut b, &case).await;

    let (_, html) = b.get(&case).await;
    assert!(
        html.contains("Зарегистрировано") && html.contains(&format!("{case}/receipt")),
        "{html}"
    );
    let (receipt, codes) = pdf(app, &b, &format!("{case}/receipt")).await;
    for expected in [
        number.as_str(),
        "2026 жылғы 26 қараша",
        "26 ноября 2026",
        "Ерланұлы Алихан",
    ] {
        assert!(
            receipt.contains(expected),
            "{expected:?} missing from the receipt:\n{receipt}"
        );
    }
    public_status(app, &codes[0], &number).await;
    officer_assigns(app, &id, &number).await;
    let certificate = hand_over(app, &mut b, &case, &number).await;
    certificate_page(app, &certificate).await;
}

async fn refusal_to_accept(app: &TestApp) {
    let mut b = sign_in(app, OPERATOR).await;
    let id = start(&mut b, APPLICANT, "assignment").await;
    let case = format!("/desk/applications/{id}");
    fill_form(&mut b, &case).await;
    upload_scans(&mut b, &case).await;
    mark_custody(&mut b, &case, false).await;
    let (_, html) = b.get(&case).await;
    assert!(html.contains("Ерланұлы Алихан: Нет нотариально"), "{html}");
    // Accepting is refused, naming the line; refusing to accept is possible.
    let accept = format!("{case}/accept");
    let (status, _, refused) = b.submit(&html, &accept, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(
        refused.contains("<a href=\"#documents-identity_document-"),
        "{refused}"
    );
    let refuse = format!("{case}/refuse");
    assert_eq!(see_other(&b.submit(&refused, &refuse, &[]).await), case);
    let (_, html) = b.get(&case).await;
    assert!(html.contains("Не принято: не хватает документов") && html.contains("Чего не хватало"));
    let (receipt, _) = pdf(app, &b, &format!("{case}/receipt")).await;
    assert!(
        receipt.contains("перевод") && receipt.contains("аударма"),
        "{receipt}"
    );
    // Nothing is sent on.
    let number = number_in(&html, "KND-", 15);
    let mut officer = sign_in(app, OFFICER).await;
    let (_, queue) = officer.get("/staff").await;
    assert!(!queue.contains(&number), "{queue}");
}

async fn extension_signed_on_paper(app: &TestApp) {
    let mut b = sign_in(app, OPERATOR).await;
    let id = start(&mut b, HOLDER, "extension").await;
    let case = format!("/desk/applications/{id}");
    let (_, html) = b.get(&case).await;
    assert!(
        html.contains("получено из: реестр удостоверений кандасов"),
        "{html}"
    );
    assert!(
        !html.contains("multipart/form-data"),
        "nothing to scan: {html}"
    );
    let path = format!("{case}/form");
    let (_, form) = b.get(&path).await;
    let answers = [
        ("country_of_origin", "MNG"),
        ("education", "higher"),
        ("address", "г. Астана, ул. Сарыарка, 5"),
    ];
    let mut answers = answers.to_vec();
    answers.extend([
        ("region", "astana"),
        ("profession", ""),
        ("doc_kind", ""),
        ("doc_number", ""),
    ]);
    answers.extend([("doc_issued_by", ""), ("doc_expires_on", "")]);
    // The next step is the family; the desk's documents are on the case page.
    let members = format!("{case}/form/members");
    assert_eq!(see_other(&b.submit(&form, &path, &answers).await), members);
    let (_, list) = b.get(&members).await;
    assert!(
        list.contains(&format!("href=\"{case}#documents\"")),
        "{list}"
    );
    let (_, html) = b.get(&case).await;
    assert_eq!(
        see_other(&b.submit(&html, &format!("{case}/accept"), &[]).await),
        case
    );
    let (_, html) = b.get(&case).await;
    assert!(html.contains("Зарегистрировано"), "{html}");
}

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
    extension_signed_on_paper,
    extension_signed_on_paper_sqlite,
    extension_signed_on_paper_postgres
);
