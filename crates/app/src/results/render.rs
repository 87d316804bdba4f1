//! Renders the result documents of a decided case as of the time its decision took effect: the
//! dates and the seal's signing time are the decision's, the holder is as the registries hold
//! them at rendering (which is the decision, for a case decided since documents are kept).

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_documents::input::{
    Bilingual, Certificate, Decision, DecisionOutcome, Holder, MemberRefusalLine, RefusalGround,
    RefusedPerson,
};
use kandas_domain::application::Application;
use kandas_domain::application::member::FamilyMember;
use kandas_domain::application::result::ResultKind;
use kandas_domain::application::status::{Decision as Decided, MemberRefusal, Outcome, Status};
use kandas_domain::codes::{ApplicationError, DecisionError, DeskError};
use kandas_domain::deadline::almaty_date;
use kandas_domain::grounds::Ground;
use kandas_domain::person::{Country, Person};
use sha2::{Digest, Sha256};

use super::both;
use crate::appeal::{appeal_lines, appeals_against};
use crate::desk::receipt::{office_names, status_url};
use crate::error::AppError;
use crate::ports::store::StoredResult;
use crate::sealing::{Sealable, seal_certificate};
use crate::service::Service;

fn country(code: Option<&Country>) -> Bilingual {
    match code {
        Some(c) => both(&format!("country-{}", c.as_str())),
        None => Bilingual::default(),
    }
}

fn member_holder(m: &FamilyMember) -> Holder {
    Holder {
        name_cyrillic: m.name.display(),
        name_latin: m.name_latin.display(),
        birth_date: m.birth_date,
        iin: m.iin.as_ref().map(ToString::to_string),
        country: country(Some(&m.citizenship)),
    }
}

fn kinship(m: &FamilyMember) -> Bilingual {
    both(&format!("kinship-{}", m.kinship.code()))
}

fn grounds(grounds: &[Ground]) -> Vec<RefusalGround> {
    grounds
        .iter()
        .map(|g| RefusalGround {
            text: both(&format!("ground-{}", g.code)),
            legal_basis: both(&format!("ground-basis-{}", g.code)),
        })
        .collect()
}

/// What every document of the case shares.
struct Case<'a> {
    application: &'a Application,
    decision: &'a Decided,
    person: Person,
    holder: Holder,
    issuer: Bilingual,
    took_effect: Timestamp,
    decided_on: Date,
}

/// Every result document of the decided `application`, in the order of its kinds.
pub(super) async fn all(
    service: &Service,
    application: &Application,
) -> Result<Vec<StoredResult>, AppError> {
    let Status::Decided { decision, .. } = &application.status else {
        return Err(AppError::Conflict(DeskError::NotReady.into()));
    };
    let person = service
        .registry
        .person(&application.applicant)
        .await?
        .ok_or(AppError::Conflict(
            DecisionError::ApplicantNotInRegistry.into(),
        ))?;
    let origin = application.form.country_of_origin.as_ref();
    let took_effect = decision.took_effect_at();
    let case = Case {
        holder: Holder {
            name_cyrillic: person.name.display(),
            name_latin: person.name_latin.display(),
            birth_date: person.birth_date,
            iin: Some(application.applicant.to_string()),
            country: country(origin.or(Some(&person.citizenship))),
        },
        person,
        issuer: application
            .office
            .as_ref()
            .map(office_names)
            .unwrap_or_else(|| both("office-leb")),
        application,
        decision,
        took_effect,
        decided_on: almaty_date(took_effect),
    };
    let mut documents = Vec::new();
    for kind in decision.result_kinds() {
        let (file_name, bytes) = match kind {
            ResultKind::Certificate => certificate(service, &case).await?,
            _ => decision_pdf(service, &case, kind).await?,
        };
        documents.push(StoredResult {
            application: application.id.clone(),
            kind,
            file_name,
            sha256: hex::encode(Sha256::digest(&bytes)),
            bytes,
            created_at: service.now(),
        });
    }
    Ok(documents)
}

/// The certificate, sealed at the time the decision took effect.
async fn certificate(service: &Service, case: &Case<'_>) -> Result<(String, Vec<u8>), AppError> {
    let Outcome::Assigned {
        certificate,
        valid_until,
        members,
        ..
    } = &case.decision.outcome
    else {
        return Err(AppError::Conflict(ApplicationError::NoDocument.into()));
    };
    let covered = case
        .application
        .form
        .members
        .iter()
        .filter(|m| members.contains(&m.id))
        .map(member_holder)
        .collect();
    let sealable = Sealable {
        number: certificate,
        holder: &case.person,
        valid_until: *valid_until,
        extended: false,
        issuer: case
            .application
            .office
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        issued_on: case.decided_on,
        signed_at: case.took_effect,
    };
    let sealed = seal_certificate(service, &sealable)?;
    let pdf = Certificate {
        number: certificate.to_string(),
        issued_on: case.decided_on,
        valid_until: *valid_until,
        holder: case.holder.clone(),
        members: covered,
        issuer: case.issuer.clone(),
        verify_url: sealed.url,
        code: sealed.code,
    };
    let bytes = crate::rendering::off_workers(pdf, kandas_documents::certificate).await?;
    Ok((format!("certificate-{certificate}.pdf"), bytes))
}

/// The refused members, each by the form's name and kinship, with the grounds.
fn member_lines(application: &Application, refused: &[MemberRefusal]) -> Vec<MemberRefusalLine> {
    refused
        .iter()
        .map(|r| {
            let member = application.form.members.iter().find(|m| m.id == r.member);
            MemberRefusalLine {
                person: RefusedPerson {
                    name: member.map_or_else(|| r.member.to_string(), |m| m.name.display()),
                    role: member.map_or_else(|| both("pdf-member"), kinship),
                },
                grounds: grounds(&r.grounds),
                comment: r.comment.clone(),
            }
        })
        .collect()
}

/// The decision to extend, to refuse, or to refuse family members.
async fn decision_pdf(
    service: &Service,
    case: &Case<'_>,
    kind: ResultKind,
) -> Result<(String, Vec<u8>), AppError> {
    let application = case.application;
    let outcome = match (&case.decision.outcome, kind) {
        (Outcome::Extended { valid_until }, ResultKind::ExtensionDecision) => {
            DecisionOutcome::Extended {
                certificate: service
                    .registry
                    .certificate(&application.applicant)
                    .await?
                    .map(|c| c.number.to_string())
                    .unwrap_or_default(),
                valid_until: *valid_until,
            }
        }
        (
            Outcome::Refused {
                grounds: g,
                comment,
            },
            ResultKind::RefusalDecision,
        ) => {
            let mut persons = vec![RefusedPerson {
                name: case.holder.name_cyrillic.clone(),
                role: both("pdf-applicant"),
            }];
            persons.extend(application.form.members.iter().map(|m| RefusedPerson {
                name: m.name.display(),
                role: kinship(m),
            }));
            DecisionOutcome::Refused {
                persons,
                grounds: grounds(g),
                comment: comment.clone(),
            }
        }
        (
            Outcome::Assigned {
                certificate,
                refused_members,
                ..
            },
            ResultKind::MemberRefusal,
        ) => DecisionOutcome::MembersRefused {
            certificate: certificate.to_string(),
            members: member_lines(application, refused_members),
        },
        _ => return Err(AppError::Conflict(ApplicationError::NoDocument.into())),
    };
    let appeal = match (&application.office, kind.refuses()) {
        (Some(office), true) => {
            let open = appeals_against(service, application, office, case.decided_on)?;
            appeal_lines(&open, office)
        }
        _ => Vec::new(),
    };
    let number = application.number.to_string();
    let pdf = Decision {
        application_number: number.clone(),
        kind: application.kind,
        decided_on: case.decided_on,
        holder: case.holder.clone(),
        issuer: case.issuer.clone(),
        outcome,
        appeal,
        status_url: status_url(service, application)?,
    };
    let bytes = crate::rendering::off_workers(pdf, kandas_documents::decision).await?;
    let file_name = match kind {
        ResultKind::MemberRefusal => format!("member-refusal-{number}.pdf"),
        _ => format!("decision-{number}.pdf"),
    };
    Ok((file_name, bytes))
}
