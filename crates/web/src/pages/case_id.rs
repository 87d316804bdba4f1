//! The ids of a page's path (`{id}`, `{member}`), parsed before any handler runs.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use kandas_domain::ids::{ApplicationId, AttachmentId, MemberId};
use serde::de::DeserializeOwned;

use super::layout::{Texts, error_page};
use crate::AppState;
use crate::state::Lang;

/// The `{id}` segment among a path's parameters (others, such as `{member}`, are left alone).
#[derive(serde::Deserialize)]
struct IdSegment {
    id: String,
}

/// The `{attachment}` segment among a path's parameters.
#[derive(serde::Deserialize)]
struct AttachmentSegment {
    attachment: String,
}

/// The `{member}` segment among a path's parameters.
#[derive(serde::Deserialize)]
struct MemberSegment {
    member: String,
}

/// The `{id}` of a page's path as an application id: pages build their links and form actions
/// from it, never from the raw path. Anything that is not an id (`..%2Fadmin…`) is the
/// not-found page before the handler runs.
pub struct CaseId(pub ApplicationId);

/// The `{member}` of a family member's page as a member id (anything else is the not-found
/// page, as for [`CaseId`]).
pub struct MemberKey(pub MemberId);

/// The `{attachment}` of a file's page as an attachment id (anything else is the not-found
/// page, as for [`CaseId`]).
pub struct FileKey(pub AttachmentId);

impl From<IdSegment> for String {
    fn from(s: IdSegment) -> String {
        s.id
    }
}

impl From<AttachmentSegment> for String {
    fn from(s: AttachmentSegment) -> String {
        s.attachment
    }
}

impl From<MemberSegment> for String {
    fn from(s: MemberSegment) -> String {
        s.member
    }
}

/// The path's segment `S`, parsed by `parse`; the not-found page when it is missing or does not
/// parse.
async fn canonical<S: DeserializeOwned + Send + Into<String>, T>(
    parts: &mut Parts,
    state: &AppState,
    parse: fn(&str) -> Option<T>,
) -> Result<T, Response> {
    let lang = parts.extensions.get::<Lang>().map_or("ru", |l| l.0);
    let raw: String = axum::extract::Path::<S>::from_request_parts(parts, state)
        .await
        .map_err(|_| not_found(lang))?
        .0
        .into();
    parse(&raw).ok_or_else(|| not_found(lang))
}

fn not_found(lang: &'static str) -> Response {
    error_page(
        Texts { lang },
        StatusCode::NOT_FOUND,
        kandas_domain::codes::RequestError::NotFound.into(),
    )
}

impl FromRequestParts<AppState> for CaseId {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let parse = |s: &str| ApplicationId::parse(s).ok();
        canonical::<IdSegment, _>(parts, state, parse)
            .await
            .map(CaseId)
    }
}

impl FromRequestParts<AppState> for MemberKey {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let parse = |s: &str| MemberId::parse(s).ok();
        canonical::<MemberSegment, _>(parts, state, parse)
            .await
            .map(MemberKey)
    }
}

impl FromRequestParts<AppState> for FileKey {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let parse = |s: &str| AttachmentId::parse(s).ok();
        canonical::<AttachmentSegment, _>(parts, state, parse)
            .await
            .map(FileKey)
    }
}
