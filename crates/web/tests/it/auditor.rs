//! The auditor reads the trail: a search by the person concerned, the official, the action,
//! the office, the case and the period; a case's whole trail; the CSV and the verifiable bundle
//! downloads; every reading of the trail written to the trail itself (and shown to the people it
//! showed). Nobody else may read it.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kandas_app::audit_chain::bundle::Bundle;
use kandas_domain::deadline::almaty_date;
use kandas_testkit::TestApp;
use serde_json::Value;

use crate::support::{OFFICER, call, page, submit_assignment};

const APPLICANT: &str = "900101300811";
const SPOUSE: &str = "920305400125";
const AUDITOR: &str = "910715400083";
const OPERATOR: &str = "881115300022";

async fn search(app: &TestApp, token: &str, query: &str) -> Value {
    let (status, json) = call(
        app,
        "GET",
        &format!("/api/v1/audit/records?{query}"),
        None,
        token,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{query}: {json}");
    json
}

fn actions(page: &Value) -> Vec<String> {
    page["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_owned())
        .collect()
}

/// A GET with the session cookie: the status, the content type and the body.
async fn download(app: &TestApp, path: &str, token: &str) -> (StatusCode, String, Vec<u8>) {
    let request = Request::builder()
        .uri(path)
        .header("cookie", format!("kandas_session={token}"))
        .header("accept-language", "ru")
        .body(Body::empty())
        .unwrap();
    let (status, headers, bytes) = app.send(request).await;
    let kind = headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, kind, bytes)
}

pub async fn the_auditor_searches_reads_and_exports_the_trail(app: &TestApp) {
    let (_, id) = submit_assignment(app).await;
    let officer = app.sign_in(OFFICER).await;
    let (status, _) = call(
        app,
        "GET",
        &format!("/api/v1/staff/applications/{id}"),
        None,
        &officer,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let auditor = app.sign_in(AUDITOR).await;

    // By the person concerned: the officer's read of the applicant's case is there, with the
    // officer's office, the case's number and the row's place in the chain.
    let found = search(
        app,
        &auditor,
        &format!("subject={APPLICANT}&action=staff.read-case"),
    )
    .await;
    let rows = found["records"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{found}");
    let read = &rows[0];
    assert_eq!(read["actor_iin"], OFFICER);
    assert_eq!(read["role"], "officer");
    assert_eq!(read["purpose"], "case");
    assert_eq!(read["application"], id.as_str());
    assert!(
        read["office"].as_str().unwrap().starts_with("leb-"),
        "{read}"
    );
    assert!(
        read["number"].as_str().is_some_and(|n| !n.is_empty()),
        "{read}"
    );
    assert!(read["position"].as_u64().unwrap() > 0);
    let office = read["office"].as_str().unwrap().to_owned();

    // By the official, by the office, by the case's number: each finds only its own rows.
    let by_officer = search(app, &auditor, &format!("actor={OFFICER}")).await;
    assert!(
        by_officer["records"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["actor_iin"] == OFFICER),
        "{by_officer}"
    );
    assert!(actions(&by_officer).contains(&"staff.read-case".to_owned()));
    let by_office = search(app, &auditor, &format!("office={office}")).await;
    assert!(actions(&by_office).contains(&"staff.read-case".to_owned()));
    assert!(
        by_office["records"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["office"] == office.as_str()),
        "{by_office}"
    );
    let number = read["number"].as_str().unwrap().to_owned();
    let by_case = search(app, &auditor, &format!("number={number}")).await;
    assert!(
        by_case["records"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["application"] == id.as_str()),
        "{by_case}"
    );
    assert!(actions(&by_case).contains(&"application.submit".to_owned()));

    // By the period: today has the rows, a day long before has none.
    let today = almaty_date(app.service().now());
    let this_day = search(
        app,
        &auditor,
        &format!("from={today}&to={today}&subject={APPLICANT}"),
    )
    .await;
    assert!(!this_day["records"].as_array().unwrap().is_empty());
    let long_ago = search(app, &auditor, "from=2020-01-01&to=2020-01-31").await;
    assert_eq!(long_ago["records"], serde_json::json!([]));

    // Reading the trail is itself in the trail: one row per person the search showed.
    let readings = search(
        app,
        &auditor,
        &format!("actor={AUDITOR}&action=audit.search"),
    )
    .await;
    let subjects: Vec<&str> = readings["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["subject"].as_str())
        .collect();
    assert!(subjects.contains(&APPLICANT), "{readings}");
    let mine = app.sign_in(APPLICANT).await;
    let (_, accesses) = call(app, "GET", "/api/v1/accesses", None, &mine).await;
    assert!(
        accesses
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["action"] == "audit.search" && a["role"] == "auditor"),
        "{accesses}"
    );

    // A page at a time: the older link continues where the page ended, with no row twice.
    for _ in 0..100 {
        search(app, &auditor, &format!("subject={SPOUSE}")).await;
    }
    let first = search(app, &auditor, "action=audit.search").await;
    assert_eq!(first["records"].as_array().unwrap().len(), 100);
    let older = first["older"].as_str().unwrap();
    let second = search(
        app,
        &auditor,
        &format!("action=audit.search&before={}", urlencoding(older)),
    )
    .await;
    let positions = |p: &Value| -> Vec<u64> {
        p["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["position"].as_u64().unwrap())
            .collect()
    };
    let (a, b) = (positions(&first), positions(&second));
    assert!(!b.is_empty());
    assert!(
        a.iter().min().unwrap() > b.iter().max().unwrap(),
        "pages overlap"
    );

    // A case's whole trail, itself audited.
    let (status, trail) = call(
        app,
        "GET",
        &format!("/api/v1/audit/applications/{id}"),
        None,
        &auditor,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{trail}");
    assert_eq!(trail["number"], number.as_str());
    let trail_actions = actions(&trail);
    for action in [
        "application.create",
        "application.submit",
        "staff.read-case",
    ] {
        assert!(
            trail_actions.contains(&action.to_owned()),
            "{action}: {trail_actions:?}"
        );
    }
    let reads = search(
        app,
        &auditor,
        &format!("action=audit.read-case&number={number}"),
    )
    .await;
    assert!(!reads["records"].as_array().unwrap().is_empty());

    // The CSV holds the search's rows; the bundle of today verifies on its own.
    let (status, kind, csv) = download(
        app,
        &format!("/api/v1/audit/records.csv?subject={APPLICANT}"),
        &auditor,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/csv"), "{kind}");
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.starts_with("position,at,actor_iin,role,office,subject,"),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l.contains("staff.read-case") && l.contains(OFFICER)),
        "{csv}"
    );
    let (status, kind, bytes) = download(
        app,
        &format!("/api/v1/audit/bundle?from={today}&to={today}"),
        &auditor,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("application/json"), "{kind}");
    let bundle = Bundle::parse(&bytes).unwrap();
    let report = bundle.verify(
        &bundle.keys().unwrap(),
        &kandas_app::ports::timestamps::NoTimeStamps,
    );
    assert!(report.faults.is_empty(), "{:?}", report.faults);
    assert!(report.rows > 0);
    let exports = search(app, &auditor, "action=audit.export").await;
    let formats: Vec<String> = exports["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| {
            let details: Value = serde_json::from_str(r["details"].as_str()?).unwrap();
            let format = details["format"]
                .as_str()
                .or(details["asked"]["format"].as_str());
            format.map(str::to_owned)
        })
        .collect();
    assert!(
        formats.iter().any(|f| f == "bundle") && formats.iter().any(|f| f == "csv"),
        "{exports}"
    );

    // The pages show the same, and the case's trail links from a row.
    let html = page(
        app,
        &format!("/audit?subject={APPLICANT}&action=staff.read-case"),
        &auditor,
    )
    .await;
    assert!(
        html.contains(OFFICER) && html.contains(&format!("/audit/applications/{id}")),
        "{html}"
    );
    let html = page(app, &format!("/audit/applications/{id}"), &auditor).await;
    assert!(
        html.contains(&number) && html.contains("application.submit"),
        "{html}"
    );
    let (status, kind, _) = download(
        app,
        &format!("/audit/records.csv?subject={APPLICANT}"),
        &auditor,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/csv"));
}

pub async fn a_wrong_search_is_refused_by_field_and_nobody_else_reads_the_trail(app: &TestApp) {
    let auditor = app.sign_in(AUDITOR).await;
    let (status, json) = call(
        app,
        "GET",
        "/api/v1/audit/records?subject=123&action=staff.read-cases&office=leb-nowhere&from=2026-12-02&to=2026-12-01&before=x",
        None,
        &auditor,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let fields = &json["error"]["fields"];
    for (field, code) in [
        ("subject", "iin.format"),
        ("action", "field.choice"),
        ("office", "field.choice"),
        ("before", "audit.cursor"),
        ("to", "audit.period"),
    ] {
        assert_eq!(fields[field]["code"], code, "{field}: {json}");
        assert!(
            fields[field]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    assert_eq!(fields.as_object().unwrap().len(), 5, "{json}");
    let (status, json) = call(
        app,
        "GET",
        "/api/v1/audit/records?number=KND-2020-999999",
        None,
        &auditor,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(
        json["error"]["fields"]["number"]["code"],
        "audit.unknown-case"
    );
    let (status, json) = call(
        app,
        "GET",
        "/api/v1/audit/bundle?from=2026-12-01",
        None,
        &auditor,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(
        json["error"]["fields"]["to"]["code"],
        "audit.period-required"
    );
    // The page names the mistake in the page's language, on the field.
    let request = Request::builder()
        .uri("/audit?subject=123")
        .header("cookie", format!("kandas_session={auditor}"))
        .header("accept-language", "ru")
        .body(Body::empty())
        .unwrap();
    let (status, _, html) = app.send(request).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = String::from_utf8(html).unwrap();
    assert!(
        html.contains("subject-error") && html.contains("aria-invalid"),
        "{html}"
    );

    for who in [OFFICER, OPERATOR, APPLICANT] {
        let token = app.sign_in(who).await;
        for path in [
            "/api/v1/audit/records",
            "/api/v1/audit/records.csv",
            "/api/v1/audit/bundle?from=2026-12-01&to=2026-12-01",
        ] {
            let (status, json) = call(app, "GET", path, None, &token).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who} {path}: {json}");
        }
        let (status, _, _) = download(app, "/audit", &token).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who} /audit");
    }
}

/// `s` as a query value.
fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)]).unwrap()[2..].to_owned()
}

crate::on_both_backends!(
    the_auditor_searches_reads_and_exports_the_trail,
    auditor_reads_the_trail_on_sqlite,
    auditor_reads_the_trail_on_postgres
);
crate::on_both_backends!(
    a_wrong_search_is_refused_by_field_and_nobody_else_reads_the_trail,
    auditor_search_refusals_on_sqlite,
    auditor_search_refusals_on_postgres
);
