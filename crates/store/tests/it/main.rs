//! The store conformance suite: every test is one async function over a `SqlStore`, run on
//! SQLite always and on PostgreSQL when `KANDAS_TEST_POSTGRES_URL` is set (a fresh database per
//! test). Plus the local files adapter.

// The suite's helpers are plain async functions, not `#[test]`s, so clippy's test allowances do
// not reach them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[macro_use]
mod harness;

mod applications;
mod assignments;
mod audit_chain;
mod calendar;
mod desk;
mod endings;
mod events;
mod explain;
mod files;
mod formats;
mod jobs;
mod keyring;
mod limits;
mod nonces;
mod registry;
mod reminders;
mod results;
mod status;
mod upgrade;
mod users;
