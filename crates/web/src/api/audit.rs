//! The auditor's API: the trail searched (by the person a row is about, the official who acted,
//! the action, the office, the case and the period), a case's whole trail, a search as CSV and
//! a period as the bundle `kandas audit verify --bundle` checks offline. Every answer is itself
//! audited (`audit.search`, `audit.read-case`, `audit.export`). Only auditors: others 403.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use jiff::Timestamp;
use kandas_app::auditor::{self, TrailQuery, TrailRow, cursor_text};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::body::Query;
use super::dto::ErrorDto;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// A search of the trail (every filter optional; a wrong value is 422 naming its field).
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct TrailParams {
    /// The IIN of the person the rows are about.
    pub subject: Option<String>,
    /// The IIN of the official (or person) who acted.
    pub actor: Option<String>,
    /// An action code (`staff.read-case`, `desk.read-person`, …).
    pub action: Option<String>,
    /// An office code (`leb-…`, `sc-…`): rows by that office's accounts (their office now).
    pub office: Option<String>,
    /// An application's number: that case's rows.
    pub number: Option<String>,
    /// The period's first day, `YYYY-MM-DD` (Asia/Almaty).
    pub from: Option<String>,
    /// The period's last day, inclusive.
    pub to: Option<String>,
    /// Where the previous page ended: its `older`.
    pub before: Option<String>,
}

impl From<TrailParams> for TrailQuery {
    fn from(p: TrailParams) -> Self {
        TrailQuery {
            subject: p.subject,
            actor: p.actor,
            action: p.action,
            office: p.office,
            number: p.number,
            from: p.from,
            to: p.to,
            before: p.before,
        }
    }
}

/// One row of the trail.
#[derive(Serialize, ToSchema)]
pub struct AuditRowDto {
    /// Its position in the hash chain (none for rows written before the chain began).
    pub position: Option<u64>,
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    /// The IIN of who acted (none for the service's own runs and anonymous attempts).
    pub actor_iin: Option<String>,
    /// The role acted in.
    pub role: Option<&'static str>,
    /// The acting account's office (its office now).
    pub office: Option<String>,
    /// Whose personal data it concerns.
    pub subject: Option<String>,
    /// The application's id.
    pub application: Option<String>,
    /// The application's number.
    pub number: Option<String>,
    /// The action's code.
    pub action: &'static str,
    /// Why (`case`, `desk-intake`, `issue`, `own-case`, `sign-in`, `administration`,
    /// `register`, `retention`, `audit`).
    pub purpose: &'static str,
    /// The request it was part of.
    pub request_id: String,
    /// More detail, as recorded: a JSON text (none when the row has none).
    pub details: Option<String>,
}

impl From<&TrailRow> for AuditRowDto {
    fn from(r: &TrailRow) -> Self {
        let rec = &r.row.record;
        AuditRowDto {
            position: r.row.position,
            at: rec.at,
            actor_iin: rec.actor_iin.as_ref().map(ToString::to_string),
            role: rec.role.map(|r| r.code()),
            office: r.office.as_ref().map(ToString::to_string),
            subject: rec.subject.as_ref().map(ToString::to_string),
            application: rec.application.as_ref().map(ToString::to_string),
            number: r.number.clone(),
            action: rec.action.code(),
            purpose: rec.action.purpose().code(),
            request_id: rec.request_id.clone(),
            details: (!rec.details.is_null()).then(|| rec.details.to_string()),
        }
    }
}

/// A page of a search, newest first.
#[derive(Serialize, ToSchema)]
pub struct AuditPageDto {
    /// The rows (at most 100).
    pub records: Vec<AuditRowDto>,
    /// The next (older) page: pass it as `before`; none on the last page.
    pub older: Option<String>,
}

/// A case's whole trail, newest first.
#[derive(Serialize, ToSchema)]
pub struct CaseTrailDto {
    /// The application's number.
    pub number: String,
    /// Its rows.
    pub records: Vec<AuditRowDto>,
}

/// The verifiable bundle as written (`kandas_app::audit_chain::bundle`; this is its shape).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct AuditBundleDto {
    /// `kandas-audit-bundle`.
    format: String,
    /// The format's version: 1.
    v: u32,
    /// The first day asked for.
    #[schema(value_type = String, format = Date)]
    from: String,
    /// The last day asked for.
    #[schema(value_type = String, format = Date)]
    to: String,
    /// Where the rows start: a sealed position and its hash (position 0: the chain's start).
    anchor: BundleAnchorDto,
    /// The rows in chain order.
    rows: Vec<BundleRowDto>,
    /// The seals among them.
    seals: Vec<BundleSealDto>,
    /// The authority's published seal keys (a JWK set).
    keys: JwkSetDto,
}

/// The bundle's anchor.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BundleAnchorDto {
    /// The chain position.
    position: u64,
    /// Its hash, hex.
    hash: String,
}

/// One row of a bundle.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BundleRowDto {
    /// The row's `seq`.
    seq: i64,
    /// Its hash, hex.
    hash: String,
    /// Its chain entry's bytes, base64 (`kandas_app::audit_chain::entry` specifies them).
    entry: String,
}

/// One seal of a bundle.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BundleSealDto {
    /// The position sealed.
    position: u64,
    /// The hash sealed, hex.
    hash: String,
    /// When.
    #[schema(value_type = String, format = DateTime)]
    sealed_at: String,
    /// The seal key's id.
    kid: String,
    /// The COSE_Sign1 seal, base64.
    cose: String,
}

/// A JWK set of Ed25519 seal keys.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct JwkSetDto {
    /// The keys.
    keys: Vec<JwkDto>,
}

/// One published seal key.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct JwkDto {
    /// `OKP`.
    kty: String,
    /// `Ed25519`.
    crv: String,
    /// The public key, base64url.
    x: String,
    /// The key's id.
    kid: String,
    /// `sig`.
    #[schema(rename = "use")]
    use_: String,
    /// `EdDSA`.
    #[schema(required = false)]
    alg: Option<String>,
    /// In use from.
    #[schema(value_type = String, format = DateTime)]
    not_before: String,
    /// Retired at.
    #[schema(value_type = Option<String>, format = DateTime, required = false)]
    not_after: Option<String>,
}

/// A search of the trail, a page of 100 rows at a time.
#[utoipa::path(get, path = "/api/v1/audit/records", tag = "audit", params(TrailParams),
    responses((status = 200, body = AuditPageDto), (status = 401, body = ErrorDto), (status = 403, body = ErrorDto),
        (status = 422, body = ErrorDto, description = "a filter that is not what its field takes (`fields` names each: subject, actor, action, office, number, from, to, before)")))]
pub async fn records(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(p): Query<TrailParams>,
) -> Result<Json<AuditPageDto>, WebError> {
    let page = auditor::search(&state.service, &actor, &p.into()).await?;
    Ok(Json(AuditPageDto {
        records: page.rows.iter().map(AuditRowDto::from).collect(),
        older: page.older.as_ref().map(cursor_text),
    }))
}

/// Every row of a search as CSV (at most 50,000; more is 422 `audit.too-many-rows`).
#[utoipa::path(get, path = "/api/v1/audit/records.csv", tag = "audit", params(TrailParams),
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = ErrorDto), (status = 403, body = ErrorDto),
        (status = 422, body = ErrorDto, description = "a wrong filter, or more rows than one export holds")))]
pub async fn records_csv(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(p): Query<TrailParams>,
) -> Result<Response, WebError> {
    let rows = auditor::export_rows(&state.service, &actor, &p.into()).await?;
    Ok(crate::audit_files::csv(&rows))
}

/// The verifiable bundle of the days `from` to `to` (both needed): the rows, the seals and the
/// published keys, which `kandas audit verify --bundle FILE` checks on any machine.
#[utoipa::path(get, path = "/api/v1/audit/bundle", tag = "audit", params(TrailParams),
    responses((status = 200, content_type = "application/json", body = AuditBundleDto), (status = 401, body = ErrorDto), (status = 403, body = ErrorDto),
        (status = 422, body = ErrorDto, description = "a wrong date, or the period not given (`audit.period-required`)")))]
pub async fn bundle(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(p): Query<TrailParams>,
) -> Result<Response, WebError> {
    let bundle = auditor::export_bundle(&state.service, &actor, &p.into()).await?;
    Ok(crate::audit_files::bundle(&bundle))
}

/// A case's whole trail, newest first.
#[utoipa::path(get, path = "/api/v1/audit/applications/{id}", tag = "audit", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, body = CaseTrailDto), (status = 401, body = ErrorDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn case(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
) -> Result<Json<CaseTrailDto>, WebError> {
    let trail = auditor::case_trail(&state.service, &actor, &id).await?;
    Ok(Json(CaseTrailDto {
        number: trail.number,
        records: trail.rows.iter().map(AuditRowDto::from).collect(),
    }))
}
