//! `/performance`: the public performance figures as a page (a table per office, the total
//! first, and a server-rendered SVG chart of the total with the table as its text alternative)
//! and as a CSV download (`/performance.csv`). No sign-in; nothing personal.

mod chart;
mod csv;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::performance::{Count, MonthFigures, OfficeFigures};
use kandas_domain::office::{OfficeCode, region};

pub use self::chart::Chart;
pub use self::csv::download;
use super::layout::{Ctx, Texts};
use crate::AppState;
use crate::api::ClientIp;

/// One month of an office's table, written out.
pub struct Row {
    /// `YYYY-MM`.
    pub month: String,
    /// Received.
    pub received: String,
    /// Decided.
    pub decided: String,
    /// On time, per cent.
    pub on_time: String,
    /// Median working days.
    pub median: String,
    /// Refusals by ground: (ground's title, count).
    pub grounds: Vec<(String, String)>,
    /// Refusals to accept.
    pub refused_to_accept: String,
    /// Extensions.
    pub extensions: String,
}

/// One office's table (or the total's).
pub struct Table {
    /// Its heading.
    pub name: String,
    /// Its anchor.
    pub anchor: String,
    /// Month by month.
    pub rows: Vec<Row>,
}

/// The page.
#[derive(Template)]
#[template(path = "public/performance.html")]
pub struct PerformancePage {
    /// Texts.
    pub t: Texts,
    /// CSRF token (the sign-out form).
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The period, written out.
    pub period: String,
    /// The total's chart.
    pub chart: Chart,
    /// The total first, then each office.
    pub tables: Vec<Table>,
}

/// A count as the page shows it: the number, or "<5".
pub fn shown(c: Count) -> String {
    crate::api::performance_dto::csv_count(c)
}

fn decimal(t: Texts, v: Option<f64>, suffix: &str) -> String {
    v.map_or_else(
        || format!("<{}", kandas_app::performance::SMALL_CELL),
        |v| {
            let s = format!("{v:.1}{suffix}");
            if t.lang == "en" {
                s
            } else {
                s.replace('.', ",")
            }
        },
    )
}

fn row(t: Texts, m: &MonthFigures) -> Row {
    Row {
        month: m.month.code(),
        received: shown(m.received),
        decided: shown(m.decided),
        on_time: decimal(t, m.on_time_percent, " %"),
        median: decimal(t, m.median_working_days, ""),
        grounds: m
            .refusals_by_ground
            .iter()
            .map(|g| (t.pre("ground-", &g.ground), shown(g.count)))
            .collect(),
        refused_to_accept: shown(m.refused_to_accept),
        extensions: shown(m.extensions),
    }
}

/// The office's name in the page's language.
pub fn office_name(t: Texts, office: Option<&OfficeCode>) -> String {
    match office {
        None => t.get("perf-total"),
        Some(o) => region(o.region_code()).map_or_else(
            |_| o.as_str().to_owned(),
            |r| t.arg("office-leb", "region", r.name(t.lang)),
        ),
    }
}

fn table(t: Texts, o: &OfficeFigures) -> Table {
    Table {
        name: office_name(t, o.office.as_ref()),
        anchor: o
            .office
            .as_ref()
            .map_or_else(|| "total".to_owned(), |c| c.as_str().to_owned()),
        rows: o.months.iter().map(|m| row(t, m)).collect(),
    }
}

/// `GET /performance`.
pub async fn page(ctx: Ctx, State(state): State<AppState>, ClientIp(ip): ClientIp) -> Response {
    if let Err(e) = state.public_limit.check(&ip) {
        return ctx.failure(&e);
    }
    let figures = match kandas_app::performance::figures(&state.service).await {
        Ok(f) => f,
        Err(e) => return ctx.failure(&e),
    };
    let t = ctx.t;
    let page = PerformancePage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: ctx.actor.is_some(),
        period: kandas_i18n::text_with(
            t.lang,
            "perf-period",
            &[("from", figures.from.code()), ("to", figures.to.code())],
        ),
        chart: figures.offices.first().map(Chart::of).unwrap_or_default(),
        tables: figures.offices.iter().map(|o| table(t, o)).collect(),
    };
    ctx.page(StatusCode::OK, &page)
}
