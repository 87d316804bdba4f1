//! Every staff and desk route that answers people's data writes its audit rows before it
//! answers: a case read one row naming the case, a list one row per person it shows (the
//! applicant and each family member), each with the purpose its action carries.

use axum::http::StatusCode;
use kandas_app::ports::store::AuditQuery;
use kandas_domain::audit::{AuditAction, Purpose};
use kandas_domain::iin::Iin;
use kandas_testkit::TestApp;
use serde_json::json;

use crate::support::{OFFICER, call, page, submit_assignment};

const APPLICANT: &str = "900101300811";
const SPOUSE: &str = "920305400125";
const OPERATOR: &str = "881115300022";
const DESK_APPLICANT: &str = "931002451325";

/// The rows of `action` whose subject is `iin`.
async fn rows(app: &TestApp, iin: &str, action: AuditAction) -> usize {
    let query = AuditQuery {
        subject: Some(Iin::parse(iin).unwrap()),
        limit: 1000,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    trail.iter().filter(|r| r.action == action).count()
}

/// Reads `path` (a page when it does not start with `/api`), answering 200.
async fn read(app: &TestApp, path: &str, token: &str) {
    if path.starts_with("/api/") {
        let (status, json) = call(app, "GET", path, None, token).await;
        assert_eq!(status, StatusCode::OK, "{path}: {json}");
    } else {
        page(app, path, token).await;
    }
}

/// Each read of `path` adds exactly one row of `action` for each of `people`.
async fn each_read_audits(
    app: &TestApp,
    token: &str,
    path: &str,
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
}

pub async fn every_read_of_personal_data_is_audited(app: &TestApp) {
    let (_, id) = submit_assignment(app).await;
    let officer = app.sign_in(OFFICER).await;
    let queue = AuditAction::StaffReadQueue;
    assert_eq!(queue.purpose(), Purpose::Case);
    for path in ["/api/v1/staff/applications", "/staff"] {
        each_read_audits(app, &officer, path, queue, &[APPLICANT, SPOUSE]).await;
    }
    let case = AuditAction::StaffReadCase;
    for path in [
        format!("/api/v1/staff/applications/{id}"),
        format!("/staff/applications/{id}"),
    ] {
        each_read_audits(app, &officer, &path, case, &[APPLICANT]).await;
    }

    let desk = app.sign_in(OPERATOR).await;
    let body = json!({ "iin": DESK_APPLICANT, "kind": "assignment" });
    let (status, draft) = call(app, "POST", "/api/v1/desk/applications", Some(body), &desk).await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    let desk_id = draft["id"].as_str().unwrap().to_owned();
    let list = AuditAction::DeskReadList;
    assert_eq!(list.purpose(), Purpose::DeskIntake);
    for path in ["/api/v1/desk/applications", "/desk"] {
        each_read_audits(app, &desk, path, list, &[DESK_APPLICANT]).await;
    }
    let desk_case = AuditAction::DeskReadCase;
    for path in [
        format!("/api/v1/desk/applications/{desk_id}"),
        format!("/desk/applications/{desk_id}"),
    ] {
        each_read_audits(app, &desk, &path, desk_case, &[DESK_APPLICANT]).await;
    }
    // Each list row names the case the person was shown in.
    let query = AuditQuery {
        subject: Some(Iin::parse(SPOUSE).unwrap()),
        limit: 10,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    let shown = trail.iter().find(|r| r.action == queue).unwrap();
    assert_eq!(shown.application.as_ref().map(|a| a.to_string()), Some(id));
    assert_eq!(shown.details["shown_as"], "family-member");
}

crate::on_both_backends!(
    every_read_of_personal_data_is_audited,
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

/// The rest of the reads: a case's file (API and page), the registry lookup of a person for a
/// desk case, and at a State Corporation desk the search for a result, the result and its
/// document, each writing its rows for the people it shows before it answers.
pub async fn files_persons_and_results_are_audited(app: &TestApp) {
    let (applicant, id) = submit_assignment(app).await;
    let view = crate::support::view(app, &applicant, &id).await;
    let file = view["attachments"][0]["id"].as_str().unwrap().to_owned();
    let officer = app.sign_in(OFFICER).await;
    let open = AuditAction::StaffOpenAttachment;
    for path in [
        format!("/api/v1/staff/applications/{id}/attachments/{file}"),
        format!("/staff/applications/{id}/attachments/{file}"),
    ] {
        let before = rows(app, APPLICANT, open).await;
        let (status, _, _) = app.request("GET", &path, None, Some(&officer)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(rows(app, APPLICANT, open).await, before + 1, "{path}");
    }

    let desk = app.sign_in(OPERATOR).await;
    let body = json!({ "iin": DESK_APPLICANT, "kind": "assignment" });
    let (_, draft) = call(app, "POST", "/api/v1/desk/applications", Some(body), &desk).await;
    let desk_id = draft["id"].as_str().unwrap();
    let person = format!("/api/v1/desk/persons/{DESK_APPLICANT}?application={desk_id}");
    each_read_audits(
        app,
        &desk,
        &person,
        AuditAction::DeskReadPerson,
        &[DESK_APPLICANT],
    )
    .await;

    let decided = crate::support::review_and_decide(app, &id, json!({ "outcome": "assign" })).await;
    assert_eq!(decided["status"], "assigned", "{decided}");
    let number = decided["number"].as_str().unwrap();
    let find = format!("/api/v1/desk/results?q={number}");
    let people = [APPLICANT, SPOUSE];
    each_read_audits(app, &desk, &find, AuditAction::DeskFindResult, &people).await;
    let result = format!("/api/v1/desk/results/{id}");
    each_read_audits(
        app,
        &desk,
        &result,
        AuditAction::DeskReadResult,
        &[APPLICANT],
    )
    .await;
    let document = format!("/api/v1/desk/applications/{id}/result");
    let before = rows(app, APPLICANT, AuditAction::DeskOpenResult).await;
    let (status, _, _) = app.request("GET", &document, None, Some(&desk)).await;
    assert_eq!(status, StatusCode::OK, "{document}");
    let after = rows(app, APPLICANT, AuditAction::DeskOpenResult).await;
    assert_eq!(after, before + 1, "{document}");
}

crate::on_both_backends!(
    files_persons_and_results_are_audited,
    files_and_results_are_audited_on_sqlite,
    files_and_results_are_audited_on_postgres
);
