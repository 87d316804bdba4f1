//! The ceilings every figure is a ratio to, on the same axum and sqlx as the service:
//! C3, a bare handler answering 1 KB of JSON (`GET /c3`), and C1, one durable INSERT
//! transaction of the 2 KB row posted (`POST /c1`), on SQLite (one writer, WAL,
//! `synchronous = FULL`, as the service) or PostgreSQL (a pool of 10, as the service).

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use serde::Serialize;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// The table C1 writes.
const TABLE: &str = "CREATE TABLE IF NOT EXISTS ceiling (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL)";

#[derive(Clone)]
enum Db {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

#[derive(Serialize)]
struct Item {
    id: u32,
    name: &'static str,
    status: &'static str,
    region: &'static str,
}

/// About 1 KB of JSON, serialized on each request as a handler's answer would be.
#[derive(Serialize)]
struct Answer {
    number: &'static str,
    kind: &'static str,
    items: Vec<Item>,
}

async fn c3() -> Json<Answer> {
    Json(Answer {
        number: "KND-2026-000123",
        kind: "assignment",
        items: (0..10)
            .map(|id| Item {
                id,
                name: "Айгерим Нурланқызы Сериккалиева",
                status: "registered",
                region: "astana",
            })
            .collect(),
    })
}

async fn c1(State(db): State<Db>, body: Bytes) -> Result<StatusCode, (StatusCode, String)> {
    let fail = |e: sqlx::Error| (StatusCode::SERVICE_UNAVAILABLE, e.to_string());
    let id = uuid::Uuid::new_v4().to_string();
    let body = String::from_utf8_lossy(&body).into_owned();
    let at = "2026-12-07T00:00:00.000000000Z";
    match db {
        Db::Sqlite(pool) => {
            let mut tx = pool.begin().await.map_err(fail)?;
            sqlx::query("INSERT INTO ceiling (id, body, created_at) VALUES (?, ?, ?)")
                .bind(id)
                .bind(body)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(fail)?;
            tx.commit().await.map_err(fail)?;
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await.map_err(fail)?;
            sqlx::query("INSERT INTO ceiling (id, body, created_at) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(body)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(fail)?;
            tx.commit().await.map_err(fail)?;
        }
    }
    Ok(StatusCode::CREATED)
}

async fn connect(database: &str) -> anyhow::Result<Db> {
    if database.starts_with("sqlite:") {
        let options = SqliteConnectOptions::from_str(database)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        sqlx::query(TABLE).execute(&pool).await?;
        Ok(Db::Sqlite(pool))
    } else {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .connect(database)
            .await?;
        sqlx::query(TABLE).execute(&pool).await?;
        Ok(Db::Postgres(pool))
    }
}

/// Serves C3 and C1 on `listen` until killed.
pub async fn serve(database: &str, listen: &str) -> anyhow::Result<()> {
    let db = connect(database)
        .await
        .with_context(|| format!("the ceiling's database {database}"))?;
    let app = axum::Router::new()
        .route("/c3", get(c3))
        .route("/c1", post(c1))
        .route("/healthz", get(|| async { "ok" }))
        .with_state(db);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("listen on {listen}"))?;
    axum::serve(listener, app).await?;
    Ok(())
}
