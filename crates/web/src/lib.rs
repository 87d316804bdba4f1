//! The web edge: HTML pages (askama), the JSON API (OpenAPI), sessions, CSRF, languages and
//! security headers. Handlers parse, call one use case and respond.

pub mod api;
pub mod audit_files;
pub mod auth;
pub mod csrf;
#[cfg(feature = "dev")]
pub mod dev_ocsp;
#[cfg(feature = "dev")]
pub mod dev_tsa;
pub mod edge;
pub mod error;
pub mod limits;
pub mod ops;
pub mod pages;
pub mod pdf;
pub mod request_log;
pub mod spool;
pub mod state;
pub mod timeout;
pub mod upload;

pub use state::{AppState, Environment};

/// The whole application: pages, API, operations endpoints and the middleware around them.
pub fn router(state: AppState) -> axum::Router {
    state::with_middleware(
        axum::Router::new()
            .merge(api::router())
            .merge(pages::router())
            .merge(ops::router(&state))
            .fallback(pages::layout::not_found),
        state,
    )
}
