//! The JSON shapes of the API's core: the error answer, sign-in, and an application. Every
//! shape is a struct of its own, converted from the domain's types, so the document says
//! exactly what is sent.

use std::collections::BTreeMap;

use jiff::Timestamp;
use kandas_app::staff::QueueItem;
use kandas_domain::application::Application;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::codes::{
    ApplicationNumberText, ChannelCode, DecisionOutcomeCode, Id, IinText, KindCode, RoleCode,
    StatusCode, StepCode, UrgencyCode,
};
use super::form_dto::{FormDto, FormInputDto};
pub use super::person_dto::ProfileDto;
use super::record_dto::RegistrationDto;
pub use super::view_dto::{NotificationDto, ViewDto};

/// An error answer (the body is built by [`crate::error::ErrorBody`]; this is its schema).
#[derive(Serialize, ToSchema)]
pub struct ErrorDto {
    /// What went wrong.
    pub error: ErrorDetailDto,
}

/// What went wrong, in the request's language.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetailDto {
    /// The stable code, e.g. `request.stale-version` (also the message id).
    pub code: String,
    /// The translated message.
    pub message: String,
    /// The problems by field path (e.g. `members[0].birth_date`), when the input had any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub fields: Option<BTreeMap<String, FieldErrorDto>>,
    /// The refused upload's file name, when the error is about one (the message names it too).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub file: Option<String>,
}

/// A problem with one field.
#[derive(Serialize, ToSchema)]
pub struct FieldErrorDto {
    /// The stable code.
    pub code: String,
    /// The translated message.
    pub message: String,
}

/// IIN and password.
#[derive(Deserialize, ToSchema)]
pub struct Credentials {
    /// 12 digits.
    #[schema(value_type = IinText)]
    pub iin: String,
    /// The password, 10 to 128 characters.
    #[schema(min_length = 10, max_length = 128)]
    pub password: String,
}

/// A one-time code sent.
#[derive(Serialize, ToSchema)]
pub struct ChallengeDto {
    /// The challenge to confirm.
    pub challenge_id: String,
    /// Where the code went.
    pub phone_masked: String,
}

/// A challenge and its code.
#[derive(Deserialize, ToSchema)]
pub struct ConfirmBody {
    /// From the first step.
    #[schema(value_type = Id)]
    pub challenge_id: String,
    /// The 6 digits.
    #[schema(pattern = "^[0-9]{6}$")]
    pub code: String,
}

/// A CMS from NCALayer.
#[derive(Deserialize, ToSchema)]
pub struct EdsBody {
    /// Base64 of the DER CMS SignedData.
    pub cms: String,
}

/// A signed sign-in nonce.
#[derive(Deserialize, ToSchema)]
pub struct EdsSignIn {
    /// The nonce from `GET /api/v1/auth/eds/nonce`.
    pub nonce: String,
    /// Base64 CMS over the nonce, made with the authentication key.
    pub cms: String,
}

/// A nonce to sign.
#[derive(Serialize, ToSchema)]
pub struct NonceDto {
    /// Sign these exact bytes (UTF-8) with the authentication key.
    pub nonce: String,
}

/// A code alone (signing).
#[derive(Deserialize, ToSchema)]
pub struct CodeBody {
    /// The 6 digits.
    #[schema(pattern = "^[0-9]{6}$")]
    pub code: String,
}

/// A masked phone.
#[derive(Serialize, ToSchema)]
pub struct PhoneDto {
    /// Where the code went.
    pub phone_masked: String,
}

/// An account.
#[derive(Serialize, ToSchema)]
pub struct UserDto {
    /// IIN.
    #[schema(value_type = IinText)]
    pub iin: String,
    /// Roles.
    #[schema(value_type = Vec<RoleCode>)]
    pub roles: Vec<String>,
}

/// A session opened.
#[derive(Serialize, ToSchema)]
pub struct SessionDto {
    /// The bearer token (also set as the session cookie).
    pub token: String,
    /// Who.
    pub user: UserDto,
}

/// A new application.
#[derive(Deserialize, ToSchema)]
pub struct CreateBody {
    /// The kind of application (another value is 422).
    #[schema(value_type = KindCode)]
    pub kind: String,
}

/// A new form with the version the client saw.
#[derive(Deserialize, ToSchema)]
pub struct FormBody {
    /// The application version the client saw (409 when stale).
    pub version: i64,
    /// The editable form.
    pub form: FormInputDto,
}

/// An application.
#[derive(Serialize, ToSchema)]
pub struct ApplicationDto {
    /// Id.
    #[schema(value_type = Id)]
    pub id: String,
    /// Number.
    #[schema(value_type = ApplicationNumberText)]
    pub number: String,
    /// The kind.
    #[schema(value_type = KindCode)]
    pub kind: String,
    /// The status (see API.md).
    #[schema(value_type = StatusCode)]
    pub status: String,
    /// The responsible office.
    pub office: Option<String>,
    /// Where it came from.
    #[schema(value_type = ChannelCode)]
    pub channel: String,
    /// The desk where it was filed on paper (the result is issued there).
    pub intake_office: Option<String>,
    /// Optimistic-concurrency version.
    pub version: i64,
    /// The form.
    pub form: FormDto,
    /// The registration, once signed.
    pub registration: Option<RegistrationDto>,
    /// Created.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    /// Changed.
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

/// A case in the office queue.
#[derive(Serialize, ToSchema)]
pub struct QueueItemDto {
    /// The application.
    #[serde(flatten)]
    pub application: ApplicationDto,
    /// Decision due by.
    #[schema(value_type = Option<String>, format = Date)]
    pub due: Option<String>,
    /// How close it is to its due date (open cases only).
    #[schema(value_type = Option<UrgencyCode>)]
    pub urgency: Option<String>,
    /// The next step (none once closed).
    #[schema(value_type = Option<StepCode>)]
    pub step: Option<String>,
    /// The applicant's name in the population registry.
    pub applicant_name: Option<String>,
    /// Who has taken the case.
    pub assignee: Option<OfficialDto>,
}

/// An official: the account's id and the name the population registry holds for its IIN.
#[derive(Serialize, ToSchema)]
pub struct OfficialDto {
    /// The account's id.
    #[schema(value_type = Id)]
    pub id: String,
    /// "Surname Given Patronymic" (none when the registry does not hold the IIN).
    pub name: Option<String>,
}

impl From<&kandas_app::staff::Official> for OfficialDto {
    fn from(o: &kandas_app::staff::Official) -> Self {
        OfficialDto {
            id: o.id.to_string(),
            name: o.name.clone(),
        }
    }
}

impl From<&QueueItem> for QueueItemDto {
    fn from(item: &QueueItem) -> Self {
        let open = item.application.status.is_open();
        QueueItemDto {
            application: ApplicationDto::from(&item.application),
            due: item.due.map(|(d, _)| d.to_string()),
            urgency: item.due.filter(|_| open).map(|(_, u)| u.code().to_owned()),
            step: item.step.map(|s| s.code().to_owned()),
            applicant_name: item.applicant_name.clone(),
            assignee: item.assignee.as_ref().map(OfficialDto::from),
        }
    }
}

impl From<&Application> for ApplicationDto {
    fn from(a: &Application) -> Self {
        ApplicationDto {
            id: a.id.to_string(),
            number: a.number.to_string(),
            kind: a.kind.code().to_owned(),
            status: a.status.code().to_owned(),
            office: a.office.as_ref().map(ToString::to_string),
            channel: a.channel.code().to_owned(),
            intake_office: a.intake_office.as_ref().map(ToString::to_string),
            version: a.version,
            form: (&a.form).into(),
            registration: a.status.registration().map(Into::into),
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

/// An officer's decision.
#[derive(Deserialize, ToSchema)]
pub struct DecisionBody {
    /// The decision (another value is 422).
    #[schema(value_type = DecisionOutcomeCode)]
    pub outcome: String,
    /// Ground codes, for a refusal.
    #[serde(default)]
    pub grounds: Vec<String>,
    /// Explanation.
    #[serde(default)]
    pub comment: String,
    /// Family members refused while the applicant is assigned.
    #[serde(default)]
    pub members: Vec<MemberDecisionBody>,
    /// For an extension: for how many months, 1 up to the rule set's maximum (6); the maximum
    /// when not given.
    #[serde(default)]
    pub extension_months: Option<u32>,
    /// The version the officer saw (409 when stale).
    pub version: i64,
}

impl TryFrom<DecisionBody> for kandas_app::staff::Decide {
    type Error = kandas_app::AppError;

    fn try_from(b: DecisionBody) -> Result<Self, Self::Error> {
        use kandas_app::staff::{RefuseMember, ground_codes, member_id, verdict};
        let members = b
            .members
            .into_iter()
            .map(|m| {
                Ok(RefuseMember {
                    member: member_id(&m.member)?,
                    grounds: ground_codes(m.grounds.iter().map(String::as_str))?,
                    comment: m.comment,
                })
            })
            .collect::<Result<_, Self::Error>>()?;
        Ok(kandas_app::staff::Decide {
            verdict: verdict(&b.outcome)?,
            grounds: ground_codes(b.grounds.iter().map(String::as_str))?,
            comment: b.comment,
            members,
            extension_months: b.extension_months,
            version: b.version,
        })
    }
}

/// The refusal of one family member.
#[derive(Deserialize, ToSchema)]
pub struct MemberDecisionBody {
    /// The member's id.
    pub member: String,
    /// Ground codes.
    #[serde(default)]
    pub grounds: Vec<String>,
    /// Explanation.
    #[serde(default)]
    pub comment: String,
}
