//! What anyone may open without signing in: where an application stands (the receipt's QR code,
//! with its key) and whether a kandas certificate is valid (the certificate's QR code). Nothing
//! personal is shown; an unknown number or a wrong key is the 404 page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::public::{self, PublicCertificate, PublicStatus};
use kandas_domain::certificate::CertificateStatus;
use kandas_domain::office::OfficeCode;
use serde::Deserialize;

use super::layout::{Ctx, Texts};
use crate::AppState;
use crate::api::ClientIp;

/// An application's public status.
#[derive(Template)]
#[template(path = "public/status.html")]
pub struct StatusPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token (the sign-out form).
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The number.
    pub number: String,
    /// Kind code.
    pub kind: &'static str,
    /// Status code.
    pub status: &'static str,
    /// Channel code.
    pub channel: &'static str,
    /// Decision due by, written out, and whether it is (or was decided) on time.
    pub due: Option<(String, bool)>,
    /// Decided: where the result can be collected (a message id).
    pub collect: Option<&'static str>,
}

/// A certificate's public check.
#[derive(Template)]
#[template(path = "public/certificate.html")]
pub struct CertificatePage {
    /// Texts.
    pub t: Texts,
    /// CSRF token (the sign-out form).
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The number.
    pub number: String,
    /// `valid`, `extended` or `expired`.
    pub status: &'static str,
    /// Valid until, written out.
    pub valid_until: String,
    /// The holder's IIN, masked.
    pub holder: String,
    /// The issuing body, by name.
    pub issuer: String,
}

/// The key printed with the status link.
#[derive(Deserialize)]
pub struct StatusKey {
    #[serde(default)]
    key: String,
}

fn status_page(ctx: &Ctx, s: PublicStatus) -> StatusPage {
    let t = ctx.t;
    let collect = s.result_ready.then_some(match s.channel {
        "portal" => "status-page-collect-portal",
        _ => "status-page-collect-desk",
    });
    StatusPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: ctx.actor.is_some(),
        number: s.number,
        kind: s.kind,
        status: s.status,
        channel: s.channel,
        due: s.due.map(|d| (t.date(&d), s.on_time.unwrap_or(true))),
        collect,
    }
}

/// `GET /status/{number}?key=…`.
pub async fn status(
    ctx: Ctx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(number): Path<String>,
    Query(q): Query<StatusKey>,
) -> Response {
    if let Err(e) = state.public_limit.check(&ip) {
        return ctx.failure(&e);
    }
    match public::status(&state.service, &number, &q.key).await {
        Ok(s) => ctx.page(StatusCode::OK, &status_page(&ctx, s)),
        Err(e) => ctx.failure(&e),
    }
}

fn certificate_page(ctx: &Ctx, c: PublicCertificate) -> CertificatePage {
    let t = ctx.t;
    let status = match c.status {
        CertificateStatus::Valid => "valid",
        CertificateStatus::Extended => "extended",
        CertificateStatus::Expired => "expired",
        CertificateStatus::Terminated => "terminated",
        CertificateStatus::Revoked => "revoked",
    };
    let valid_until = c
        .valid_until
        .parse::<jiff::civil::Date>()
        .map_or_else(|_| c.valid_until.clone(), |d| t.date(&d));
    let issuer = OfficeCode::parse(&c.issuer).map_or_else(
        |_| c.issuer.clone(),
        |o| kandas_i18n::office_name(t.lang, &o),
    );
    CertificatePage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: ctx.actor.is_some(),
        number: c.number,
        status,
        valid_until,
        holder: c.holder_masked,
        issuer,
    }
}

/// `GET /certificates/{number}` (also `/verify/{number}`, the address in the certificate's QR).
pub async fn certificate(
    ctx: Ctx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(number): Path<String>,
) -> Response {
    if let Err(e) = state.public_limit.check(&ip) {
        return ctx.failure(&e);
    }
    match public::certificate(&state.service, &number).await {
        Ok(c) => {
            metrics::counter!("certificate_checks_total", "status" => c.status.code()).increment(1);
            ctx.page(StatusCode::OK, &certificate_page(&ctx, c))
        }
        Err(e) => ctx.failure(&e),
    }
}

/// The check by number and printed code, for people without a camera.
#[derive(Template)]
#[template(path = "public/check.html")]
pub struct CheckPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token (unused: the form is a GET).
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The number typed.
    pub number: String,
    /// The code typed.
    pub code: String,
    /// Whether a check found nothing.
    pub not_found: bool,
}

/// `?number=&code=`.
#[derive(Deserialize)]
pub struct CheckQuery {
    #[serde(default)]
    number: String,
    #[serde(default)]
    code: String,
}

/// `GET /check?number=&code=`: the certificate's live status when the printed code matches its
/// number; otherwise the form again, saying nothing was found (the same for a wrong code as for
/// an unknown number).
pub async fn check(
    ctx: Ctx,
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Query(q): Query<CheckQuery>,
) -> Response {
    let asked = !q.number.trim().is_empty() || !q.code.trim().is_empty();
    if asked {
        if let Err(e) = state.public_limit.check(&ip) {
            return ctx.failure(&e);
        }
        let code: String = q.code.chars().filter(char::is_ascii_digit).collect();
        match kandas_app::sealing::certificate_with_code(&state.service, &q.number, &code).await {
            Ok(c) => {
                metrics::counter!("certificate_checks_total", "status" => c.status.code())
                    .increment(1);
                return ctx.page(StatusCode::OK, &certificate_page(&ctx, c));
            }
            Err(kandas_app::AppError::NotFound) => {}
            Err(e) => return ctx.failure(&e),
        }
    }
    let page = CheckPage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: ctx.actor.is_some(),
        number: q.number.trim().to_owned(),
        code: q.code.trim().to_owned(),
        not_found: asked,
    };
    let status = if asked {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    ctx.page(status, &page)
}
