//! What the staff API adds to a case for its office: the population registry next to the form
//! (the differences by field) and who holds the case; an early ending of a certificate.

use kandas_app::ports::store::Delivery;
use kandas_app::staff::CaseFile;
use kandas_app::staff::registry_check::MemberLookup;
use serde::Serialize;
use utoipa::ToSchema;

use kandas_app::staff::endings::EndingView;

use super::codes::{
    ActionCode, CertificateNumberText, DeliveryChannelCode, DeliveryOutcomeCode, EndingCode,
    EndingStateCode, Id, RegistryFieldCode, RegistryLookupCode, StepCode,
};
use super::dto::{OfficialDto, ViewDto};
use super::person_dto::PersonDto;
use super::record_dto::CheckDto;

/// One family member checked against the population registry.
#[derive(Serialize, ToSchema)]
pub struct MemberCheckDto {
    /// The member's id in the form.
    #[schema(value_type = Id)]
    pub member: String,
    /// `no_iin` (nothing to look up), `not_found` (nobody with the IIN given) or `found`.
    #[schema(value_type = RegistryLookupCode)]
    pub registry: &'static str,
    /// The registry's record, when found.
    pub person: Option<PersonDto>,
    /// The fields the form gives otherwise than the registry.
    #[schema(value_type = Vec<RegistryFieldCode>)]
    pub differences: Vec<&'static str>,
}

/// The population registry next to what the applicant typed.
#[derive(Serialize, ToSchema)]
pub struct RegistryCheckDto {
    /// The applicant's record (names, birth date and citizenship come from here).
    pub applicant: Option<PersonDto>,
    /// Each family member, in the form's order.
    pub members: Vec<MemberCheckDto>,
}

/// A case as its office sees it.
#[derive(Serialize, ToSchema)]
pub struct StaffCaseDto {
    /// The case.
    #[serde(flatten)]
    pub view: ViewDto,
    /// The registry check.
    pub registry_check: RegistryCheckDto,
    /// Who has taken the case.
    pub holder: Option<OfficialDto>,
    /// What the case waits for (none once it is closed).
    #[schema(value_type = Option<StepCode>)]
    pub next_step: Option<&'static str>,
    /// What the reader may do about it now, as the rules and the separation of duties allow
    /// (empty when it waits for someone else).
    #[schema(value_type = Vec<ActionCode>)]
    pub actions: Vec<&'static str>,
    /// Every delivery attempt of the messages about the case, oldest first.
    pub deliveries: Vec<DeliveryDto>,
}

/// One delivery attempt of a message about the case.
#[derive(Serialize, ToSchema)]
pub struct DeliveryDto {
    /// The message's id (the outbox job's, which the gateway receives on every attempt).
    #[schema(value_type = Id)]
    pub message: String,
    /// Where it went.
    #[schema(value_type = DeliveryChannelCode)]
    pub channel: &'static str,
    /// To whom (a masked phone; `account` for the personal account).
    pub recipient: String,
    /// The attempt, from 1.
    pub attempt: i64,
    /// When it started.
    #[schema(value_type = String, format = DateTime)]
    pub started_at: jiff::Timestamp,
    /// When it ended.
    #[schema(value_type = String, format = DateTime)]
    pub finished_at: jiff::Timestamp,
    /// How it ended.
    #[schema(value_type = DeliveryOutcomeCode)]
    pub outcome: &'static str,
    /// The gateway's answer, or why it was dropped.
    pub detail: String,
}

impl From<&Delivery> for DeliveryDto {
    fn from(d: &Delivery) -> Self {
        DeliveryDto {
            message: d.job.clone(),
            channel: d.channel.code(),
            recipient: d.recipient.clone(),
            attempt: d.attempt,
            started_at: d.started_at,
            finished_at: d.finished_at,
            outcome: d.outcome.code(),
            detail: d.detail.clone(),
        }
    }
}

impl From<&CaseFile> for StaffCaseDto {
    fn from(file: &CaseFile) -> Self {
        let members = file
            .registry
            .members
            .iter()
            .map(|c| {
                let (registry, person, differences) = match &c.lookup {
                    MemberLookup::NoIin => ("no_iin", None, Vec::new()),
                    MemberLookup::NotFound => ("not_found", None, Vec::new()),
                    MemberLookup::Found {
                        person,
                        differences,
                    } => (
                        "found",
                        Some(PersonDto::from(&**person)),
                        differences.iter().map(|f| f.code()).collect(),
                    ),
                };
                MemberCheckDto {
                    member: c.member.to_string(),
                    registry,
                    person,
                    differences,
                }
            })
            .collect();
        StaffCaseDto {
            view: ViewDto::from(&file.view),
            registry_check: RegistryCheckDto {
                applicant: file.registry.applicant.as_ref().map(PersonDto::from),
                members,
            },
            holder: file.holder.as_ref().map(OfficialDto::from),
            next_step: file.next.step.map(|s| s.code()),
            actions: file.next.actions.iter().map(|a| a.code()).collect(),
            deliveries: file.deliveries.iter().map(DeliveryDto::from).collect(),
        }
    }
}

/// An annulment of an ending.
#[derive(Serialize, ToSchema)]
pub struct AnnulmentDto {
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: jiff::Timestamp,
    /// The head's account id.
    #[schema(value_type = Id)]
    pub by: String,
    /// Why.
    pub reason: String,
}

/// An early ending of a certificate's status.
#[derive(Serialize, ToSchema)]
pub struct EndingDto {
    /// The certificate's number.
    #[schema(value_type = CertificateNumberText)]
    pub number: String,
    /// How it ends.
    #[schema(value_type = EndingCode)]
    pub ending: &'static str,
    /// Where the ending stands.
    #[schema(value_type = EndingStateCode)]
    pub state: &'static str,
    /// Why (e.g. the citizenship decision's or the annulment's number and date).
    pub reason: String,
    /// The day the status ends.
    #[schema(value_type = String, format = Date)]
    pub ended_on: jiff::civil::Date,
    /// Who recorded it, when.
    pub recorded: CheckDto,
    /// Who confirmed it, when (in effect since).
    pub confirmed: Option<CheckDto>,
    /// Who annulled it, when and why.
    pub annulled: Option<AnnulmentDto>,
}

impl From<&EndingView> for EndingDto {
    fn from(v: &EndingView) -> Self {
        EndingDto {
            number: v.number.clone(),
            ending: v.ending,
            state: v.state.code(),
            reason: v.reason.clone(),
            ended_on: v.ended_on,
            recorded: (&v.recorded).into(),
            confirmed: v.confirmed.as_ref().map(Into::into),
            annulled: v.annulled.as_ref().map(|(check, reason)| AnnulmentDto {
                at: check.at,
                by: check.by.to_string(),
                reason: reason.clone(),
            }),
        }
    }
}
