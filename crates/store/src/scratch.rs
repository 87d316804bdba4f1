//! Scratch PostgreSQL databases for tests: one fresh database per test, dropped afterwards.

use kandas_app::ports::store::StoreError;
use sqlx::{AnyConnection, Connection as _};

use crate::error::db;

/// Replaces the database name in a PostgreSQL URL, keeping host, credentials and options.
fn with_database(url: &str, name: &str) -> Result<String, StoreError> {
    let bad = || StoreError::Backend("not a postgres://host/db URL".into());
    let scheme_end = url.find("://").ok_or_else(bad)? + 3;
    let (base, query) = match url.find('?') {
        Some(q) => (&url[..q], &url[q..]),
        None => (url, ""),
    };
    let authority_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    Ok(format!("{}/{name}{query}", &base[..authority_end]))
}

/// Creates an empty database `kandas_t_<random>` on the server of `admin_url` and returns its URL.
pub async fn fresh_postgres_url(admin_url: &str) -> Result<String, StoreError> {
    sqlx::any::install_default_drivers();
    let name = format!("kandas_t_{}", uuid::Uuid::new_v4().simple());
    let mut conn = AnyConnection::connect(admin_url).await.map_err(db)?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .map_err(db)?;
    conn.close().await.map_err(db)?;
    with_database(admin_url, &name)
}

/// Drops a database made by [`fresh_postgres_url`] (only those: the name is checked).
pub async fn drop_postgres_database(admin_url: &str, url: &str) -> Result<(), StoreError> {
    let name = url
        .split('?')
        .next()
        .and_then(|u| u.rsplit('/').next())
        .unwrap_or_default();
    let scratch = name
        .strip_prefix("kandas_t_")
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_hexdigit()));
    if !scratch {
        return Err(StoreError::Backend(
            format!("not a scratch database: {name}").into(),
        ));
    }
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(admin_url).await.map_err(db)?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut conn)
    .await
    .map_err(db)?;
    conn.close().await.map_err(db)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_database_name_changes() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "x").unwrap(),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "x").unwrap(),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h", "x").unwrap(),
            "postgres://h/x"
        );
    }
}
