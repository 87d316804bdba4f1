//! Mapping database errors onto `StoreError`: constraint violations become domain errors, the
//! rest is a backend failure.

use kandas_app::error::{BoxError, Context};
use kandas_app::ports::store::StoreError;
use sqlx::error::{DatabaseError, ErrorKind};

/// The tables whose unique violations are reported, with the name used in `Duplicate`.
const TABLES: [(&str, &str); 12] = [
    ("users", "user"),
    ("sessions", "session"),
    ("challenges", "challenge"),
    ("applications", "application"),
    ("attachments", "attachment"),
    ("idempotency", "idempotency key"),
    ("evidence", "evidence"),
    ("certificates", "certificate"),
    ("jobs", "job"),
    ("notifications", "notification"),
    ("registry_persons", "person"),
    ("counters", "counter"),
];

/// Names the table in a unique violation: PostgreSQL's constraint names start with the table
/// (`users_iin_key`), SQLite's message names it (`UNIQUE constraint failed: users.iin`).
fn table_of(constraint: Option<&str>, message: &str) -> &'static str {
    let subject = match constraint {
        Some(c) => c,
        None => message.rsplit(": ").next().unwrap_or(message),
    };
    TABLES
        .iter()
        .filter(|(table, _)| {
            subject.starts_with(&format!("{table}_")) || subject.starts_with(&format!("{table}."))
        })
        .map(|(_, name)| *name)
        .max_by_key(|name| name.len())
        .unwrap_or("row")
}

/// Maps any sqlx error.
pub(crate) fn db(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::Database(d) => match d.kind() {
            ErrorKind::UniqueViolation => {
                StoreError::Duplicate(table_of(d.constraint(), d.message()))
            }
            ErrorKind::ForeignKeyViolation => StoreError::NotFound,
            _ if d.code().is_some_and(|c| unreachable_state(&c)) || out_of_space(d.as_ref()) => {
                StoreError::Unavailable(Box::new(e))
            }
            _ => StoreError::Backend(Box::new(e)),
        },
        // A connection cut in its handshake or mid-answer (a proxy or balancer in front of a
        // database that went away accepts and closes: "unexpected response from SSLRequest")
        // is a protocol error: the connection is gone, a new one may work.
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::WorkerCrashed => StoreError::Unavailable(Box::new(e)),
        _ => StoreError::Backend(Box::new(e)),
    }
}

/// PostgreSQL's SQLSTATEs of a server that cannot serve now: connection exceptions (class 08),
/// insufficient resources (class 53: disk full, out of memory, too many connections) and an
/// operator's shutdown or a crash (57P01–57P03).
fn unreachable_state(code: &str) -> bool {
    code.starts_with("08") || code.starts_with("53") || matches!(code, "57P01" | "57P02" | "57P03")
}

/// SQLite's disk full (`SQLITE_FULL`) and I/O errors (`SQLITE_IOERR` and its extended codes):
/// the cause is outside the request, and writes resume once it is gone.
fn out_of_space(d: &dyn DatabaseError) -> bool {
    const SQLITE_IOERR: i64 = 10;
    const SQLITE_FULL: i64 = 13;
    d.try_downcast_ref::<sqlx::sqlite::SqliteError>()
        .and_then(|s| s.code())
        .and_then(|code| code.parse::<i64>().ok())
        .is_some_and(|code| matches!(code & 0xff, SQLITE_IOERR | SQLITE_FULL))
}

/// Whether the error is a unique violation.
pub(crate) fn is_unique(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.kind() == ErrorKind::UniqueViolation)
}

/// A value read back that does not parse.
pub(crate) fn corrupt(what: &str, e: impl Into<BoxError>) -> StoreError {
    StoreError::Corrupt(Box::new(Context::new(what, e)))
}

/// A failure of the backend that no driver reported (a bad URL, a broken migration).
pub(crate) fn backend(context: impl Into<String>, e: impl Into<BoxError>) -> StoreError {
    StoreError::Backend(Box::new(Context::new(context, e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_named_from_either_backend() {
        assert_eq!(table_of(Some("users_iin_key"), ""), "user");
        assert_eq!(
            table_of(None, "UNIQUE constraint failed: users.iin"),
            "user"
        );
        assert_eq!(table_of(Some("idempotency_pkey"), ""), "idempotency key");
        assert_eq!(
            table_of(None, "UNIQUE constraint failed: registry_persons.iin"),
            "person"
        );
        assert_eq!(table_of(Some("something_else"), ""), "row");
    }
}
