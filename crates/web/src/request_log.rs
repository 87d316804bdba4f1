//! The request's span and its one log line. Every request, page or API, runs in a `request`
//! span (id, method, route, the actor's role once known, status and latency once answered);
//! a failed request is logged once, when it is answered: a server error or a fault at error
//! level with the cause chain, anything else refused at info level with its code.

use std::cell::RefCell;
use std::time::Duration;

use axum::extract::MatchedPath;
use axum::http::{Request, Response};
use kandas_app::error::Chain;
use kandas_app::{Actor, AppError};
use tracing::Span;
use tracing::field::Empty;

use crate::error::ErrorBody;
use crate::state::RequestId;

/// What the handlers found wrong, kept for the request's log line.
#[derive(Debug, Default)]
struct Noted {
    /// The error's code, also its message id.
    code: Option<String>,
    /// The cause chain of a fault.
    chain: Option<String>,
    /// A fault of ours or of a system we depend on, whatever status it was shown with.
    fault: bool,
}

tokio::task_local! {
    /// The failure of the request being answered (set by [`note`], read when it is answered).
    static NOTED: RefCell<Noted>;
}

/// Runs `request` with room for its failure to be noted.
pub(crate) async fn scope<F: Future>(request: F) -> F::Output {
    NOTED.scope(RefCell::new(Noted::default()), request).await
}

/// Notes a use-case error answered to the request (as JSON, an error page, or a form shown
/// again), with its cause chain, for the request's one log line.
pub fn note(error: &AppError) {
    let _outside_a_request = NOTED.try_with(|noted| {
        let mut noted = noted.borrow_mut();
        if noted.fault {
            // The first fault is the cause; what follows is how it was shown.
            return;
        }
        *noted = Noted {
            code: Some(error.code().to_owned()),
            chain: Some(Chain(error).to_string()),
            fault: error.is_fault(),
        };
    });
}

/// Notes the code of an error page, unless an error was noted already.
pub(crate) fn note_code(code: &str) {
    let _outside_a_request = NOTED.try_with(|noted| {
        let mut noted = noted.borrow_mut();
        if noted.code.is_none() {
            noted.code = Some(code.to_owned());
        }
    });
}

fn take() -> Noted {
    NOTED
        .try_with(|noted| std::mem::take(&mut *noted.borrow_mut()))
        .unwrap_or_default()
}

/// Records the signed-in actor's role on the request's span.
pub fn record_actor(actor: &Actor) {
    let roles: Vec<&str> = actor.roles.iter().map(|r| r.code()).collect();
    Span::current().record("role", roles.join(",").as_str());
}

/// The span of a request: its id (set by the context middleware), method and route.
pub fn make_span<B>(request: &Request<B>) -> Span {
    let id = request
        .extensions()
        .get::<RequestId>()
        .map_or("", |r| r.0.as_str());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str);
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        route = %route,
        role = Empty,
        status = Empty,
        latency_ms = Empty,
    )
}

/// Records the answer on the span, and logs the request if it failed (once).
pub fn on_response<B>(response: &Response<B>, latency: Duration, span: &Span) {
    let status = response.status();
    span.record("status", status.as_u16());
    span.record(
        "latency_ms",
        u64::try_from(latency.as_millis()).unwrap_or(u64::MAX),
    );
    let noted = take();
    let code = noted.code.as_deref().or_else(|| {
        response
            .extensions()
            .get::<ErrorBody>()
            .map(|body| body.code)
    });
    let request_id = crate::state::current_request_id();
    let _entered = span.enter();
    if status.is_server_error() || noted.fault {
        tracing::error!(
            request_id = %request_id,
            status = status.as_u16(),
            code = code.unwrap_or("-"),
            error = noted.chain.as_deref().unwrap_or("-"),
            "request failed"
        );
    } else if status.is_client_error() {
        tracing::info!(
            request_id = %request_id,
            status = status.as_u16(),
            code = code.unwrap_or("-"),
            "request refused"
        );
    }
}
