//! Posted forms: the CSRF-checked extractor every page form goes through, and the forms that
//! post nothing but their token.

use axum::extract::{FromRequest, RawForm, Request};
use axum::http::StatusCode;
use axum::response::Response;
use kandas_domain::codes::RequestError;
use serde::de::DeserializeOwned;

use super::error_page::error_page;
use super::layout::Texts;
use crate::csrf;
use crate::state::{AppState, Lang};

/// A form that carries the CSRF field.
pub trait HasCsrf {
    /// The submitted token.
    fn csrf(&self) -> &str;
}

/// Implements [`HasCsrf`] for forms with a `csrf: String` field.
macro_rules! csrf_form {
    ($($form:ty),+ $(,)?) => {$(
        impl $crate::pages::layout::HasCsrf for $form {
            fn csrf(&self) -> &str {
                &self.csrf
            }
        }
    )+};
}
pub(crate) use csrf_form;

/// A form that posts nothing but its token (a button).
#[derive(serde::Deserialize)]
pub struct Button {
    #[serde(default)]
    csrf: String,
}

csrf_form!(Button);

/// The token of a body that is no form of the expected shape: its one `csrf` field, or none.
fn posted_token(body: &[u8]) -> String {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
    let mut tokens = pairs.into_iter().filter(|(k, _)| k == csrf::CSRF_FIELD);
    match (tokens.next(), tokens.next()) {
        (Some((_, token)), None) => token,
        _ => String::new(),
    }
}

/// A URL-encoded form whose CSRF token and origin were checked (403 page otherwise).
pub struct Posted<T>(pub T);

impl<T: DeserializeOwned + HasCsrf + Send> FromRequest<AppState> for Posted<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let t = Texts {
            lang: request.extensions().get::<Lang>().map_or("ru", |l| l.0),
        };
        let headers = request.headers().clone();
        let RawForm(body) = RawForm::from_request(request, state)
            .await
            .map_err(|_| error_page(t, StatusCode::BAD_REQUEST, RequestError::Invalid.into()))?;
        let secure = state.secure_cookies;
        let form = match serde_urlencoded::from_bytes::<T>(&body) {
            Ok(form) => form,
            // A form whose fields do not fit (a value posted twice, a version that is not a
            // number) is unprocessable — once its token is checked, so that a forged post is
            // refused as forged whatever its shape.
            Err(_) if csrf::verify(&headers, &posted_token(&body), secure) => {
                return Err(error_page(
                    t,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    RequestError::Invalid.into(),
                ));
            }
            Err(_) => {
                return Err(error_page(
                    t,
                    StatusCode::FORBIDDEN,
                    RequestError::Csrf.into(),
                ));
            }
        };
        if !csrf::verify(&headers, form.csrf(), secure) {
            return Err(error_page(
                t,
                StatusCode::FORBIDDEN,
                RequestError::Csrf.into(),
            ));
        }
        Ok(Posted(form))
    }
}
