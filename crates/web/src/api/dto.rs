//! The JSON shapes of the API. Domain values are embedded as they serialize and described
//! as free-form objects in the OpenAPI document.

use jiff::Timestamp;
use kandas_app::applicant::view::ApplicationView;
use kandas_app::ports::store::Notification;
use kandas_app::staff::QueueItem;
use kandas_domain::application::Application;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::outcome::{
    AppealDto, Localized, RefusalDto, RefusalToAcceptDto, ResultDocumentDto, appeal,
};

/// An error answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorDto {
    /// `{code, message, fields?, file?}`: `file` names a refused upload (its message names it too).
    #[schema(value_type = Object)]
    pub error: Value,
}

/// IIN and password.
#[derive(Deserialize, ToSchema)]
pub struct Credentials {
    /// 12 digits.
    pub iin: String,
    /// The password.
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
    pub challenge_id: String,
    /// The 6 digits.
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
    pub iin: String,
    /// Role codes.
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
    /// `assignment` or `extension`.
    pub kind: String,
}

/// A new form with the version the client saw.
#[derive(Deserialize, ToSchema)]
pub struct FormBody {
    /// The application version the client saw (409 when stale).
    pub version: i64,
    /// The editable form (FormInput: region, country_of_origin, identity_document, education,
    /// profession, address, consent_via_foreign_mission, members).
    #[schema(value_type = Object)]
    pub form: kandas_domain::application::form::FormInput,
}

/// An application.
#[derive(Serialize, ToSchema)]
pub struct ApplicationDto {
    /// Id.
    pub id: String,
    /// Number.
    pub number: String,
    /// `assignment` or `extension`.
    pub kind: String,
    /// The status code (see API.md).
    pub status: String,
    /// The responsible office.
    pub office: Option<String>,
    /// Where it came from: `portal`, `state_corporation`, `local_executive_body`, …
    pub channel: String,
    /// The desk where it was filed on paper (the result is issued there).
    pub intake_office: Option<String>,
    /// Optimistic-concurrency version.
    pub version: i64,
    /// The form.
    #[schema(value_type = Object)]
    pub form: Value,
    /// The registration, once signed.
    #[schema(value_type = Option<Object>)]
    pub registration: Option<Value>,
    /// Created.
    #[schema(value_type = String)]
    pub created_at: Timestamp,
    /// Changed.
    #[schema(value_type = String)]
    pub updated_at: Timestamp,
}

/// A case in the office queue.
#[derive(Serialize, ToSchema)]
pub struct QueueItemDto {
    /// The application.
    #[serde(flatten)]
    pub application: ApplicationDto,
    /// Decision due by, `YYYY-MM-DD`.
    pub due: Option<String>,
    /// `on_time`, `due_today` or `overdue` (open cases only).
    pub urgency: Option<String>,
    /// The next step: `completeness`, `commission`, `hearing-schedule`, `hearing`, `decision`
    /// or `sign-off` (none once closed).
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

pub(crate) fn value(v: impl Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
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
            form: value(&a.form),
            registration: a.status.registration().map(value),
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

/// A case with everything shown about it.
#[derive(Serialize, ToSchema)]
pub struct ViewDto {
    /// The application.
    #[serde(flatten)]
    pub application: ApplicationDto,
    /// Attachments.
    #[schema(value_type = Vec<Object>)]
    pub attachments: Value,
    /// Attachments whose files were disposed of after the retention period: `[{attachment,
    /// at}]` (their names and hashes stay).
    #[schema(value_type = Vec<Object>)]
    pub disposed: Value,
    /// Required documents.
    #[schema(value_type = Vec<Object>)]
    pub checklist: Value,
    /// What happened when.
    #[schema(value_type = Vec<Object>)]
    pub timeline: Value,
    /// `{accepted, due, on_time, rule_set, steps}` once registered (kept when the package was
    /// refused to accept after its registration).
    #[schema(value_type = Option<Object>)]
    pub deadline: Option<Value>,
    /// The decision (`outcome`, `certificate`, …) once decided.
    #[schema(value_type = Option<Object>)]
    pub result: Option<Value>,
    /// The decision with `decided_by`, `decided_at` and the head's `signed_off`, once made.
    #[schema(value_type = Option<Object>)]
    pub decision: Option<Value>,
    /// The review so far (staged rules): `completeness`, `commission` (protocol, members,
    /// recommendations, video record), `hearing` (time, place, reschedules, record), `proposal`.
    #[schema(value_type = Option<Object>)]
    pub review: Option<Value>,
    /// How it was signed (`method`, `sha256`, `detail`: for an EDS the CMS, the signer's
    /// certificate and the validation report).
    #[schema(value_type = Option<Object>)]
    pub signature: Option<Value>,
    /// Everyone the decision refused (the applicant and every member when the application is
    /// refused, the refused members when the others are assigned), with grounds and explanation.
    pub refusals: Vec<RefusalDto>,
    /// The refusal to accept: when, what is missing, how to appeal.
    pub refusal_to_accept: Option<RefusalToAcceptDto>,
    /// How to appeal, with the last day to file; empty when nobody was refused.
    pub appeal: Vec<AppealDto>,
    /// The result documents of the decision, each with its SHA-256 and download address.
    pub result_documents: Vec<ResultDocumentDto>,
}

impl From<&ApplicationView> for ViewDto {
    fn from(v: &ApplicationView) -> Self {
        ViewDto {
            application: ApplicationDto::from(&v.application),
            attachments: value(&v.attachments),
            disposed: value(&v.disposed),
            checklist: value(&v.checklist),
            timeline: value(&v.timeline),
            deadline: v.deadline.as_ref().map(value),
            result: v.result.as_ref().map(value),
            decision: v.decision.as_ref().map(value),
            review: v.review.as_ref().map(value),
            signature: v.signature.as_ref().map(value),
            refusals: v.refusals.iter().map(RefusalDto::from).collect(),
            refusal_to_accept: v.refusal_to_accept.as_ref().map(RefusalToAcceptDto::from),
            appeal: v.appeal.as_ref().map(appeal).unwrap_or_default(),
            result_documents: v
                .result_documents
                .iter()
                .map(ResultDocumentDto::from)
                .collect(),
        }
    }
}

/// A notification.
#[derive(Serialize, ToSchema)]
pub struct NotificationDto {
    /// Id.
    pub id: String,
    /// The application.
    pub application: String,
    /// What happened (`notice`, `number`, …).
    #[schema(value_type = Object)]
    pub notice: Value,
    /// The text as the personal account shows it (what is missing, who was refused on which
    /// grounds, how to appeal), in every language.
    pub text: Localized,
    /// When.
    #[schema(value_type = String)]
    pub created_at: Timestamp,
}

impl From<&Notification> for NotificationDto {
    fn from(n: &Notification) -> Self {
        NotificationDto {
            id: n.id.clone(),
            application: n.application.to_string(),
            notice: value(&n.notice),
            text: Localized::of(|lang| kandas_i18n::notice_text(lang, &n.notice)),
            created_at: n.created_at,
        }
    }
}

/// The person as the registries know them: the IIN, and each registry value with its source.
#[derive(Serialize, ToSchema)]
pub struct ProfileDto {
    /// `{iin, person, phone_masked, certificate}`, each value `{value, source}`.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub profile: Value,
}

impl ProfileDto {
    /// Wraps the use case's answer.
    pub fn of(p: &kandas_app::applicant::profile::Profile) -> Self {
        ProfileDto { profile: value(p) }
    }
}

/// An officer's decision.
#[derive(Deserialize, ToSchema)]
pub struct DecisionBody {
    /// `assign`, `extend` or `refuse`.
    pub outcome: String,
    /// Ground codes, for a refusal.
    #[serde(default)]
    pub grounds: Vec<String>,
    /// Explanation.
    #[serde(default)]
    pub comment: String,
    /// Family members refused while the applicant is assigned: `[{member, grounds, comment}]`.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub members: Vec<kandas_app::staff::MemberDecisionInput>,
    /// For an extension: for how many months, 1 up to the rule set's maximum (6); the maximum
    /// when not given.
    #[serde(default)]
    pub extension_months: Option<u32>,
    /// The version the officer saw (409 when stale).
    pub version: i64,
}

impl From<DecisionBody> for kandas_app::staff::DecisionInput {
    fn from(b: DecisionBody) -> Self {
        kandas_app::staff::DecisionInput {
            outcome: b.outcome,
            grounds: b.grounds,
            comment: b.comment,
            members: b.members,
            extension_months: b.extension_months,
            version: b.version,
        }
    }
}
