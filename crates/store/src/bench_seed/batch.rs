//! One batch of copies: prepared in Rust (its people and numbers from the run's reserved ranges,
//! its rows of `bench_clone`, its audit rows hashed as links of the chain; the next batch is
//! prepared while the database writes this one), then written in one transaction: the chain's
//! head locked and checked (should another writer have moved it, the links are hashed again
//! from where it stands), every table copied set-based, the head moved on. A failed batch
//! leaves nothing behind.

use std::collections::BTreeMap;

use kandas_app::audit_chain::{Hash, hash_hex, parse_hash};
use kandas_app::ports::store::StoreError;
use kandas_domain::iin::Sex;
use sqlx::{AnyConnection, Row as _};

use super::chain::Links;
use super::people::{People, reserve};
use super::sql::{Layout, copy_table};
use super::tables::TABLES;
use super::{Run, failure};
use crate::error::{corrupt, db};

/// One copy of a batch.
#[derive(Debug, Clone)]
pub(crate) struct Copy {
    /// Its number in the run (ids are made from it).
    pub(crate) n: i64,
    /// The template variant it copies.
    pub(crate) variant: usize,
    /// The office it is filed with (its index in the run's offices).
    pub(crate) office: usize,
}

/// Where the run's reserved numbers and people stand.
#[derive(Debug, Clone)]
pub(crate) struct Cursor {
    numbers: BTreeMap<i16, i64>,
    men: People,
    women: People,
}

/// The chain's head: its position and hash.
pub(crate) type Head = (u64, Hash);

/// A batch ready to write.
#[derive(Debug)]
pub(crate) struct Prepared {
    /// The head its links follow.
    pub(crate) start: Head,
    /// The cursor it started from (to prepare it again).
    before: Cursor,
    /// The rows of `bench_clone`.
    rows: Vec<[String; 13]>,
    /// The links.
    links: Links,
    /// Each copy's `YYYY-NNNNNN` of its applications.
    pub(crate) numbers: Vec<[String; 2]>,
    /// Each copy's applicant.
    pub(crate) applicants: Vec<String>,
}

impl Prepared {
    /// The head after it.
    pub(crate) fn end(&self) -> Head {
        (self.links.position, self.links.last)
    }
}

/// Reserves on `conn` every application number and person `copies` need.
pub(crate) async fn reserve_all(
    conn: &mut AnyConnection,
    run: &Run,
    copies: &[Copy],
) -> Result<Cursor, StoreError> {
    let mut per_year: BTreeMap<i16, i64> = BTreeMap::new();
    for c in copies {
        for year in &run.variants[c.variant].years {
            *per_year.entry(*year).or_default() += 1;
        }
    }
    let mut numbers = BTreeMap::new();
    for (year, count) in per_year {
        let first = reserve(conn, &format!("application:{year}"), count).await? + 1;
        if first + count - 1 > 999_999 {
            return Err(failure(format!(
                "the application numbers of {year} would run past KND-{year}-999999"
            )));
        }
        numbers.insert(year, first);
    }
    let spouses = copies
        .iter()
        .filter(|c| run.variants[c.variant].spouse)
        .count();
    Ok(Cursor {
        numbers,
        men: People::reserve(conn, Sex::Male, copies.len()).await?,
        women: People::reserve(conn, Sex::Female, spouses).await?,
    })
}

/// The chain's head as it stands.
pub(crate) async fn head(conn: &mut AnyConnection, lock: bool) -> Result<Head, StoreError> {
    // On PostgreSQL the update locks the head until commit, as every audited write does.
    let sql = if lock {
        "UPDATE audit_chain SET position = position WHERE id = 1 RETURNING position, hash"
    } else {
        "SELECT position, hash FROM audit_chain WHERE id = 1"
    };
    let row = sqlx::query(sql).fetch_one(&mut *conn).await.map_err(db)?;
    let position: i64 = row.try_get("position").map_err(db)?;
    let text: String = row.try_get("hash").map_err(db)?;
    let hash = parse_hash(&text).ok_or_else(|| corrupt("audit_chain.hash", text.clone()))?;
    let position = u64::try_from(position)
        .map_err(|_| corrupt("audit_chain.position", position.to_string()))?;
    Ok((position, hash))
}

/// Prepares `copies` after `start`, taking their numbers and people from `cursor`.
pub(crate) fn prepare(
    run: &Run,
    copies: &[Copy],
    cursor: &mut Cursor,
    start: Head,
) -> Result<Prepared, StoreError> {
    let before = cursor.clone();
    let mut links = Links::after(start.0, start.1);
    let mut rows = Vec::with_capacity(copies.len());
    let mut numbers = Vec::with_capacity(copies.len());
    let mut applicants = Vec::with_capacity(copies.len());
    for c in copies {
        let variant = &run.variants[c.variant];
        let mut pair = [String::new(), String::new()];
        for (j, year) in variant.years.iter().enumerate().take(2) {
            let seq = cursor
                .numbers
                .get_mut(year)
                .ok_or_else(|| failure("a year not reserved"))?;
            pair[j] = format!("{year:04}-{:06}", *seq);
            *seq += 1;
        }
        if pair[1].is_empty() {
            pair[1] = pair[0].clone();
        }
        let person = cursor.men.take()?;
        let (spouse, spouse_birth) = if variant.spouse {
            let s = cursor.women.take()?;
            (s.iin.as_str().to_owned(), s.birth_date.to_string())
        } else {
            (String::new(), String::new())
        };
        let birth = person.birth_date.to_string();
        let masked = person.phone.masked();
        let audit_base = links.position;
        let values = super::tokens::Values {
            prefix: &run.prefix,
            n: c.n,
            numbers: [&pair[0], &pair[1]],
            person: [person.iin.as_str(), person.phone.as_str(), &masked, &birth],
            spouse: [&spouse, &spouse_birth],
            office: run.offices[c.office].texts(),
        };
        links.push(&variant.audit, &values);
        applicants.push(person.iin.as_str().to_owned());
        // Empty rather than NULL: `replace` with a NULL makes the whole text NULL.
        rows.push([
            c.n.to_string(),
            c.variant.to_string(),
            c.office.to_string(),
            audit_base.to_string(),
            pair[0].clone(),
            pair[1].clone(),
            person.iin.as_str().to_owned(),
            person.phone.as_str().to_owned(),
            masked,
            birth,
            spouse,
            spouse_birth,
            format!("{:012x}", c.n),
        ]);
        numbers.push(pair);
    }
    Ok(Prepared {
        start,
        before,
        rows,
        links,
        numbers,
        applicants,
    })
}

/// The columns of `bench_clone`; the first four are integers (see [`super::sql::clone_rows`]).
const CLONE_COLUMNS: &str = "n, variant, office, audit_base, num0, num1, iin, phone, masked, \
     birth, spouse, spouse_birth, nhex";

/// Writes a prepared batch on `conn` (a transaction is open on it); answers it as written
/// (prepared again if the head had moved).
pub(crate) async fn write(
    conn: &mut AnyConnection,
    run: &Run,
    layout: &Layout,
    copies: &[Copy],
    mut batch: Prepared,
) -> Result<Prepared, StoreError> {
    let now = head(conn, true).await?;
    if now != batch.start {
        let mut cursor = batch.before.clone();
        batch = prepare(run, copies, &mut cursor, now)?;
    }
    // TRUNCATE on PostgreSQL: deleted rows of a temporary table are never vacuumed, and a
    // long load would scan them all every batch.
    let clear = match run.backend {
        crate::Backend::Sqlite => "DELETE FROM bench_clone",
        crate::Backend::Postgres => "TRUNCATE bench_clone",
    };
    sqlx::query(clear).execute(&mut *conn).await.map_err(db)?;
    // One JSON parameter: binding tens of thousands of parameters costs more than the insert.
    let json = serde_json::to_string(
        &batch
            .rows
            .iter()
            .map(|r| {
                let mut row: Vec<serde_json::Value> = Vec::with_capacity(13);
                for (i, v) in r.iter().enumerate() {
                    row.push(if i < 4 {
                        serde_json::Value::from(v.parse::<i64>().unwrap_or(0))
                    } else {
                        serde_json::Value::from(v.as_str())
                    });
                }
                serde_json::Value::Array(row)
            })
            .collect::<Vec<_>>(),
    )
    .map_err(|e| failure(e.to_string()))?;
    let sql = format!(
        "INSERT INTO bench_clone ({CLONE_COLUMNS}) {}",
        super::sql::clone_rows(run.backend)
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(json)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    if run.backend == crate::Backend::Postgres {
        sqlx::query("ANALYZE bench_clone")
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    let start = i64::try_from(batch.start.0).map_err(|_| failure("the chain is too long"))?;
    for (ti, table) in TABLES.iter().enumerate() {
        let began = std::time::Instant::now();
        let sql = copy_table(ti, layout, run.backend, &run.prefix);
        tracing::trace!(table = table.name, sql, "bench seed: copy statement");
        let q = sqlx::query(sqlx::AssertSqlSafe(sql));
        let q = if table.name == "audit" {
            q.bind(batch.links.bytes.clone()).bind(start)
        } else {
            q
        };
        let done = q.execute(&mut *conn).await.map_err(db)?;
        let (rows, elapsed) = (done.rows_affected(), began.elapsed());
        tracing::debug!(table = table.name, rows, ?elapsed, "bench seed: copied");
    }
    super::steady::settle(conn, run, layout).await?;
    let (position, last) = batch.end();
    sqlx::query("UPDATE audit_chain SET position = $1, hash = $2 WHERE id = 1")
        .bind(i64::try_from(position).map_err(|_| failure("the chain is too long"))?)
        .bind(hash_hex(&last))
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(batch)
}
