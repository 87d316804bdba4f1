//! The journey of `journey.rs` through the HTML pages, as a browser without JavaScript does it:
//! every post carries the CSRF cookie and the form's hidden fields, every successful post
//! answers 303. `review` takes cases through the officer's review and the head's sign-off.

pub mod review;

use axum::http::StatusCode;
use kandas_domain::iin::Iin;
use kandas_domain::numbers::{ApplicationNumber, CertificateNumber};
use kandas_testkit::TestApp;

use crate::browser::{Browser, csrf, form_fields, hidden, link, number_in, row_of, see_other};
use crate::support::PDF;

const APPLICANT: &str = "900101300811";
const ADDRESS: &str = "г. Астана, ул. Кенесары, 1";
pub const SPOUSE: &str = "kinship=spouse surname=Серікбаева given_name=Айгүл patronymic= \
    surname_latin=SERIKBAYEVA given_name_latin=AIGUL birth_date=1992-03-05 citizenship=CHN \
    iin=920305400125 doc_kind=passport doc_number=E1234567 doc_issued_by=PRC doc_expires_on=";
pub const CHILD: &str = "kinship=child surname=Ерланұлы given_name=Алихан patronymic= \
    surname_latin=YERLANULY given_name_latin=ALIKHAN birth_date=2019-04-01 citizenship=CHN \
    iin= doc_kind=birth_certificate doc_number=B7654321 doc_issued_by=PRC doc_expires_on=";
/// A token no page ever issued.
const FORGED: &str = "Zm9yZ2VkLXRva2VuLW5vdC1mcm9tLXRoaXMtc2l0ZQ";

/// `name=value` pairs separated by spaces (the add-a-member form's fields).
pub fn pairs(text: &str) -> Vec<(&str, &str)> {
    text.split_whitespace()
        .map(|kv| kv.split_once('=').unwrap())
        .collect()
}

/// Signs in through /login and the SMS code page.
pub async fn sign_in<'a>(app: &'a TestApp, iin: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    let (status, html) = b.get("/login").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(b.cookie("kandas_csrf"), Some(csrf(&html).as_str()));
    let password = kandas_store::demo::PASSWORD;
    let credentials = [("iin", iin), ("password", password)];
    let answer = b.submit(&html, "/login", &credentials).await;
    let to = see_other(&answer);
    assert!(to.starts_with("/login/confirm?c="), "{to}");
    let (status, html) = b.get(to).await;
    assert_eq!(status, StatusCode::OK);
    app.drain().await;
    let code = app.last_code(iin).await;
    let answer = b.submit(&html, "/login/confirm", &[("code", &code)]).await;
    let lands = see_other(&answer);
    assert!(
        ["/cabinet", "/staff", "/desk", "/admin/accounts"].contains(&lands),
        "where the role works: {lands}"
    );
    assert!(b.cookie("kandas_session").is_some());
    b
}

/// A mistyped IIN comes back with 422, the typed value and a summary that links to the field.
async fn login_refuses_bad_iin(app: &TestApp) {
    let mut b = Browser::new(app);
    let (_, html) = b.get("/login").await;
    let sent = app.service().store.dev_sms().await.unwrap().len();
    let typed = [("iin", "900101300812"), ("password", "kandas-demo")];
    let (status, _, html) = b.submit(&html, "/login", &typed).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    let message = kandas_i18n::text("ru", Iin::parse("900101300812").unwrap_err().code());
    let summary = format!("<a href=\"#iin\">{message}</a>");
    let target = "<input id=\"iin\" name=\"iin\"".to_owned();
    let at_field = format!("id=\"iin-error\">{message}<");
    for needle in [
        "class=\"error-summary\"".to_owned(),
        summary,
        target,
        at_field,
    ] {
        assert!(html.contains(&needle), "{needle} in {html}");
    }
    assert_eq!(hidden(&html, "iin").as_deref(), Some("900101300812"));
    app.drain().await;
    let now = app.service().store.dev_sms().await.unwrap().len();
    assert_eq!(now, sent, "no code went out");
}

/// Fills "about you" as a browser posts it: every field, the empty ones too.
async fn save_answers(b: &mut Browser<'_>, id: &str) {
    let path = format!("/applications/{id}/form");
    let (status, html) = b.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    for option in ["value=\"astana\"", "value=\"CHN\"", "value=\"higher\""] {
        assert!(html.contains(&format!("<option {option}")), "{option}");
    }
    let mut answers = vec![("region", "astana"), ("country_of_origin", "CHN")];
    answers.extend([("education", "higher"), ("profession", "Инженер")]);
    answers.extend([("address", ADDRESS), ("doc_kind", ""), ("doc_number", "")]);
    answers.extend([("doc_issued_by", ""), ("doc_expires_on", "")]);
    let answer = b.submit(&html, &path, &answers).await;
    assert_eq!(
        see_other(&answer),
        format!("/applications/{id}/form/members")
    );
}

/// A post without the token, with another token or from another origin changes nothing.
async fn forged_posts_change_nothing(b: &mut Browser<'_>, id: &str) {
    let path = format!("/applications/{id}/form");
    let (_, html) = b.get(&path).await;
    let (token, version) = (csrf(&html), hidden(&html, "version").unwrap());
    let forged = [("version", version.as_str()), ("address", "ул. Подделка")];
    let wrong = [&[("csrf", FORGED)][..], &forged].concat();
    let right = [&[("csrf", token.as_str())][..], &forged].concat();
    let (here, there) = ("http://localhost", "http://evil.example");
    for (fields, origin) in [(forged.to_vec(), here), (wrong, here), (right, there)] {
        b.origin = origin;
        let (status, _, _) = b.post_form(&path, &fields).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{fields:?} from {origin}");
    }
    b.origin = here;
    let (_, html) = b.get(&path).await;
    assert_eq!(hidden(&html, "address").as_deref(), Some(ADDRESS));
    assert_eq!(hidden(&html, "version"), Some(version), "nothing was saved");
}

/// Adds one member through the family step's "add a family member" page.
pub async fn add_member(b: &mut Browser<'_>, id: &str, member: &str) {
    let members = format!("/applications/{id}/form/members");
    let (_, list) = b.get(&members).await;
    assert!(list.contains(&format!("href=\"{members}/new\"")), "{list}");
    let (status, html) = b.get(&format!("{members}/new")).await;
    assert_eq!(status, StatusCode::OK);
    let action = format!("/applications/{id}/members");
    let answer = b.submit(&html, &action, &pairs(member)).await;
    assert_eq!(see_other(&answer), members);
}

/// Uploads a PDF through each upload form the documents page shows, reloading after each;
/// answers the document types uploaded.
async fn upload_documents(b: &mut Browser<'_>, id: &str) -> Vec<String> {
    let path = format!("/applications/{id}/documents");
    let mut uploaded = Vec::new();
    loop {
        let (status, html) = b.get(&path).await;
        assert_eq!(status, StatusCode::OK);
        // The first document asked for that has no file yet (the upload forms stay offered for
        // more files).
        let mut sections = html.split("<section");
        let Some(section) = sections
            .find(|s| s.contains("multipart/form-data") && !s.contains("<ul class=\"files\">"))
        else {
            break;
        };
        assert!(uploaded.len() < 5, "the upload forms never go away: {html}");
        let fields = form_fields(section, &path);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (&**k, &**v)).collect();
        let document = hidden(section, "document_type").unwrap();
        if !hidden(section, "member").unwrap().is_empty() {
            assert!(section.contains("Алихан"), "only the child's: {section}");
        }
        let answer = b.post_multipart(&path, &fields, "doc.pdf", PDF).await;
        assert!(see_other(&answer).starts_with(&path), "{document}");
        uploaded.push(document);
    }
    uploaded.sort();
    uploaded
}

/// Check your answers, send the code, sign; answers the confirmation page.
async fn sign(app: &TestApp, b: &mut Browser<'_>, id: &str) -> String {
    let review = format!("/applications/{id}/review");
    let (status, html) = b.get(&review).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Инженер") && html.contains(ADDRESS), "{html}");
    let answer = b.submit(&html, &review, &[]).await;
    let to = see_other(&answer);
    let code_page = format!("/applications/{id}/sign?phone=");
    assert!(to.starts_with(&code_page), "{to}");
    let (status, html) = b.get(to).await;
    assert_eq!(status, StatusCode::OK);
    app.drain().await;
    let code = app.last_code(APPLICANT).await;
    let action = format!("/applications/{id}/sign");
    let answer = b.submit(&html, &action, &[("code", &code)]).await;
    assert_eq!(see_other(&answer), format!("/applications/{id}/done"));
    let (status, html) = b.get(&answer.1).await;
    assert_eq!(status, StatusCode::OK);
    html
}

/// The officer finds the case in the queue with its step; a forged post is refused; the case
/// goes through the review on the pages and the head signs the assignment off.
async fn officer_assigns(app: &TestApp, id: &str, number: &str) {
    let mut b = sign_in(app, review::OFFICER).await;
    let (status, html) = b.get("/staff").await;
    assert_eq!(status, StatusCode::OK);
    let row = row_of(&html, number);
    assert!(row.contains("Проверка полноты документов"), "{row}");
    let case = format!("/staff/applications/{id}");
    let (status, html) = b.get(&case).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(number) && html.contains(APPLICANT), "{html}");
    let accept = format!("{case}/completeness");
    let mut forged = form_fields(&html, &accept);
    forged.retain(|(k, _)| k != "csrf");
    forged.push(("csrf".into(), FORGED.into()));
    let forged: Vec<(&str, &str)> = forged.iter().map(|(k, v)| (&**k, &**v)).collect();
    assert_eq!(b.post_form(&accept, &forged).await.0, StatusCode::FORBIDDEN);
    let (_, html) = b.get(&case).await;
    assert!(html.contains("Зарегистрировано"), "still unchecked: {html}");
    review::review_and_assign(app, id).await;
}

/// The journey, once per backend.
pub async fn pages_journey(app: &TestApp) {
    login_refuses_bad_iin(app).await;
    let mut b = sign_in(app, APPLICANT).await;
    let (status, html) = b.get("/order").await;
    assert_eq!(status, StatusCode::OK);
    let answer = b.submit(&html, "/order", &[("kind", "assignment")]).await;
    let id = see_other(&answer).strip_prefix("/applications/").unwrap();
    let (status, html) = b.get(&answer.1).await;
    assert_eq!(status, StatusCode::OK);
    let number = number_in(&html, "KND-", 15);
    ApplicationNumber::parse(&number).unwrap();

    save_answers(&mut b, id).await;
    forged_posts_change_nothing(&mut b, id).await;
    add_member(&mut b, id, SPOUSE).await;
    add_member(&mut b, id, CHILD).await;
    let (_, html) = b.get(&format!("/applications/{id}/form/members")).await;
    assert!(html.contains("Айгүл") && html.contains("Алихан"), "{html}");
    let uploaded = upload_documents(&mut b, id).await;
    let expected = ["identity_document", "nationality_proof", "personal_history"];
    assert_eq!(uploaded, expected);

    let done = sign(app, &mut b, id).await;
    let quoted = format!("<strong>{number}</strong>");
    assert!(done.contains(&quoted), "{done}");
    assert!(done.contains("Решение до 26 ноября 2026 г."), "{done}");
    let (_, cabinet) = b.get("/cabinet").await;
    let row = row_of(&cabinet, &number);
    assert!(row.contains("Зарегистрировано"), "{row}");
    assert!(row.contains("Решение до 26 ноября 2026 г."), "{row}");
    let (_, cabinet) = b.get("/cabinet?lang=en").await;
    let row = row_of(&cabinet, &number);
    assert!(row.contains("Registered"), "{row}");
    assert!(row.contains("Decision due by 26 November 2026"), "{row}");
    let (_, cabinet) = b.get("/cabinet").await;
    assert!(cabinet.contains("<html lang=\"en\">"), "kept");

    officer_assigns(app, id, &number).await;
    let (status, html) = b.get(&format!("/applications/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let certificate = number_in(&html, "KC-", 14);
    CertificateNumber::parse(&certificate).unwrap();
    let result = format!("Kandas status assigned. Certificate No. {certificate}.");
    assert!(html.contains(&result), "{html}");
    let public = format!("/api/v1/certificates/{certificate}");
    let (status, _, public) = app.request("GET", &public, None, None).await;
    assert_eq!(status, StatusCode::OK, "{public}");
    assert_eq!(public["status"], "valid");

    // Signing out ends the session on the server, not only in the browser.
    let token = Some(b.cookie("kandas_session").unwrap().to_owned());
    let (status, _, _) = app
        .request("GET", "/api/v1/me", None, token.as_deref())
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = b.get("/cabinet").await;
    assert_eq!(see_other(&b.submit(&html, "/logout", &[]).await), "/");
    assert!(b.cookie("kandas_session").is_none());
    assert_eq!(b.get("/cabinet").await.0, StatusCode::SEE_OTHER);
    let (status, _, _) = app
        .request("GET", "/api/v1/me", None, token.as_deref())
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

crate::on_both_backends!(
    pages_journey,
    pages_journey_on_sqlite,
    pages_journey_on_postgres
);

/// The language links are relative (`?…lang=en`) and a browser resolves them by replacing the
/// page's whole query: on the code page (`/login/confirm?c=…`) they must keep the challenge id
/// the code form posts back (they once were `?lang=en` and switching made the code unusable).
#[tokio::test]
async fn switching_language_on_the_code_page_keeps_the_challenge() {
    let app = TestApp::sqlite().await;
    let mut b = Browser::new(&app);
    let (_, html) = b.get("/login").await;
    let credentials = [
        ("iin", APPLICANT),
        ("password", kandas_store::demo::PASSWORD),
    ];
    let answer = b.submit(&html, "/login", &credentials).await;
    let page = see_other(&answer);
    let (_, html) = b.get(page).await;
    let english = link(&html, "hreflang=\"en\"").unwrap();
    let english = match english.strip_prefix('?') {
        Some(query) => format!("{}?{query}", page.split('?').next().unwrap()),
        None => english,
    };
    let (status, html) = b.get(&english).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    app.drain().await;
    let code = app.last_code(APPLICANT).await;
    let answer = b.submit(&html, "/login/confirm", &[("code", &code)]).await;
    assert_eq!(see_other(&answer), "/cabinet");
}
