//! EXPLAIN of the hot queries (issue 15): every statement `kandas_store::hot_queries` lists, in
//! the very text the store runs, is planned on each backend, and the test fails on a plan that
//! reads a whole table that grows with use.
//!
//! SQLite: `EXPLAIN QUERY PLAN`, and no `SCAN <table>` (with or without an index: a scan of an
//! index reads all of it). PostgreSQL: an empty table always gets a sequential scan, so the plan
//! is asked for with `enable_seqscan` off (the planner then picks one only when no index can
//! serve), as JSON, and has no `Seq Scan` node on such a table — nor an index scan without an
//! index condition, the same whole read in the index's order.

use serde_json::Value;
use sqlx::{AssertSqlSafe, Connection as _, Row as _};

use kandas_store::Backend;
use kandas_store::hot_queries::{self, HotQuery, Param};

use crate::harness::TestDb;

/// The tables that stay tiny, which a plan may read whole.
const TINY: [(&str, &str); 3] = [
    ("audit_chain", "one row: the chain's head"),
    ("write_probe", "one row"),
    ("counters", "one row per counter and year"),
];

/// The partial indexes that hold only the rows their queries want, which a plan may read whole.
const PARTIAL: [(&str, &str); 1] = [("jobs_due", "only the jobs still waiting")];

/// The statements that may read a table in an index's order, stopping at their `LIMIT`.
const BOUNDED: [(&str, &str, &str); 1] = [(
    "audit.search[]",
    "audit",
    "no filter: the newest page, read down the time index to its LIMIT",
)];

/// A statement no index serves: the check must find its scan.
const UNINDEXED: &str = "SELECT id FROM applications WHERE kind = $1";

mod sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn hot_queries_use_indexes() {
        let db = crate::harness::sqlite().await;
        super::hot_queries_use_indexes(&db, kandas_store::Backend::Sqlite).await;
        db.finish().await;
    }
}

mod postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn hot_queries_use_indexes() {
        let Some(db) = crate::harness::postgres().await else {
            return;
        };
        super::hot_queries_use_indexes(&db, kandas_store::Backend::Postgres).await;
        db.finish().await;
    }
}

async fn hot_queries_use_indexes(db: &TestDb, backend: Backend) {
    let all = hot_queries::all(backend).unwrap();
    let mut names: Vec<&str> = all.iter().map(|q| q.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(
        names.len(),
        all.len(),
        "every hot query has a name of its own"
    );
    for q in &all {
        assert_eq!(
            highest_placeholder(&q.sql),
            q.params.len(),
            "{}: one sample parameter per placeholder",
            q.name
        );
    }
    let sanity = HotQuery {
        name: "unindexed".into(),
        sql: UNINDEXED.into(),
        params: vec![Param::Text("assignment".into())],
    };
    let planned = match backend {
        Backend::Sqlite => sqlite_plans(&db.url(), &all).await,
        Backend::Postgres => postgres_plans(&db.url(), &all).await,
    };
    let mut failures: Vec<String> = Vec::new();
    for (q, plan) in &planned {
        if let Some(read) = whole_read(backend, q, plan) {
            failures.push(format!(
                "{} reads {read} whole\n  sql: {}\n  params: {:?}\n  plan:\n{}",
                q.name,
                q.sql,
                q.params,
                shown(plan)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let checked = match backend {
        Backend::Sqlite => sqlite_plans(&db.url(), std::slice::from_ref(&sanity)).await,
        Backend::Postgres => postgres_plans(&db.url(), std::slice::from_ref(&sanity)).await,
    };
    let (q, plan) = &checked[0];
    assert!(
        whole_read(backend, q, plan).is_some(),
        "the check finds the scan of a statement no index serves:\n{}",
        shown(plan)
    );
}

/// A plan: SQLite's lines (`SEARCH …`, `SCAN …`), or PostgreSQL's JSON.
enum Plan {
    Lines(Vec<String>),
    Json(Value),
}

fn shown(plan: &Plan) -> String {
    match plan {
        Plan::Lines(lines) => lines
            .iter()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        Plan::Json(v) => {
            let mut lines = Vec::new();
            postgres_lines(&v[0]["Plan"], 2, &mut lines);
            lines.join("\n")
        }
    }
}

/// PostgreSQL's plan as a tree of nodes with what each reads and how.
fn postgres_lines(node: &Value, depth: usize, out: &mut Vec<String>) {
    let mut line = format!("{:depth$}{}", "", node["Node Type"].as_str().unwrap_or("?"));
    for (key, label) in [
        ("Relation Name", " on "),
        ("Index Name", " using "),
        ("Index Cond", " index cond "),
        ("Filter", " filter "),
    ] {
        if let Some(v) = node[key].as_str() {
            line.push_str(label);
            line.push_str(v);
        }
    }
    out.push(line);
    for child in node["Plans"].as_array().into_iter().flatten() {
        postgres_lines(child, depth + 2, out);
    }
}

/// The number of the highest `$n` in `sql`.
fn highest_placeholder(sql: &str) -> usize {
    sql.split('$')
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .max()
        .unwrap_or(0)
}

fn tiny(table: &str) -> bool {
    TINY.iter().any(|(t, _)| *t == table)
}

/// Whether `q` may read all of `table`, or all of its `index`.
fn allowed(q: &HotQuery, table: &str, index: Option<&str>) -> bool {
    tiny(table)
        || index.is_some_and(|i| PARTIAL.iter().any(|(p, _)| *p == i))
        || index.is_some() && BOUNDED.iter().any(|(n, t, _)| *n == q.name && *t == table)
}

/// What the plan of `q` reads whole that it should not, if anything.
fn whole_read(backend: Backend, q: &HotQuery, plan: &Plan) -> Option<String> {
    match (backend, plan) {
        (Backend::Sqlite, Plan::Lines(lines)) => lines.iter().find_map(|line| {
            let scanned = line.strip_prefix("SCAN ")?;
            if scanned == "CONSTANT ROW" {
                return None;
            }
            let table = scanned.split_whitespace().next().unwrap_or(scanned);
            let index = scanned
                .split_once("INDEX ")
                .map(|(_, i)| i.split_whitespace().next().unwrap_or(i));
            if allowed(q, table, index) {
                None
            } else {
                Some(format!("`{scanned}`"))
            }
        }),
        (Backend::Postgres, Plan::Json(v)) => postgres_whole_read(q, &v[0]["Plan"]),
        _ => Some("a plan of the other backend".into()),
    }
}

fn postgres_whole_read(q: &HotQuery, node: &Value) -> Option<String> {
    let kind = node["Node Type"].as_str().unwrap_or_default();
    let table = node["Relation Name"].as_str().unwrap_or_default();
    let index = node["Index Name"].as_str();
    let read = match kind {
        "Seq Scan" if !tiny(table) => Some(format!("`{table}` (Seq Scan)")),
        "Index Scan" | "Index Only Scan"
            if node.get("Index Cond").is_none() && !allowed(q, table, index) =>
        {
            Some(format!(
                "`{table}` ({kind} of {} with no condition)",
                index.unwrap_or("?")
            ))
        }
        _ => None,
    };
    read.or_else(|| {
        node["Plans"]
            .as_array()?
            .iter()
            .find_map(|child| postgres_whole_read(q, child))
    })
}

async fn sqlite_plans<'a>(url: &str, all: &'a [HotQuery]) -> Vec<(&'a HotQuery, Plan)> {
    let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
    let mut out = Vec::new();
    for q in all {
        let mut query = sqlx::query(AssertSqlSafe(format!("EXPLAIN QUERY PLAN {}", q.sql)));
        for p in &q.params {
            query = match p {
                Param::Text(s) => query.bind(s.clone()),
                Param::Int(n) => query.bind(*n),
            };
        }
        let rows = query
            .fetch_all(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}\n  sql: {}", q.name, q.sql));
        let lines = rows
            .iter()
            .map(|r| r.try_get::<String, _>("detail").unwrap())
            .collect();
        out.push((q, Plan::Lines(lines)));
    }
    conn.close().await.unwrap();
    out
}

async fn postgres_plans<'a>(url: &str, all: &'a [HotQuery]) -> Vec<(&'a HotQuery, Plan)> {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    sqlx::query("SET LOCAL enable_seqscan = off")
        .execute(&mut *tx)
        .await
        .unwrap();
    let mut out = Vec::new();
    for q in all {
        let mut query = sqlx::query(AssertSqlSafe(format!("EXPLAIN (FORMAT JSON) {}", q.sql)));
        for p in &q.params {
            query = match p {
                Param::Text(s) => query.bind(s.clone()),
                Param::Int(n) => query.bind(*n),
            };
        }
        let row = query
            .fetch_one(&mut *tx)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}\n  sql: {}", q.name, q.sql));
        // The plan is of type `json`, which sqlx decodes without its `json` feature as text.
        let text: String = row.try_get_unchecked(0).unwrap();
        out.push((q, Plan::Json(serde_json::from_str(&text).unwrap())));
    }
    tx.rollback().await.unwrap();
    conn.close().await.unwrap();
    out
}
