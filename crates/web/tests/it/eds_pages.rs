//! EDS through the HTML pages, as the NCALayer bridge posts it: the signing page carries the
//! document NCALayer signs, its CMS registers the application, the wrong key is refused with a
//! message, and the sign-in page signs in by a signed nonce. CSRF guards both new forms.

use axum::http::StatusCode;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use jiff::{SignedDuration, Timestamp};
use kandas_app::ports::Clock;
use kandas_devpki::KeyCert;
use kandas_testkit::{TestApp, dev_pki};

use crate::browser::{Browser, csrf, hidden, see_other, unescape};
use crate::eds::{cms_claiming, not_after};
use crate::support::{attach_required, draft_with_form};

const APPLICANT: &str = "900101300811";
/// A token no page ever issued.
const FORGED: &str = "Zm9yZ2VkLXRva2VuLW5vdC1mcm9tLXRoaXMtc2l0ZQ";

/// What NCALayer answers: base64 of a detached CMS made now with `key` over `content`.
fn cms(app: &TestApp, key: &KeyCert, content: &[u8]) -> String {
    cms_claiming(key, content, app.clock.now())
}

/// The bytes in the `data-document` of the form posting to `action`: what NCALayer signs.
fn document_of(html: &str, action: &str) -> Vec<u8> {
    let at = html.find(&format!("action=\"{action}\"")).unwrap();
    let rest = &html[at..];
    let start = rest.find("data-document=\"").unwrap() + "data-document=\"".len();
    let base64 = unescape(&rest[start..start + rest[start..].find('"').unwrap()]);
    BASE64.decode(base64).unwrap()
}

/// Whether the page shows the message of `code` (in Russian, the default language).
fn shows(html: &str, code: &str) -> bool {
    unescape(html).contains(&kandas_i18n::text("ru", code))
}

/// Posts the EDS form of /login with the page's nonce signed by `key` and the CSRF `token`
/// (the page's when `None`).
async fn post_login(
    b: &mut Browser<'_>,
    app: &TestApp,
    key: &KeyCert,
    token: Option<&str>,
) -> (StatusCode, String, String) {
    post_login_claiming(b, key, token, app.clock.now()).await
}

/// [`post_login`] with a CMS whose signingTime says `signing_time`.
async fn post_login_claiming(
    b: &mut Browser<'_>,
    key: &KeyCert,
    token: Option<&str>,
    signing_time: Timestamp,
) -> (StatusCode, String, String) {
    let (status, html) = b.get("/login").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<script src=\"/static/ncalayer.js\""),
        "{html}"
    );
    let nonce = hidden(&html, "nonce").unwrap();
    assert_eq!(document_of(&html, "/login/eds"), nonce.as_bytes());
    let signed = cms_claiming(key, nonce.as_bytes(), signing_time);
    let token = token.map_or_else(|| csrf(&html), str::to_owned);
    let form = [
        ("csrf", token.as_str()),
        ("nonce", &nonce),
        ("cms", &signed),
    ];
    b.post_form("/login/eds", &form).await
}

/// Signing in by EDS on /login: CSRF checked, the signing key refused with its message, the
/// authentication key opens the session.
async fn signs_in_by_eds(app: &TestApp) {
    let me = dev_pki().person(APPLICANT).unwrap();
    let mut b = Browser::new(app);
    let (status, _, _) = post_login(&mut b, app, &me.auth, Some(FORGED)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(b.cookie("kandas_session").is_none());

    let (status, _, html) = post_login(&mut b, app, &me.sign, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(shows(&html, "eds.wrong-key-usage"), "{html}");
    assert!(
        html.contains("<a href=\"#eds\">"),
        "the summary links to the EDS form"
    );
    assert!(
        hidden(&html, "nonce").is_some(),
        "a fresh nonce to try again"
    );

    let answer = post_login(&mut b, app, &me.auth, None).await;
    assert_eq!(see_other(&answer), "/cabinet");
    assert!(b.cookie("kandas_session").is_some());
    let (status, html) = b.get("/cabinet").await;
    assert_eq!(status, StatusCode::OK, "{html}");

    // 85 minutes after the key expired, a CMS claiming yesterday: refused with its message.
    app.clock
        .set(not_after(&me.auth) + SignedDuration::from_mins(85));
    let mut late = Browser::new(app);
    let yesterday = app.clock.now() - SignedDuration::from_hours(24);
    let (status, _, html) = post_login_claiming(&mut late, &me.auth, None, yesterday).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(shows(&html, "eds.expired"), "{html}");
    assert!(late.cookie("kandas_session").is_none());
}

crate::on_both_backends!(
    signs_in_by_eds,
    signs_in_by_eds_on_sqlite,
    signs_in_by_eds_on_postgres
);

/// The signing page: the EDS form carries the exact signing document; a post without the
/// script (no CMS), a forged token and the authentication key are refused and lose nothing;
/// the signing key's CMS registers the application.
async fn signs_the_application_by_eds(app: &TestApp) {
    let (token, id, version) = draft_with_form(app, APPLICANT).await;
    attach_required(app, &token, &id, version).await;
    let me = dev_pki().person(APPLICANT).unwrap();
    let mut b = Browser::new(app);
    see_other(&post_login(&mut b, app, &me.auth, None).await);

    let review = format!("/applications/{id}/review");
    let action = format!("/applications/{id}/sign/eds");
    let (status, html) = b.get(&review).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains(&kandas_i18n::text("ru", "eds-sign-hint")),
        "{html}"
    );
    let document = document_of(&html, &action);
    let signed = cms(app, &me.sign, &document);

    let forged = [("csrf", FORGED), ("cms", signed.as_str())];
    let (status, _, _) = b.post_form(&action, &forged).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let page = csrf(&html);
    let no_script = [("csrf", page.as_str()), ("cms", "")];
    let (status, _, html) = b.post_form(&action, &no_script).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(shows(&html, "eds.malformed"), "{html}");

    let wrong = cms(app, &me.auth, &document);
    let (status, _, html) = b
        .post_form(&action, &[("csrf", &page), ("cms", &wrong)])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(shows(&html, "eds.wrong-key-usage"), "{html}");
    assert_eq!(
        document_of(&html, &action),
        document,
        "the draft is as it was"
    );

    let expired = dev_pki().expired();
    let back_dated = cms_claiming(
        expired,
        &document,
        not_after(expired) - SignedDuration::from_hours(1),
    );
    let (status, _, html) = b
        .post_form(&action, &[("csrf", &page), ("cms", &back_dated)])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(shows(&html, "eds.expired"), "{html}");

    let answer = b
        .post_form(&action, &[("csrf", &page), ("cms", &signed)])
        .await;
    assert_eq!(see_other(&answer), format!("/applications/{id}/done"));
    let (status, html) = b.get(&format!("/applications/{id}/done")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
}

crate::on_both_backends!(
    signs_the_application_by_eds,
    signs_the_application_by_eds_on_sqlite,
    signs_the_application_by_eds_on_postgres
);

#[tokio::test]
async fn the_bridge_script_is_served() {
    let app = TestApp::sqlite().await;
    let mut b = Browser::new(&app);
    let (status, script) = b.get("/static/ncalayer.js").await;
    assert_eq!(status, StatusCode::OK);
    for needle in [
        "kz.gov.pki.knca.basics",
        "wss://127.0.0.1:13579",
        "decode: true",
    ] {
        assert!(script.contains(needle), "{needle}");
    }
}
