//! "Who accessed my data": the reads of the signed-in person's data by others.

use axum::Json;
use axum::extract::State;
use jiff::Timestamp;
use kandas_app::applicant::accesses::{Access, accesses};
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::ErrorDto;
use super::outcome::Localized;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// One access to the person's data.
#[derive(Serialize, ToSchema)]
pub struct AccessDto {
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    /// The audit action (`staff.read-case`, `desk.read-person`, …).
    pub action: &'static str,
    /// What was done, in every language.
    pub text: Localized,
    /// Why: `case`, `desk-intake`, `issue`, `register`, `audit`.
    pub purpose: &'static str,
    /// Why, in every language.
    pub purpose_text: Localized,
    /// The official's role (`officer`, `head`, `operator`, `auditor`, …).
    pub role: Option<&'static str>,
    /// The official's office code.
    pub office: Option<String>,
    /// The office's name, in every language.
    pub office_name: Option<Localized>,
    /// The application it was about, by number, when recorded.
    pub number: Option<String>,
}

impl From<&Access> for AccessDto {
    fn from(a: &Access) -> Self {
        let message = kandas_i18n::access_message(a.action);
        let purpose = format!("audit-purpose-{}", a.purpose.code());
        AccessDto {
            at: a.at,
            action: a.action.code(),
            text: Localized::of(|lang| kandas_i18n::text(lang, &message)),
            purpose: a.purpose.code(),
            purpose_text: Localized::of(|lang| kandas_i18n::text(lang, &purpose)),
            role: a.role.map(|r| r.code()),
            office: a.office.as_ref().map(ToString::to_string),
            office_name: a
                .office
                .as_ref()
                .map(|o| Localized::of(|lang| kandas_i18n::office_name(lang, o))),
            number: a.number.clone(),
        }
    }
}

/// Who accessed the signed-in person's data, newest first: each read by an official (shown by
/// role and office) and each registry query made about them.
#[utoipa::path(get, path = "/api/v1/accesses", tag = "applicant",
    responses((status = 200, body = Vec<AccessDto>), (status = 401, body = ErrorDto)))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> Result<Json<Vec<AccessDto>>, WebError> {
    let all = accesses(&state.service, &actor).await?;
    Ok(Json(all.iter().map(AccessDto::from).collect()))
}
