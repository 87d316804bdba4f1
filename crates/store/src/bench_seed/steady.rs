//! The marks the worker would have left on the copies, so that a server started on the seeded
//! database finds nothing to catch up on: the heads' deadline warnings of the open cases due by
//! the next working day, and the holders' expiry reminders of the certificates that end within
//! the reminder's 30 days.

use kandas_app::ports::store::StoreError;
use sqlx::AnyConnection;

use super::Run;
use super::failure;
use super::sql::{Layout, column_expr, copies_from};
use super::tables::table;
use crate::error::db;

/// Writes the batch's warnings and reminders (inside its transaction).
pub(crate) async fn settle(
    conn: &mut AnyConnection,
    run: &Run,
    layout: &Layout,
) -> Result<(), StoreError> {
    let (ai, apps) = table("applications").ok_or_else(|| failure("applications"))?;
    let id = column_expr(apps, 0, &layout.0[ai][0], &run.prefix);
    let sql = format!(
        "INSERT INTO deadline_warnings (application_id, due_date, warned_at) \
         SELECT {id}, v.due_date, $1 {} AND v.status IN ('registered', 'accepted', \
         'under_review', 'hearing') AND v.due_date IS NOT NULL AND v.due_date <= $2",
        copies_from(ai, layout)
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&run.now)
        .bind(&run.warned_through)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    let (ci, certs) = table("certificates").ok_or_else(|| failure("certificates"))?;
    let number = column_expr(certs, 0, &layout.0[ci][0], &run.prefix);
    let sql = format!(
        "INSERT INTO expiry_reminders (number, reminded_at) SELECT {number}, $1 {} \
         AND v.valid_until >= $2 AND v.valid_until <= $3",
        copies_from(ci, layout)
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&run.now)
        .bind(&run.today)
        .bind(&run.reminded_through)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}
