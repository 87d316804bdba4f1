//! Requests the journeys share: the form, uploads.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use kandas_app::ports::store::AuditQuery;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

pub use kandas_testkit::PDF;
/// A real 16×16 colour JPEG (written by the jpeg-encoder crate at quality 75).
pub const JPEG: &[u8] = include_bytes!("fixtures/16x16.jpg");
/// The start of a PNG.
pub const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
];

/// The form of the assignment journey: Astana, China, a spouse the registry knows, a child without IIN.
pub fn form() -> Value {
    json!({
        "region": "astana",
        "country_of_origin": "CHN",
        "education": "higher",
        "profession": "Инженер",
        "address": "г. Астана, ул. Кенесары, 1",
        "members": [
            { "kinship": "spouse", "surname": "Серікбаева", "given_name": "Айгүл", "surname_latin": "SERIKBAYEVA",
              "given_name_latin": "AIGUL", "birth_date": "1992-03-05", "citizenship": "CHN", "iin": "920305400125",
              "document": { "kind": "passport", "number": "E1234567", "issued_by": "PRC" } },
            { "kinship": "child", "surname": "Ерланұлы", "given_name": "Алихан", "surname_latin": "YERLANULY",
              "given_name_latin": "ALIKHAN", "birth_date": "2019-04-01", "citizenship": "CHN",
              "document": { "kind": "birth_certificate", "number": "B7654321", "issued_by": "PRC" } }
        ]
    })
}

/// One file to upload.
pub struct Part<'a> {
    /// The document type code.
    pub document_type: &'a str,
    /// The family member id.
    pub member: Option<&'a str>,
    /// The file name.
    pub file_name: &'a str,
    /// The content.
    pub bytes: &'a [u8],
}

/// Uploads a file to the applicant's draft; answers status and JSON.
pub async fn upload(
    app: &TestApp,
    token: &str,
    id: &str,
    version: i64,
    part: Part<'_>,
) -> (StatusCode, Value) {
    let uri = format!("/api/v1/applications/{id}/attachments");
    upload_to(app, token, &uri, version, part).await
}

/// Uploads a file to `uri` (multipart); answers status and JSON.
pub async fn upload_to(
    app: &TestApp,
    token: &str,
    uri: &str,
    version: i64,
    part: Part<'_>,
) -> (StatusCode, Value) {
    let Part {
        document_type,
        member,
        file_name,
        bytes,
    } = part;
    let boundary = "kandas-test-boundary";
    let mut body = Vec::new();
    let mut text = |name: &str, value: &str| {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    };
    text("document_type", document_type);
    text("version", &version.to_string());
    if let Some(member) = member {
        text("member", member);
    }
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = Request::builder()
        .method("POST")
        .uri(uri)
        .header("authorization", format!("Bearer {token}"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let (status, _, bytes) = app.send(request).await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Signs in, creates an assignment and saves the journey's form; answers (token, id, version).
pub async fn draft_with_form(app: &TestApp, iin: &str) -> (String, String, i64) {
    draft_with(app, iin, form()).await
}

/// Signs in, creates an assignment and saves `form`; answers (token, id, version).
pub async fn draft_with(app: &TestApp, iin: &str, form: Value) -> (String, String, i64) {
    let token = app.sign_in(iin).await;
    let (status, _, created) = app
        .request(
            "POST",
            "/api/v1/applications",
            Some(json!({ "kind": "assignment" })),
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let body = json!({ "version": created["version"], "form": form });
    let (status, _, saved) = app
        .request(
            "PUT",
            &format!("/api/v1/applications/{id}/form"),
            Some(body),
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    (token, id, saved["version"].as_i64().unwrap())
}

/// Attaches what the demo assignment's checklist asks for (personal history, nationality
/// proof, the child's identity document); answers the new version.
pub async fn attach_required(app: &TestApp, token: &str, id: &str, mut version: i64) -> i64 {
    let path = format!("/api/v1/applications/{id}");
    let (_, _, view) = app.request("GET", &path, None, Some(token)).await;
    let child = view["form"]["members"][1]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for (document_type, member) in [
        ("personal_history", None),
        ("nationality_proof", None),
        ("identity_document", Some(child.as_str())),
    ] {
        let part = Part {
            document_type,
            member,
            file_name: "doc.pdf",
            bytes: PDF,
        };
        let (status, json) = upload(app, token, id, version, part).await;
        assert_eq!(status, StatusCode::CREATED, "{document_type}: {json}");
        version = json["application"]["version"].as_i64().unwrap();
    }
    version
}

/// Asks for a signing code, reads it from the inbox and confirms it; the application must
/// come back registered.
pub async fn sign_by_sms(app: &TestApp, token: &str, id: &str, iin: &str) {
    let path = format!("/api/v1/applications/{id}");
    let (status, _, json) = app
        .request("POST", &format!("{path}/sign/sms"), None, Some(token))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{json}");
    app.drain().await;
    let code = json!({ "code": app.last_code(iin).await });
    let confirm = format!("{path}/sign/sms/confirm");
    let (status, _, json) = app.request("POST", &confirm, Some(code), Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["status"], "registered");
}

/// The demo applicant's assignment, filled in, attached and signed; answers (token, id).
pub async fn submit_assignment(app: &TestApp) -> (String, String) {
    let (token, id, version) = draft_with_form(app, "900101300811").await;
    attach_required(app, &token, &id, version).await;
    sign_by_sms(app, &token, &id, "900101300811").await;
    (token, id)
}

/// The applicant's view of an application (must answer 200).
pub async fn view(app: &TestApp, token: &str, id: &str) -> Value {
    let path = format!("/api/v1/applications/{id}");
    let (status, _, json) = app.request("GET", &path, None, Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    json
}

/// The demo officer and head of the Astana local executive body.
pub const OFFICER: &str = "850302400014";
/// The demo head, who signs decisions off.
pub const HEAD: &str = "870404300076";

async fn staff_post(app: &TestApp, token: &str, id: &str, step: &str, body: Value) -> Value {
    let path = format!("/api/v1/staff/applications/{id}/{step}");
    let (status, _, json) = app.request("POST", &path, Some(body), Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{step}: {json}");
    json
}

/// Takes a registered case through the review the rules in force ask for before `decision`:
/// the completeness check; for an assignment the commission, which recommends refusing whoever
/// `decision` refuses (the applicant for a refusal, or the family members in
/// `decision.members`); and, when anyone is refused, a hearing, held. Answers the officer's
/// token and the case's version, ready for the decision.
pub async fn review(app: &TestApp, id: &str, decision: &Value) -> (String, i64) {
    let officer = app.sign_in(OFFICER).await;
    let path = format!("/api/v1/staff/applications/{id}");
    let (status, _, case) = app.request("GET", &path, None, Some(&officer)).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    let body = json!({ "complete": true, "version": case["version"] });
    let mut case = staff_post(app, &officer, id, "completeness", body).await;
    assert_eq!(case["status"], "accepted", "{case}");
    if case["kind"] == "assignment" {
        let refused: Vec<Value> = decision["members"]
            .as_array()
            .map(|m| m.iter().map(|r| r["member"].clone()).collect())
            .unwrap_or_default();
        let applicant = if decision["outcome"] == "refuse" {
            "refuse"
        } else {
            "assign"
        };
        let mut recommendations = vec![json!({ "recommendation": applicant, "reason": "" })];
        for member in case["form"]["members"].as_array().unwrap() {
            let refuse = refused.contains(&member["id"]);
            recommendations.push(json!({
                "member": member["id"],
                "recommendation": if refuse { "refuse" } else { "assign" },
                "reason": if refuse { "национальность не подтверждена" } else { "" },
            }));
        }
        let protocol = json!({
            "protocol_number": "П-7", "members": ["Сейтқазиева Ақбөпе", "Жұмабеков Ерлан"],
            "recommendations": recommendations, "video_reference": "archive://leb-astana/7",
            "video_sha256": "ab".repeat(32), "version": case["version"],
        });
        case = staff_post(app, &officer, id, "commission", protocol).await;
    }
    let refusing = decision["outcome"] == "refuse"
        || decision["members"]
            .as_array()
            .is_some_and(|m| !m.is_empty());
    if refusing {
        let body = json!({ "at": hearing_time(app), "place": "г. Астана, ул. Бейбітшілік, 11, каб. 5",
                           "online": false, "planned": planned(decision), "version": case["version"] });
        case = staff_post(app, &officer, id, "hearing", body).await;
        assert_eq!(case["status"], "hearing", "{case}");
        attend_hearing(app);
        let body = json!({ "statement": "Заявитель возражает.", "version": case["version"] });
        case = staff_post(app, &officer, id, "hearing/record", body).await;
    }
    (officer, case["version"].as_i64().unwrap())
}

/// A hearing time the rules allow from now: a day and an hour ahead (the notice is at least a
/// day), within the two working days of its term when now is early in the week.
pub fn hearing_time(app: &TestApp) -> jiff::Timestamp {
    app.service().now() + jiff::SignedDuration::from_hours(25)
}

/// Moves the clock to just after the hearing [`hearing_time`] set: it can be recorded now.
pub fn attend_hearing(app: &TestApp) {
    app.clock
        .advance(jiff::SignedDuration::from_mins(25 * 60 + 30));
}

/// The refusals `decision` makes, as the hearing's notice announces them: the applicant's (a
/// refusal of the application) or each refused family member's, with their grounds.
pub fn planned(decision: &Value) -> Value {
    if decision["outcome"] == "refuse" {
        return json!([{ "grounds": decision["grounds"] }]);
    }
    let members = decision["members"].as_array().cloned().unwrap_or_default();
    let planned: Vec<Value> = members
        .iter()
        .map(|m| json!({ "member": m["member"], "grounds": m["grounds"] }))
        .collect();
    Value::Array(planned)
}

/// The head signs the proposed decision off; answers the decided case.
pub async fn sign_off(app: &TestApp, id: &str, version: &Value) -> Value {
    let head = app.sign_in(HEAD).await;
    staff_post(app, &head, id, "sign-off", json!({ "version": version })).await
}

/// [`review`], the officer's `decision` (its `version` filled in), then the head's sign-off.
/// Answers the decided case as the officer sees it.
pub async fn review_and_decide(app: &TestApp, id: &str, mut decision: Value) -> Value {
    let (officer, version) = review(app, id, &decision).await;
    decision["version"] = json!(version);
    let proposed = staff_post(app, &officer, id, "decision", decision).await;
    assert!(
        proposed["result"].is_null(),
        "a proposal awaits the head: {proposed}"
    );
    assert!(proposed["review"]["proposal"].is_object(), "{proposed}");
    sign_off(app, id, &proposed["version"]).await
}

/// A second head of the Astana local executive body (not in the demo data).
pub const DEPUTY_HEAD: &str = "800515300126";

/// Adds [`DEPUTY_HEAD`] (registry record with a phone, and a head's account) and signs in.
pub async fn second_head(app: &TestApp) -> String {
    let import: kandas_store::RegistryImport = serde_json::from_value(json!({ "persons": [{
        "iin": DEPUTY_HEAD, "surname": "Оразова", "given_name": "Жанар",
        "surname_latin": "ORAZOVA", "given_name_latin": "ZHANAR", "birth_date": "1980-05-15",
        "sex": "female", "citizenship": "KAZ", "nationality": "kazakh", "phone": "+77056667788" }] }))
    .unwrap();
    app.store.import_registry(&import).await.unwrap();
    let office = kandas_domain::office::OfficeCode::parse("leb-astana").unwrap();
    let roles = vec![kandas_app::Role::Head];
    let password = kandas_store::demo::PASSWORD;
    kandas_app::auth::add_demo_user(app.service(), DEPUTY_HEAD, password, roles, Some(office))
        .await
        .unwrap();
    app.sign_in(DEPUTY_HEAD).await
}

/// GETs a PDF as `token`; answers its headers and bytes.
pub async fn pdf(app: &TestApp, path: &str, token: &str) -> (HeaderMap, Vec<u8>) {
    let request = Request::builder()
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let (status, headers, bytes) = app.send(request).await;
    let body = String::from_utf8_lossy(&bytes);
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    assert_eq!(headers["content-type"], "application/pdf");
    (headers, bytes)
}

/// The text of a PDF, whitespace squeezed.
pub fn text_of(pdf: &[u8]) -> String {
    let text = kandas_documents::inspect::text(pdf).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[track_caller]
pub fn assert_has(text: &str, pieces: &[&str]) {
    for piece in pieces {
        assert!(text.contains(piece), "{piece:?} is not in:\n{text}");
    }
}

/// The applicant's page in Russian, through the session cookie.
pub async fn page(app: &TestApp, path: &str, token: &str) -> String {
    let request = Request::builder()
        .uri(path)
        .header("cookie", format!("kandas_session={token}"))
        .header("accept-language", "ru")
        .body(Body::empty())
        .unwrap();
    let (status, _, bytes) = app.send(request).await;
    let html = String::from_utf8(bytes).unwrap();
    assert_eq!(status, StatusCode::OK, "{html}");
    html
}

/// How many audit rows of `action` there are.
pub async fn audited(app: &TestApp, action: &str) -> usize {
    let query = AuditQuery {
        limit: 500,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    trail.iter().filter(|r| r.action.code() == action).count()
}

/// One API call with a bearer token: the status and the JSON body.
pub async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    body: Option<Value>,
    token: &str,
) -> (StatusCode, Value) {
    let (status, _, json) = app.request(method, path, body, Some(token)).await;
    (status, json)
}
