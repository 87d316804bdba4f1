//! A JSON request body (and a query string) whose failures answer in the API's error shape, translated, instead of
//! axum's plain-text rejections.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Multipart, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use kandas_app::AppError;
use kandas_domain::codes::{AttachmentError, RequestError};
use serde::de::DeserializeOwned;

use crate::error::WebError;

/// A JSON body of type `T`.
pub struct Body<T>(pub T);

fn code(rejection: &JsonRejection) -> RequestError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => RequestError::ContentType,
        JsonRejection::JsonSyntaxError(_) => RequestError::MalformedJson,
        JsonRejection::JsonDataError(_) => RequestError::InvalidJson,
        JsonRejection::BytesRejection(_) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            RequestError::TooLarge
        }
        _ => RequestError::UnreadableBody,
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Body(value)),
            Err(rejection) => {
                tracing::debug!(%rejection, "unreadable JSON body");
                Err(WebError(AppError::BadRequest(code(&rejection).into())))
            }
        }
    }
}

/// A query string of type `T`: a parameter of the wrong type, or a required one missing, is a
/// 422 `query.invalid` in the API's error shape (axum's own rejection is a plain-text 400).
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Query(value)),
            Err(rejection) => {
                tracing::debug!(%rejection, "unreadable query");
                Err(WebError(AppError::BadRequest(
                    RequestError::InvalidQuery.into(),
                )))
            }
        }
    }
}

/// A multipart body: one that is not `multipart/form-data` (or has no boundary) is a 422
/// `attachment.multipart` in the API's error shape, like a form that breaks off while read.
pub struct MultipartBody(pub Multipart);

impl<S: Send + Sync> FromRequest<S> for MultipartBody {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Multipart::from_request(request, state).await {
            Ok(multipart) => Ok(MultipartBody(multipart)),
            Err(rejection) => {
                tracing::debug!(%rejection, "not a multipart body");
                Err(WebError(AppError::BadRequest(
                    AttachmentError::Multipart.into(),
                )))
            }
        }
    }
}
