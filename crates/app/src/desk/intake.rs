//! Taking a paper application in: the person found by IIN in the registries, a draft prefilled
//! from them, the form and family as the applicant dictates, scans, and the custody record.

use kandas_domain::application::custody::{Custody, CustodyLine};
use kandas_domain::application::form::FormInput;
use kandas_domain::application::{Application, Kind};
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::{CustodyError, DeskError, RequestError};
use kandas_domain::ids::{ApplicationId, MemberId};
use kandas_domain::iin::Iin;

use super::{desk, desk_action, draft};
use crate::actor::Actor;
use crate::applicant::attach::{self, Upload};
use crate::applicant::draft::{prefilled, store_form};
use crate::applicant::profile::{Profile, profile_of};
use crate::applicant::view::documents;
use crate::error::AppError;
use crate::ports::store::{CustodyChange, StoreError};
use crate::service::Service;

/// A posted IIN (`desk.iin` for one that is not an IIN).
pub fn iin(raw: &str) -> Result<Iin, AppError> {
    Iin::parse(raw.trim()).map_err(|_| AppError::BadRequest(DeskError::Iin.into()))
}

/// The person with this IIN as the registries know them, read for a case at the actor's desk
/// in which they are the applicant or a family member (no portal account needed): a desk looks
/// people up only to continue its own cases — starting one reads the registries itself. The
/// read is audited with its purpose; a lookup without such a case is refused and audited.
pub async fn person(
    service: &Service,
    actor: &Actor,
    iin: &Iin,
    application: Option<&ApplicationId>,
) -> Result<Profile, AppError> {
    desk(service, actor).await?;
    let iin = iin.clone();
    let Some(application) = application else {
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
    let mut audit = service.audit_by(actor, AuditAction::DeskReadPerson);
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
    applicant: &Iin,
    kind: Kind,
) -> Result<Application, AppError> {
    let desk = desk(service, actor).await?;
    let applicant = applicant.clone();
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
    id: &ApplicationId,
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
    id: &ApplicationId,
    upload: Upload,
) -> Result<Application, AppError> {
    let (_, application) = desk_action(service, actor, id).await?;
    Ok(attach::add(service, actor, &application, upload).await?.0)
}

/// A posted custody line's family member (none for the applicant's own document;
/// `custody.member` for one that is not an id).
pub fn custody_member(raw: Option<&str>) -> Result<Option<MemberId>, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => MemberId::parse(raw)
            .map(Some)
            .map_err(|_| AppError::BadRequest(CustodyError::Member.into())),
    }
}

/// Replaces the custody record of a desk draft. Lines the checklist does not ask for (a
/// document a registry holds, a removed family member) are dropped.
pub async fn save_custody(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    lines: Vec<CustodyLine>,
    version: i64,
) -> Result<Application, AppError> {
    let (_, application) = desk_action(service, actor, id).await?;
    draft(&application)?;
    let (_, checklist) = documents(service, &application).await?;
    let custody = Custody { lines }.fitted_to(&checklist);
    if !custody.wrongly_returned().is_empty() {
        return Err(AppError::BadRequest(CustodyError::HistoryKept.into()));
    }
    let mut audit = service.audit_by(actor, AuditAction::DeskCustody);
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
