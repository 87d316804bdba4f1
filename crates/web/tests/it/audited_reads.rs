//! Every staff and desk route that answers people's data writes its audit rows before it
//! answers: one row per person it shows (the applicant and each family member with an IIN),
//! naming the case, each with the purpose its action carries. The walk covers every read route
//! of the staff's and the desk's areas, as the routers list them (API and pages): a route added
//! and not walked fails `every_read_route_is_walked`.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use kandas_app::ports::store::AuditQuery;
use kandas_domain::audit::{AuditAction, Purpose};
use kandas_domain::iin::Iin;
use kandas_testkit::TestApp;
use serde_json::json;

use crate::pages_journey::sign_in as browse;
use crate::support::{HEAD, OFFICER, call, page, submit_assignment};

const APPLICANT: &str = "900101300811";
const SPOUSE: &str = "920305400125";
const OPERATOR: &str = "881115300022";
const DESK_APPLICANT: &str = "931002451325";

/// The page routes of the staff's and the desk's areas that take no GET, or answer one without
/// anyone's data; every other route under `/staff` and `/desk` must be walked.
const NOT_READS: &[&str] = &[
    "/staff/applications/{id}/completeness",
    "/staff/applications/{id}/commission",
    "/staff/applications/{id}/hearing",
    "/staff/applications/{id}/hearing/record",
    "/staff/applications/{id}/sign-off",
    "/staff/applications/{id}/take",
    "/desk/applications",
    "/desk/applications/{id}/members",
    "/desk/applications/{id}/members/{member}",
    "/desk/applications/{id}/members/{member}/remove",
    "/desk/applications/{id}/documents",
    "/desk/applications/{id}/custody",
    "/desk/applications/{id}/code",
    "/desk/applications/{id}/accept",
    "/desk/applications/{id}/refuse",
    "/desk/applications/{id}/issue",
    "/desk/results/{id}/issue",
];

/// The routes the walk has read, as the routers name them.
#[derive(Default)]
struct Walk(BTreeSet<String>);

impl Walk {
    fn mark(&mut self, route: &str) {
        self.0.insert(route.to_owned());
    }
}

/// The rows of `action` whose subject is `iin`.
async fn rows(app: &TestApp, iin: &str, action: AuditAction) -> usize {
    let query = AuditQuery {
        subject: Some(Iin::parse(iin).unwrap()),
        action: Some(action),
        limit: 1000,
        ..Default::default()
    };
    app.service().store.audit_trail(&query).await.unwrap().len()
}

/// Reads `path` (a page when it does not start with `/api`), answering 200.
async fn read(app: &TestApp, path: &str, token: &str) {
    if path.starts_with("/api/") {
        let (status, _, body) = app.request("GET", path, None, Some(token)).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    } else {
        page(app, path, token).await;
    }
}

/// Each read of `path` (the route `route`) adds exactly one row of `action` for each of
/// `people`.
async fn each_read_audits(
    app: &TestApp,
    walk: &mut Walk,
    token: &str,
    (route, path): (&str, &str),
    action: AuditAction,
    people: &[&str],
) {
    let mut before = Vec::new();
    for person in people {
        before.push(rows(app, person, action).await);
    }
    read(app, path, token).await;
    for (person, before) in people.iter().zip(before) {
        let after = rows(app, person, action).await;
        assert_eq!(after, before + 1, "{path}: {action} rows of {person}");
    }
    walk.mark(route);
}

/// Walks every read of the staff's and the desk's areas on one case decided with a spouse and
/// one paper case refused at a desk, checking each one's rows, then that no read route is left.
pub async fn walk_every_read(app: &TestApp) {
    let mut walk = Walk::default();
    let w = &mut walk;
    let (applicant, id) = submit_assignment(app).await;
    let both = [APPLICANT, SPOUSE];
    let officer = app.sign_in(OFFICER).await;
    let queue = AuditAction::StaffReadQueue;
    assert_eq!(queue.purpose(), Purpose::Case);
    for path in ["/api/v1/staff/applications", "/staff"] {
        each_read_audits(app, w, &officer, (path, path), queue, &both).await;
    }
    let case = AuditAction::StaffReadCase;
    let api = format!("/api/v1/staff/applications/{id}");
    each_read_audits(
        app,
        w,
        &officer,
        ("/api/v1/staff/applications/{id}", &api),
        case,
        &both,
    )
    .await;
    let html = format!("/staff/applications/{id}");
    each_read_audits(
        app,
        w,
        &officer,
        ("/staff/applications/{id}", &html),
        case,
        &both,
    )
    .await;
    // Each row names the case and how the person was shown in it.
    let query = AuditQuery {
        subject: Some(Iin::parse(SPOUSE).unwrap()),
        limit: 10,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    let shown = trail.iter().find(|r| r.action == queue).unwrap();
    assert_eq!(
        shown.application.as_ref().map(|a| a.to_string()),
        Some(id.clone())
    );
    assert_eq!(shown.details["shown_as"], "family-member");

    let view = crate::support::view(app, &applicant, &id).await;
    let file = view["attachments"][0]["id"].as_str().unwrap().to_owned();
    let open = AuditAction::StaffOpenAttachment;
    for (route, path) in [
        (
            "/api/v1/staff/applications/{id}/attachments/{attachment_id}",
            format!("/api/v1/staff/applications/{id}/attachments/{file}"),
        ),
        (
            "/staff/applications/{id}/attachments/{attachment}",
            format!("/staff/applications/{id}/attachments/{file}"),
        ),
    ] {
        let before = rows(app, APPLICANT, open).await;
        let (status, _, _) = app.request("GET", &path, None, Some(&officer)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(rows(app, APPLICANT, open).await, before + 1, "{path}");
        w.mark(route);
    }

    desk_reads(app, w).await;

    let decided = crate::support::review_and_decide(app, &id, json!({ "outcome": "assign" })).await;
    assert_eq!(decided["status"], "assigned", "{decided}");
    let number = decided["number"].as_str().unwrap().to_owned();
    let protocol = AuditAction::StaffReadProtocol;
    for (route, path) in [
        (
            "/api/v1/staff/applications/{id}/protocol",
            format!("/api/v1/staff/applications/{id}/protocol"),
        ),
        (
            "/staff/applications/{id}/protocol",
            format!("/staff/applications/{id}/protocol"),
        ),
    ] {
        let before = rows(app, SPOUSE, protocol).await;
        let (status, _, _) = app.request("GET", &path, None, Some(&officer)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(rows(app, SPOUSE, protocol).await, before + 1, "{path}");
        w.mark(route);
    }
    let certificate = decided["result"]["certificate"]
        .as_str()
        .unwrap()
        .to_owned();
    let end = format!("/api/v1/staff/certificates/{certificate}/end");
    let body = json!({ "ending": "terminated", "reason": "Указ № 123 от 20.11.2026" });
    let (status, recorded) = call(app, "POST", &end, Some(body), &officer).await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    let head = app.sign_in(HEAD).await;
    let ending = format!("/api/v1/staff/certificates/{certificate}/ending");
    let route = (
        "/api/v1/staff/certificates/{number}/ending",
        ending.as_str(),
    );
    each_read_audits(
        app,
        w,
        &head,
        route,
        AuditAction::CertificateReadEnding,
        &[APPLICANT],
    )
    .await;

    result_reads(app, w, &id, &number).await;
    every_read_route_is_walked(app, &walk).await;
}

/// A paper case at a State Corporation desk: its lists, the case and its form pages, the
/// registry lookup, and (refused to accept) its receipt.
async fn desk_reads(app: &TestApp, w: &mut Walk) {
    let desk = app.sign_in(OPERATOR).await;
    let body = json!({ "iin": DESK_APPLICANT, "kind": "assignment" });
    let (status, draft) = call(app, "POST", "/api/v1/desk/applications", Some(body), &desk).await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    let desk_id = draft["id"].as_str().unwrap().to_owned();
    let person = [DESK_APPLICANT];
    let list = AuditAction::DeskReadList;
    assert_eq!(list.purpose(), Purpose::DeskIntake);
    for path in ["/api/v1/desk/applications", "/desk"] {
        each_read_audits(app, w, &desk, (path, path), list, &person).await;
    }
    let lookup = format!("/api/v1/desk/persons/{DESK_APPLICANT}?application={desk_id}");
    let route = ("/api/v1/desk/persons/{iin}", lookup.as_str());
    each_read_audits(app, w, &desk, route, AuditAction::DeskReadPerson, &person).await;
    let case = AuditAction::DeskReadCase;
    let (status, added) = call(
        app,
        "GET",
        &format!("/api/v1/desk/applications/{desk_id}"),
        None,
        &desk,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{added}");
    let base = format!("/desk/applications/{desk_id}");
    for (route, path) in [
        (
            "/api/v1/desk/applications/{id}",
            format!("/api/v1/desk/applications/{desk_id}"),
        ),
        ("/desk/applications/{id}", base.clone()),
        ("/desk/applications/{id}/form", format!("{base}/form")),
        (
            "/desk/applications/{id}/form/members",
            format!("{base}/form/members"),
        ),
        (
            "/desk/applications/{id}/form/members/new",
            format!("{base}/form/members/new"),
        ),
    ] {
        each_read_audits(app, w, &desk, (route, &path), case, &person).await;
    }
    // A member added at the desk, and the page that edits them.
    let version = added["version"].as_i64().unwrap();
    let mut form = crate::support::form();
    form["members"] = json!([form["members"][0].clone()]);
    let body = json!({ "version": version, "form": form });
    let save = format!("/api/v1/desk/applications/{desk_id}/form");
    let (status, saved) = call(app, "PUT", &save, Some(body), &desk).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let member = saved["form"]["members"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let route = (
        "/desk/applications/{id}/form/members/{member}",
        format!("{base}/form/members/{member}"),
    );
    each_read_audits(
        app,
        w,
        &desk,
        (route.0, &route.1),
        case,
        &[DESK_APPLICANT, SPOUSE],
    )
    .await;

    // Refused to accept (nothing attached): the refusal receipt.
    let refuse = format!("/api/v1/desk/applications/{desk_id}/refuse");
    let body = json!({ "version": saved["version"] });
    let (status, refused) = call(app, "POST", &refuse, Some(body), &desk).await;
    assert_eq!(status, StatusCode::OK, "{refused}");
    let receipt = AuditAction::DeskReadReceipt;
    for (route, path) in [
        (
            "/api/v1/desk/applications/{id}/receipt",
            format!("/api/v1/desk/applications/{desk_id}/receipt"),
        ),
        ("/desk/applications/{id}/receipt", format!("{base}/receipt")),
    ] {
        let before = rows(app, SPOUSE, receipt).await;
        let (status, _, _) = app.request("GET", &path, None, Some(&desk)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(rows(app, SPOUSE, receipt).await, before + 1, "{path}");
        w.mark(route);
    }
}

/// The decided case at a State Corporation desk: the search for it (API and the page's form),
/// the result (API and page) and its document (API and page).
async fn result_reads(app: &TestApp, w: &mut Walk, id: &str, number: &str) {
    let desk = app.sign_in(OPERATOR).await;
    let people = [APPLICANT, SPOUSE];
    let find = format!("/api/v1/desk/results?q={number}");
    let route = ("/api/v1/desk/results", find.as_str());
    each_read_audits(app, w, &desk, route, AuditAction::DeskFindResult, &people).await;
    let mut b = browse(app, OPERATOR).await;
    let (_, form) = b.get("/desk/results").await;
    let before = rows(app, SPOUSE, AuditAction::DeskFindResult).await;
    let (status, _, found) = b.submit(&form, "/desk/results", &[("q", number)]).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(
        rows(app, SPOUSE, AuditAction::DeskFindResult).await,
        before + 1
    );
    w.mark("/desk/results");
    let read = AuditAction::DeskReadResult;
    for (route, path) in [
        (
            "/api/v1/desk/results/{id}",
            format!("/api/v1/desk/results/{id}"),
        ),
        ("/desk/results/{id}", format!("/desk/results/{id}")),
    ] {
        each_read_audits(app, w, &desk, (route, &path), read, &people).await;
    }
    let open = AuditAction::DeskOpenResult;
    for (route, path) in [
        (
            "/api/v1/desk/applications/{id}/result",
            format!("/api/v1/desk/applications/{id}/result"),
        ),
        (
            "/desk/applications/{id}/result",
            format!("/desk/applications/{id}/result"),
        ),
    ] {
        let before = rows(app, SPOUSE, open).await;
        let (status, _, _) = app.request("GET", &path, None, Some(&desk)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(rows(app, SPOUSE, open).await, before + 1, "{path}");
        w.mark(route);
    }
}

/// Every GET of the staff's and the desk's API (by its OpenAPI tag) and every page route under
/// `/staff` and `/desk` that is not in [`NOT_READS`] has been walked.
async fn every_read_route_is_walked(app: &TestApp, walk: &Walk) {
    let (status, _, doc) = app.request("GET", "/api/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let mut unwalked = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(get) = item.get("get") else { continue };
        let tags: Vec<&str> = get["tags"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|t| t.as_str())
            .collect();
        if (tags.contains(&"staff") || tags.contains(&"desk")) && !walk.0.contains(path) {
            unwalked.push(path.clone());
        }
    }
    for (path, _) in kandas_web::pages::routes() {
        let area = path == "/staff"
            || path == "/desk"
            || path.starts_with("/staff/")
            || path.starts_with("/desk/");
        if area && !NOT_READS.contains(&path.as_str()) && !walk.0.contains(&path) {
            unwalked.push(path);
        }
    }
    assert!(
        unwalked.is_empty(),
        "read routes the walk does not cover: {unwalked:#?}"
    );
}

crate::on_both_backends!(
    walk_every_read,
    reads_are_audited_on_sqlite,
    reads_are_audited_on_postgres
);

/// The applicant sees the officer's read of their case in "Who accessed my data", with the
/// office and the purpose, in every language, through the page and the API; their own reads
/// are not there.
pub async fn the_person_sees_who_accessed_their_data(app: &TestApp) {
    let (applicant, id) = submit_assignment(app).await;
    let (status, none) = call(app, "GET", "/api/v1/accesses", None, &applicant).await;
    assert_eq!(status, StatusCode::OK, "{none}");
    assert_eq!(
        none.as_array().unwrap().len(),
        0,
        "own reads are not accesses: {none}"
    );
    let officer = app.sign_in(OFFICER).await;
    read(app, &format!("/api/v1/staff/applications/{id}"), &officer).await;
    let (_, list) = call(app, "GET", "/api/v1/accesses", None, &applicant).await;
    let read = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "staff.read-case")
        .unwrap_or_else(|| panic!("{list}"));
    assert_eq!(read["purpose"], "case");
    assert_eq!(read["role"], "officer");
    assert!(
        read["office"].as_str().unwrap().starts_with("leb-"),
        "{read}"
    );
    let expected = [
        ("kk", "Өтінішіңізді қарады", "істі қарау"),
        ("ru", "Просмотрел ваше заявление", "рассмотрение дела"),
        ("en", "Read your application", "examination of the case"),
    ];
    for (lang, what, purpose) in expected {
        assert_eq!(read["text"][lang], what);
        assert_eq!(read["purpose_text"][lang], purpose);
        let html = page(app, &format!("/cabinet/access?lang={lang}"), &applicant).await;
        let office = read["office_name"][lang].as_str().unwrap();
        for piece in [what, purpose, office] {
            assert!(html.contains(piece), "{lang}: {piece} missing");
        }
    }
}

crate::on_both_backends!(
    the_person_sees_who_accessed_their_data,
    who_accessed_on_sqlite,
    who_accessed_on_postgres
);
