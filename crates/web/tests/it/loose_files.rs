//! Stored files no attachment holds are collected by the worker's sweep once an hour loose:
//! an upload cut short between storing the bytes and adding the row, and a removed attachment
//! whose delete failed; the files attachments hold are never taken.

use jiff::SignedDuration;
use kandas_app::housekeeping::collect_loose_files;
use kandas_app::ports::store::AuditRecord;
use kandas_domain::audit::AuditAction;
use kandas_domain::ids::ApplicationId;
use kandas_testkit::TestApp;

use crate::support::{PDF, attach_required, draft_with_form};

async fn loose_files_are_collected_and_held_ones_kept(app: &TestApp) {
    let (token, id, version) = draft_with_form(app, "900101300811").await;
    let version = attach_required(app, &token, &id, version).await;
    let service = app.service();
    let later = service.now() + SignedDuration::from_hours(48);
    let store = &service.store;
    assert!(
        store.loose_files(later, 100).await.unwrap().is_empty(),
        "the files attachments hold are not loose"
    );

    // An upload cut short: marked and stored, never added.
    store
        .mark_loose("att-cut-short", service.now())
        .await
        .unwrap();
    service.files.put("att-cut-short", PDF).await.unwrap();
    // A removal whose delete never came: the row goes, the bytes stay.
    let app_id = ApplicationId::parse(&id).unwrap();
    let attachments = store.attachments(&app_id).await.unwrap();
    let removed = &attachments[0];
    let audit = AuditRecord::system(service.now(), AuditAction::ApplicationDetach, "test");
    store
        .remove_attachment(&app_id, &removed.attachment.id, version, &audit)
        .await
        .unwrap();
    assert!(
        service
            .files
            .get(&removed.storage_key)
            .await
            .unwrap()
            .is_some()
    );

    assert_eq!(
        collect_loose_files(service).await.unwrap(),
        0,
        "not an hour yet"
    );
    app.clock.advance(SignedDuration::from_mins(61));
    assert_eq!(collect_loose_files(service).await.unwrap(), 2);
    assert_eq!(service.files.get("att-cut-short").await.unwrap(), None);
    assert_eq!(service.files.get(&removed.storage_key).await.unwrap(), None);
    for kept in &attachments[1..] {
        assert!(
            service
                .files
                .get(&kept.storage_key)
                .await
                .unwrap()
                .is_some(),
            "{}",
            kept.storage_key
        );
    }
    assert_eq!(collect_loose_files(service).await.unwrap(), 0, "each once");
}

crate::on_both_backends!(
    loose_files_are_collected_and_held_ones_kept,
    loose_files_on_sqlite,
    loose_files_on_postgres
);
