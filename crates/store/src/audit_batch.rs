//! Group commit of the audit rows that requests write on their own (the reads of people's data:
//! a case read, a queue, a download). Each such request used to commit its rows in a transaction
//! of its own, one fsync (SQLite) or one WAL flush (PostgreSQL) each, all serialized on the
//! chain's head row. Now the rows of requests that arrive together are chained and committed in
//! one transaction by one writer task, and each request is answered only after that commit: every
//! row is still durable before its response, and a burst pays for one commit instead of one each.
//!
//! A batch that fails is written again request by request, so that one request's bad row fails
//! that request alone. When the writer is not running (its runtime ended), a request writes its
//! rows itself, as before.

use std::sync::{Arc, Mutex};

use kandas_app::ports::store::{AuditRecord, StoreError};
use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};

use crate::audit::insert_audit;
use crate::error::db;

/// Requests' rows committed together at most.
const BATCH: usize = 256;
/// Requests waiting for the writer before a new one waits to be queued.
const QUEUE: usize = 1024;

struct Pending {
    records: Vec<AuditRecord>,
    done: oneshot::Sender<Result<(), StoreError>>,
}

/// The queue to the writer task, started at the first audited read.
#[derive(Default)]
pub(crate) struct AuditBatcher {
    queue: Mutex<Option<mpsc::Sender<Pending>>>,
}

impl std::fmt::Debug for AuditBatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditBatcher")
    }
}

async fn write(
    pool: &AnyPool,
    begin: &'static str,
    records: &[&AuditRecord],
) -> Result<(), StoreError> {
    let mut tx = pool.begin_with(begin).await.map_err(db)?;
    for r in records {
        insert_audit(&mut tx, r).await?;
    }
    tx.commit().await.map_err(db)
}

async fn writer(pool: AnyPool, begin: &'static str, mut queue: mpsc::Receiver<Pending>) {
    let mut batch = Vec::with_capacity(BATCH);
    while queue.recv_many(&mut batch, BATCH).await > 0 {
        let all: Vec<&AuditRecord> = batch.iter().flat_map(|p| &p.records).collect();
        match write(&pool, begin, &all).await {
            Ok(()) => {
                for p in batch.drain(..) {
                    let _ = p.done.send(Ok(()));
                }
            }
            Err(_) if batch.len() > 1 => {
                for p in batch.drain(..) {
                    let one: Vec<&AuditRecord> = p.records.iter().collect();
                    let _ = p.done.send(write(&pool, begin, &one).await);
                }
            }
            Err(e) => {
                if let Some(p) = batch.pop() {
                    let _ = p.done.send(Err(e));
                }
            }
        }
    }
}

impl AuditBatcher {
    /// The writer's queue, starting the writer on this runtime when none runs.
    fn sender(&self, pool: &AnyPool, begin: &'static str) -> Option<mpsc::Sender<Pending>> {
        let mut queue = self.queue.lock().ok()?;
        if let Some(q) = queue.as_ref().filter(|q| !q.is_closed()) {
            return Some(q.clone());
        }
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        let (tx, rx) = mpsc::channel(QUEUE);
        runtime.spawn(writer(pool.clone(), begin, rx));
        *queue = Some(tx.clone());
        Some(tx)
    }

    /// Commits `records` with those of the requests beside it; answers once they are durable.
    pub(crate) async fn audit(
        self: &Arc<Self>,
        pool: &AnyPool,
        begin: &'static str,
        records: Vec<AuditRecord>,
    ) -> Result<(), StoreError> {
        if records.is_empty() {
            return Ok(());
        }
        if let Some(queue) = self.sender(pool, begin) {
            let (done, answer) = oneshot::channel();
            match queue.send(Pending { records, done }).await {
                Ok(()) => {
                    return answer.await.unwrap_or_else(|_| {
                        Err(StoreError::Unavailable("the audit writer stopped".into()))
                    });
                }
                Err(mpsc::error::SendError(p)) => {
                    let one: Vec<&AuditRecord> = p.records.iter().collect();
                    return write(pool, begin, &one).await;
                }
            }
        }
        let one: Vec<&AuditRecord> = records.iter().collect();
        write(pool, begin, &one).await
    }
}
