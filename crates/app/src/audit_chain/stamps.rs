//! The RFC 3161 timestamps of the hourly seals: each token must verify over its seal's COSE
//! bytes (the TSA's signature, its certificate's path to the trust anchors) and vouch for a time
//! near the seal's own, since the worker asks for it right after signing.

use jiff::SignedDuration;

use super::seal::AuditSeal;
use super::verify::{Fault, FaultKind};
use crate::ports::TimeStamps;
use crate::ports::timestamps::TimestampError;

/// How far a seal's timestamp may be from the time the seal says it was made.
pub const STAMP_TOLERANCE: SignedDuration = SignedDuration::from_mins(15);

/// What the seals' timestamps came to.
#[derive(Debug, Default)]
pub struct StampsChecked {
    /// Timestamps that verified near their seal's time.
    pub verified: u64,
    /// Timestamps nothing here could check (no trust anchors).
    pub unchecked: u64,
    /// The others, one fault each.
    pub faults: Vec<Fault>,
}

/// Checks the timestamp of every seal that carries one.
pub fn check_stamps(stamps: &dyn TimeStamps, seals: &[AuditSeal]) -> StampsChecked {
    let mut out = StampsChecked::default();
    for seal in seals {
        let Some(token) = &seal.timestamp else {
            continue;
        };
        let fault = |why: String| Fault {
            position: seal.position,
            seq: None,
            kind: FaultKind::TimestampInvalid(why),
        };
        match stamps.check(token, &seal.cose) {
            Ok(stamp) if stamp.gen_time.duration_since(seal.sealed_at).abs() <= STAMP_TOLERANCE => {
                out.verified += 1;
            }
            Ok(stamp) => out.faults.push(fault(format!(
                "the TSA vouches for {}, the seal says {}",
                stamp.gen_time, seal.sealed_at
            ))),
            Err(TimestampError::Unavailable(_)) => out.unchecked += 1,
            Err(TimestampError::Invalid(why)) => out.faults.push(fault(why)),
        }
    }
    out
}
