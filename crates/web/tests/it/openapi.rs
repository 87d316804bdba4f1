//! The OpenAPI document covers every route the API serves.

use axum::http::StatusCode;
use kandas_testkit::TestApp;

#[tokio::test]
async fn openapi_covers_every_route() {
    let app = TestApp::sqlite().await;
    let (status, _, doc) = app.request("GET", "/api/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let paths = doc["paths"].as_object().expect("paths");
    let served = [
        ("post", "/api/v1/auth/login"),
        ("post", "/api/v1/auth/login/confirm"),
        ("post", "/api/v1/auth/register"),
        ("post", "/api/v1/auth/register/confirm"),
        ("post", "/api/v1/auth/logout"),
        ("get", "/api/v1/me"),
        ("get", "/api/v1/auth/eds/nonce"),
        ("post", "/api/v1/auth/eds"),
        ("get", "/api/v1/applications"),
        ("post", "/api/v1/applications"),
        ("get", "/api/v1/applications/{id}"),
        ("get", "/api/v1/applications/{id}/result"),
        ("get", "/api/v1/applications/{id}/receipt"),
        ("post", "/api/v1/applications/{id}/hearing/reschedule"),
        ("get", "/api/v1/applications/{id}/protocol"),
        ("put", "/api/v1/applications/{id}/form"),
        ("post", "/api/v1/applications/{id}/attachments"),
        (
            "get",
            "/api/v1/applications/{id}/attachments/{attachment_id}",
        ),
        (
            "delete",
            "/api/v1/applications/{id}/attachments/{attachment_id}",
        ),
        ("get", "/api/v1/applications/{id}/signing-document"),
        ("post", "/api/v1/applications/{id}/sign/sms"),
        ("post", "/api/v1/applications/{id}/sign/sms/confirm"),
        ("post", "/api/v1/applications/{id}/sign/eds"),
        ("get", "/api/v1/notifications"),
        ("get", "/api/v1/staff/applications"),
        ("get", "/api/v1/staff/applications/{id}"),
        ("post", "/api/v1/staff/applications/{id}/decision"),
        ("post", "/api/v1/staff/applications/{id}/completeness"),
        ("post", "/api/v1/staff/applications/{id}/commission"),
        ("post", "/api/v1/staff/applications/{id}/hearing"),
        ("post", "/api/v1/staff/applications/{id}/hearing/record"),
        ("post", "/api/v1/staff/applications/{id}/sign-off"),
        ("post", "/api/v1/staff/certificates/{number}/end"),
        ("post", "/api/v1/staff/certificates/{number}/end/confirm"),
        ("post", "/api/v1/staff/certificates/{number}/end/annul"),
        ("get", "/api/v1/staff/certificates/{number}/ending"),
        ("get", "/api/v1/staff/applications/{id}/protocol"),
        ("post", "/api/v1/staff/applications/{id}/take"),
        (
            "get",
            "/api/v1/staff/applications/{id}/attachments/{attachment_id}",
        ),
        ("get", "/api/v1/certificates/{number}"),
        ("get", "/api/v1/admin/calendar/{year}"),
        ("put", "/api/v1/admin/calendar/{year}"),
        ("get", "/api/v1/admin/accounts"),
        ("get", "/api/v1/admin/accounts/{id}"),
        ("post", "/api/v1/admin/accounts/{id}/disable"),
        ("post", "/api/v1/admin/accounts/{id}/enable"),
        ("put", "/api/v1/admin/accounts/{id}/roles"),
        ("post", "/api/v1/admin/accounts/{id}/sessions/end"),
        ("post", "/api/v1/admin/accounts/{id}/password-reset"),
        ("post", "/api/v1/auth/password"),
        ("post", "/api/v1/auth/password/confirm"),
        ("get", "/api/v1/status/{number}"),
        ("get", "/api/v1/desk/persons/{iin}"),
        ("get", "/api/v1/desk/applications"),
        ("post", "/api/v1/desk/applications"),
        ("get", "/api/v1/desk/applications/{id}"),
        ("put", "/api/v1/desk/applications/{id}/form"),
        ("post", "/api/v1/desk/applications/{id}/attachments"),
        ("put", "/api/v1/desk/applications/{id}/custody"),
        ("post", "/api/v1/desk/applications/{id}/confirm/sms"),
        ("post", "/api/v1/desk/applications/{id}/accept"),
        ("post", "/api/v1/desk/applications/{id}/refuse"),
        ("get", "/api/v1/desk/applications/{id}/receipt"),
        ("get", "/api/v1/desk/applications/{id}/result"),
        ("post", "/api/v1/desk/applications/{id}/issue"),
        ("get", "/api/v1/desk/results"),
        ("get", "/api/v1/desk/results/{id}"),
        ("post", "/api/v1/applications/{id}/withdraw"),
    ];
    for (method, path) in served {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} is not documented"
        );
    }
    // And the other way round: every documented operation is served (not 404/405).
    let documented: usize = paths
        .values()
        .map(|p| p.as_object().map_or(0, |o| o.len()))
        .sum();
    assert_eq!(
        documented,
        served.len(),
        "the document and the list above differ"
    );
    // Every schema a path or schema refers to is in the document, so a generated client has it.
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    let schemas = &doc["components"]["schemas"];
    for r in &refs {
        let name = r.trim_start_matches("#/components/schemas/");
        assert!(schemas.get(name).is_some(), "{r} is not in the document");
    }
    // The view (its own fields after the flattened application) names who was refused and why.
    let view = &schemas["ViewDto"]["allOf"][1]["properties"];
    for field in [
        "refusals",
        "refusal_to_accept",
        "appeal",
        "result_documents",
    ] {
        assert!(view.get(field).is_some(), "ViewDto has no {field}: {view}");
    }
    for (method, path) in served {
        let uri = path
            .replace("{id}", "x")
            .replace("{attachment_id}", "y")
            .replace("{number}", "z")
            .replace("{iin}", "w")
            .replace("{year}", "2026");
        let request = axum::http::Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(uri)
            .body(axum::body::Body::empty())
            .unwrap();
        let (status, _, _) = app.send(request).await;
        assert!(
            status != StatusCode::METHOD_NOT_ALLOWED
                && !(status == StatusCode::NOT_FOUND && path.starts_with("/api/v1/auth")),
            "{method} {path}: {status}"
        );
    }
}

#[tokio::test]
async fn operations_endpoints_answer() {
    let app = TestApp::sqlite().await;
    let (status, _, _) = app.request("GET", "/healthz", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = app.request("GET", "/readyz", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = app.request("GET", "/metrics", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.sign_in("900101300811").await;
    let (status, _, inbox) = app.request("GET", "/dev/sms", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        inbox[0]["text"].is_string()
            && inbox[0]["phone"].is_string()
            && inbox[0]["sent_at"].is_string(),
        "{inbox}"
    );
}

fn collect_refs(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v.as_str()) {
                    ("$ref", Some(r)) => out.push(r.to_owned()),
                    _ => collect_refs(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}
