//! The tamper-evident trail's use cases, run by the worker and the command line (no actor: they
//! are the operator's, like the retention run): the hourly seal of the chain's head, the
//! verification of the chain in the database, and the export of a bundle that verifies offline.
//!
//! **Where a verification starts.** `--from DAY` does not trust the stored previous hash of
//! that day's first row: it starts at the last seal before that row, whose signed hash is the
//! anchor, and checks every row from there (at most an hour's rows before the day); with no
//! seal before it, it starts at the chain's beginning. So no hash is ever taken on trust, and a
//! row rewritten just before the day is caught as well. Days are Asia/Almaty days.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use kandas_domain::audit::AuditAction;
use kandas_seal::KeySet;

use crate::actor::Actor;
use crate::audit_chain::bundle::Bundle;
use crate::audit_chain::stamps::check_stamps;
use crate::audit_chain::verify::{CheckedSeal, check_seal};
use crate::audit_chain::{
    Anchor, AuditSeal, ChainEntry, GENESIS, SealPayload, Verifier, VerifyReport, parse_hash,
};
use crate::auditor::query::{end_of, start_of};
use crate::error::AppError;
use crate::ports::store::AuditRecord;
use crate::service::Service;

/// How often the worker seals the chain's head.
pub const SEAL_EVERY: SignedDuration = SignedDuration::from_hours(1);

/// Rows read from the database at a time.
const PAGE: i64 = 2000;

/// Seals the chain's head now.
pub async fn seal_now(service: &Service) -> Result<AuditSeal, AppError> {
    let head = service.store.chain_head().await?;
    let hash = parse_hash(&head.hash).ok_or_else(|| {
        AppError::internal(format!("the chain's head hash {:?} is not hex", head.hash))
    })?;
    let payload = SealPayload {
        position: head.position,
        hash,
        sealed_at: service.now(),
    };
    let cose = service
        .seal
        .sign_audit_head(&payload)
        .map_err(|e| AppError::internal_in("sealing the audit chain's head failed", e))?;
    let kid = service.seal.kid_at(payload.sealed_at).unwrap_or_default();
    // The TSA's token over the seal, when one is configured; a TSA that does not answer costs
    // the seal its timestamp, never the seal itself (the next hour's has one again).
    let timestamp = match service.timestamps.stamp(&cose).await {
        Ok(token) => token,
        Err(e) => {
            tracing::warn!(error = %e, position = head.position, "the audit seal is not timestamped");
            None
        }
    };
    let seal = AuditSeal {
        position: head.position,
        hash: head.hash,
        sealed_at: Timestamp::from_second(payload.sealed_at.as_second())
            .unwrap_or(payload.sealed_at),
        kid,
        cose,
        timestamp,
    };
    service.store.add_seal(&seal).await?;
    Ok(seal)
}

/// The worker's hourly seal: seals when the last seal is an hour old or there is none;
/// answers the new seal.
pub async fn seal_if_due(service: &Service) -> Result<Option<AuditSeal>, AppError> {
    let seals = service.store.seals().await?;
    let last = seals.iter().map(|s| s.sealed_at).max();
    let due = last.is_none_or(|at| service.now().duration_since(at) >= SEAL_EVERY);
    if due {
        Ok(Some(seal_now(service).await?))
    } else {
        Ok(None)
    }
}

/// The seals whose signatures verify against `keys`, and a fault for each other one.
fn checked_seals(
    keys: &KeySet,
    seals: &[AuditSeal],
) -> (Vec<CheckedSeal>, Vec<crate::audit_chain::Fault>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for seal in seals {
        match check_seal(keys, seal) {
            Ok(c) => ok.push(c),
            Err(f) => bad.push(f),
        }
    }
    (ok, bad)
}

/// The anchor for rows from `first` on: the last verified seal before it, or the chain's start.
fn anchor_before(first: u64, seals: &[CheckedSeal]) -> Anchor {
    seals
        .iter()
        .filter(|s| s.position < first)
        .max_by_key(|s| (s.position, s.sealed_at))
        .map_or(Anchor::GENESIS, |s| Anchor {
            position: s.position,
            hash: s.hash,
        })
}

/// Recomputes the chain in the database (from the day `from`, or all of it) and checks every
/// seal against `keys`.
pub async fn verify(
    service: &Service,
    from: Option<Date>,
    keys: &KeySet,
) -> Result<VerifyReport, AppError> {
    let store = &service.store;
    let head = store.chain_head().await?;
    let seals = store.seals().await?;
    let (checked, bad) = checked_seals(keys, &seals);
    let anchor = match from {
        None => Anchor::GENESIS,
        Some(day) => match store.first_position_since(start_of(day)?).await? {
            Some(first) => anchor_before(first, &checked),
            None => Anchor {
                position: head.position,
                hash: parse_hash(&head.hash).unwrap_or(GENESIS),
            },
        },
    };
    let mut verifier = Verifier::new(anchor, checked);
    bad.into_iter().for_each(|f| verifier.fault(f));
    verifier.stamps(check_stamps(&*service.timestamps, &seals));
    if anchor == Anchor::GENESIS {
        for seq in store.unchained_rows().await? {
            if seq <= head.started_after_seq {
                verifier.before_chain();
            } else {
                verifier.unchained(seq);
            }
        }
    }
    let mut after = anchor.position;
    loop {
        let rows = store.chain_rows(after, PAGE).await?;
        for row in &rows {
            verifier.push(row);
        }
        match rows.last().and_then(|r| r.position) {
            Some(p) if rows.len() as i64 == PAGE => after = u64::try_from(p).unwrap_or(after),
            _ => break,
        }
    }
    Ok(verifier.finish(Some(head.position)))
}

/// Who exports a bundle: the operator on the command line (named by the system user) or an
/// auditor signed in.
#[derive(Debug, Clone, Copy)]
pub enum ExportedBy<'a> {
    /// `kandas audit export`, run by this user of the machine.
    Command(&'a str),
    /// An auditor, through the API or the pages.
    Auditor(&'a Actor),
}

/// The bundle of the days `from` to `to`: the rows from the last seal before the first day to
/// the first seal at or after the last day's last row (all rows to the head when none is yet),
/// the seals in between and the published keys. The export is audited as made by `by`.
pub async fn export(
    service: &Service,
    from: Date,
    to: Date,
    by: ExportedBy<'_>,
) -> Result<Bundle, AppError> {
    let store = &service.store;
    let keys = service.seal.keys();
    let seals = store.seals().await?;
    let (checked, _) = checked_seals(&keys, &seals);
    let head = store.chain_head().await?;
    let first = store
        .first_position_since(start_of(from)?)
        .await?
        .unwrap_or(head.position + 1);
    let last = store.last_position_before(end_of(to)?).await?.unwrap_or(0);
    let anchor = anchor_before(first, &checked);
    let end = checked
        .iter()
        .filter(|s| s.position >= last)
        .map(|s| s.position)
        .min()
        .unwrap_or(head.position);
    let mut rows = Vec::new();
    let mut after = anchor.position;
    while after < end {
        let page = store.chain_rows(after, PAGE).await?;
        let Some(tail) = page.last().and_then(|r| r.position) else {
            break;
        };
        for row in page {
            let position = row
                .position
                .and_then(|p| u64::try_from(p).ok())
                .unwrap_or(0);
            if position > end {
                break;
            }
            let prev = row
                .prev_hash
                .as_deref()
                .and_then(parse_hash)
                .unwrap_or(GENESIS);
            let entry = ChainEntry {
                position,
                prev_hash: prev,
                ..row.fields
            };
            rows.push((row.seq, entry, row.hash.unwrap_or_default()));
        }
        after = u64::try_from(tail).unwrap_or(end);
    }
    let included: Vec<AuditSeal> = seals
        .into_iter()
        .filter(|s| s.position >= anchor.position && s.position <= end)
        .collect();
    let bundle = Bundle::new((from, to), anchor, &rows, &included, &keys)
        .map_err(|e| AppError::internal_in("writing the audit bundle", e))?;
    let first = rows.first().map(|(_, e, _)| e.position);
    let last = rows.last().map(|(_, e, _)| e.position);
    let details = serde_json::json!({
        "format": "bundle", "from": from.to_string(), "to": to.to_string(),
        "first": first, "last": last, "rows": rows.len(),
    });
    let record = match by {
        ExportedBy::Auditor(actor) => AuditRecord {
            details,
            ..service.audit_by(actor, AuditAction::AuditExport)
        },
        ExportedBy::Command(run_by) => {
            let mut details = details;
            details["run_by"] = serde_json::json!(run_by);
            let run = format!("audit-export-{}", uuid::Uuid::new_v4().simple());
            AuditRecord {
                details,
                ..AuditRecord::system(service.now(), AuditAction::AuditExport, run)
            }
        }
    };
    store.audit(&record).await?;
    Ok(bundle)
}
