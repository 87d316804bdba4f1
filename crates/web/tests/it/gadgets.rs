//! No gadgets: every page route, walked with ids that are paths in disguise (`..%2F…`), answers
//! the not-found page (or "no such method") and changes nothing — even for an administrator
//! whose session and form token are valid.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kandas_app::ports::store::AuditQuery;
use kandas_testkit::TestApp;

const ADMIN: &str = "700701300067";

/// What an attacker puts where an id belongs.
const DISGUISES: [&str; 5] = [
    "..%2Fadmin%2Fcalendar%2F2026%3F",
    "..%2F..%2Fapi%2Fv1%2Fadmin%2Fcalendar%2F2026",
    "%2e%2e",
    "00000000-0000-4000-8000-000000000001%2F..%2F..",
    "x%3Cscript%3E",
];

fn fill(path: &str, disguise: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .map_or(rest.len(), |e| start + e + 1);
        out.push_str(disguise);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Audit rows other than reads and refusals: what a walk must not add.
async fn changes(app: &TestApp) -> usize {
    let query = AuditQuery {
        limit: 100_000,
        ..AuditQuery::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    trail
        .iter()
        .filter(|r| !r.action.code().contains("read") && r.action.code() != "access.refused")
        .filter(|r| !r.action.code().starts_with("auth."))
        .count()
}

async fn every_page_route_refuses_disguised_ids(app: &TestApp) {
    let token = app.sign_in(ADMIN).await;
    let csrf = "walk-token-0123456789";
    let cookies = format!("kandas_session={token}; kandas_csrf={csrf}");
    let before = changes(app).await;
    let calendar = app.service().calendar.current().year(2026).into_owned();
    let mut walked = 0;
    for (path, _) in kandas_web::pages::routes() {
        if !path.contains('{') {
            continue;
        }
        for disguise in DISGUISES {
            let uri = fill(&path, disguise);
            for method in ["GET", "POST"] {
                let body = format!("csrf={csrf}&version=1&outcome=refuse&days_off=&note=x");
                let request = Request::builder()
                    .method(method)
                    .uri(&uri)
                    .header("cookie", &cookies)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .unwrap();
                let (status, _, bytes) = app.send(request).await;
                let text = String::from_utf8_lossy(&bytes);
                assert!(
                    matches!(
                        status,
                        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
                    ),
                    "{method} {uri}: {status} {text}"
                );
                assert!(!text.contains("action=\"/applications/.."), "{uri}: {text}");
                walked += 1;
            }
        }
    }
    assert!(
        walked > 100,
        "only {walked} requests: the routes were not found"
    );
    assert_eq!(changes(app).await, before, "a walk changed something");
    assert_eq!(
        app.service().calendar.current().year(2026).into_owned(),
        calendar,
        "the calendar is as it was"
    );
}

crate::on_both_backends!(
    every_page_route_refuses_disguised_ids,
    gadgets_sqlite,
    gadgets_postgres
);
