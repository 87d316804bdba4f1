//! The desk: custody records of paper intake, the desk's lists, the issue of results, and the
//! disposal of the files a State Corporation keeps for a closed case.

use async_trait::async_trait;
use kandas_app::ports::store::{
    ApplicationStore, AuditRecord, CustodyChange, DeskFilter, DeskList, DeskStore, Disposal,
    IssueRecord, ResultIssue, RetentionCase, RetentionFilter, StoreError,
};
use kandas_domain::application::Application;
use kandas_domain::application::Status;
use kandas_domain::application::events::{CaseEvent, EventKind};
use kandas_domain::ids::{ApplicationId, AttachmentId, UserId};
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::applications::missing_or_stale;
use crate::audit::{insert_audit, insert_job};
use crate::error::db;
use crate::events::insert_events;
use crate::formats::StoredCustody;
use crate::rows::{APPLICATION_COLUMNS, application, json, parsed, text, time, ts};

/// How many cases a desk list shows at most.
const DESK_LIST_LIMIT: i64 = 200;
/// How many cases one retention pass takes at most.
const RETENTION_BATCH: i64 = 500;

/// A desk's list (`$1` the office where the cases were filed, `$2` how many at most), the latest
/// change first.
pub(crate) fn list(list: DeskList) -> String {
    let condition = match list {
        DeskList::Intake => "AND status = 'draft'",
        DeskList::ReadyForIssue => {
            "AND status IN ('assigned', 'extended', 'refused') AND NOT EXISTS \
             (SELECT 1 FROM result_issues r WHERE r.application_id = applications.id)"
        }
        DeskList::All => "",
    };
    format!(
        "SELECT {APPLICATION_COLUMNS} FROM applications WHERE intake_office = $1 {condition} \
         ORDER BY updated_at DESC, number DESC LIMIT $2"
    )
}

/// The issues of a case's result at the desk.
pub(crate) const ISSUES: &str = "SELECT id, application_id, office, issued_by, recipient_iin, \
     recipient_name, identity_document, issued_at FROM result_issues WHERE application_id = $1 \
     ORDER BY issued_at, id";

fn issue(row: &AnyRow) -> Result<ResultIssue, StoreError> {
    Ok(ResultIssue {
        id: text(row, "id")?,
        application: parsed(row, "application_id", ApplicationId::parse)?,
        office: parsed(row, "office", OfficeCode::parse)?,
        issued_by: parsed(row, "issued_by", UserId::parse)?,
        recipient_iin: parsed(row, "recipient_iin", Iin::parse)?,
        recipient_name: text(row, "recipient_name")?,
        identity_document: text(row, "identity_document")?,
        issued_at: time(row, "issued_at")?,
    })
}

#[async_trait]
impl DeskStore for SqlStore {
    async fn save_custody(&self, c: &CustodyChange) -> Result<Application, StoreError> {
        let mut tx = self.begin().await?;
        let sql = format!(
            "UPDATE applications SET custody_json = $1, version = version + 1, updated_at = $2 \
             WHERE id = $3 AND version = $4 AND status = 'draft' RETURNING {APPLICATION_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(json::<StoredCustody, _>(&c.custody)?)
            .bind(ts(c.at))
            .bind(c.application.as_str())
            .bind(c.expected_version)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
        let Some(row) = row else {
            return Err(missing_or_stale(&mut tx, &c.application).await);
        };
        let app = application(&row)?;
        insert_audit(&mut tx, &c.audit).await?;
        tx.commit().await.map_err(db)?;
        Ok(app)
    }

    async fn desk_cases(&self, f: &DeskFilter) -> Result<Vec<Application>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(list(f.list)))
            .bind(f.office.as_str())
            .bind(DESK_LIST_LIMIT)
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(application).collect()
    }

    async fn record_issue(&self, r: &IssueRecord) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let i = &r.issue;
        sqlx::query(
            "INSERT INTO result_issues (id, application_id, office, issued_by, recipient_iin, \
             recipient_name, identity_document, issued_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(i.id.as_str())
        .bind(i.application.as_str())
        .bind(i.office.as_str())
        .bind(i.issued_by.as_str())
        .bind(i.recipient_iin.as_str())
        .bind(i.recipient_name.as_str())
        .bind(i.identity_document.as_str())
        .bind(ts(i.issued_at))
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        insert_audit(&mut tx, &r.audit).await?;
        let issued = CaseEvent::new(i.issued_at, EventKind::ResultIssued, &Status::Draft);
        insert_events(&mut tx, &i.application, &[issued], &r.audit).await?;
        for job in &r.jobs {
            insert_job(&mut tx, job, i.issued_at).await?;
        }
        tx.commit().await.map_err(db)
    }

    async fn result_issues(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<ResultIssue>, StoreError> {
        let rows = sqlx::query(ISSUES)
            .bind(application.as_str())
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(issue).collect()
    }

    async fn retention_due(&self, f: &RetentionFilter) -> Result<Vec<RetentionCase>, StoreError> {
        let sql = format!(
            "SELECT {APPLICATION_COLUMNS} FROM applications WHERE channel = $1 \
             AND closed_at IS NOT NULL AND closed_at <= $2 AND EXISTS (SELECT 1 FROM attachments a \
             WHERE a.application_id = applications.id AND a.disposed_at IS NULL) \
             ORDER BY closed_at, id LIMIT $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(f.channel.code())
            .bind(ts(f.closed_before))
            .bind(RETENTION_BATCH)
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let app = application(row)?;
            let files = self
                .attachments(&app.id)
                .await?
                .into_iter()
                .filter(|a| a.disposal.is_none())
                .collect();
            out.push(RetentionCase {
                application: app,
                files,
            });
        }
        Ok(out)
    }

    async fn mark_disposed(
        &self,
        application: &ApplicationId,
        attachments: &[AttachmentId],
        disposal: &Disposal,
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let mut changed = 0;
        for id in attachments {
            changed += sqlx::query(
                "UPDATE attachments SET disposed_at = $1, disposed_by = $2 \
                 WHERE id = $3 AND application_id = $4 AND disposed_at IS NULL",
            )
            .bind(ts(disposal.at))
            .bind(disposal.by.as_str())
            .bind(id.as_str())
            .bind(application.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db)?
            .rows_affected();
        }
        // Another worker disposed of them first: its audit row tells the story.
        if changed > 0 {
            insert_audit(&mut tx, audit).await?;
            let disposed = CaseEvent::new(disposal.at, EventKind::FilesDisposed, &Status::Draft);
            insert_events(&mut tx, application, &[disposed], audit).await?;
        }
        tx.commit().await.map_err(db)
    }
}
