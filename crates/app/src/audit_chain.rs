//! The audit trail as evidence: every audit row is a link of one hash chain, the chain's head is
//! sealed every hour, and anyone holding the rows, the seals and the published keys can check
//! that nothing was edited, deleted, inserted or reordered.
//!
//! **One chain, not one per shard.** The service writes to one database; one chain gives every
//! row one position, a reader verifies one sequence, and a seal covers everything before it. The
//! price is that audited transactions take turns at the chain's head (a one-row table locked
//! until the transaction ends), which at the service's write rate (tens of audited writes a
//! second at most) costs microseconds; if it ever stops being so, the head can be split by
//! office and each chain sealed the same way, with the encoding unchanged.
//!
//! Pure: the store hands in the rows' stored texts, the seal port signs, and this module only
//! encodes, hashes and judges.
//!
//! - [`entry`]: the canonical encoding of a row (version 1) and its hash;
//! - [`seal`]: what an hourly seal signs;
//! - [`stamps`]: the check of the seals' RFC 3161 timestamps;
//! - [`verify`]: the verification of a run of rows and seals, with each fault's position;
//! - [`bundle`]: the export that verifies offline.

pub mod bundle;
pub mod entry;
pub mod seal;
pub mod stamps;
pub mod verify;

pub use entry::{ChainEntry, GENESIS, Hash, hash_hex, parse_hash};
pub use seal::{AuditSeal, SealPayload};
pub use verify::{Anchor, ChainRow, Fault, FaultKind, Verifier, VerifyReport};
