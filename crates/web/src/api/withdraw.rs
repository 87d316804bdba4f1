//! Withdrawing one's own application before the decision.

use axum::Json;
use axum::extract::State;

use super::body::Body;
use super::dto::{ErrorDto, ViewDto};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// What the applicant sends to withdraw: the version they saw, if they want the withdrawal to
/// fail when the case changed meanwhile (`{}` withdraws whatever the version).
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct WithdrawBody {
    /// The application's version as last read.
    #[serde(default)]
    pub version: Option<i64>,
}

/// Withdraws the signed-in person's own application: a draft, or a submitted one before the
/// decision. The case closes as `withdrawn` and leaves the office's queue; the withdrawal is
/// audited, shows in the timeline and (once submitted) is notified. A decided, refused or
/// withdrawn case answers 409 `application.not-withdrawable`; a stale `version` 409
/// `request.stale-version`; someone else's application 404.
#[utoipa::path(post, path = "/api/v1/applications/{id}/withdraw", tag = "applicant", params(("id" = crate::api::codes::Id, Path)),
    request_body = WithdrawBody,
    responses((status = 200, body = ViewDto, description = "withdrawn: the case as it now stands"),
        (status = 401, body = ErrorDto), (status = 404, body = ErrorDto),
        (status = 409, body = ErrorDto, description = "decided, refused or withdrawn already, or a stale version"),
        (status = 422, body = ErrorDto)))]
pub async fn withdraw(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<WithdrawBody>,
) -> Result<Json<ViewDto>, WebError> {
    let view = kandas_app::applicant::withdraw::withdraw(&state.service, &actor, &id, body.version)
        .await?;
    Ok(Json(ViewDto::from(&view)))
}
