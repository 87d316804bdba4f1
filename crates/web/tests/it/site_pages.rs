//! The pages every visitor meets whatever they do: translated error pages (404 for an address
//! nothing serves, JSON under /api/; 403 that says what happened, with the CSRF failure told
//! apart; 429 that says when to try again), and signing in that lands each person where their
//! role works, or on the page they were going to (a local path only).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kandas_testkit::TestApp;

use crate::browser::{Browser, hidden, see_other, unescape};
use crate::on_both_backends;

const APPLICANT: &str = "900101300811";
const OTHER_APPLICANT: &str = "931002451325";
const OFFICER: &str = "850302400014";
const HEAD: &str = "870404300076";
const OPERATOR: &str = "881115300022";
const ADMIN: &str = "700701300067";

fn says(html: &str, lang: &str, id: &str) -> bool {
    unescape(html).contains(&kandas_i18n::text(lang, id))
}

async fn get_with(app: &TestApp, path: &str, header: (&str, &str)) -> (StatusCode, String) {
    let request = Request::builder()
        .uri(path)
        .header(header.0, header.1)
        .body(Body::empty())
        .unwrap();
    let (status, _, bytes) = app.send(request).await;
    (status, String::from_utf8(bytes).unwrap())
}

async fn error_pages(app: &TestApp) {
    // An address nothing serves: the translated page, by cookie or Accept-Language.
    for (lang, header) in [
        ("en", ("accept-language", "en-GB,en;q=0.9")),
        ("kk", ("cookie", "kandas_lang=kk")),
        ("ru", ("accept-language", "ru")),
    ] {
        let (status, html) = get_with(app, "/no/such/page", header).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{lang}");
        assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{html}");
        for id in [
            "error-title-not-found",
            "request.not-found",
            "error-advice-not-found",
        ] {
            assert!(says(&html, lang, id), "{lang} {id}: {html}");
        }
    }
    // Under /api/ the answer is the API's JSON error.
    let (status, _, json) = app.request("GET", "/api/v1/no-such", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json["error"]["code"], "request.not-found", "{json}");
    assert!(
        json["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );

    // 403 for a page of another role: what happened and where to go, not "reload".
    let mut applicant = sign_in(app, APPLICANT, "/cabinet").await;
    let (status, html) = applicant.get("/desk?lang=en").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(says(&html, "en", "error-title-forbidden"), "{html}");
    assert!(says(&html, "en", "error-advice-forbidden"), "{html}");
    assert!(!html.contains("Reload"), "{html}");
    assert!(
        html.contains("<a href=\"/cabinet\">"),
        "their own pages: {html}"
    );
    // A form whose CSRF token is not this site's: that one says to reload.
    let (status, _, html) = applicant
        .post_form("/logout", &[("csrf", "forged-token-forged-token-forged")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(says(&html, "en", "request.csrf"), "{html}");
    assert!(says(&html, "en", "error-advice-csrf"), "{html}");

    // 429: the sixth code within 15 minutes is refused, saying when to try again.
    let mut b = Browser::new(app);
    let typed = [
        ("iin", OTHER_APPLICANT),
        ("password", kandas_store::demo::PASSWORD),
    ];
    for _ in 0..5 {
        let (_, html) = b.get("/login?lang=en").await;
        let answer = b.submit(&html, "/login", &typed).await;
        assert!(see_other(&answer).starts_with("/login/confirm?c="));
    }
    let (_, html) = b.get("/login").await;
    let (status, _, html) = b.submit(&html, "/login", &typed).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{html}");
    let text = unescape(&html);
    assert!(
        text.contains(&kandas_i18n::text("en", "request.too-many")),
        "{text}"
    );
    assert!(
        text.contains("You can try again in ") && text.contains(" minutes."),
        "{text}"
    );
}

on_both_backends!(error_pages, error_pages_sqlite, error_pages_postgres);

/// Signs in through the pages, arriving at `from` (`/login?next=…` or `/login`); answers the
/// browser after checking where the sign-in ends.
async fn sign_in_at<'a>(app: &'a TestApp, iin: &str, from: &str, lands: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    let (status, html) = b.get(from).await;
    assert_eq!(status, StatusCode::OK);
    let credentials = [("iin", iin), ("password", kandas_store::demo::PASSWORD)];
    let answer = b.submit(&html, "/login", &credentials).await;
    let to = see_other(&answer).to_owned();
    let (status, html) = b.get(&to).await;
    assert_eq!(status, StatusCode::OK);
    app.drain().await;
    let code = app.last_code(iin).await;
    let answer = b.submit(&html, "/login/confirm", &[("code", &code)]).await;
    assert_eq!(see_other(&answer), lands, "{iin} from {from}");
    b
}

async fn sign_in<'a>(app: &'a TestApp, iin: &str, lands: &str) -> Browser<'a> {
    sign_in_at(app, iin, "/login", lands).await
}

async fn landing_and_next(app: &TestApp) {
    // Each role lands where it works.
    for (iin, lands) in [
        (OFFICER, "/staff"),
        (HEAD, "/staff"),
        (OPERATOR, "/desk"),
        (ADMIN, "/admin/accounts"),
        (APPLICANT, "/cabinet"),
    ] {
        let mut b = sign_in(app, iin, lands).await;
        let (status, _) = b.get(lands).await;
        assert_eq!(status, StatusCode::OK, "{iin} on {lands}");
    }

    // Ordering while signed out: sent to sign in, and back on the order page.
    let mut anyone = Browser::new(app);
    let answer = anyone.get_raw("/order").await;
    assert_eq!(see_other(&answer), "/login?next=%2Forder");
    let mut b = sign_in_at(app, APPLICANT, "/login?next=%2Forder", "/order").await;
    let (status, _) = b.get("/order").await;
    assert_eq!(status, StatusCode::OK);
    // The query of the page is kept too.
    let answer = anyone.get_raw("/admin/accounts?q=85").await;
    assert_eq!(
        see_other(&answer),
        "/login?next=%2Fadmin%2Faccounts%3Fq%3D85"
    );

    // Another site is never where a sign-in ends: neither from the address nor a forged field.
    for evil in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let mut b = Browser::new(app);
        let from = format!("/login?next={}", crate::browser::encode(evil));
        let (_, html) = b.get(&from).await;
        assert_eq!(hidden(&html, "next"), None, "{evil}: {html}");
    }
    let mut b = Browser::new(app);
    let (_, html) = b.get("/login").await;
    let forged = [
        ("iin", APPLICANT),
        ("password", kandas_store::demo::PASSWORD),
        ("next", "//evil.example/"),
    ];
    let answer = b.submit(&html, "/login", &forged).await;
    let to = see_other(&answer).to_owned();
    assert!(!to.contains("evil"), "{to}");
    let (_, html) = b.get(&to).await;
    app.drain().await;
    let code = app.last_code(APPLICANT).await;
    let answer = b
        .submit(
            &html,
            "/login/confirm",
            &[("code", &code), ("next", "//evil.example/")],
        )
        .await;
    assert_eq!(see_other(&answer), "/cabinet");
}

on_both_backends!(
    landing_and_next,
    landing_and_next_sqlite,
    landing_and_next_postgres
);
