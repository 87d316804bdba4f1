//! The desk: custody records, the desk's lists, the issue of results, closing times and the
//! disposal of kept files.

use jiff::civil::date;
use kandas_app::ports::store::prelude::*;
use kandas_app::ports::store::{
    CustodyChange, DeskFilter, DeskList, Disposal, IssueRecord, JobKind, ResultIssue,
    RetentionFilter, StatusChange, StoreError, StoredAttachment,
};
use kandas_domain::application::custody::{
    Custody, CustodyLine, CustodyMarks, MissingItem, Shortfall,
};
use kandas_domain::application::document::{Attachment, DocumentType, FileType};
use kandas_domain::application::events::EventKind;
use kandas_domain::application::status::{
    Decision, Notice, Outcome, Registration, SignatureMethod, Status,
};
use kandas_domain::application::{Application, Channel};
use kandas_domain::deadline::Deadline;
use kandas_domain::ids::{AttachmentId, UserId};
use kandas_domain::numbers::ApplicationNumber;
use kandas_store::SqlStore;

use crate::harness::{audit, draft, iin, office, t};

conformance!(
    custody_is_saved_with_its_version_and_audit,
    desk_lists_are_by_intake_office,
    an_issued_result_leaves_the_ready_list,
    a_refusal_at_intake_closes_the_case,
    disposed_files_keep_their_names_and_hashes,
    an_application_is_found_by_its_number,
);

fn operator() -> UserId {
    UserId::parse("00000000-0000-4000-9000-000000000007").unwrap()
}

async fn desk_draft(s: &SqlStore, n: u32) -> Application {
    let mut d = draft(n, iin(0), Some(office("astana")), t("2026-11-23T05:00:00Z"));
    d.channel = Channel::StateCorporation;
    d.intake_office = Some(kandas_domain::office::OfficeCode::parse("sc-astana").unwrap());
    s.create_draft(&d).await.unwrap()
}

fn custody() -> Custody {
    Custody {
        lines: vec![CustodyLine {
            document: DocumentType::PersonalHistory,
            member: None,
            marks: CustodyMarks {
                original_shown: true,
                copy_taken: true,
                ..CustodyMarks::default()
            },
        }],
    }
}

fn custody_change(app: &Application, version: i64) -> CustodyChange {
    let at = t("2026-11-23T05:10:00Z");
    CustodyChange {
        application: app.id.clone(),
        expected_version: version,
        custody: custody(),
        at,
        audit: audit("desk.custody", at, Some(iin(0)), Some(app.id.clone())),
    }
}

fn refusal(app: &Application) -> StatusChange {
    let at = t("2026-11-23T05:20:00Z");
    let missing = vec![MissingItem {
        document: DocumentType::IdentityDocument,
        member: None,
        shortfall: Shortfall::NoTranslation,
    }];
    StatusChange {
        application: app.id.clone(),
        expected_version: app.version,
        status: Status::RejectedAtIntake {
            at,
            by: operator(),
            missing,
            registration: None,
        },
        at,
        audit: audit(
            "application.refuse-intake",
            at,
            Some(iin(0)),
            Some(app.id.clone()),
        ),
        jobs: vec![],
        certificate: None,
        evidence: None,
        spends_code: None,
        results: Vec::new(),
        idempotency: None,
    }
}

async fn custody_is_saved_with_its_version_and_audit(s: &SqlStore) {
    let app = desk_draft(s, 1).await;
    let saved = s
        .save_custody(&custody_change(&app, app.version))
        .await
        .unwrap();
    assert_eq!(saved.version, app.version + 1);
    assert_eq!(saved.custody, custody());
    let read = s.application(&app.id).await.unwrap().unwrap();
    assert_eq!(read.custody, custody());
    assert_eq!(read.intake_office, app.intake_office);
    let stale = s.save_custody(&custody_change(&app, app.version)).await;
    assert!(matches!(stale, Err(StoreError::Conflict)), "{stale:?}");
}

async fn desk_lists_are_by_intake_office(s: &SqlStore) {
    let at_desk = desk_draft(s, 1).await;
    s.create_draft(&draft(
        2,
        iin(1),
        Some(office("astana")),
        t("2026-11-23T05:00:00Z"),
    ))
    .await
    .unwrap();
    let filter = |list| DeskFilter {
        office: kandas_domain::office::OfficeCode::parse("sc-astana").unwrap(),
        list,
    };
    let intake = s.desk_cases(&filter(DeskList::Intake)).await.unwrap();
    assert_eq!(
        intake.iter().map(|a| &a.id).collect::<Vec<_>>(),
        vec![&at_desk.id]
    );
    assert!(
        s.desk_cases(&filter(DeskList::ReadyForIssue))
            .await
            .unwrap()
            .is_empty()
    );
    let other = DeskFilter {
        office: kandas_domain::office::OfficeCode::parse("sc-shymkent").unwrap(),
        list: DeskList::All,
    };
    assert!(s.desk_cases(&other).await.unwrap().is_empty());
}

async fn an_issued_result_leaves_the_ready_list(s: &SqlStore) {
    let app = desk_draft(s, 1).await;
    let at = t("2026-11-24T05:00:00Z");
    let registration = Registration {
        registered_at: t("2026-11-23T05:30:00Z"),
        deadline: Deadline {
            accepted: date(2026, 11, 23),
            due: date(2026, 11, 26),
            rule_set: "2025-10".into(),
            suspension: None,
        },
        signed_by: SignatureMethod::Paper,
        document_sha256: "cd".repeat(32),
    };
    let decision = Decision {
        decided_at: at,
        decided_by: operator(),
        outcome: Outcome::Refused {
            grounds: vec![],
            comment: "не казах".into(),
        },
        signed_off: None,
    };
    let mut change = refusal(&app);
    change.status = Status::Decided {
        registration,
        decision,
        review: Default::default(),
    };
    s.change_status(&change).await.unwrap();
    let ready = DeskFilter {
        office: kandas_domain::office::OfficeCode::parse("sc-astana").unwrap(),
        list: DeskList::ReadyForIssue,
    };
    assert_eq!(s.desk_cases(&ready).await.unwrap().len(), 1);
    let issue = ResultIssue {
        id: "issue-1".into(),
        application: app.id.clone(),
        office: kandas_domain::office::OfficeCode::parse("sc-astana").unwrap(),
        issued_by: operator(),
        recipient_iin: iin(0),
        recipient_name: "Ерланов Ерлан".into(),
        identity_document: "passport N1".into(),
        issued_at: t("2026-11-24T05:00:00Z"),
    };
    let notice = Notice::ResultIssued {
        number: app.number.to_string(),
    };
    let record = IssueRecord {
        issue: issue.clone(),
        audit: audit(
            "desk.issue-result",
            issue.issued_at,
            Some(iin(0)),
            Some(app.id.clone()),
        ),
        jobs: vec![JobKind::Notify {
            iin: iin(0),
            application: app.id.clone(),
            notice,
        }],
    };
    s.record_issue(&record).await.unwrap();
    assert_eq!(s.result_issues(&app.id).await.unwrap(), vec![issue]);
    let events = s.case_events(&app.id).await.unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.event.kind, EventKind::ResultIssued, "{events:?}");
    assert_eq!(last.event.at, t("2026-11-24T05:00:00Z"));
    assert_eq!(s.pending_jobs().await.unwrap(), 1);
    assert!(s.desk_cases(&ready).await.unwrap().is_empty());
}

async fn a_refusal_at_intake_closes_the_case(s: &SqlStore) {
    let app = desk_draft(s, 1).await;
    let refused = s.change_status(&refusal(&app)).await.unwrap();
    assert_eq!(refused.status.code(), "rejected_at_intake");
    let due = RetentionFilter {
        channel: Channel::StateCorporation,
        closed_before: t("2027-12-01T00:00:00Z"),
    };
    // Closed, but with no files there is nothing to dispose of.
    assert!(s.retention_due(&due).await.unwrap().is_empty());
    let read = s.application(&app.id).await.unwrap().unwrap();
    assert_eq!(read.status.closed_at(), Some(t("2026-11-23T05:20:00Z")));
}

async fn disposed_files_keep_their_names_and_hashes(s: &SqlStore) {
    let app = desk_draft(s, 1).await;
    let stored = StoredAttachment {
        attachment: Attachment {
            id: AttachmentId::parse("00000000-0000-4000-8000-0000000000aa").unwrap(),
            document_type: DocumentType::PersonalHistory,
            member: None,
            file_name: "история.pdf".into(),
            file_type: FileType::Pdf,
            size: 3,
            sha256: "ab".repeat(32),
        },
        application: app.id.clone(),
        storage_key: "att-aa".into(),
        uploaded_at: t("2026-11-23T05:05:00Z"),
        disposal: None,
    };
    let at = stored.uploaded_at;
    let with_file = s
        .add_attachment(
            &stored,
            app.version,
            &audit("application.attach", at, None, Some(app.id.clone())),
        )
        .await
        .unwrap();
    let mut change = refusal(&with_file);
    change.expected_version = with_file.version;
    s.change_status(&change).await.unwrap();
    let before = RetentionFilter {
        channel: Channel::StateCorporation,
        closed_before: t("2026-11-23T05:19:59Z"),
    };
    assert!(
        s.retention_due(&before).await.unwrap().is_empty(),
        "closed after the cutoff"
    );
    let after = RetentionFilter {
        closed_before: t("2027-11-24T00:00:00Z"),
        ..before
    };
    let due = s.retention_due(&after).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].files.len(), 1);
    let disposal = Disposal {
        at: t("2027-11-24T01:00:00Z"),
        by: "worker".into(),
    };
    let ids = [stored.attachment.id.clone()];
    let record = audit("retention.dispose", disposal.at, None, Some(app.id.clone()));
    s.mark_disposed(&app.id, &ids, &disposal, &record)
        .await
        .unwrap();
    assert!(s.retention_due(&after).await.unwrap().is_empty());
    // A second disposal of the same files (another worker) changes and audits nothing.
    let later = Disposal {
        at: t("2027-11-24T02:00:00Z"),
        by: "another worker".into(),
    };
    s.mark_disposed(&app.id, &ids, &later, &record)
        .await
        .unwrap();
    let query = kandas_app::ports::store::AuditQuery {
        subject: None,
        application: Some(app.id.clone()),
        limit: 100,
        ..Default::default()
    };
    let trail = s.audit_trail(&query).await.unwrap();
    let disposals = trail
        .iter()
        .filter(|r| r.action.code() == "retention.dispose");
    assert_eq!(disposals.count(), 1);
    let events = s.case_events(&app.id).await.unwrap();
    let disposed = events
        .iter()
        .filter(|e| e.event.kind == EventKind::FilesDisposed);
    assert_eq!(
        disposed.count(),
        1,
        "one event, like the one audit row: {events:?}"
    );
    let kept = s.attachments(&app.id).await.unwrap();
    assert_eq!(kept[0].attachment.file_name, "история.pdf");
    assert_eq!(kept[0].attachment.sha256, "ab".repeat(32));
    assert_eq!(kept[0].disposal, Some(disposal));
    let portal = RetentionFilter {
        channel: Channel::Portal,
        ..after
    };
    assert!(s.retention_due(&portal).await.unwrap().is_empty());
}

async fn an_application_is_found_by_its_number(s: &SqlStore) {
    let app = desk_draft(s, 1).await;
    let found = s.application_by_number(&app.number).await.unwrap().unwrap();
    assert_eq!(found.id, app.id);
    let unknown = ApplicationNumber::new(2031, 999_999);
    assert!(s.application_by_number(&unknown).await.unwrap().is_none());
}
