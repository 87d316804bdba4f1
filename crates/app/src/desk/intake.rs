//! Taking a paper application in: the person found by IIN in the registries, a draft prefilled
//! from them, the form and family as the applicant dictates, scans, and the custody record.

use kandas_domain::application::custody::{Custody, CustodyLine, CustodyMarks};
use kandas_domain::application::document::DocumentType;
use kandas_domain::application::form::FormInput;
use kandas_domain::application::{Application, Kind};
use kandas_domain::codes::{ApplicationError, CustodyError, DeskError, RequestError};
use kandas_domain::ids::MemberId;
use kandas_domain::iin::Iin;
use serde::Deserialize;

use super::{desk, desk_action, draft};
use crate::actor::Actor;
use crate::applicant::attach::{self, Upload};
use crate::applicant::draft::{prefilled, store_form};
use crate::applicant::profile::{Profile, profile_of};
use crate::applicant::view::documents;
use crate::error::AppError;
use crate::ports::store::{CustodyChange, StoreError};
use crate::service::Service;

fn iin(raw: &str) -> Result<Iin, AppError> {
    Iin::parse(raw.trim()).map_err(|_| AppError::BadRequest(DeskError::Iin.into()))
}

/// The person with this IIN as the registries know them, read for a case at the actor's desk
/// in which they are the applicant or a family member (no portal account needed): a desk looks
/// people up only to continue its own cases — starting one reads the registries itself. The
/// read is audited with its purpose; a lookup without such a case is refused and audited.
pub async fn person(
    service: &Service,
    actor: &Actor,
    raw_iin: &str,
    application: Option<&str>,
) -> Result<Profile, AppError> {
    desk(service, actor).await?;
    let iin = iin(raw_iin)?;
    let Some(application) = application.map(str::trim).filter(|a| !a.is_empty()) else {
        let reason = "a person looked up without a case";
        let refused = AppError::Refused(DeskError::LookupWithoutCase.into());
        return Err(service.refuse(actor, None, reason, refused).await);
    };
    let (_, case) = super::desk_case(service, actor, application).await?;
    if !case.involves(&iin) {
        let reason = "a person who is not in the case";
        let refused = AppError::Refused(DeskError::LookupWithoutCase.into());
        return Err(service.refuse(actor, Some(&case), reason, refused).await);
    }
    let profile = profile_of(service, &iin).await?;
    if profile.person.is_none() {
        return Err(AppError::NotFound);
    }
    let mut audit = service.audit_by(actor, "desk.read-person");
    audit.subject = Some(iin);
    audit.application = Some(case.id.clone());
    audit.details = serde_json::json!({ "purpose": "case", "number": case.number.to_string() });
    service.store.audit(&audit).await?;
    Ok(profile)
}

/// Starts a paper application of `kind` for the person with this IIN, prefilled from the
/// registries and filed at the actor's desk.
pub async fn create(
    service: &Service,
    actor: &Actor,
    raw_iin: &str,
    kind: &str,
) -> Result<Application, AppError> {
    let desk = desk(service, actor).await?;
    let applicant = iin(raw_iin)?;
    let kind = Kind::parse(kind).ok_or(AppError::BadRequest(ApplicationError::Kind.into()))?;
    let duties = service.rules_at(service.now())?.duties;
    if duties.no_own_cases && applicant == actor.iin {
        let e = kandas_domain::duties::DutyError::OwnCase;
        return Err(service.refuse_duty(actor, None, Some(&applicant), e).await);
    }
    let new = prefilled(
        service,
        actor,
        &applicant,
        kind,
        desk.channel,
        Some(desk.office),
    )
    .await?;
    match service.store.create_draft(&new).await {
        Err(StoreError::Replay(_)) => Err(AppError::Conflict(RequestError::Replayed.into())),
        other => Ok(other?),
    }
}

/// Replaces the form of a desk draft.
pub async fn save_form(
    service: &Service,
    actor: &Actor,
    id: &str,
    input: &FormInput,
    version: i64,
) -> Result<Application, AppError> {
    let (_, application) = desk_action(service, actor, id).await?;
    store_form(service, actor, &application, input, version).await
}

/// Attaches a scan made at the desk.
pub async fn attach(
    service: &Service,
    actor: &Actor,
    id: &str,
    upload: Upload,
) -> Result<Application, AppError> {
    let (_, application) = desk_action(service, actor, id).await?;
    Ok(attach::add(service, actor, &application, upload).await?.0)
}

/// One line of the custody record as the desk sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct CustodyLineInput {
    /// The document type code.
    pub document: String,
    /// The family member id, if the document is a member's.
    #[serde(default)]
    pub member: Option<String>,
    /// The marks.
    #[serde(flatten)]
    pub marks: CustodyMarks,
}

/// Replaces the custody record of a desk draft. Lines the checklist does not ask for (a
/// document a registry holds, a removed family member) are dropped.
pub async fn save_custody(
    service: &Service,
    actor: &Actor,
    id: &str,
    lines: &[CustodyLineInput],
    version: i64,
) -> Result<Application, AppError> {
    let (_, application) = desk_action(service, actor, id).await?;
    draft(&application)?;
    let mut parsed = Vec::with_capacity(lines.len());
    for line in lines {
        let document = DocumentType::parse(&line.document)
            .ok_or(AppError::BadRequest(CustodyError::Document.into()))?;
        let member = match line.member.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(
                MemberId::parse(raw)
                    .map_err(|_| AppError::BadRequest(CustodyError::Member.into()))?,
            ),
        };
        parsed.push(CustodyLine {
            document,
            member,
            marks: line.marks.clone(),
        });
    }
    let (_, checklist) = documents(service, &application).await?;
    let custody = Custody { lines: parsed }.fitted_to(&checklist);
    if !custody.wrongly_returned().is_empty() {
        return Err(AppError::BadRequest(CustodyError::HistoryKept.into()));
    }
    let mut audit = service.audit_by(actor, "desk.custody");
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = serde_json::to_value(&custody).map_err(AppError::internal)?;
    let change = CustodyChange {
        application: application.id.clone(),
        expected_version: version,
        custody,
        at: service.now(),
        audit,
    };
    Ok(service.store.save_custody(&change).await?)
}
