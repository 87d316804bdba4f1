//! The `{id}` of a page's path, parsed before any handler runs.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;

use super::layout::{Texts, error_page};
use crate::AppState;
use crate::state::Lang;

/// The `{id}` of a page's path as an application id, written back in its canonical form: pages
/// build their links and form actions from it, never from the raw path. Anything that is not
/// an id (`..%2Fadmin…`) is the not-found page before the handler runs.
pub struct CaseId(pub String);

impl FromRequestParts<AppState> for CaseId {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().map_or("ru", |l| l.0);
        let not_found = || {
            error_page(
                Texts { lang },
                StatusCode::NOT_FOUND,
                kandas_domain::codes::RequestError::NotFound.into(),
            )
        };
        let axum::extract::Path(params) = axum::extract::Path::<
            std::collections::HashMap<String, String>,
        >::from_request_parts(parts, state)
        .await
        .map_err(|_| not_found())?;
        let id = params.get("id").ok_or_else(not_found)?;
        kandas_domain::ids::ApplicationId::parse(id)
            .map(|id| CaseId(id.to_string()))
            .map_err(|_| not_found())
    }
}
