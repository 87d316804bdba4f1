//! The export bundle: a run of the chain that verifies on another machine with no database.
//!
//! One JSON object, version 1:
//!
//! ```text
//! {"format":"kandas-audit-bundle","v":1,
//!  "from":"YYYY-MM-DD","to":"YYYY-MM-DD",          the days asked for
//!  "anchor":{"position":N,"hash":"<hex>"},           the row before the first one included:
//!                                                    the chain's start (0, zeros) or a seal's
//!  "rows":[{"seq":S,"hash":"<hex>","entry":"<base64>"}],  in position order; `entry` is the
//!                                                    row's canonical encoding (`entry`), which
//!                                                    holds its position and previous hash
//!  "seals":[{"position":N,"hash":"<hex>","sealed_at":"<RFC 3339>","kid":"…",
//!            "cose":"<base64>"}],                    every seal from the anchor's to the first
//!                                                    one at or after the last row
//!  "keys":{…}}                                       the seal's published key set (JWKS)
//! ```
//!
//! The rows run from the last seal before the first day (its signed hash is the anchor: no
//! previous hash is ever taken on trust) to the first seal after the last day, so every row is
//! covered by a signature when the chain has been sealed since. The keys travel along for
//! convenience; an auditor pins the authority's published keys (`--keys`) instead.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jiff::civil::Date;
use kandas_seal::KeySet;
use serde::{Deserialize, Serialize};

use super::entry::{ChainEntry, hash_hex, parse_hash};
use super::seal::AuditSeal;
use super::verify::{Anchor, ChainRow, Fault, FaultKind, Verifier, VerifyReport, check_seal};
use crate::ports::TimeStamps;

const FORMAT: &str = "kandas-audit-bundle";

/// The bundle as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    format: String,
    v: u32,
    /// The first day asked for.
    pub from: Date,
    /// The last day asked for.
    pub to: Date,
    anchor: BundleAnchor,
    rows: Vec<BundleRow>,
    seals: Vec<BundleSeal>,
    keys: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BundleAnchor {
    position: u64,
    hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BundleRow {
    seq: i64,
    hash: String,
    entry: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BundleSeal {
    position: u64,
    hash: String,
    sealed_at: jiff::Timestamp,
    kid: String,
    cose: String,
    /// The seal's RFC 3161 token, DER in base64 (absent when it has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    timestamp: Option<String>,
}

/// Why a bundle cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// Not a version-1 bundle.
    #[error("not a kandas audit bundle: {0}")]
    Malformed(String),
    /// The key set inside does not parse.
    #[error("the bundle's key set: {0}")]
    Keys(#[from] kandas_seal::KeySetError),
}

impl Bundle {
    /// A bundle of `rows` (each with its stored hash, in position order) from `anchor` on.
    pub fn new(
        (from, to): (Date, Date),
        anchor: Anchor,
        rows: &[(i64, ChainEntry, String)],
        seals: &[AuditSeal],
        keys: &KeySet,
    ) -> Result<Bundle, BundleError> {
        let keys = serde_json::from_str(&keys.to_json())
            .map_err(|e| BundleError::Malformed(e.to_string()))?;
        Ok(Bundle {
            format: FORMAT.to_owned(),
            v: 1,
            from,
            to,
            anchor: BundleAnchor {
                position: anchor.position,
                hash: hash_hex(&anchor.hash),
            },
            rows: rows
                .iter()
                .map(|(seq, entry, hash)| BundleRow {
                    seq: *seq,
                    hash: hash.clone(),
                    entry: STANDARD.encode(entry.encode()),
                })
                .collect(),
            seals: seals
                .iter()
                .map(|s| BundleSeal {
                    position: s.position,
                    hash: s.hash.clone(),
                    sealed_at: s.sealed_at,
                    kid: s.kid.clone(),
                    cose: STANDARD.encode(&s.cose),
                    timestamp: s.timestamp.as_ref().map(|t| STANDARD.encode(t)),
                })
                .collect(),
            keys,
        })
    }

    /// The bundle's bytes.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a bundle.
    pub fn parse(bytes: &[u8]) -> Result<Bundle, BundleError> {
        let bundle: Bundle =
            serde_json::from_slice(bytes).map_err(|e| BundleError::Malformed(e.to_string()))?;
        if bundle.format != FORMAT || bundle.v != 1 {
            return Err(BundleError::Malformed(
                "the format is not kandas-audit-bundle version 1".into(),
            ));
        }
        Ok(bundle)
    }

    /// The key set the bundle carries.
    pub fn keys(&self) -> Result<KeySet, BundleError> {
        Ok(KeySet::from_json(&self.keys.to_string())?)
    }

    /// Verifies the bundle against `keys` (the authority's published keys, or the bundle's
    /// own): the seals' signatures and their timestamps (with `stamps`), the anchor (the chain's
    /// start or a verified seal), and the rows from it. The bundle has no chain head, so rows
    /// after its last seal are only as good as the chain they continue.
    pub fn verify(&self, keys: &KeySet, stamps: &dyn TimeStamps) -> VerifyReport {
        let mut faults = Vec::new();
        let mut checked = Vec::new();
        let mut seals = Vec::with_capacity(self.seals.len());
        for seal in &self.seals {
            let stored = AuditSeal {
                position: seal.position,
                hash: seal.hash.clone(),
                sealed_at: seal.sealed_at,
                kid: seal.kid.clone(),
                cose: STANDARD.decode(&seal.cose).unwrap_or_default(),
                timestamp: seal
                    .timestamp
                    .as_ref()
                    .map(|t| STANDARD.decode(t).unwrap_or_default()),
            };
            match check_seal(keys, &stored) {
                Ok(c) => checked.push(c),
                Err(f) => faults.push(f),
            }
            seals.push(stored);
        }
        let anchor_fault = |why: &str| Fault {
            position: self.anchor.position,
            seq: None,
            kind: FaultKind::SealInvalid(format!("the bundle's anchor {why}")),
        };
        let anchor_hash = parse_hash(&self.anchor.hash);
        let anchored = match (self.anchor.position, anchor_hash) {
            (0, Some(h)) if h == super::GENESIS => true,
            (p, Some(h)) => checked.iter().any(|s| s.position == p && s.hash == h),
            _ => false,
        };
        if !anchored {
            faults.push(anchor_fault(
                "is neither the chain's start nor a verified seal",
            ));
        }
        let anchor = Anchor {
            position: self.anchor.position,
            hash: anchor_hash.unwrap_or(super::GENESIS),
        };
        let mut verifier = Verifier::new(anchor, checked);
        for fault in faults {
            verifier.fault(fault);
        }
        verifier.stamps(super::stamps::check_stamps(stamps, &seals));
        for row in &self.rows {
            match STANDARD
                .decode(&row.entry)
                .ok()
                .and_then(|b| ChainEntry::decode(&b).ok())
            {
                Some(entry) => {
                    verifier.push(&ChainRow::from_entry(row.seq, entry, row.hash.clone()))
                }
                None => verifier.fault(Fault {
                    position: 0,
                    seq: Some(row.seq),
                    kind: FaultKind::Malformed,
                }),
            }
        }
        verifier.finish(None)
    }
}
