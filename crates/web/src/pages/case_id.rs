//! The ids of a page's path (`{id}`, `{member}`), parsed before any handler runs.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde::de::DeserializeOwned;

use super::layout::{Texts, error_page};
use crate::AppState;
use crate::state::Lang;

/// The `{id}` segment among a path's parameters (others, such as `{member}`, are left alone).
#[derive(serde::Deserialize)]
struct IdSegment {
    id: String,
}

/// The `{member}` segment among a path's parameters.
#[derive(serde::Deserialize)]
struct MemberSegment {
    member: String,
}

/// The `{id}` of a page's path as an application id, written back in its canonical form: pages
/// build their links and form actions from it, never from the raw path. Anything that is not
/// an id (`..%2Fadmin…`) is the not-found page before the handler runs.
pub struct CaseId(pub String);

/// The `{member}` of a family member's page as a member id, in its canonical form (anything
/// else is the not-found page, as for [`CaseId`]).
pub struct MemberKey(pub String);

/// The segment `T` of the path, parsed by `parse`; the not-found page otherwise.
async fn segment<T: DeserializeOwned + Send>(
    parts: &mut Parts,
    state: &AppState,
) -> Result<T, Response> {
    let lang = parts.extensions.get::<Lang>().map_or("ru", |l| l.0);
    axum::extract::Path::<T>::from_request_parts(parts, state)
        .await
        .map(|axum::extract::Path(t)| t)
        .map_err(|_| not_found(lang))
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
        let lang = parts.extensions.get::<Lang>().map_or("ru", |l| l.0);
        let IdSegment { id } = segment(parts, state).await?;
        kandas_domain::ids::ApplicationId::parse(&id)
            .map(|id| CaseId(id.to_string()))
            .map_err(|_| not_found(lang))
    }
}

impl FromRequestParts<AppState> for MemberKey {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().map_or("ru", |l| l.0);
        let MemberSegment { member } = segment(parts, state).await?;
        kandas_domain::ids::MemberId::parse(&member)
            .map(|m| MemberKey(m.to_string()))
            .map_err(|_| not_found(lang))
    }
}
