//! A JSON request body whose failures answer in the API's error shape, translated, instead of
//! axum's plain-text rejections.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use kandas_app::AppError;
use kandas_domain::codes::RequestError;
use serde::de::DeserializeOwned;

use crate::error::WebError;

/// A JSON body of type `T`.
pub struct Body<T>(pub T);

fn code(rejection: &JsonRejection) -> RequestError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => RequestError::ContentType,
        JsonRejection::JsonSyntaxError(_) => RequestError::MalformedJson,
        JsonRejection::JsonDataError(_) => RequestError::InvalidJson,
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
