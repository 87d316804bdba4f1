//! What a case's outcome tells the applicant beyond its status: each refused person with the
//! grounds and the explanation, the refusal to accept with what is missing, how to appeal, and
//! the result documents as stored (with their SHA-256).

use jiff::Timestamp;
use kandas_domain::appeal::Appeal;
use kandas_domain::application::Application;
use kandas_domain::application::custody::Shortfall;
use kandas_domain::application::document::DocumentType;
use kandas_domain::application::member::Kinship;
use kandas_domain::application::result::ResultKind;
use kandas_domain::application::status::{Outcome, Status};
use kandas_domain::deadline::almaty_date;
use kandas_domain::grounds::Ground;
use kandas_domain::ids::MemberId;
use kandas_domain::office::OfficeCode;
use serde::Serialize;

use crate::appeal::appeals_against;
use crate::error::AppError;
use crate::service::Service;

/// A person refused, with the grounds and the explanation.
#[derive(Debug, Clone, Serialize)]
pub struct RefusalView {
    /// The family member; `None` for the applicant.
    pub member: Option<MemberId>,
    /// The full name.
    pub name: String,
    /// The member's kinship; `None` for the applicant.
    pub kinship: Option<Kinship>,
    /// The grounds, each with its legal basis.
    pub grounds: Vec<Ground>,
    /// The official's explanation.
    pub comment: String,
}

/// The ways to appeal a refusal of `office`.
#[derive(Debug, Clone, Serialize)]
pub struct AppealView {
    /// The body that refused.
    pub office: OfficeCode,
    /// The routes, each with the last day to file.
    pub routes: Vec<Appeal>,
}

/// One missing line of a refusal to accept.
#[derive(Debug, Clone, Serialize)]
pub struct MissingView {
    /// The document.
    pub document: DocumentType,
    /// The family member it concerns.
    pub member: Option<MemberId>,
    /// The member's full name.
    pub member_name: Option<String>,
    /// What is missing.
    pub shortfall: Shortfall,
}

/// The refusal to accept: when, what is missing, how to appeal.
#[derive(Debug, Clone, Serialize)]
pub struct RefusalToAcceptView {
    /// When.
    pub at: Timestamp,
    /// What is missing, line by line.
    pub missing: Vec<MissingView>,
    /// How to appeal.
    pub appeal: Option<AppealView>,
}

/// A result document of the decision.
#[derive(Debug, Clone, Serialize)]
pub struct ResultDocumentView {
    /// Which document.
    pub kind: ResultKind,
    /// The file name, once stored.
    pub file_name: Option<String>,
    /// SHA-256 of the stored file, hex (a case decided before documents were kept has it from
    /// its first download).
    pub sha256: Option<String>,
    /// Where the applicant downloads it.
    pub url: String,
}

fn member_name(application: &Application, id: &MemberId) -> Option<(String, Kinship)> {
    let member = application.form.members.iter().find(|m| &m.id == id)?;
    Some((member.name.display(), member.kinship))
}

/// Everyone the decision refused: the applicant and every member when the application is
/// refused, the refused members when the others are assigned.
pub(crate) async fn refusals(
    service: &Service,
    application: &Application,
) -> Result<Vec<RefusalView>, AppError> {
    let Status::Decided { decision, .. } = &application.status else {
        return Ok(Vec::new());
    };
    let member = |id: &MemberId, grounds: &[Ground], comment: &str| {
        let (name, kinship) = member_name(application, id).unzip();
        RefusalView {
            member: Some(id.clone()),
            name: name.unwrap_or_else(|| id.to_string()),
            kinship,
            grounds: grounds.to_vec(),
            comment: comment.to_owned(),
        }
    };
    Ok(match &decision.outcome {
        Outcome::Refused { grounds, comment } => {
            let name = match service.registry.person(&application.applicant).await? {
                Some(person) => person.name.display(),
                None => application.applicant.masked(),
            };
            let applicant = RefusalView {
                member: None,
                name,
                kinship: None,
                grounds: grounds.clone(),
                comment: comment.clone(),
            };
            let members = application.form.members.iter();
            std::iter::once(applicant)
                .chain(members.map(|m| member(&m.id, grounds, comment)))
                .collect()
        }
        Outcome::Assigned {
            refused_members, ..
        } => refused_members
            .iter()
            .map(|r| member(&r.member, &r.grounds, &r.comment))
            .collect(),
        Outcome::Extended { .. } => Vec::new(),
    })
}

/// How to appeal the case's refusal (of anyone, or to accept); `None` when nobody was refused.
pub(crate) fn appeal(
    service: &Service,
    application: &Application,
) -> Result<Option<AppealView>, AppError> {
    let (office, at) = match &application.status {
        Status::Decided { decision, .. } if decision.refuses_anyone() => {
            (application.office.as_ref(), decision.took_effect_at())
        }
        Status::RejectedAtIntake {
            at, registration, ..
        } => match registration {
            Some(_) => (application.office.as_ref(), *at),
            None => (application.intake_office.as_ref(), *at),
        },
        _ => return Ok(None),
    };
    let Some(office) = office else {
        return Ok(None);
    };
    let routes = appeals_against(service, application, office, almaty_date(at))?;
    Ok(Some(AppealView {
        office: office.clone(),
        routes,
    }))
}

/// The refusal to accept, with the missing lines named.
pub(crate) fn refusal_to_accept(
    application: &Application,
    appeal: Option<AppealView>,
) -> Option<RefusalToAcceptView> {
    let Status::RejectedAtIntake { at, missing, .. } = &application.status else {
        return None;
    };
    let missing = missing
        .iter()
        .map(|m| MissingView {
            document: m.document,
            member: m.member.clone(),
            member_name: m
                .member
                .as_ref()
                .and_then(|id| member_name(application, id))
                .map(|(name, _)| name),
            shortfall: m.shortfall,
        })
        .collect();
    Some(RefusalToAcceptView {
        at: *at,
        missing,
        appeal,
    })
}

/// The result documents the decision makes, with the SHA-256 of those stored.
pub(crate) async fn result_documents(
    service: &Service,
    application: &Application,
) -> Result<Vec<ResultDocumentView>, AppError> {
    let Status::Decided { decision, .. } = &application.status else {
        return Ok(Vec::new());
    };
    let stored = service.store.result_documents(&application.id).await?;
    Ok(decision
        .result_kinds()
        .into_iter()
        .map(|kind| {
            let found = stored.iter().find(|s| s.kind == kind);
            ResultDocumentView {
                kind,
                file_name: found.map(|s| s.file_name.clone()),
                sha256: found.map(|s| s.sha256.clone()),
                url: format!(
                    "/api/v1/applications/{}/result?document={}",
                    application.id,
                    kind.code()
                ),
            }
        })
        .collect())
}
