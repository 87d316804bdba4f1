//! The one error type at the edge: picks the status, and lets the middleware translate the
//! message into the request's language (`{"error": {"code", "message", "fields"?, "file"?}}`;
//! a refused upload's message names the file, and `file` carries its name).

use axum::Json;
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::response::{IntoResponse, Response};
use kandas_app::AppError;
use kandas_domain::application::form::FieldError;
use kandas_domain::codes::{ErrorCode, OtpError, RequestError};
use serde_json::{Value, json};

/// An error answer waiting for its translation (kept in the response's extensions).
#[derive(Debug, Clone)]
pub struct ErrorBody {
    /// The stable code, also the message id.
    pub code: &'static str,
    /// Field errors, if any.
    pub fields: Vec<FieldError>,
    /// The name of a refused file, if the error is about one (the message's `$file`).
    pub file: Option<String>,
}

impl ErrorBody {
    /// The JSON body in `lang`.
    pub fn into_json(self, lang: &str) -> Json<Value> {
        if let Some(file) = self.file {
            let message = kandas_i18n::text_with(lang, self.code, &[("file", file.clone())]);
            return Json(
                json!({ "error": { "code": self.code, "message": message, "file": file } }),
            );
        }
        let message = kandas_i18n::text(lang, self.code);
        if self.fields.is_empty() {
            return Json(json!({ "error": { "code": self.code, "message": message } }));
        }
        let fields: serde_json::Map<String, Value> = self
            .fields
            .iter()
            .map(|f| {
                (
                    f.field.clone(),
                    json!({ "code": f.code, "message": kandas_i18n::text(lang, f.code.code()) }),
                )
            })
            .collect();
        Json(json!({ "error": { "code": self.code, "message": message, "fields": fields } }))
    }
}

/// A failed request.
#[derive(Debug)]
pub struct WebError(pub AppError);

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        WebError(e)
    }
}

/// The HTTP status of a use-case error.
pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::BadRequest(ErrorCode::Request(RequestError::TooLarge)) => {
            StatusCode::PAYLOAD_TOO_LARGE
        }
        AppError::Invalid(_) | AppError::BadRequest(_) | AppError::FileRefused { .. } => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        AppError::Code(ErrorCode::Otp(OtpError::Locked)) => StatusCode::TOO_MANY_REQUESTS,
        AppError::Code(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::NotSignedIn | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Gone(_) => StatusCode::GONE,
        AppError::Forbidden | AppError::Refused(_) => StatusCode::FORBIDDEN,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::Unavailable(_) | AppError::SignatureUncheckable(_) => {
            StatusCode::SERVICE_UNAVAILABLE
        }
        AppError::SignatureRefused(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The seconds a client is asked to wait (`Retry-After`) when the service cannot answer now (a
/// database or a registry out of reach): long enough for a restarted database, short enough
/// for a person.
pub const RETRY_UNAVAILABLE: u64 = 5;

/// The `Retry-After` of an error, in seconds: a limit's own wait, or [`RETRY_UNAVAILABLE`].
pub fn retry_after(e: &AppError) -> Option<u64> {
    match e {
        AppError::TooMany { retry_after } => Some(*retry_after),
        AppError::Unavailable(_) | AppError::SignatureUncheckable(_) => Some(RETRY_UNAVAILABLE),
        _ => None,
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = status_of(&self.0);
        // Logged once, with its cause chain, when the request is answered.
        crate::request_log::note(&self.0);
        let fields = match &self.0 {
            AppError::Invalid(fields) => fields.clone(),
            _ => Vec::new(),
        };
        let mut response = status.into_response();
        if let Some(seconds) = retry_after(&self.0) {
            response.headers_mut().insert(
                RETRY_AFTER,
                seconds
                    .to_string()
                    .parse()
                    .unwrap_or(axum::http::HeaderValue::from_static("60")),
            );
        }
        let file = match &self.0 {
            AppError::FileRefused { file, .. } => Some(file.clone()),
            _ => None,
        };
        response.extensions_mut().insert(ErrorBody {
            code: self.0.code(),
            fields,
            file,
        });
        response
    }
}
