//! Retention with a fixed clock: the State Corporation's files of a case closed longer ago than
//! the rule set's retention are deleted while the case keeps their names, hashes and the
//! disposal record; newer, open and online cases keep theirs; a dry run changes nothing; a
//! second run finds nothing; the applicant's download of a disposed file answers 410.

use std::sync::Arc;

use axum::http::StatusCode;
use jiff::{SignedDuration, Timestamp};
use kandas_app::applicant::view;
use kandas_app::ports::store::{AuditQuery, AuditRecord, NewDraft, StatusChange, StoredAttachment};
use kandas_app::retention;
use kandas_app::secrets::{random_id, sha256_hex};
use kandas_domain::application::document::{Attachment, DocumentType, FileType};
use kandas_domain::application::status::{
    Decision, Outcome, Registration, SignatureMethod, Status,
};
use kandas_domain::application::{Channel, Form, Kind};
use kandas_domain::audit::AuditAction;
use kandas_domain::deadline::{Deadline, almaty_date};
use kandas_domain::ids::{ApplicationId, AttachmentId, UserId};
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;
use kandas_domain::rules::RuleBook;
use kandas_testkit::TestApp;

use crate::on_both_backends;

/// A demo applicant (password sign-in works for the download check).
const APPLICANT: &str = "900101300811";

fn days(n: i64) -> SignedDuration {
    SignedDuration::from_hours(24 * n)
}

fn audit(action: AuditAction, at: Timestamp, id: &ApplicationId) -> AuditRecord {
    AuditRecord {
        at,
        actor: None,
        actor_iin: None,
        role: None,
        subject: Some(Iin::parse(APPLICANT).unwrap()),
        application: Some(id.clone()),
        action,
        request_id: "retention-test".to_owned(),
        details: serde_json::Value::Null,
    }
}

fn registration(at: Timestamp) -> Registration {
    Registration {
        registered_at: at,
        deadline: Deadline {
            accepted: almaty_date(at),
            due: almaty_date(at + days(3)),
            rule_set: "2025-10".to_owned(),
            suspension: None,
        },
        signed_by: SignatureMethod::Paper,
        document_sha256: "ab".repeat(32),
    }
}

/// A case of `channel` with one kept file, registered at `registered` and, when `closed` is
/// given, refused then. Answers the case and its file.
async fn case(
    app: &TestApp,
    channel: Channel,
    registered: Timestamp,
    closed: Option<Timestamp>,
) -> (ApplicationId, StoredAttachment) {
    let store = &app.service().store;
    let id = ApplicationId::from_random(random_id());
    let desk = (channel == Channel::StateCorporation).then(|| OfficeCode::parse("sc-astana"));
    let draft = NewDraft {
        id: id.clone(),
        kind: Kind::Assignment,
        channel,
        applicant: Iin::parse(APPLICANT).unwrap(),
        form: Form::default(),
        office: Some(OfficeCode::parse("leb-astana").unwrap()),
        intake_office: desk.transpose().unwrap(),
        at: registered,
        audit: audit(AuditAction::ApplicationCreate, registered, &id),
        open_drafts_limit: None,
        idempotency: None,
    };
    let draft = store.create_draft(&draft).await.unwrap();
    let bytes = format!("%PDF-1.4\n{id}\n%%EOF\n").into_bytes();
    let attachment = Attachment {
        id: AttachmentId::from_random(random_id()),
        document_type: DocumentType::PersonalHistory,
        member: None,
        file_name: format!("history-{id}.pdf"),
        file_type: FileType::Pdf,
        size: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
    };
    let stored = StoredAttachment {
        storage_key: format!("att-{}", attachment.id),
        attachment,
        application: id.clone(),
        uploaded_at: registered,
        disposal: None,
    };
    app.service()
        .files
        .put(&stored.storage_key, &bytes)
        .await
        .unwrap();
    let attach = audit(AuditAction::ApplicationAttach, registered, &id);
    let draft = store
        .add_attachment(&stored, draft.version, &attach)
        .await
        .unwrap();
    let status = match closed {
        None => Status::Registered(registration(registered)),
        Some(at) => Status::Decided {
            registration: registration(registered),
            decision: Decision {
                decided_at: at,
                decided_by: UserId::from_random(random_id()),
                outcome: Outcome::Refused {
                    grounds: Vec::new(),
                    comment: "test".to_owned(),
                },
                signed_off: None,
            },
            review: Default::default(),
        },
    };
    let at = closed.unwrap_or(registered);
    let change = StatusChange {
        application: id.clone(),
        expected_version: draft.version,
        status,
        at,
        audit: audit(AuditAction::ApplicationDecide, at, &id),
        jobs: Vec::new(),
        certificate: None,
        evidence: None,
        spends_code: None,
        results: Vec::new(),
        idempotency: None,
    };
    store.change_status(&change).await.unwrap();
    (id, stored)
}

/// The file is still in storage and its row carries no disposal.
async fn kept(app: &TestApp, file: &StoredAttachment) {
    let files = &app.service().files;
    assert!(files.get(&file.storage_key).await.unwrap().is_some());
    let row = app
        .service()
        .store
        .attachment(&file.attachment.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.disposal, None, "{}", file.attachment.file_name);
}

async fn disposals(app: &TestApp, id: &ApplicationId) -> Vec<AuditRecord> {
    let query = AuditQuery {
        subject: None,
        application: Some(id.clone()),
        limit: 50,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    trail
        .into_iter()
        .filter(|r| r.action == AuditAction::RetentionDispose)
        .collect()
}

async fn retention_journey(app: &TestApp) {
    let service = app.service();
    let now = service.now();
    let sc = Channel::StateCorporation;
    let (old, old_file) = case(app, sc, now - days(380), Some(now - days(366))).await;
    let (recent, recent_file) = case(app, sc, now - days(370), Some(now - days(364))).await;
    let (_open, open_file) = case(app, sc, now - days(400), None).await;
    let portal = Channel::Portal;
    let (_online, online_file) = case(app, portal, now - days(410), Some(now - days(400))).await;
    let all = [&old_file, &recent_file, &open_file, &online_file];

    // A dry run lists the one due case and changes nothing.
    let dry = retention::run(service, "cli:tester", true).await.unwrap();
    assert!(dry.dry_run && dry.failures.is_empty(), "{dry:?}");
    let listed: Vec<&ApplicationId> = dry.cases.iter().map(|c| &c.application).collect();
    assert_eq!(listed, [&old]);
    assert_eq!(dry.cases[0].closed_at, now - days(366));
    assert_eq!(dry.cases[0].files[0].name, old_file.attachment.file_name);
    assert_eq!(dry.cases[0].files[0].size, old_file.attachment.size);
    assert_eq!((dry.files(), dry.bytes()), (1, old_file.attachment.size));
    for file in all {
        kept(app, file).await;
    }
    assert!(disposals(app, &old).await.is_empty());

    // The run deletes the due file; the row keeps its name and hash and gains the disposal.
    let run = retention::run(service, "cli:tester", false).await.unwrap();
    assert!(!run.dry_run && run.failures.is_empty(), "{run:?}");
    let listed: Vec<&ApplicationId> = run.cases.iter().map(|c| &c.application).collect();
    assert_eq!(listed, [&old]);
    let files = &service.files;
    assert_eq!(files.get(&old_file.storage_key).await.unwrap(), None);
    let row = service
        .store
        .attachment(&old_file.attachment.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.attachment, old_file.attachment);
    let disposal = row.disposal.unwrap();
    assert_eq!((disposal.at, disposal.by.as_str()), (now, "cli:tester"));
    for file in [&recent_file, &open_file, &online_file] {
        kept(app, file).await;
    }
    let records = disposals(app, &old).await;
    assert_eq!(records.len(), 1, "{records:?}");
    let record = &records[0];
    assert_eq!(record.request_id, run.run_id);
    assert_eq!(record.subject, Some(Iin::parse(APPLICANT).unwrap()));
    assert_eq!(record.details["run_by"], "cli:tester");
    assert_eq!(record.details["run"], run.run_id.as_str());
    let file = &record.details["files"][0];
    assert_eq!(file["name"], old_file.attachment.file_name.as_str());
    assert_eq!(file["sha256"], old_file.attachment.sha256.as_str());

    // A second run has nothing more to do.
    let again = retention::run(service, "worker", false).await.unwrap();
    assert!(
        again.cases.is_empty() && again.failures.is_empty(),
        "{again:?}"
    );
    assert_eq!(disposals(app, &old).await.len(), 1);

    shown_to_the_applicant(app, &old, &old_file, &recent, &recent_file).await;

    // Two days later the case closed 364 days ago is 366 days closed and goes too.
    app.clock.advance(days(2));
    let later = retention::run(service, "worker", false).await.unwrap();
    let listed: Vec<&ApplicationId> = later.cases.iter().map(|c| &c.application).collect();
    assert_eq!(listed, [&recent]);
    assert_eq!(files.get(&recent_file.storage_key).await.unwrap(), None);
    kept(app, &open_file).await;
    kept(app, &online_file).await;
}

/// The case view marks the disposed file; its download answers 410 `attachment.disposed`,
/// while a kept file still downloads.
async fn shown_to_the_applicant(
    app: &TestApp,
    old: &ApplicationId,
    old_file: &StoredAttachment,
    recent: &ApplicationId,
    recent_file: &StoredAttachment,
) {
    let service = app.service();
    let application = service.store.application(old).await.unwrap().unwrap();
    let v = view::build(service, application).await.unwrap();
    assert_eq!(v.attachments, std::slice::from_ref(&old_file.attachment));
    assert_eq!(v.disposed.len(), 1);
    assert_eq!(v.disposed[0].attachment, old_file.attachment.id);
    let application = service.store.application(recent).await.unwrap().unwrap();
    assert!(
        view::build(service, application)
            .await
            .unwrap()
            .disposed
            .is_empty()
    );

    let token = app.sign_in(APPLICANT).await;
    let gone = format!(
        "/api/v1/applications/{old}/attachments/{}",
        old_file.attachment.id
    );
    let (status, _, json) = app.request("GET", &gone, None, Some(&token)).await;
    assert_eq!(status, StatusCode::GONE, "{json}");
    assert_eq!(json["error"]["code"], "attachment.disposed");
    let message = json["error"]["message"].as_str().unwrap();
    assert!(
        !message.is_empty() && message != "attachment.disposed",
        "{message}"
    );
    let kept = format!(
        "/api/v1/applications/{recent}/attachments/{}",
        recent_file.attachment.id
    );
    let (status, _, _) = app.request("GET", &kept, None, Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
}

on_both_backends!(
    retention_journey,
    retention_on_sqlite,
    retention_on_postgres
);

/// The retention of the rule set in force on the day a case closed decides, not today's.
async fn closing_day_rules(app: &TestApp) {
    let mut service = app.service().clone();
    let mut sets = service.rules.sets().to_vec();
    for set in sets.iter_mut().filter(|s| s.id == "2025-10") {
        set.retention_days = 400;
    }
    service.rules = Arc::new(RuleBook::new(sets).unwrap());
    let now = service.now();
    let sc = Channel::StateCorporation;
    // Closed 19 October 2025, under the 2022-05 rules (365 days): due.
    let (earlier, earlier_file) = case(app, sc, now - days(410), Some(now - days(400))).await;
    // Closed 8 November 2025, under the 2025-10 rules (400 days here): not yet.
    let (_later, later_file) = case(app, sc, now - days(390), Some(now - days(380))).await;
    let run = retention::run(&service, "worker", false).await.unwrap();
    let listed: Vec<&ApplicationId> = run.cases.iter().map(|c| &c.application).collect();
    assert_eq!(listed, [&earlier]);
    assert_eq!(
        service.files.get(&earlier_file.storage_key).await.unwrap(),
        None
    );
    kept(app, &later_file).await;
}

on_both_backends!(
    closing_day_rules,
    retention_by_closing_day_rules_on_sqlite,
    retention_by_closing_day_rules_on_postgres
);
