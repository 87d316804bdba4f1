//! What a verification finds wrong, and how each fault is printed: by its position and `seq`.

/// What is wrong, at one row or seal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// The row's content does not give its stored hash: edited.
    Edited,
    /// The row's chain columns are missing or not hex.
    Malformed,
    /// The row's previous hash is not the stored hash of the row before it.
    BrokenLink,
    /// Positions from `position` to `until` are missing: deleted.
    Missing {
        /// The last missing position.
        until: u64,
    },
    /// The position came already, or comes after a higher one: inserted or reordered.
    Repeated,
    /// The database inserted this row before the row at the previous position: reordered.
    OutOfOrder,
    /// A row outside the chain, written after the chain began: inserted.
    Unchained,
    /// A seal's signature, key or payload is wrong.
    SealInvalid(String),
    /// A seal names a hash other than its row's.
    SealMismatch,
    /// A seal's RFC 3161 timestamp does not verify over it, or vouches for another time.
    TimestampInvalid(String),
    /// A seal names a position with no row.
    SealWithoutRow,
    /// The chain's recorded head is past the last row: rows were removed from the end.
    Truncated {
        /// The head's position.
        head: u64,
    },
    /// Rows past the chain's recorded head: appended without taking the head (inserted).
    PastHead {
        /// The head's position.
        head: u64,
    },
}

/// One fault: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The chain position concerned (for a seal: the position it seals).
    pub position: u64,
    /// The row's `seq`, when a row is concerned.
    pub seq: Option<i64>,
    /// What.
    pub kind: FaultKind,
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = match self.seq {
            Some(seq) => format!("position {} (seq {seq})", self.position),
            None => format!("position {}", self.position),
        };
        match &self.kind {
            FaultKind::Edited => write!(f, "{at}: the row does not match its hash (edited)"),
            FaultKind::Malformed => write!(f, "{at}: the row's chain columns are damaged"),
            FaultKind::BrokenLink => write!(
                f,
                "{at}: its previous hash is not the hash of the row before it (that row was \
                 rewritten, or a row was removed or put in between)"
            ),
            FaultKind::Missing { until } if *until == self.position => {
                write!(
                    f,
                    "position {}: the row is missing (deleted)",
                    self.position
                )
            }
            FaultKind::Missing { until } => write!(
                f,
                "positions {} to {until}: the rows are missing (deleted)",
                self.position
            ),
            FaultKind::Repeated => write!(
                f,
                "{at}: this position came already or out of order (inserted or reordered)"
            ),
            FaultKind::OutOfOrder => write!(
                f,
                "{at}: the database holds this row before the previous position's (reordered)"
            ),
            FaultKind::Unchained => write!(
                f,
                "seq {}: a row outside the chain, written after it began (inserted)",
                self.seq.unwrap_or_default()
            ),
            FaultKind::SealInvalid(why) => write!(f, "the seal of {at}: {why}"),
            FaultKind::TimestampInvalid(why) => {
                write!(f, "the timestamp of the seal of {at}: {why}")
            }
            FaultKind::SealMismatch => write!(
                f,
                "the seal of {at}: the signed hash is not the row's hash (rows up to it were \
                 rewritten)"
            ),
            FaultKind::SealWithoutRow => {
                write!(f, "the seal of {at}: there is no row at that position")
            }
            FaultKind::Truncated { head } => write!(
                f,
                "positions {} to {head}: the chain's head is at {head} but the rows end before \
                 (removed from the end)",
                self.position
            ),
            FaultKind::PastHead { head } => write!(
                f,
                "positions {} to {}: rows past the chain's head at {head} (inserted)",
                head + 1,
                self.position
            ),
        }
    }
}
