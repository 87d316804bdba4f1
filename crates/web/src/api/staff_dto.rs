//! What the staff API adds to a case for its office: the population registry next to the form
//! (the differences by field) and who holds the case.

use kandas_app::staff::CaseFile;
use kandas_app::staff::registry_check::MemberLookup;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::dto::{OfficialDto, ViewDto, value};

/// One family member checked against the population registry.
#[derive(Serialize, ToSchema)]
pub struct MemberCheckDto {
    /// The member's id in the form.
    pub member: String,
    /// `no_iin` (nothing to look up), `not_found` (nobody with the IIN given) or `found`.
    pub registry: &'static str,
    /// The registry's record, when found.
    #[schema(value_type = Option<Object>)]
    pub person: Option<Value>,
    /// The fields the form gives otherwise than the registry: `surname`, `given_name`,
    /// `patronymic`, `surname_latin`, `given_name_latin`, `birth_date`, `citizenship`.
    pub differences: Vec<&'static str>,
}

/// The population registry next to what the applicant typed.
#[derive(Serialize, ToSchema)]
pub struct RegistryCheckDto {
    /// The applicant's record (names, birth date and citizenship come from here).
    #[schema(value_type = Option<Object>)]
    pub applicant: Option<Value>,
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
                        Some(value(person)),
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
                applicant: file.registry.applicant.as_ref().map(value),
                members,
            },
            holder: file.holder.as_ref().map(OfficialDto::from),
        }
    }
}
