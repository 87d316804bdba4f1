//! A template story read back from the tables, every value of it that a copy must not share
//! (ids, numbers, the people, the office and its staff) replaced by a token `@@X@@`, so that a
//! copy is the same rows with the tokens replaced by its own values.

use jiff::Timestamp;
use kandas_app::ports::store::{ApplicationStore, StoreError};
use kandas_domain::phone::PhoneNumber;
use sqlx::Row as _;
use sqlx::any::AnyRow;

use super::tables::{Kind, TABLES, Table, table};
use super::tokens::Token;
use super::{OfficeStaff, Story, failure};
use crate::SqlStore;
use crate::error::db;

/// One value of a row as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// NULL.
    Null,
    /// An integer.
    Int(i64),
    /// Text (tokens in it once templated).
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
}

/// A story's rows, table by table (in [`TABLES`] order), tokens in their texts.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    /// The rows of each table.
    pub(crate) rows: Vec<Vec<Vec<Value>>>,
    /// When each application was created (its number's year follows it).
    pub(crate) created: Vec<Timestamp>,
    /// The earliest time in the story: times from a day before it on move with a copy.
    pub(crate) first: Timestamp,
    /// Whether the family has a member with an IIN (a registry person of its own).
    pub(crate) spouse: bool,
}

fn value(row: &AnyRow, column: &str, kind: Kind) -> Result<Value, StoreError> {
    Ok(match kind {
        Kind::Text => row
            .try_get::<Option<String>, _>(column)
            .map_err(db)?
            .map_or(Value::Null, Value::Text),
        Kind::Int => row
            .try_get::<Option<i64>, _>(column)
            .map_err(db)?
            .map_or(Value::Null, Value::Int),
        Kind::Blob => row
            .try_get::<Option<Vec<u8>>, _>(column)
            .map_err(db)?
            .map_or(Value::Null, Value::Blob),
    })
}

impl SqlStore {
    /// The rows of `table` where `filter` holds for `key`, in `order`.
    async fn rows_where(
        &self,
        t: &Table,
        filter: &str,
        key: &str,
    ) -> Result<Vec<(Option<i64>, Vec<Value>)>, StoreError> {
        let columns: Vec<&str> = t.columns.iter().map(|(c, _)| *c).collect();
        let order = if t.name == "audit" {
            ", chain_pos AS bench_order"
        } else {
            ", NULL AS bench_order"
        };
        let sql = format!(
            "SELECT {}{order} FROM {} WHERE {filter}",
            columns.join(", "),
            t.name
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(key)
            .fetch_all(&self.write)
            .await
            .map_err(db)?;
        rows.iter()
            .map(|row| {
                let order = row.try_get::<Option<i64>, _>("bench_order").map_err(db)?;
                let values = t
                    .columns
                    .iter()
                    .map(|(c, k)| value(row, c, *k))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((order, values))
            })
            .collect()
    }
}

/// Collects the rows of one table for several keys, each row once.
struct Collect {
    rows: Vec<Vec<Vec<Value>>>,
    audit: Vec<(i64, Vec<Value>)>,
}

impl Collect {
    fn add(&mut self, table: &str, found: Vec<(Option<i64>, Vec<Value>)>) {
        let Some((i, _)) = super::tables::table(table) else {
            return;
        };
        for (order, values) in found {
            if table == "audit" {
                let position = order.unwrap_or(i64::MAX);
                if !self.audit.iter().any(|(p, _)| *p == position) {
                    self.audit.push((position, values));
                }
            } else if !self.rows[i].contains(&values) {
                self.rows[i].push(values);
            }
        }
    }
}

fn text_at(row: &[Value], i: usize) -> Option<&str> {
    match row.get(i) {
        Some(Value::Text(s)) => Some(s),
        _ => None,
    }
}

/// Reads story `story` back and replaces what a copy must own by tokens.
pub(crate) async fn read(
    store: &SqlStore,
    story: &Story,
    staff: &OfficeStaff,
) -> Result<Template, StoreError> {
    let mut c = Collect {
        rows: vec![Vec::new(); TABLES.len()],
        audit: Vec::new(),
    };
    let t = |name| table(name).map(|(_, t)| t).ok_or_else(|| failure(name));
    let user = story.user.as_str();
    let iin = story.applicant.as_str();
    c.add(
        "users",
        store.rows_where(t("users")?, "id = $1", user).await?,
    );
    let mut apps = Vec::new();
    for id in &story.applications {
        let app = store
            .application(id)
            .await?
            .ok_or_else(|| failure("a template application is missing"))?;
        apps.push(app);
    }
    let spouses: Vec<String> = apps
        .iter()
        .flat_map(|a| a.form.members.iter().filter_map(|m| m.iin.clone()))
        .map(|i| i.as_str().to_owned())
        .collect();
    for person in std::iter::once(iin.to_owned()).chain(spouses.iter().cloned()) {
        for name in ["registry_persons", "registry_phones"] {
            c.add(name, store.rows_where(t(name)?, "iin = $1", &person).await?);
        }
    }
    for app in &apps {
        let id = app.id.as_str();
        for (name, filter) in [
            ("applications", "id = $1"),
            (
                "attachments",
                "application_id = $1 ORDER BY uploaded_at, id",
            ),
            ("evidence", "application_id = $1"),
            ("case_events", "application_id = $1 ORDER BY seq"),
            ("case_assignments", "application_id = $1"),
            (
                "jobs",
                "id IN (SELECT job_id FROM deliveries WHERE application_id = $1) \
                 ORDER BY created_at, id",
            ),
            (
                "deliveries",
                "job_id IN (SELECT job_id FROM deliveries WHERE application_id = $1) \
                 ORDER BY started_at, id",
            ),
            (
                "notifications",
                "application_id = $1 ORDER BY created_at, id",
            ),
            ("audit", "application_id = $1"),
        ] {
            c.add(name, store.rows_where(t(name)?, filter, id).await?);
        }
    }
    c.add(
        "certificates",
        store
            .rows_where(t("certificates")?, "holder = $1", iin)
            .await?,
    );
    for filter in ["subject = $1", "actor_iin = $1"] {
        c.add("audit", store.rows_where(t("audit")?, filter, iin).await?);
    }
    c.audit.sort_by_key(|(p, _)| *p);
    let (audit_index, _) = table("audit").ok_or_else(|| failure("audit"))?;
    c.rows[audit_index] = c.audit.into_iter().map(|(_, v)| v).collect();
    let phone = c.rows[table("registry_phones").map_or(0, |(i, _)| i)]
        .iter()
        .find(|r| text_at(r, 0) == Some(iin))
        .and_then(|r| text_at(r, 1))
        .and_then(|p| PhoneNumber::parse(p).ok())
        .ok_or_else(|| failure("the template applicant has no phone"))?;
    let mut replace: Vec<(String, String)> = Vec::new();
    for (j, app) in apps.iter().enumerate() {
        replace.push((app.id.as_str().to_owned(), Token::App(j).text()));
        let (year, seq) = app.number.parts();
        replace.push((format!("{year:04}-{seq:06}"), Token::Number(j).text()));
    }
    let birth = |person: &str| {
        c.rows[table("registry_persons").map_or(0, |(i, _)| i)]
            .iter()
            .find(|r| text_at(r, 0) == Some(person))
            .and_then(|r| text_at(r, 6))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let mut people = vec![
        (iin.to_owned(), Token::Iin),
        (user.to_owned(), Token::User),
        (phone.as_str().to_owned(), Token::Phone),
        (phone.masked(), Token::Masked),
        (birth(iin), Token::Birth),
        (staff.officer.as_str().to_owned(), Token::Officer),
        (staff.officer_iin.as_str().to_owned(), Token::OfficerIin),
        (staff.head.as_str().to_owned(), Token::Head),
        (staff.head_iin.as_str().to_owned(), Token::HeadIin),
        (staff.office.as_str().to_owned(), Token::Office),
    ];
    if let Some(spouse) = spouses.first() {
        people.push((spouse.clone(), Token::Spouse));
        people.push((birth(spouse), Token::SpouseBirth));
    }
    for (name, make) in [
        ("attachments", Token::File as fn(usize) -> Token),
        ("jobs", Token::Job),
        ("deliveries", Token::Delivery),
    ] {
        let (i, _) = table(name).ok_or_else(|| failure(name))?;
        for (k, row) in c.rows[i].iter().enumerate() {
            if let Some(id) = text_at(row, 0) {
                people.push((id.to_owned(), make(k)));
            }
        }
    }
    replace.extend(people.into_iter().map(|(from, t)| (from, t.text())));
    // The region is a JSON string of its own (`"region":"astana"`); the office code holds it
    // too, and is replaced first (longer).
    replace.push((
        format!("\"{}\"", staff.office.region_code()),
        format!("\"{}\"", Token::Region.text()),
    ));
    replace.retain(|(from, _)| !from.is_empty());
    replace.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    for rows in &mut c.rows {
        for row in rows.iter_mut() {
            for v in row.iter_mut() {
                if let Value::Text(s) = v {
                    for (from, to) in &replace {
                        if s.contains(from.as_str()) {
                            *s = s.replace(from.as_str(), to);
                        }
                    }
                }
            }
        }
    }
    let first = apps
        .iter()
        .map(|a| a.created_at)
        .min()
        .ok_or_else(|| failure("a story without applications"))?;
    Ok(Template {
        rows: c.rows,
        created: apps.iter().map(|a| a.created_at).collect(),
        first: first
            .checked_sub(jiff::SignedDuration::from_hours(24))
            .unwrap_or(first),
        spouse: !spouses.is_empty(),
    })
}
