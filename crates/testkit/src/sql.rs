//! Raw SQL on a test app's database, for the tests that play someone with the database's own
//! rights (an edited audit row) or inject a fault (a trigger that fails a transaction).

use sqlx::AnyPool;

use crate::TestApp;

impl TestApp {
    /// A pool on the app's database beside the service's own.
    pub async fn raw_pool(&self) -> AnyPool {
        sqlx::any::install_default_drivers();
        AnyPool::connect(self.database_url())
            .await
            .expect("a raw connection")
    }
}

/// Runs `sql` (one or more statements); a failure names the SQL.
pub async fn exec(pool: &AnyPool, sql: &str) {
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// The one integer `sql` answers.
pub async fn scalar(pool: &AnyPool, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}
