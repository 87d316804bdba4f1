//! The ids of an API path, parsed into domain ids before the handler runs: a segment that is not
//! an id (`..%2Fadmin`, an upper-case UUID) is 404 in the API's error shape, as an id no one has.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kandas_app::AppError;
use kandas_domain::ids::{ApplicationId, AttachmentId, UserId};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::WebError;

/// The path's parameters as `T` (one of the shapes below).
pub struct Ids<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Ids<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(ids)) => Ok(Ids(ids)),
            Err(rejection) => {
                tracing::debug!(%rejection, "a path id that is not an id");
                Err(WebError(AppError::NotFound))
            }
        }
    }
}

/// `…/applications/{id}`.
#[derive(Deserialize)]
pub struct Case {
    /// The application.
    pub id: ApplicationId,
}

/// `…/applications/{id}/attachments/{attachment_id}`.
#[derive(Deserialize)]
pub struct CaseFile {
    /// The application.
    pub id: ApplicationId,
    /// One of its attachments.
    pub attachment_id: AttachmentId,
}

/// `…/accounts/{id}`.
#[derive(Deserialize)]
pub struct Account {
    /// The account.
    pub id: UserId,
}
