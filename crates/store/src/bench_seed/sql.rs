//! The statements of a seeding run: the scratch tables (temporary, on the run's one
//! connection) and the set-based copies, `INSERT … SELECT` over the batch's copies (`c`) joined
//! with their variants' template rows (`v`) and their office (`o`). Each column of a template
//! table is copied as it is, computed from the copy (a column that always holds one token, such
//! as an id), or rewritten with `replace` for each token it holds.

use super::tables::{Kind, TABLES, Table};
use super::template::{Template, Value};
use super::tokens::{Segment, Token, segments, tokens_in};
use crate::Backend;

/// How one column of a template table becomes the copy's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Column {
    /// As the template has it.
    Plain,
    /// Always exactly one token of this family: computed, its number in `<column>__k`.
    Exact(Token),
    /// At most one token, of this family, among other text: the template keeps the family's
    /// marker in its place and the number in `<column>__k`; one `replace` puts the value in.
    Single(Token),
    /// Holds these tokens: each replaced.
    Replace(Vec<Token>),
}

impl Column {
    /// Whether the column's value needs the office's row.
    fn of_office(&self) -> bool {
        match self {
            Column::Plain => false,
            Column::Exact(t) | Column::Single(t) => t.of_office(),
            Column::Replace(tokens) => tokens.iter().any(|t| t.of_office()),
        }
    }

    /// The text a template row keeps for `text`, and what `<column>__k` holds beside it.
    pub(crate) fn kept(&self, text: &str) -> (String, Option<String>) {
        match self {
            Column::Exact(_) => (text.to_owned(), exact(text).map(Token::hex)),
            Column::Single(family) => match tokens_in(text).first() {
                Some(t) => (text.replace(&t.text(), &family.marker()), Some(t.hex())),
                // Never NULL: `replace` with a NULL gives NULL, token or not.
                None => (text.to_owned(), Some(family.hex())),
            },
            _ => (text.to_owned(), None),
        }
    }
}

/// The columns of every table, decided from every story's rows.
#[derive(Debug, Clone)]
pub(crate) struct Layout(pub(crate) Vec<Vec<Column>>);

/// The one token `text` is exactly, if it is one.
pub(crate) fn exact(text: &str) -> Option<Token> {
    match segments(text).as_slice() {
        [Segment::Token(t)] => Some(*t),
        _ => None,
    }
}

impl Layout {
    /// The layout for `templates`.
    pub(crate) fn of(templates: &[Template]) -> Layout {
        let columns = TABLES
            .iter()
            .enumerate()
            .map(|(ti, t)| {
                (0..t.columns.len())
                    .map(|ci| {
                        let texts: Vec<&str> = templates
                            .iter()
                            .flat_map(|tpl| &tpl.rows[ti])
                            .filter_map(|row| match &row[ci] {
                                Value::Text(s) => Some(s.as_str()),
                                _ => None,
                            })
                            .collect();
                        classify(&texts)
                    })
                    .collect()
            })
            .collect();
        Layout(columns)
    }
}

fn classify(texts: &[&str]) -> Column {
    let mut tokens: Vec<Token> = Vec::new();
    for t in texts {
        for token in tokens_in(t) {
            if !tokens.contains(&token) {
                tokens.push(token);
            }
        }
    }
    if tokens.is_empty() {
        return Column::Plain;
    }
    let family = |t: &Token| t.number().0;
    let one_family = tokens.iter().all(|t| family(t) == family(&tokens[0]));
    let exacts: Vec<Option<Token>> = texts.iter().map(|t| exact(t)).collect();
    if one_family && exacts.iter().all(Option::is_some) {
        return Column::Exact(tokens[0]);
    }
    let single = texts.iter().all(|t| {
        segments(t)
            .iter()
            .filter(|s| matches!(s, Segment::Token(_)))
            .count()
            <= 1
    });
    if one_family && single {
        return Column::Single(tokens[0]);
    }
    tokens.sort();
    Column::Replace(tokens)
}

fn sql_type(kind: Kind, backend: Backend) -> &'static str {
    match (kind, backend) {
        (Kind::Text, _) => "TEXT",
        (Kind::Int, Backend::Sqlite) => "INTEGER",
        (Kind::Int, Backend::Postgres) => "BIGINT",
        (Kind::Blob, Backend::Sqlite) => "BLOB",
        (Kind::Blob, Backend::Postgres) => "BYTEA",
    }
}

/// The scratch tables' DDL (dropped first: a connection may have run a seed before).
pub(crate) fn scratch_tables(backend: Backend) -> Vec<String> {
    let int = sql_type(Kind::Int, backend);
    let mut out = vec![
        "DROP TABLE IF EXISTS bench_office".to_owned(),
        "DROP TABLE IF EXISTS bench_clone".to_owned(),
        format!(
            "CREATE TEMP TABLE bench_office (idx {int} PRIMARY KEY, code TEXT, region TEXT, \
             officer TEXT, officer_iin TEXT, head TEXT, head_iin TEXT)"
        ),
        format!(
            "CREATE TEMP TABLE bench_clone (n {int} PRIMARY KEY, variant {int}, office {int}, \
             audit_base {int}, num0 TEXT, num1 TEXT, iin TEXT, phone TEXT, masked TEXT, \
             birth TEXT, spouse TEXT, spouse_birth TEXT, nhex TEXT)"
        ),
    ];
    for t in TABLES {
        let mut cols = vec![format!("variant {int}"), format!("k {int}")];
        for (name, kind) in t.columns {
            cols.push(format!("{name} {}", sql_type(*kind, backend)));
            if *kind == Kind::Text {
                cols.push(format!("{name}__k TEXT"));
            }
        }
        out.push(format!("DROP TABLE IF EXISTS bench_t_{}", t.name));
        out.push(format!(
            "CREATE TEMP TABLE bench_t_{} ({})",
            t.name,
            cols.join(", ")
        ));
        out.push(format!(
            "CREATE INDEX bench_t_{0}_variant ON bench_t_{0} (variant, k)",
            t.name
        ));
    }
    out
}

/// Drops the scratch tables.
pub(crate) fn drop_scratch() -> Vec<String> {
    let mut out = vec![
        "DROP TABLE IF EXISTS bench_office".to_owned(),
        "DROP TABLE IF EXISTS bench_clone".to_owned(),
    ];
    out.extend(
        TABLES
            .iter()
            .map(|t| format!("DROP TABLE IF EXISTS bench_t_{}", t.name)),
    );
    out
}

/// The number of parameters one template row of `t` binds.
pub(crate) fn params_per_row(t: &Table) -> usize {
    2 + t
        .columns
        .iter()
        .map(|(_, k)| if *k == Kind::Text { 2 } else { 1 })
        .sum::<usize>()
}

/// `INSERT INTO bench_t_<t>` of `rows` rows.
pub(crate) fn insert_template_rows(t: &Table, rows: usize) -> String {
    let mut names = vec!["variant".to_owned(), "k".to_owned()];
    for (name, kind) in t.columns {
        names.push((*name).to_owned());
        if *kind == Kind::Text {
            names.push(format!("{name}__k"));
        }
    }
    format!(
        "INSERT INTO bench_t_{} ({}) VALUES {}",
        t.name,
        names.join(", "),
        placeholders(rows, names.len())
    )
}

/// `($1, $2, …), (…)`: `rows` groups of `width`.
pub(crate) fn placeholders(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| {
            let group: Vec<String> = (1..=width).map(|i| format!("${}", r * width + i)).collect();
            format!("({})", group.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows of `bench_clone` from `$1`, a JSON array of arrays: four integers, then nine texts.
pub(crate) fn clone_rows(backend: Backend) -> String {
    let (from, element) = match backend {
        Backend::Sqlite => ("json_each($1)", "value"),
        Backend::Postgres => ("json_array_elements($1::json) AS e", "e"),
    };
    let at = |i: usize| format!("{element} ->> {i}");
    let columns: Vec<String> = (0..13)
        .map(|i| match (i < 4, backend) {
            (true, Backend::Postgres) => format!("({})::bigint", at(i)),
            _ => at(i),
        })
        .collect();
    format!("SELECT {} FROM {from}", columns.join(", "))
}

/// The expression that makes a copy's value of column `ci` of `t`.
pub(crate) fn column_expr(t: &Table, ci: usize, column: &Column, prefix: &str) -> String {
    let name = t.columns[ci].0;
    let k = format!("v.{name}__k");
    match column {
        Column::Plain => format!("v.{name}"),
        Column::Exact(token) => format!(
            "CASE WHEN v.{name} IS NULL THEN NULL ELSE {} END",
            token.sql_with(&k, prefix)
        ),
        Column::Single(token) => format!(
            "replace(v.{name}, '{}', {})",
            token.marker(),
            token.sql_with(&k, prefix)
        ),
        Column::Replace(tokens) => tokens.iter().fold(format!("v.{name}"), |inner, token| {
            format!(
                "replace({inner}, '{}', {})",
                token.text(),
                token.sql(prefix)
            )
        }),
    }
}

/// The join a copy statement of table `ti` reads from (the office only when a column needs it).
pub(crate) fn copies_from(ti: usize, layout: &Layout) -> String {
    let name = TABLES[ti].name;
    if layout.0[ti].iter().any(Column::of_office) {
        format!(
            "FROM bench_clone c CROSS JOIN bench_t_{name} v CROSS JOIN bench_office o \
             WHERE v.variant = c.variant AND o.idx = c.office"
        )
    } else {
        format!("FROM bench_clone c CROSS JOIN bench_t_{name} v WHERE v.variant = c.variant")
    }
}

/// The hex of the 32 bytes at link `link` of the batch's hashes (`$1`, the head's first).
fn hash_at(link: &str, backend: Backend) -> String {
    match backend {
        Backend::Sqlite => format!("lower(hex(substr($1, ({link}) * 32 + 1, 32)))"),
        Backend::Postgres => {
            format!("encode(substring($1::bytea from (({link}) * 32 + 1)::int for 32), 'hex')")
        }
    }
}

/// The statement that copies table `ti` for the batch's copies. The audit table's rows also
/// get their chain position and hashes: `$1` the batch's hashes, `$2` the head's position.
pub(crate) fn copy_table(ti: usize, layout: &Layout, backend: Backend, prefix: &str) -> String {
    let t = &TABLES[ti];
    let mut names: Vec<String> = t.columns.iter().map(|(n, _)| (*n).to_owned()).collect();
    let mut exprs: Vec<String> = (0..t.columns.len())
        .map(|ci| column_expr(t, ci, &layout.0[ti][ci], prefix))
        .collect();
    let mut order = String::new();
    if t.name == "audit" {
        let position = "(c.audit_base + v.k)";
        names.extend(["chain_pos", "prev_hash", "hash"].map(str::to_owned));
        exprs.push(position.to_owned());
        exprs.push(hash_at(&format!("{position} - $2 - 1"), backend));
        exprs.push(hash_at(&format!("{position} - $2"), backend));
        // SQLite's loops (the cross joins fix their nesting: the copies by `n`, each one's
        // rows by the index on `(variant, k)`) give the rows in chain order, so that `seq`
        // follows `chain_pos`; PostgreSQL's plan may not.
        if backend == Backend::Postgres {
            order = " ORDER BY c.n, v.k".to_owned();
        }
    }
    format!(
        "INSERT INTO {} ({}) SELECT {} {}{order}",
        t.name,
        names.join(", "),
        exprs.join(", "),
        copies_from(ti, layout)
    )
}
