//! The whole API journey of issue 2: sign in, apply, attach, sign by SMS, decide, get notified.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kandas_app::ports::store::AuditQuery;
use kandas_domain::ids::ApplicationId;
use kandas_testkit::TestApp;
use serde_json::json;

use crate::support::{PDF, attach_required, draft_with_form, sign_by_sms};

async fn applicant_submits(app: &TestApp) -> (String, String) {
    let (token, id, version) = draft_with_form(app, "900101300811").await;
    let view = crate::support::view(app, &token, &id).await;
    assert_eq!(view["status"], "draft");
    attach_required(app, &token, &id, version).await;
    downloads_and_profile(app, &token, &id).await;
    let request = Request::builder()
        .uri(format!("/api/v1/applications/{id}/signing-document"))
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let (status, headers, bytes) = app.send(request).await;
    assert_eq!(status, StatusCode::OK);
    let sha = headers["x-content-sha256"].to_str().unwrap();
    assert_eq!(sha, kandas_app::secrets::sha256_hex(&bytes));
    sign_by_sms(app, &token, &id, "900101300811").await;
    (token, id)
}

/// The applicant's own file comes back as a download; `/me` answers.
async fn downloads_and_profile(app: &TestApp, token: &str, id: &str) {
    let view = crate::support::view(app, token, id).await;
    let attachment = view["attachments"][0]["id"].as_str().unwrap();
    let uri = format!("/api/v1/applications/{id}/attachments/{attachment}");
    let request = Request::builder()
        .uri(uri)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let (status, headers, bytes) = app.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, PDF);
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let (status, _, me) = app.request("GET", "/api/v1/me", None, Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["iin"], "900101300811");
}

/// The journey, once per backend.
pub async fn journey(app: &TestApp) {
    let (token, id) = applicant_submits(app).await;
    let (_, _, list) = app
        .request("GET", "/api/v1/applications", None, Some(&token))
        .await;
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["status"], "registered");
    let view = crate::support::view(app, &token, &id).await;
    assert_eq!(view["deadline"]["due"], "2026-11-26", "{view}");

    let officer = app.sign_in("850302400014").await;
    let (status, _, queue) = app
        .request("GET", "/api/v1/staff/applications", None, Some(&officer))
        .await;
    assert_eq!(status, StatusCode::OK, "{queue}");
    assert!(
        queue
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == id.as_str()),
        "{queue}"
    );
    let item = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id.as_str())
        .unwrap();
    assert_eq!(item["due"], "2026-11-26");
    assert_eq!(item["urgency"], "on_time");
    // Friday 27 November, 10:00 in Almaty: the case is overdue and the filter finds it.
    app.clock.set("2026-11-27T05:00:00Z".parse().unwrap());
    let officer = app.sign_in("850302400014").await; // yesterday's session has ended
    let (_, _, late) = app
        .request(
            "GET",
            "/api/v1/staff/applications?overdue=true",
            None,
            Some(&officer),
        )
        .await;
    let item = late
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id.as_str());
    assert_eq!(
        item.map(|i| &i["urgency"]),
        Some(&json!("overdue")),
        "{late}"
    );
    let (status, _, case) = app
        .request(
            "GET",
            &format!("/api/v1/staff/applications/{id}"),
            None,
            Some(&officer),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{case}");
    // The rules in force: completeness, commission, decision, the head's sign-off.
    let decision = json!({ "outcome": "assign", "grounds": [], "comment": "" });
    let decided = crate::support::review_and_decide(app, &id, decision).await;
    assert_eq!(decided["status"], "assigned", "{decided}");
    assert!(decided["decision"]["signed_off"].is_object(), "{decided}");
    let again = json!({ "outcome": "assign", "version": decided["version"] });
    let path = format!("/api/v1/staff/applications/{id}/decision");
    let (status, _, again) = app
        .request("POST", &path, Some(again), Some(&officer))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");

    let token = app.sign_in("900101300811").await;
    let view = crate::support::view(app, &token, &id).await;
    assert_eq!(view["status"], "assigned");
    assert!(view["result"]["certificate"].is_string(), "{view}");
    app.drain().await;
    let (_, _, notes) = app
        .request("GET", "/api/v1/notifications", None, Some(&token))
        .await;
    assert!(
        notes
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["notice"]["outcome"] == "assigned"),
        "{notes}"
    );
    let number = view["result"]["certificate"].as_str().unwrap();
    let (status, _, public) = app
        .request("GET", &format!("/api/v1/certificates/{number}"), None, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{public}");
    assert_eq!(public["status"], "valid");
    assert_eq!(public["valid_until"], "2027-11-27");
    assert_eq!(public["holder_masked"], "9001******11");

    let query = AuditQuery {
        subject: None,
        application: Some(ApplicationId::parse(&id).unwrap()),
        limit: 100,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    assert!(trail.iter().any(|r| r.action.code() == "staff.read-case"
        && r.actor_iin.as_ref().map(ToString::to_string).as_deref() == Some("850302400014")));
}

crate::on_both_backends!(journey, journey_on_sqlite, journey_on_postgres);
