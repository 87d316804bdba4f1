//! The audit rows of a batch of copies as links of the chain: their texts filled in with each
//! copy's values and hashed in order (`kandas_app::audit_chain::entry`), so that the rows go in
//! with their positions and hashes as `insert_audit` would have written them one by one.

use kandas_app::audit_chain::{ChainEntry, Hash};

use super::template::Value;
use super::tokens::{Segment, Token, Values, segments};

/// A piece of a field of an audit template row.
#[derive(Debug, Clone)]
enum Piece {
    Literal(String),
    Token(Token),
}

/// The nine hashed fields of one audit template row, cut into pieces (`None`: NULL).
#[derive(Debug, Clone)]
pub(crate) struct AuditRow(Vec<Option<Vec<Piece>>>);

impl AuditRow {
    /// Compiles a template row of the audit table (its nine columns in [`super::tables`] order).
    pub(crate) fn new(values: &[Value]) -> AuditRow {
        AuditRow(
            values
                .iter()
                .map(|v| match v {
                    Value::Text(s) => Some(
                        segments(s)
                            .into_iter()
                            .map(|p| match p {
                                Segment::Literal(l) => Piece::Literal(l.to_owned()),
                                Segment::Token(t) => Piece::Token(t),
                            })
                            .collect(),
                    ),
                    _ => None,
                })
                .collect(),
        )
    }

    fn field(&self, i: usize, values: &Values<'_>) -> Option<String> {
        let pieces = self.0.get(i)?.as_ref()?;
        let mut out = String::new();
        for p in pieces {
            match p {
                Piece::Literal(l) => out.push_str(l),
                Piece::Token(t) => values.push(*t, &mut out),
            }
        }
        Some(out)
    }

    /// The row as a link at `position` after `prev`, for the copy with `values`.
    pub(crate) fn entry(&self, position: u64, prev: Hash, values: &Values<'_>) -> ChainEntry {
        let f = |i| self.field(i, values);
        ChainEntry {
            position,
            prev_hash: prev,
            at: f(0).unwrap_or_default(),
            actor: f(1),
            actor_iin: f(2),
            role: f(3),
            subject: f(4),
            application: f(5),
            action: f(6).unwrap_or_default(),
            request_id: f(7).unwrap_or_default(),
            details: f(8).unwrap_or_default(),
        }
    }
}

/// The hashes of a run of links, starting after the head's: the head's hash first, then each
/// row's, so that row `r` (from 1) has its previous hash at `r - 1` and its own at `r`.
#[derive(Debug, Default)]
pub(crate) struct Links {
    /// 32 bytes per hash.
    pub(crate) bytes: Vec<u8>,
    /// The last hash.
    pub(crate) last: Hash,
    /// The last position.
    pub(crate) position: u64,
}

impl Links {
    /// The run after the head at `position` with `hash`.
    pub(crate) fn after(position: u64, hash: Hash) -> Links {
        Links {
            bytes: hash.to_vec(),
            last: hash,
            position,
        }
    }

    /// Appends the rows of one copy.
    pub(crate) fn push(&mut self, rows: &[AuditRow], values: &Values<'_>) {
        for row in rows {
            self.position += 1;
            let hash = row.entry(self.position, self.last, values).hash();
            self.bytes.extend_from_slice(&hash);
            self.last = hash;
        }
    }
}
