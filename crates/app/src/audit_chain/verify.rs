//! Verifying a run of the chain: rows in position order are pushed one by one (a trail of
//! millions of rows is never held in memory), each checked against its own hash, the previous
//! row's hash, the expected position and the database's insertion order; seals are checked
//! against the rows at their positions. Every fault names the row by its chain position and
//! its `seq` (the table's own row number).
//!
//! What each tampering looks like:
//! - an **edited** row: its recomputed hash differs from the stored one (or, when the attacker
//!   also rewrote its hash, the next row's `prev_hash` no longer matches);
//! - a **deleted** row: its position is missing between its neighbours;
//! - an **inserted** row: a row outside the chain (no position) written after the chain began,
//!   or a position that appears again;
//! - **reordered** rows: positions out of the order in which the database inserted the rows, or
//!   contents swapped (both rows' hashes fail);
//! - rows rewritten wholesale up to the end: the hourly seals' signed hashes no longer match.

use std::collections::BTreeMap;

use kandas_seal::{KeySet, verify_audit_head};

use super::entry::{ChainEntry, GENESIS, Hash, hash_hex, parse_hash};
use super::seal::AuditSeal;

/// The most faults kept; the rest are counted.
const MAX_FAULTS: usize = 1000;

/// One audit row as stored, with its chain columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainRow {
    /// The table's row number.
    pub seq: i64,
    /// The chain position (absent: not in the chain).
    pub position: Option<i64>,
    /// The stored previous hash, hex.
    pub prev_hash: Option<String>,
    /// The stored hash, hex.
    pub hash: Option<String>,
    /// The row's stored texts; `position` and `prev_hash` of the entry are ignored.
    pub fields: ChainEntry,
}

impl ChainRow {
    /// The row of a bundle: its canonical bytes and its claimed hash.
    pub fn from_entry(seq: i64, entry: ChainEntry, hash: String) -> ChainRow {
        ChainRow {
            seq,
            position: i64::try_from(entry.position).ok(),
            prev_hash: Some(hash_hex(&entry.prev_hash)),
            hash: Some(hash),
            fields: entry,
        }
    }
}

/// Where a verification starts: the position and hash of the row before the first one
/// checked, trusted because a verified seal signed it (or the chain's start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The last position before the rows checked (0: the chain's start).
    pub position: u64,
    /// Its hash ([`GENESIS`] at the start).
    pub hash: Hash,
}

impl Anchor {
    /// The chain's start.
    pub const GENESIS: Anchor = Anchor {
        position: 0,
        hash: GENESIS,
    };
}

/// A seal whose signature verified: the position and hash it vouches for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedSeal {
    /// The position sealed.
    pub position: u64,
    /// The hash signed.
    pub hash: Hash,
    /// When.
    pub sealed_at: jiff::Timestamp,
    /// By which key.
    pub kid: String,
}

/// Checks a seal's signature and that its stored columns say what it signed; the fault
/// otherwise.
pub fn check_seal(keys: &KeySet, seal: &AuditSeal) -> Result<CheckedSeal, Fault> {
    let fault = |why: String| Fault {
        position: seal.position,
        seq: None,
        kind: FaultKind::SealInvalid(why),
    };
    let verified = verify_audit_head(keys, &seal.cose).map_err(|e| fault(e.to_string()))?;
    let head = verified.head;
    if head.position != seal.position || hash_hex(&head.hash) != seal.hash {
        return Err(fault(
            "the stored position or hash is not what was signed".into(),
        ));
    }
    if verified.kid != seal.kid {
        return Err(fault("the stored key id is not the signing key's".into()));
    }
    Ok(CheckedSeal {
        position: head.position,
        hash: head.hash,
        sealed_at: head.sealed_at,
        kid: verified.kid,
    })
}

/// The outcome of a verification.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifyReport {
    /// The position before the first row checked (its hash was trusted).
    pub anchor: u64,
    /// Rows checked.
    pub rows: u64,
    /// The last position checked.
    pub last: u64,
    /// Rows written before the chain began (not covered).
    pub before_chain: u64,
    /// The highest position a verified seal covers, among those checked.
    pub sealed_through: Option<u64>,
    /// Rows after the last seal checked (or all, when none covers them): only as good as the
    /// chain they continue until the next seal.
    pub unsealed: u64,
    /// Seals checked.
    pub seals: u64,
    /// Seals whose RFC 3161 timestamp verified.
    pub timestamped: u64,
    /// Seals whose timestamp nothing here could check (no trust anchors).
    pub stamps_unchecked: u64,
    /// The faults, in order (at most 1000).
    pub faults: Vec<Fault>,
    /// Faults beyond those kept.
    pub more_faults: u64,
}

impl VerifyReport {
    /// Whether nothing is wrong.
    pub fn ok(&self) -> bool {
        self.faults.is_empty() && self.more_faults == 0
    }

    /// The report as printed: one line per fault, then a summary.
    pub fn lines(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for fault in &self.faults {
            let _ = writeln!(out, "FAULT {fault}");
        }
        if self.more_faults > 0 {
            let _ = writeln!(out, "FAULT … and {} more", self.more_faults);
        }
        let sealed = match self.sealed_through {
            Some(p) => format!("sealed through position {p}"),
            None => "no seal covers them yet".to_owned(),
        };
        let unsealed = if self.unsealed > 0 {
            format!(
                "; {} row(s) after the last seal are not yet covered by a signature",
                self.unsealed
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}: {} row(s) checked, positions {} to {}, anchored at position {}; {} seal(s) \
             checked ({} timestamped{}), {sealed}{unsealed}{}",
            if self.ok() {
                "verified"
            } else {
                "NOT VERIFIED"
            },
            self.rows,
            self.anchor + 1,
            self.last,
            self.anchor,
            self.seals,
            self.timestamped,
            if self.stamps_unchecked > 0 {
                format!(
                    "; {} timestamp(s) not checked: no trust anchors",
                    self.stamps_unchecked
                )
            } else {
                String::new()
            },
            if self.before_chain > 0 {
                format!(
                    "; {} row(s) written before the chain began are not covered",
                    self.before_chain
                )
            } else {
                String::new()
            }
        );
        out
    }
}

/// Verifies pushed rows from an anchor on.
#[derive(Debug)]
pub struct Verifier {
    report: VerifyReport,
    /// The next position expected.
    next: u64,
    /// The stored hash of the last row, and its seq.
    last_hash: Option<Hash>,
    last_seq: Option<i64>,
    /// Verified seals not yet matched with their row, by position.
    seals: BTreeMap<u64, Vec<CheckedSeal>>,
}

impl Verifier {
    /// A verification starting right after `anchor`, checking `seals` (already verified) at
    /// their rows.
    pub fn new(anchor: Anchor, seals: Vec<CheckedSeal>) -> Verifier {
        let mut by_position: BTreeMap<u64, Vec<CheckedSeal>> = BTreeMap::new();
        let count = seals.len() as u64;
        for seal in seals.into_iter().filter(|s| s.position > anchor.position) {
            by_position.entry(seal.position).or_default().push(seal);
        }
        Verifier {
            report: VerifyReport {
                anchor: anchor.position,
                last: anchor.position,
                seals: count,
                ..VerifyReport::default()
            },
            next: anchor.position + 1,
            last_hash: Some(anchor.hash),
            last_seq: None,
            seals: by_position,
        }
    }

    /// Records a fault found outside the rows (a seal that did not verify).
    pub fn fault(&mut self, fault: Fault) {
        if self.report.faults.len() < MAX_FAULTS {
            self.report.faults.push(fault);
        } else {
            self.report.more_faults += 1;
        }
    }

    /// Records what the seals' timestamps came to, their faults among the others.
    pub fn stamps(&mut self, checked: super::stamps::StampsChecked) {
        self.report.timestamped = checked.verified;
        self.report.stamps_unchecked = checked.unchecked;
        checked.faults.into_iter().for_each(|f| self.fault(f));
    }

    /// Counts a row written before the chain began.
    pub fn before_chain(&mut self) {
        self.report.before_chain += 1;
    }

    /// A row outside the chain written after it began.
    pub fn unchained(&mut self, seq: i64) {
        self.fault(Fault {
            position: 0,
            seq: Some(seq),
            kind: FaultKind::Unchained,
        });
    }

    /// Checks the next row in position order.
    pub fn push(&mut self, row: &ChainRow) {
        self.report.rows += 1;
        let at = |kind| Fault {
            position: row
                .position
                .and_then(|p| u64::try_from(p).ok())
                .unwrap_or(0),
            seq: Some(row.seq),
            kind,
        };
        let (Some(position), Some(prev), Some(stored)) = (
            row.position.and_then(|p| u64::try_from(p).ok()),
            row.prev_hash.as_deref().and_then(parse_hash),
            row.hash.as_deref().and_then(parse_hash),
        ) else {
            self.fault(at(FaultKind::Malformed));
            self.last_hash = None;
            return;
        };
        if position < self.next {
            self.fault(at(FaultKind::Repeated));
            return;
        }
        if position > self.next {
            self.fault(Fault {
                position: self.next,
                seq: None,
                kind: FaultKind::Missing {
                    until: position - 1,
                },
            });
        } else if self.last_hash.is_some_and(|h| h != prev) {
            self.fault(at(FaultKind::BrokenLink));
        }
        if self.last_seq.is_some_and(|s| s >= row.seq) {
            self.fault(at(FaultKind::OutOfOrder));
        }
        let entry = ChainEntry {
            position,
            prev_hash: prev,
            ..row.fields.clone()
        };
        if entry.hash() != stored {
            self.fault(at(FaultKind::Edited));
        }
        for seal in self.seals.remove(&position).unwrap_or_default() {
            if seal.hash == stored {
                let through = self.report.sealed_through.get_or_insert(position);
                *through = (*through).max(position);
            } else {
                self.fault(at(FaultKind::SealMismatch));
            }
        }
        self.next = position + 1;
        self.last_hash = Some(stored);
        self.last_seq = Some(row.seq);
        self.report.last = position;
    }

    /// Ends the run: seals past the last row, and the recorded head when there is one (the
    /// database's; a bundle has none).
    pub fn finish(mut self, head: Option<u64>) -> VerifyReport {
        let left: Vec<u64> = self.seals.keys().copied().collect();
        for position in left {
            self.fault(Fault {
                position,
                seq: None,
                kind: FaultKind::SealWithoutRow,
            });
        }
        if let Some(head) = head
            && head > self.report.last
        {
            let position = self.report.last + 1;
            self.fault(Fault {
                position,
                seq: None,
                kind: FaultKind::Truncated { head },
            });
        }
        if let Some(head) = head
            && head < self.report.last
        {
            let position = self.report.last;
            self.fault(Fault {
                position,
                seq: None,
                kind: FaultKind::PastHead { head },
            });
        }
        let covered = self.report.sealed_through.unwrap_or(self.report.anchor);
        self.report.unsealed = self.report.last.saturating_sub(covered);
        self.report
    }
}

mod fault;
#[cfg(test)]
mod tests;

pub use fault::{Fault, FaultKind};
