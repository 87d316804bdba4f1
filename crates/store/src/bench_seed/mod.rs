//! Seeding a database for benchmarks (`kandas bench seed`, development only): a handful of
//! template stories made through the real use cases are copied in bulk with set-based SQL, each
//! copy with its own ids, application numbers (the yearly counters), applicant (a registry
//! person with a valid IIN and an account), office and its staff, and dates moved back by whole
//! weeks; its audit rows become links of the chain with their hashes, and the worker's marks
//! (deadline warnings, expiry reminders) are written, so the server finds a steady state.
//!
//! The copies are written in batches, each one transaction on one connection that holds the
//! scratch tables (temporary: template rows per variant, the batch's copies, the offices).

mod batch;
mod chain;
mod copies;
mod load;
mod people;
mod shift;
mod sql;
mod staff;
mod steady;
mod tables;
mod template;
mod tokens;

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_app::Actor;
use kandas_app::ports::store::{AuditRecord, NewSession, StoreError};
use kandas_domain::deadline::almaty_date;
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::iin::{Iin, Sex};
use kandas_domain::numbers::CertificateNumber;
use kandas_domain::office::OfficeCode;

pub use people::SeedPerson;

use crate::audit::insert_audit;
use crate::error::db;
use crate::{Backend, SqlStore};

/// A seeding failure that is not the database's: what went wrong, in words.
pub(crate) fn failure(what: impl Into<String>) -> StoreError {
    StoreError::Backend(what.into().into())
}

/// One template story: an applicant and their applications (one, or an assignment and its
/// extension).
#[derive(Debug, Clone)]
pub struct Story {
    /// The applicant.
    pub applicant: Iin,
    /// The applicant's account.
    pub user: UserId,
    /// The applications, oldest first.
    pub applications: Vec<ApplicationId>,
}

impl Story {
    /// The story of `applicant` with `applications`.
    pub fn new(applicant: &Actor, applications: Vec<ApplicationId>) -> Story {
        Story {
            applicant: applicant.iin.clone(),
            user: applicant.user.clone(),
            applications,
        }
    }
}

/// An office and the two officials who decide its cases.
#[derive(Debug, Clone)]
pub struct OfficeStaff {
    /// The local executive body.
    pub office: OfficeCode,
    /// Its officer's account.
    pub officer: UserId,
    /// The officer's IIN.
    pub officer_iin: Iin,
    /// Its head's account.
    pub head: UserId,
    /// The head's IIN.
    pub head_iin: Iin,
}

impl OfficeStaff {
    fn texts(&self) -> [&str; 6] {
        [
            self.office.as_str(),
            self.office.region_code(),
            self.officer.as_str(),
            self.officer_iin.as_str(),
            self.head.as_str(),
            self.head_iin.as_str(),
        ]
    }
}

/// A template story and how many copies of it to make, spread over how many weeks back.
#[derive(Debug, Clone)]
pub struct StoryPlan {
    /// The story.
    pub story: Story,
    /// How many copies.
    pub copies: u64,
    /// The copies' dates move back by 0 to this many weeks.
    pub weeks: u32,
}

/// What to seed.
#[derive(Debug, Clone)]
pub struct SeedPlan {
    /// The stories.
    pub stories: Vec<StoryPlan>,
    /// The office and staff of the templates.
    pub template_staff: OfficeStaff,
    /// The offices the copies are filed with and each one's share; the first one's cases are
    /// listed in [`Seeded::office_cases`].
    pub offices: Vec<(OfficeStaff, u64)>,
    /// Now.
    pub now: Timestamp,
    /// The open copies due by this day carry the head's deadline warning.
    pub warned_through: Date,
    /// How many accounts to list in [`Seeded::people`].
    pub sample: usize,
    /// Copies per transaction.
    pub batch: usize,
}

/// What was seeded.
#[derive(Debug, Clone, Default)]
pub struct Seeded {
    /// Applications written.
    pub applications: u64,
    /// Accounts that own an application (spread over the run): account, IIN, application.
    pub people: Vec<(UserId, Iin, ApplicationId)>,
    /// Submitted cases of the first office, the open ones first (at most 1000).
    pub office_cases: Vec<ApplicationId>,
    /// Certificates valid today (at most 1000).
    pub certificates: Vec<CertificateNumber>,
}

/// One template story moved back by a number of weeks.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    /// The rows of each table.
    pub(crate) rows: Vec<Vec<Vec<template::Value>>>,
    /// The year of each application's number.
    pub(crate) years: Vec<i16>,
    /// Whether the family has a spouse of its own in the registry.
    pub(crate) spouse: bool,
    /// The audit rows, compiled for hashing.
    pub(crate) audit: Vec<chain::AuditRow>,
    /// The certificate's last day, if the story has one.
    pub(crate) valid_until: Option<Date>,
    /// Whether the case is open, or a draft (not submitted).
    pub(crate) open: bool,
    pub(crate) draft: bool,
}

/// Everything a batch needs.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) backend: Backend,
    /// The run's random id prefix (14 hex digits).
    pub(crate) prefix: String,
    pub(crate) variants: Vec<Variant>,
    /// Each story's first variant and its weeks.
    pub(crate) stories: Vec<(usize, u32)>,
    pub(crate) offices: Vec<OfficeStaff>,
    /// Now, as stored.
    pub(crate) now: String,
    pub(crate) today: String,
    pub(crate) warned_through: String,
    pub(crate) reminded_through: String,
}

/// A well-mixed 64-bit hash (splitmix64), for the deterministic spread of copies.
pub(crate) fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl SqlStore {
    /// Generates `count` people of `sex` (their IINs reserved for good).
    pub async fn bench_people(
        &self,
        sex: Sex,
        count: usize,
    ) -> Result<Vec<SeedPerson>, StoreError> {
        let mut tx = self.begin().await?;
        let people = people::generate(&mut tx, sex, count).await?;
        tx.commit().await.map_err(db)?;
        Ok(people)
    }

    /// Seeds `plan`, calling `progress` with the applications written so far after each batch.
    pub async fn bench_seed(
        &self,
        plan: &SeedPlan,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<Seeded, StoreError> {
        let mut templates = Vec::new();
        for s in &plan.stories {
            templates.push(template::read(self, &s.story, &plan.template_staff).await?);
        }
        let layout = sql::Layout::of(&templates);
        let run = Run {
            backend: self.backend,
            prefix: hex_prefix(),
            variants: Vec::new(),
            stories: Vec::new(),
            offices: plan.offices.iter().map(|(o, _)| o.clone()).collect(),
            now: crate::rows::ts(plan.now),
            today: almaty_date(plan.now).to_string(),
            warned_through: plan.warned_through.to_string(),
            reminded_through: almaty_date(plan.now)
                .checked_add(jiff::Span::new().days(kandas_app::deadlines::REMIND_DAYS_BEFORE))
                .map_err(|e| failure(e.to_string()))?
                .to_string(),
        };
        let run = std::sync::Arc::new(copies::variants(run, plan, &templates)?);
        load::seed(self, run, &layout, plan, progress).await
    }

    /// Opens `sessions` with their sign-in audit rows, in one transaction.
    pub async fn bench_sessions(
        &self,
        sessions: &[(NewSession, AuditRecord)],
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        for (s, audit) in sessions {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(s.token_hash.as_str())
            .bind(s.user.as_str())
            .bind(crate::rows::ts(s.created_at))
            .bind(crate::rows::ts(s.expires_at))
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            insert_audit(&mut tx, audit).await?;
        }
        tx.commit().await.map_err(db)
    }
}

/// 14 random hex digits: the run's ids start with them.
fn hex_prefix() -> String {
    kandas_app::secrets::random_id()
        .iter()
        .take(7)
        .map(|b| format!("{b:02x}"))
        .collect()
}
