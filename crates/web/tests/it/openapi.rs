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
        ("get", "/api/v1/accesses"),
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
        ("get", "/api/v1/performance"),
        ("get", "/api/v1/audit/records"),
        ("get", "/api/v1/audit/records.csv"),
        ("get", "/api/v1/audit/bundle"),
        ("get", "/api/v1/audit/applications/{id}"),
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

/// A generated client needs a shape for everything: no schema may be a bare object (or a map
/// of anything where a struct is meant) or an untyped `{}`.
#[tokio::test]
async fn no_schema_is_a_bare_object() {
    let app = TestApp::sqlite().await;
    let (status, _, doc) = app.request("GET", "/api/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let mut bare = Vec::new();
    for (name, schema) in doc["components"]["schemas"].as_object().expect("schemas") {
        check_schema(schema, &format!("#/components/schemas/{name}"), &mut bare);
    }
    for (path, item) in doc["paths"].as_object().expect("paths") {
        collect_path_schemas(item, path, &mut bare);
    }
    assert!(bare.is_empty(), "schemas without a shape: {bare:#?}");
    // And the error answer has its real shape.
    let error = &doc["components"]["schemas"]["ErrorDetailDto"]["properties"];
    for field in ["code", "message", "fields", "file"] {
        assert!(
            error.get(field).is_some(),
            "the error has no {field}: {error}"
        );
    }
}

/// The schemas inside an operation (parameters, bodies, answers).
fn collect_path_schemas(value: &serde_json::Value, at: &str, bare: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                if key == "schema" {
                    check_schema(v, &format!("{at}/schema"), bare);
                } else {
                    collect_path_schemas(v, &format!("{at}/{key}"), bare);
                }
            }
        }
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| collect_path_schemas(v, &format!("{at}/{i}"), bare)),
        _ => {}
    }
}

fn is_object_type(schema: &serde_json::Value) -> bool {
    match &schema["type"] {
        serde_json::Value::String(t) => t == "object",
        serde_json::Value::Array(ts) => ts.iter().any(|t| t == "object"),
        _ => false,
    }
}

/// Whether `schema` says something about its value's shape.
fn is_shaped(schema: &serde_json::Value) -> bool {
    ["$ref", "type", "allOf", "oneOf", "anyOf", "enum", "const"]
        .iter()
        .any(|k| schema.get(k).is_some())
}

fn check_schema(schema: &serde_json::Value, at: &str, bare: &mut Vec<String>) {
    let Some(map) = schema.as_object() else {
        return;
    };
    if !is_shaped(schema) {
        bare.push(format!("{at}: untyped {schema}"));
        return;
    }
    let properties = map.get("properties").and_then(|p| p.as_object());
    if is_object_type(schema) {
        let typed_map = map
            .get("additionalProperties")
            .is_some_and(|a| a.is_object() && is_shaped(a));
        if properties.is_none_or(|p| p.is_empty()) && !typed_map {
            bare.push(format!("{at}: an object without properties {schema}"));
        }
    }
    for (name, property) in properties.into_iter().flatten() {
        check_schema(property, &format!("{at}/{name}"), bare);
    }
    if let Some(items) = map.get("items") {
        check_schema(items, &format!("{at}/items"), bare);
    }
    if let Some(extra) = map.get("additionalProperties").filter(|a| a.is_object()) {
        // Open evidence beside typed fields may be anything; a map alone must be typed.
        if properties.is_none_or(|p| p.is_empty()) {
            check_schema(extra, &format!("{at}/additionalProperties"), bare);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for (i, part) in map
            .get(key)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .enumerate()
        {
            check_schema(part, &format!("{at}/{key}/{i}"), bare);
        }
    }
}
