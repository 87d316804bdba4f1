//! `/performance.csv`: the same figures as the page, one line per office and month, the total
//! first (`office` = `total`); a suppressed cell is `<5`. Codes only (offices, grounds), so
//! no field needs quoting.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kandas_app::performance::{MonthFigures, Performance, SMALL_CELL};

use super::shown;
use crate::AppState;
use crate::api::ClientIp;
use crate::pages::layout::Ctx;

/// The CSV's header line.
pub const HEADER: &str = "office,month,received,decided,on_time_percent,median_working_days,\
refused_to_accept,extensions,refusals_by_ground";

fn decimal(v: Option<f64>) -> String {
    v.map_or_else(|| format!("<{SMALL_CELL}"), |v| format!("{v:.1}"))
}

fn line(office: &str, m: &MonthFigures) -> String {
    let grounds: Vec<String> = m
        .refusals_by_ground
        .iter()
        .map(|g| format!("{}:{}", g.ground, shown(g.count)))
        .collect();
    format!(
        "{office},{},{},{},{},{},{},{},{}",
        m.month.code(),
        shown(m.received),
        shown(m.decided),
        decimal(m.on_time_percent),
        decimal(m.median_working_days),
        shown(m.refused_to_accept),
        shown(m.extensions),
        grounds.join(";"),
    )
}

/// The CSV text of `p`.
pub fn text(p: &Performance) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for o in &p.offices {
        let office = o.office.as_ref().map_or("total", |c| c.as_str());
        for m in &o.months {
            out.push_str(&line(office, m));
            out.push('\n');
        }
    }
    out
}

/// `GET /performance.csv`.
pub async fn download(ctx: Ctx, State(state): State<AppState>, ClientIp(ip): ClientIp) -> Response {
    if let Err(e) = state.public_limit.check(&ip) {
        return ctx.failure(&e);
    }
    match kandas_app::performance::figures(&state.service).await {
        Ok(p) => (
            StatusCode::OK,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"kandas-performance.csv\""),
                ),
            ],
            text(&p),
        )
            .into_response(),
        Err(e) => ctx.failure(&e),
    }
}
