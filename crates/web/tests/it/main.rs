//! HTTP tests of kandas-web through the real router, on SQLite and (when
//! `KANDAS_TEST_POSTGRES_URL` is set) PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod account_admin;
mod accounts;
mod acknowledged;
mod almaty;
mod audited_reads;
mod auditor;
mod browser;
mod calendar_admin;
mod calendar_pages;
mod calendar_terms;
mod case_events;
mod case_view;
mod certificate_status;
mod deadlines;
mod decisions;
mod desk;
mod desk_pages;
mod dev_ocsp;
mod disk_full;
mod due_process;
mod eds;
mod eds_pages;
mod error_codes;
mod frozen;
mod gadgets;
mod idempotency;
mod journey;
mod loose_files;
mod observability;
mod openapi;
mod outage;
mod outbox;
mod outcomes;
mod pages_journey;
mod performance;
mod protocol;
mod quotas;
mod refusals;
mod retention;
mod review;
mod seal;
mod security;
mod site_cases;
mod site_pages;
mod sms_gateway;
mod steps;
mod support;
mod two_nodes;
mod typed_forms;
mod upload_gate;
mod uploads;

/// Runs `journey` on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($journey:path, $sqlite:ident, $postgres:ident) => {
        #[tokio::test]
        async fn $sqlite() {
            let app = kandas_testkit::TestApp::sqlite().await;
            $journey(&app).await;
        }

        #[tokio::test]
        async fn $postgres() {
            let Some(app) = kandas_testkit::TestApp::postgres().await else {
                eprintln!("KANDAS_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
                return;
            };
            $journey(&app).await;
        }
    };
}
