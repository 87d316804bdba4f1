//! The auditor's downloads, the same from the API and the pages: a search's rows as CSV
//! (RFC 4180, one line per row, newest first) and a period's verifiable bundle as JSON.
//!
//! A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or
//! a carriage return) is written with a leading apostrophe, so that opening the file never
//! runs what someone typed into a form.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kandas_app::audit_chain::bundle::Bundle;
use kandas_app::auditor::TrailRow;

/// The CSV's header line.
pub const HEADER: &str = "position,at,actor_iin,role,office,subject,application,number,action,purpose,request_id,details";

/// One cell, quoted when it holds a comma, a quote or a line break.
fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

fn line(r: &TrailRow) -> String {
    let rec = &r.row.record;
    let details = if rec.details.is_null() {
        String::new()
    } else {
        rec.details.to_string()
    };
    [
        r.row.position.map(|p| p.to_string()).unwrap_or_default(),
        rec.at.to_string(),
        rec.actor_iin
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        rec.role.map(|r| r.code().to_owned()).unwrap_or_default(),
        r.office
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        rec.subject
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        rec.application
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        r.number.clone().unwrap_or_default(),
        rec.action.code().to_owned(),
        rec.action.purpose().code().to_owned(),
        rec.request_id.clone(),
        details,
    ]
    .iter()
    .map(|v| cell(v))
    .collect::<Vec<_>>()
    .join(",")
}

/// The CSV text of `rows`.
pub fn csv_text(rows: &[TrailRow]) -> String {
    let mut out = String::from(HEADER);
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&line(r));
        out.push_str("\r\n");
    }
    out
}

fn download(content_type: &'static str, file_name: &str, body: String) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// The rows as a CSV download.
pub fn csv(rows: &[TrailRow]) -> Response {
    download(
        "text/csv; charset=utf-8",
        "kandas-audit.csv",
        csv_text(rows),
    )
}

/// The bundle as a JSON download, named by its period.
pub fn bundle(b: &Bundle) -> Response {
    download(
        "application/json",
        &format!("kandas-audit-{}-{}.json", b.from, b.to),
        b.to_json(),
    )
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_formulas_disarmed() {
        assert_eq!(cell("900101300811"), "900101300811");
        assert_eq!(cell(r#"{"a":1,"b":"x"}"#), r#""{""a"":1,""b"":""x""}""#);
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }
}
