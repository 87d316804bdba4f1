//! Drafts, their numbers and idempotency, form saves and attachments under optimistic versions.

use kandas_app::ports::store::prelude::*;
use kandas_app::ports::store::{
    AuditQuery, FormChange, IdempotencyKey, StoreError, StoredAttachment,
};
use kandas_domain::application::Status;
use kandas_domain::application::document::{Attachment, DocumentType, FileType};
use kandas_domain::ids::{AttachmentId, MemberId};
use kandas_domain::numbers::ApplicationNumber;
use kandas_domain::office::RegionCode;
use kandas_store::SqlStore;

use crate::harness::{app_id, audit, draft, iin, office, t};

conformance!(
    drafts_get_consecutive_numbers_per_year,
    the_numbers_year_is_almatys,
    a_repeated_idempotency_key_replays_and_writes_nothing,
    stale_form_saves_conflict,
    attachments_bump_the_version,
    applications_of_a_person_are_newest_first,
    a_removed_attachment_is_gone_and_bumps_the_version,
);

async fn audit_count(s: &SqlStore) -> usize {
    s.audit_trail(&AuditQuery {
        subject: None,
        application: None,
        limit: 1000,
        ..Default::default()
    })
    .await
    .unwrap()
    .len()
}

async fn drafts_get_consecutive_numbers_per_year(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    let a = s
        .create_draft(&draft(1, iin(0), Some(office("astana")), at))
        .await
        .unwrap();
    let b = s.create_draft(&draft(2, iin(1), None, at)).await.unwrap();
    assert_eq!(a.number, ApplicationNumber::new(2026, 1));
    assert_eq!(b.number, ApplicationNumber::new(2026, 2));
    assert_eq!((a.version, a.status.clone()), (1, Status::Draft));
    assert_eq!(s.application(&a.id).await.unwrap(), Some(a.clone()));
    assert_eq!(s.application(&app_id(9)).await.unwrap(), None);
    let next_year = s
        .create_draft(&draft(3, iin(0), None, t("2027-01-01T00:00:00Z")))
        .await
        .unwrap();
    assert_eq!(next_year.number, ApplicationNumber::new(2027, 1));
    assert_eq!(audit_count(s).await, 3);
    assert!(matches!(
        s.create_draft(&draft(1, iin(0), None, at)).await,
        Err(StoreError::Duplicate("application"))
    ));
    assert_eq!(audit_count(s).await, 3);
}

/// 23:59:59 on 31 December in Almaty is still 2026; 19:30 UTC that evening is 00:30 on
/// 1 January in Almaty: the number (and the certificate's, which takes its year) says 2027.
async fn the_numbers_year_is_almatys(s: &SqlStore) {
    let last = s
        .create_draft(&draft(1, iin(0), None, t("2026-12-31T18:59:59Z")))
        .await
        .unwrap();
    assert_eq!(last.number, ApplicationNumber::new(2026, 1));
    let first = s
        .create_draft(&draft(2, iin(1), None, t("2026-12-31T19:30:00Z")))
        .await
        .unwrap();
    assert_eq!(first.number, ApplicationNumber::new(2027, 1));
}

async fn a_repeated_idempotency_key_replays_and_writes_nothing(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    let key = IdempotencyKey {
        scope: "user-1:create".into(),
        key: "k-1".into(),
        fingerprint: "f".into(),
        not_before: jiff::Timestamp::UNIX_EPOCH,
    };
    let mut first = draft(1, iin(0), None, at);
    first.idempotency = Some(key.clone());
    s.create_draft(&first).await.unwrap();
    assert_eq!(s.idempotent(&key).await.unwrap(), Some(app_id(1)));
    let mut again = draft(2, iin(0), None, at);
    again.idempotency = Some(key.clone());
    match s.create_draft(&again).await {
        Err(StoreError::Replay(id)) => assert_eq!(id, app_id(1)),
        other => panic!("expected a replay, got {other:?}"),
    }
    assert_eq!(s.application(&app_id(2)).await.unwrap(), None);
    assert_eq!(audit_count(s).await, 1);
    // The number was not used up by the replay.
    let next = s.create_draft(&draft(3, iin(0), None, at)).await.unwrap();
    assert_eq!(next.number, ApplicationNumber::new(2026, 2));
    let other = IdempotencyKey {
        scope: "user-2:create".into(),
        key: "k-1".into(),
        fingerprint: "f".into(),
        not_before: jiff::Timestamp::UNIX_EPOCH,
    };
    assert_eq!(s.idempotent(&other).await.unwrap(), None);

    // The key for another request is refused, never answered with the first's application.
    let reused = IdempotencyKey {
        fingerprint: "g".into(),
        ..key.clone()
    };
    assert!(matches!(
        s.idempotent(&reused).await,
        Err(StoreError::KeyReused)
    ));
    let mut another = draft(4, iin(0), None, at);
    another.idempotency = Some(reused.clone());
    assert!(matches!(
        s.create_draft(&another).await,
        Err(StoreError::KeyReused)
    ));
    // Expired (recorded before its `not_before`), the key is new again, and swept later.
    let next_day = IdempotencyKey {
        not_before: t("2026-11-24T05:00:01Z"),
        ..reused
    };
    assert_eq!(s.idempotent(&next_day).await.unwrap(), None);
    let mut fresh = draft(5, iin(0), None, t("2026-11-24T06:00:00Z"));
    fresh.idempotency = Some(next_day.clone());
    s.create_draft(&fresh).await.unwrap();
    assert_eq!(s.idempotent(&next_day).await.unwrap(), Some(app_id(5)));
    assert_eq!(
        s.delete_expired_keys(t("2026-11-24T06:00:00Z"))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        s.delete_expired_keys(t("2026-11-25T06:00:01Z"))
            .await
            .unwrap(),
        1
    );
    assert_eq!(s.idempotent(&next_day).await.unwrap(), None);
}

async fn stale_form_saves_conflict(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    let app = s.create_draft(&draft(1, iin(0), None, at)).await.unwrap();
    let mut form = app.form.clone();
    form.region = Some(RegionCode::parse("astana").unwrap());
    form.consent_via_foreign_mission = true;
    let later = t("2026-11-23T05:10:00Z");
    let change = FormChange {
        application: app.id.clone(),
        expected_version: 1,
        form: form.clone(),
        office: Some(office("astana")),
        at: later,
        audit: audit(
            "application.save-form",
            later,
            Some(iin(0)),
            Some(app.id.clone()),
        ),
    };
    let saved = s.save_form(&change).await.unwrap();
    assert_eq!(
        (saved.version, &saved.form, saved.updated_at),
        (2, &form, later)
    );
    assert_eq!(saved.office, Some(office("astana")));
    assert_eq!(saved.created_at, at);
    assert_eq!(s.application(&app.id).await.unwrap(), Some(saved.clone()));
    assert!(matches!(
        s.save_form(&change).await,
        Err(StoreError::Conflict)
    ));
    let missing = FormChange {
        application: app_id(7),
        ..change.clone()
    };
    assert!(matches!(
        s.save_form(&missing).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        audit_count(s).await,
        2,
        "only the successful save is audited"
    );
    assert_eq!(s.application(&app.id).await.unwrap().unwrap().version, 2);
}

fn stored(
    n: u32,
    document_type: DocumentType,
    member: Option<MemberId>,
    at: &str,
) -> StoredAttachment {
    StoredAttachment {
        attachment: Attachment {
            id: AttachmentId::parse(&format!("00000000-0000-4000-a000-{n:012}")).unwrap(),
            document_type,
            member,
            file_name: "Паспорт (скан).pdf".into(),
            file_type: FileType::Pdf,
            size: 123_456,
            sha256: "ab".repeat(32),
        },
        application: app_id(1),
        storage_key: format!("key-{n}"),
        uploaded_at: t(at),
        disposal: None,
    }
}

async fn attachments_bump_the_version(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    s.create_draft(&draft(1, iin(0), None, at)).await.unwrap();
    let a1 = stored(
        1,
        DocumentType::PersonalHistory,
        None,
        "2026-11-23T05:01:00Z",
    );
    let member = MemberId::parse("00000000-0000-4000-b000-000000000001").unwrap();
    let mut a2 = stored(
        2,
        DocumentType::IdentityDocument,
        Some(member),
        "2026-11-23T05:02:00Z",
    );
    a2.attachment.file_type = FileType::Jpeg;
    let rec = audit("application.attach", at, Some(iin(0)), Some(app_id(1)));
    assert_eq!(s.add_attachment(&a1, 1, &rec).await.unwrap().version, 2);
    assert!(matches!(
        s.add_attachment(&a2, 1, &rec).await,
        Err(StoreError::Conflict)
    ));
    assert!(s.attachment(&a2.attachment.id).await.unwrap().is_none());
    let app = s.add_attachment(&a2, 2, &rec).await.unwrap();
    assert_eq!((app.version, app.updated_at), (3, a2.uploaded_at));
    assert_eq!(
        s.attachments(&app_id(1)).await.unwrap(),
        vec![a1.clone(), a2.clone()]
    );
    assert_eq!(s.attachment(&a2.attachment.id).await.unwrap(), Some(a2));
    assert!(s.attachments(&app_id(2)).await.unwrap().is_empty());
    let mut elsewhere = stored(
        3,
        DocumentType::NationalityProof,
        None,
        "2026-11-23T05:03:00Z",
    );
    elsewhere.application = app_id(2);
    assert!(matches!(
        s.add_attachment(&elsewhere, 1, &rec).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(audit_count(s).await, 3);
}

async fn applications_of_a_person_are_newest_first(s: &SqlStore) {
    s.create_draft(&draft(1, iin(0), None, t("2026-11-23T05:00:00Z")))
        .await
        .unwrap();
    s.create_draft(&draft(2, iin(0), None, t("2026-11-24T05:00:00Z")))
        .await
        .unwrap();
    s.create_draft(&draft(3, iin(1), None, t("2026-11-25T05:00:00Z")))
        .await
        .unwrap();
    let mine: Vec<_> = s
        .applications_of(&iin(0))
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(mine, vec![app_id(2), app_id(1)]);
    assert!(s.applications_of(&iin(2)).await.unwrap().is_empty());
}

async fn a_removed_attachment_is_gone_and_bumps_the_version(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    s.create_draft(&draft(1, iin(0), None, at)).await.unwrap();
    s.create_draft(&draft(2, iin(1), None, at)).await.unwrap();
    let a1 = stored(
        1,
        DocumentType::PersonalHistory,
        None,
        "2026-11-23T05:01:00Z",
    );
    let a2 = stored(
        2,
        DocumentType::PersonalHistory,
        None,
        "2026-11-23T05:02:00Z",
    );
    let rec = audit("application.attach", at, Some(iin(0)), Some(app_id(1)));
    s.add_attachment(&a1, 1, &rec).await.unwrap();
    s.add_attachment(&a2, 2, &rec).await.unwrap();
    let later = t("2026-11-23T05:10:00Z");
    let gone = audit("application.detach", later, Some(iin(0)), Some(app_id(1)));
    let (first, second) = (&a1.attachment.id, &a2.attachment.id);
    assert!(matches!(
        s.remove_attachment(&app_id(1), first, 2, &gone).await,
        Err(StoreError::Conflict)
    ));
    assert!(
        matches!(
            s.remove_attachment(&app_id(2), first, 1, &gone).await,
            Err(StoreError::NotFound)
        ),
        "another application's attachment"
    );
    assert_eq!(s.application(&app_id(2)).await.unwrap().unwrap().version, 1);
    assert_eq!(audit_count(s).await, 4, "refused removals write nothing");
    let app = s
        .remove_attachment(&app_id(1), first, 3, &gone)
        .await
        .unwrap();
    assert_eq!((app.version, app.updated_at), (4, later));
    assert!(s.attachment(first).await.unwrap().is_none());
    assert_eq!(s.attachments(&app_id(1)).await.unwrap(), vec![a2.clone()]);
    assert!(matches!(
        s.remove_attachment(&app_id(1), first, 4, &gone).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(s.application(&app_id(1)).await.unwrap().unwrap().version, 4);
    assert!(matches!(
        s.remove_attachment(&app_id(9), second, 1, &gone).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(audit_count(s).await, 5);
    let trail = s
        .audit_trail(&AuditQuery {
            subject: None,
            application: Some(app_id(1)),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        trail
            .iter()
            .any(|r| r.action.code() == "application.detach")
    );
}
