//! Result documents: written in the decision's transaction (or not at all), read back byte for
//! byte, and never replaced once kept.

use jiff::civil::date;
use kandas_app::ports::store::StoredResult;
use kandas_app::ports::store::prelude::*;
use kandas_domain::application::result::ResultKind;
use kandas_domain::ids::ApplicationId;
use kandas_store::SqlStore;

use crate::harness::{draft, iin, office, t};
use crate::status::{certificate, decide, submit};

conformance!(
    result_documents_are_written_with_the_decision,
    a_kept_result_document_is_never_replaced,
);

fn document(app: &ApplicationId, kind: ResultKind, bytes: &[u8]) -> StoredResult {
    StoredResult {
        application: app.clone(),
        kind,
        file_name: format!("{}.pdf", kind.code()),
        bytes: bytes.to_vec(),
        sha256: format!("{:0>64}", bytes.len()),
        created_at: t("2026-12-01T06:00:00Z"),
    }
}

async fn registered(s: &SqlStore, n: u32) -> ApplicationId {
    let app = s
        .create_draft(&draft(
            n,
            iin(0),
            Some(office("astana")),
            t("2026-11-23T05:00:00Z"),
        ))
        .await
        .unwrap();
    let mut change = submit(&app.id, 1, date(2026, 12, 7));
    change.idempotency = None;
    s.change_status(&change).await.unwrap();
    app.id
}

async fn result_documents_are_written_with_the_decision(s: &SqlStore) {
    let id = registered(s, 1).await;
    let bytes = [b"%PDF-1.7\n".as_slice(), &[0, 255, 128, 10]].concat();
    let mut decision = decide(&id, 2, certificate(1, 0, date(2027, 12, 1)));
    decision.results = vec![
        document(&id, ResultKind::Certificate, &bytes),
        document(&id, ResultKind::MemberRefusal, b"%PDF-members"),
    ];
    // A stale decision writes none of its documents.
    let mut stale = decision.clone();
    stale.expected_version = 9;
    assert!(s.change_status(&stale).await.is_err());
    assert!(s.result_documents(&id).await.unwrap().is_empty());

    s.change_status(&decision).await.unwrap();
    let listed = s.result_documents(&id).await.unwrap();
    let kinds: Vec<ResultKind> = listed.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, [ResultKind::Certificate, ResultKind::MemberRefusal]);
    assert_eq!(listed[0].file_name, "certificate.pdf");
    assert_eq!(listed[0].sha256, decision.results[0].sha256);
    assert_eq!(listed[0].created_at, decision.results[0].created_at);
    let stored = s
        .result_document(&id, ResultKind::Certificate)
        .await
        .unwrap();
    assert_eq!(stored, Some(decision.results[0].clone()), "byte for byte");
    let none = s.result_document(&id, ResultKind::RefusalDecision).await;
    assert_eq!(none.unwrap(), None);
}

async fn a_kept_result_document_is_never_replaced(s: &SqlStore) {
    let id = registered(s, 2).await;
    let first = document(&id, ResultKind::RefusalDecision, b"%PDF-first");
    s.keep_result_documents(std::slice::from_ref(&first))
        .await
        .unwrap();
    // A second rendering (another node's first download at the same moment) changes nothing.
    let second = document(&id, ResultKind::RefusalDecision, b"%PDF-second-rendering");
    s.keep_result_documents(&[second]).await.unwrap();
    let kept = s.result_document(&id, ResultKind::RefusalDecision).await;
    assert_eq!(kept.unwrap(), Some(first));
    assert_eq!(s.result_documents(&id).await.unwrap().len(), 1);
}
