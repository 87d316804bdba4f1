//! `GET /cabinet/access`: "Who accessed my data", newest first.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::applicant::accesses::{Access, accesses};

use super::layout::{SignedCtx, Texts};
use crate::AppState;

/// One access as the page shows it.
pub struct AccessRow {
    /// When, written out.
    pub when: String,
    /// Who: the role and the office.
    pub who: String,
    /// What was done.
    pub what: String,
    /// Why.
    pub purpose: String,
    /// The application's number, when recorded.
    pub number: Option<String>,
}

/// The page.
#[derive(Template)]
#[template(path = "cabinet/access.html")]
pub struct AccessPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The accesses.
    pub rows: Vec<AccessRow>,
}

fn row(t: Texts, a: &Access) -> AccessRow {
    let role = a.role.map(|r| t.pre("role-", r.code()));
    let office = a.office.as_ref().map_or_else(
        || t.get("access-unknown-office"),
        |o| kandas_i18n::office_name(t.lang, o),
    );
    AccessRow {
        when: t.when(&a.at),
        who: role.map_or(office.clone(), |role| format!("{role}, {office}")),
        what: t.get(&kandas_i18n::access_message(a.action)),
        purpose: t.pre("audit-purpose-", a.purpose.code()),
        number: a.number.clone(),
    }
}

/// `GET /cabinet/access`.
pub async fn show(ctx: SignedCtx, State(state): State<AppState>) -> Response {
    match accesses(&state.service, &ctx.actor).await {
        Ok(all) => ctx.page(
            StatusCode::OK,
            &AccessPage {
                t: ctx.t,
                csrf: ctx.csrf.clone(),
                signed_in: true,
                rows: all.iter().map(|a| row(ctx.t, a)).collect(),
            },
        ),
        Err(e) => ctx.failure(&e),
    }
}
