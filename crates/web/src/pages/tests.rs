//! Unit tests of the pages: the language switch and rendering in every language.

use askama::Template;
use axum::body::Body;
use axum::http::header::SET_COOKIE;
use axum::http::{Request, StatusCode};
use kandas_domain::codes::IinError;
use tower::ServiceExt;

use super::cabinet::{CabinetPage, Row};
use super::layout::{self, ErrorLine, Texts};
use super::login::CredentialsPage;
use super::start::StartPage;

const LANGS: [&str; 3] = ["kk", "ru", "en"];

fn no_raw_ids(html: &str) {
    for id in kandas_i18n::ids::all() {
        let raw = format!(">{id}<");
        assert!(!html.contains(&raw), "raw message id {id} in page");
    }
    assert!(
        !html.contains("start-title")
            && !html.contains("cabinet-title")
            && !html.contains("status-")
    );
}

#[test]
fn start_page_renders_in_every_language() {
    for lang in LANGS {
        let t = Texts { lang };
        let html = StartPage {
            t,
            csrf: "tok".into(),
            signed_in: false,
            assignment_days: 3,
            extension_days: 2,
        }
        .render()
        .unwrap_or_default();
        assert!(
            html.contains(&kandas_i18n::text(lang, "start-title")),
            "{lang}"
        );
        let term = kandas_i18n::text_count(lang, "working-days", "days", 3);
        let line = kandas_i18n::text_with(lang, "start-time-assignment", &[("term", term)]);
        assert!(html.contains(&line), "{lang}: {line}");
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        assert!(html.contains("href=\"?lang=kk\"") && html.contains("href=\"?lang=en\""));
        no_raw_ids(&html);
    }
}

#[test]
fn login_page_renders_with_error_summary() {
    for lang in LANGS {
        let t = Texts { lang };
        let errors = layout::error_lines(
            t,
            &[kandas_domain::application::form::FieldError {
                field: "iin".into(),
                code: IinError::Checksum.into(),
            }],
        );
        let iin_error = layout::field_error(&errors, "iin");
        let page = CredentialsPage {
            t,
            csrf: "tok123".into(),
            signed_in: false,
            title: "login-title",
            action: "/login",
            iin: "<x>".into(),
            iin_error,
            password_error: None,
            errors,
            eds: Some(super::eds::EdsLogin {
                nonce: "n0nce".into(),
                document: "bjBuY2U=".into(),
            }),
            notice: None,
            next: "/order".into(),
        };
        let html = page.render().unwrap_or_default();
        assert_eq!(html.matches("name=\"next\" value=\"/order\"").count(), 2);
        assert!(
            html.contains(&kandas_i18n::text(lang, "login-title")),
            "{lang}"
        );
        assert!(html.contains("href=\"#iin\""));
        assert!(
            html.contains(&askama_escaped(&kandas_i18n::text(lang, "iin.checksum"))),
            "{lang}"
        );
        assert!(html.contains("name=\"csrf\" value=\"tok123\""));
        assert!(!html.contains("<x>"), "typed input is escaped");
        no_raw_ids(&html);
    }
}

fn askama_escaped(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
}

#[test]
fn cabinet_renders_status_words_and_written_dates() {
    for lang in LANGS {
        let t = Texts { lang };
        let due = jiff::civil::date(2026, 11, 26);
        let rows = vec![Row {
            id: "a1".into(),
            number: "KND-2026-000001".into(),
            kind: "assignment",
            status: "registered",
            due: Some(t.date(&due)),
        }];
        let html = CabinetPage {
            t,
            csrf: "tok".into(),
            signed_in: true,
            rows,
            notices: vec![],
        }
        .render()
        .unwrap_or_default();
        assert!(
            html.contains(&kandas_i18n::text(lang, "cabinet-title")),
            "{lang}"
        );
        assert!(
            html.contains(&kandas_i18n::text(lang, "status-registered")),
            "{lang}"
        );
        assert!(
            html.contains(&kandas_i18n::text(lang, "kind-assignment")),
            "{lang}"
        );
        no_raw_ids(&html);
    }
    assert_eq!(
        Texts { lang: "en" }.date(&jiff::civil::date(2026, 11, 26)),
        "26 November 2026"
    );
    assert_eq!(
        Texts { lang: "ru" }.date(&jiff::civil::date(2026, 11, 26)),
        "26 ноября 2026 г."
    );
}

#[test]
fn every_id_in_templates_and_pages_is_known() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
    let mut sources = Vec::new();
    for area in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(area.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            sources.push(std::fs::read_to_string(file.path()).unwrap_or_default());
        }
    }
    assert!(sources.len() >= 10);
    for source in &sources {
        for piece in source
            .split("t.get(\"")
            .skip(1)
            .chain(source.split("t.arg(\"").skip(1))
        {
            let id = piece.split('"').next().unwrap_or_default();
            assert!(
                kandas_i18n::ids::all().any(|known| known == id),
                "{id} is not in IDS"
            );
        }
    }
}

#[test]
fn anchors_follow_field_paths() {
    assert_eq!(
        layout::anchor("members[1].birth_date"),
        "members-1-birth_date"
    );
    let lines = vec![ErrorLine {
        href: "#iin".into(),
        field: "iin".into(),
        message: "m".into(),
    }];
    assert_eq!(layout::field_error(&lines, "iin").as_deref(), Some("m"));
}

async fn switch(uri: &str) -> Option<String> {
    let app = axum::Router::new()
        .route("/", axum::routing::get(|| async { "ok" }))
        .layer(axum::middleware::from_fn(layout::remember_language));
    let response = app
        .oneshot(Request::get(uri).body(Body::empty()).ok()?)
        .await
        .ok()?;
    assert_eq!(response.status(), StatusCode::OK);
    response
        .headers()
        .get(SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[tokio::test]
async fn language_switch_sets_the_cookie() {
    let cookie = switch("/?lang=kk").await.unwrap_or_default();
    assert!(
        cookie.starts_with("kandas_lang=kk;") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(
        switch("/?x=1&lang=en")
            .await
            .unwrap_or_default()
            .starts_with("kandas_lang=en;")
    );
    assert_eq!(switch("/?lang=de").await, None);
    assert_eq!(switch("/").await, None);
}

#[tokio::test]
async fn the_switch_keeps_the_rest_of_the_query() {
    let render = || async { layout::Texts { lang: "ru" }.switch("kk") };
    let app = axum::Router::new()
        .route("/login/confirm", axum::routing::get(render))
        .layer(axum::middleware::from_fn(layout::remember_language));
    let body = |uri: &'static str| {
        let app = app.clone();
        async move {
            let response = app
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let bytes = axum::body::to_bytes(response.into_body(), 1024)
                .await
                .unwrap();
            String::from_utf8(bytes.to_vec()).unwrap()
        }
    };
    assert_eq!(body("/login/confirm?c=abc&lang=en").await, "?c=abc&lang=kk");
    assert_eq!(body("/login/confirm").await, "?lang=kk");
    assert_eq!(layout::Texts { lang: "en" }.switch("ru"), "?lang=ru");
}

/// A server error's page shows the request's id (the one the `x-request-id` header carries and
/// the log line names), translated; a 429 page says when to try again and sets `Retry-After`.
#[tokio::test]
async fn server_error_and_too_many_pages() {
    for lang in LANGS {
        let t = Texts { lang };
        let id = "0b6f7c1e-3d2a-4c59-9a47-5d1e2f3a4b5c".to_owned();
        let response = crate::state::CURRENT_REQUEST_ID
            .scope(id.clone(), async {
                layout::error_page(
                    t,
                    StatusCode::INTERNAL_SERVER_ERROR,
                    kandas_domain::codes::ServiceError::Internal.into(),
                )
            })
            .await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        let html = String::from_utf8(bytes.to_vec()).unwrap();
        assert!(html.contains(&id), "{lang}: {html}");
        assert!(
            html.contains(&askama_escaped(&kandas_i18n::text(
                lang,
                "error-title-internal"
            ))),
            "{lang}: {html}"
        );
        assert!(html.contains(&kandas_i18n::text(lang, "error-request-id")));

        let cx = layout::ErrorContext {
            retry_after: Some(600),
            home: Some("/staff"),
        };
        let response = layout::error_page_with(
            t,
            StatusCode::TOO_MANY_REQUESTS,
            kandas_domain::codes::RequestError::TooMany.into(),
            cx,
        );
        assert_eq!(response.headers()["retry-after"], "600");
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        let html = String::from_utf8(bytes.to_vec()).unwrap();
        let when = kandas_i18n::text_count(lang, "error-retry-in", "minutes", 10);
        assert!(html.contains(&askama_escaped(&when)), "{lang}: {html}");
        assert!(html.contains("href=\"/staff\""), "{lang}: {html}");
        assert!(!html.contains(&id), "no request id but on server errors");
    }
}
