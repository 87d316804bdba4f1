//! From the templates to the copies: the variants (each story moved back by 0 to its weeks), which
//! copy copies which variant at which office, the scratch tables filled, the batches run, and
//! what was made listed for the benchmark.

use jiff::SignedDuration;
use jiff::civil::Date;
use kandas_app::ports::store::StoreError;
use kandas_domain::deadline::almaty_date;
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::iin::Iin;
use kandas_domain::numbers::CertificateNumber;
use sqlx::AnyConnection;

use super::batch::Copy;
use super::chain::AuditRow;
use super::sql::{self, Column, Layout};
use super::tables::{Kind, TABLES, audit, table};
use super::template::{Template, Value};
use super::tokens::{Token, copy_id};
use super::{Run, SeedPlan, Seeded, Variant, failure, mix};
use crate::error::db;
use crate::{Backend, SqlStore};

const OPEN: [&str; 4] = ["registered", "accepted", "under_review", "hearing"];

fn text(row: &[Value], table_name: &str, column: &str) -> Option<String> {
    let (_, t) = table(table_name)?;
    let i = t.columns.iter().position(|(c, _)| *c == column)?;
    match row.get(i) {
        Some(Value::Text(s)) => Some(s.clone()),
        _ => None,
    }
}

/// Adds every story's variants to `run`.
pub(crate) fn variants(
    mut run: Run,
    plan: &SeedPlan,
    templates: &[Template],
) -> Result<Run, StoreError> {
    let (apps, _) = table("applications").ok_or_else(|| failure("applications"))?;
    let (certs, _) = table("certificates").ok_or_else(|| failure("certificates"))?;
    for (story, tpl) in plan.stories.iter().zip(templates) {
        run.stories.push((run.variants.len(), story.weeks));
        let from = almaty_date(tpl.first);
        for w in 0..=i64::from(story.weeks) {
            let days = 7 * w;
            let rows: Vec<Vec<Vec<Value>>> = tpl
                .rows
                .iter()
                .map(|rows| {
                    rows.iter()
                        .map(|row| {
                            row.iter()
                                .map(|v| match v {
                                    Value::Text(s) => {
                                        Value::Text(super::shift::back(s, from, days))
                                    }
                                    other => other.clone(),
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect();
            let years = tpl
                .created
                .iter()
                .map(|c| {
                    let moved = c
                        .checked_sub(SignedDuration::from_hours(24 * days))
                        .unwrap_or(*c);
                    almaty_date(moved).year()
                })
                .collect();
            let status = rows[apps]
                .last()
                .and_then(|r| text(r, "applications", "status"))
                .unwrap_or_default();
            let valid_until = rows[certs]
                .first()
                .and_then(|r| text(r, "certificates", "valid_until"))
                .and_then(|d| d.parse::<Date>().ok());
            run.variants.push(Variant {
                audit: rows[audit()].iter().map(|r| AuditRow::new(r)).collect(),
                rows,
                years,
                spouse: tpl.spouse,
                valid_until,
                open: OPEN.contains(&status.as_str()),
                draft: status == "draft",
            });
        }
    }
    Ok(run)
}

/// Which copy copies which variant at which office: the stories in their counts, shuffled; the
/// weeks back and the office drawn at random; then in the order of time, oldest first, as a
/// service would have written them (so that every index grows at its end, not all over), and
/// numbered in that order (the ids and the application numbers follow it).
pub(crate) fn assign(run: &Run, plan: &SeedPlan, seed: u64) -> Vec<Copy> {
    let mut order: Vec<usize> = Vec::new();
    for (s, story) in plan.stories.iter().enumerate() {
        order.extend(std::iter::repeat_n(
            s,
            usize::try_from(story.copies).unwrap_or(0),
        ));
    }
    for i in (1..order.len()).rev() {
        let j = usize::try_from(mix(seed ^ i as u64) % (i as u64 + 1)).unwrap_or(0);
        order.swap(i, j);
    }
    let total: u64 = plan.offices.iter().map(|(_, w)| *w).sum::<u64>().max(1);
    let mut drawn: Vec<(usize, usize, usize)> = order
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let h = mix(seed.wrapping_add(i as u64).wrapping_mul(31));
            let (_, weeks) = run.stories[*s];
            let w = usize::try_from(h % (u64::from(weeks) + 1)).unwrap_or(0);
            let mut pick = mix(h) % total;
            let office = plan
                .offices
                .iter()
                .position(|(_, weight)| {
                    let here = pick < *weight;
                    pick = pick.saturating_sub(*weight);
                    here
                })
                .unwrap_or(0);
            (*s, w, office)
        })
        .collect();
    drawn.sort_by_key(|(_, w, _)| std::cmp::Reverse(*w));
    drawn
        .into_iter()
        .enumerate()
        .map(|(n, (s, w, office))| Copy {
            n: i64::try_from(n).unwrap_or(i64::MAX),
            variant: run.stories[s].0 + w,
            office,
        })
        .collect()
}

/// Refuses a run whose numbers would not fit a year's six digits, before anything is written.
pub(crate) async fn check_numbers(
    store: &SqlStore,
    run: &Run,
    copies: &[Copy],
) -> Result<(), StoreError> {
    let mut per_year: std::collections::BTreeMap<i16, i64> = Default::default();
    for c in copies {
        for year in &run.variants[c.variant].years {
            *per_year.entry(*year).or_default() += 1;
        }
    }
    for (year, count) in per_year {
        let used: Option<i64> = sqlx::query_scalar("SELECT value FROM counters WHERE name = $1")
            .bind(format!("application:{year}"))
            .fetch_optional(&store.read)
            .await
            .map_err(db)?;
        let used = used.unwrap_or(0);
        if used + count > 999_999 {
            return Err(failure(format!(
                "refused: {count} more applications of {year} would run past KND-{year}-999999 \
                 ({used} numbers of {year} are taken); seed fewer, or into a fresh database"
            )));
        }
    }
    Ok(())
}

pub(crate) async fn execute(conn: &mut AnyConnection, sql: String) -> Result<(), StoreError> {
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}

/// Fills the scratch tables with the offices and every variant's template rows.
pub(crate) async fn fill(
    conn: &mut AnyConnection,
    run: &Run,
    layout: &Layout,
) -> Result<(), StoreError> {
    for (i, o) in run.offices.iter().enumerate() {
        let mut q = sqlx::query(
            "INSERT INTO bench_office (idx, code, region, officer, officer_iin, head, head_iin) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(i64::try_from(i).unwrap_or(0));
        for t in o.texts() {
            q = q.bind(t.to_owned());
        }
        q.execute(&mut *conn).await.map_err(db)?;
    }
    // SQLite finds each `$N` by name, one by one: a statement of many parameters binds in
    // quadratic time.
    let limit = match run.backend {
        Backend::Sqlite => 300,
        Backend::Postgres => 60_000,
    };
    for (ti, t) in TABLES.iter().enumerate() {
        let mut rows: Vec<(usize, usize, &Vec<Value>)> = Vec::new();
        for (vi, v) in run.variants.iter().enumerate() {
            rows.extend(v.rows[ti].iter().enumerate().map(|(k, r)| (vi, k + 1, r)));
        }
        for chunk in rows.chunks((limit / sql::params_per_row(t)).max(1)) {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql::insert_template_rows(
                t,
                chunk.len(),
            )));
            for (vi, k, row) in chunk {
                q = q
                    .bind(i64::try_from(*vi).unwrap_or(0))
                    .bind(i64::try_from(*k).unwrap_or(0));
                for (ci, ((_, kind), v)) in t.columns.iter().zip(row.iter()).enumerate() {
                    let column = &layout.0[ti][ci];
                    q = match (kind, v) {
                        (Kind::Text, Value::Text(s)) => {
                            let (kept, k) = column.kept(s);
                            q.bind(kept).bind(k)
                        }
                        (Kind::Text, _) => q
                            .bind(None::<String>)
                            .bind(matches!(column, Column::Single(_)).then(|| "000".to_owned())),
                        (Kind::Int, Value::Int(n)) => q.bind(*n),
                        (Kind::Int, _) => q.bind(None::<i64>),
                        (Kind::Blob, Value::Blob(b)) => q.bind(b.clone()),
                        (Kind::Blob, _) => q.bind(None::<Vec<u8>>),
                    };
                }
            }
            q.execute(&mut *conn).await.map_err(db)?;
        }
    }
    Ok(())
}

/// What the benchmark is told about.
pub(crate) struct Listing {
    pub(crate) wanted: Vec<usize>,
    pub(crate) seeded: Seeded,
    pub(crate) closed_cases: Vec<ApplicationId>,
}

impl Listing {
    pub(crate) fn note(
        &mut self,
        run: &Run,
        c: &Copy,
        numbers: &[String; 2],
        applicant: &str,
        today: Date,
    ) {
        let v = &run.variants[c.variant];
        let id = |t| copy_id(&run.prefix, t, c.n);
        let app = |j| ApplicationId::parse(&id(Token::App(j))).ok();
        let n = usize::try_from(c.n).unwrap_or(0);
        if self.wanted.binary_search(&n).is_ok()
            && let (Ok(user), Ok(iin), Some(app)) = (
                UserId::parse(&id(Token::User)),
                Iin::parse(applicant),
                app(0),
            )
        {
            self.seeded.people.push((user, iin, app));
        }
        if c.office == 0 && !v.draft {
            for j in 0..v.years.len() {
                let list = if v.open {
                    &mut self.seeded.office_cases
                } else {
                    &mut self.closed_cases
                };
                if list.len() < 1000
                    && let Some(a) = app(j)
                {
                    list.push(a);
                }
            }
        }
        if v.valid_until.is_some_and(|d| d >= today)
            && self.seeded.certificates.len() < 1000
            && let Ok(number) = CertificateNumber::parse(&format!("KC-{}", numbers[0]))
        {
            self.seeded.certificates.push(number);
        }
    }
}
