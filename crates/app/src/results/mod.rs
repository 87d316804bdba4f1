//! The result documents of a decided case: the kandas certificate (sealed for offline checks),
//! the decision to extend or to refuse, and the refusal of family members while the others are
//! assigned. They are rendered once, when the decision takes effect, and stored with their
//! SHA-256 in the same transaction; every download and reprint serves those bytes. And the
//! protocol of the commission's sitting, for the officer and the applicant.

mod protocol;
mod render;

pub use protocol::{own_protocol, protocol_document, protocol_for_staff};

use kandas_documents::input::Bilingual;
use kandas_domain::application::Application;
use kandas_domain::application::result::ResultKind;
use kandas_domain::application::status::Status;
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::{ApplicationError, DeskError};
use kandas_domain::ids::ApplicationId;

use crate::actor::Actor;
use crate::applicant::own_application;
use crate::desk::receipt::Pdf;
use crate::error::AppError;
use crate::ports::store::StoredResult;
use crate::service::Service;

fn both(id: &str) -> Bilingual {
    Bilingual {
        kk: kandas_i18n::text("kk", id),
        ru: kandas_i18n::text("ru", id),
    }
}

impl From<StoredResult> for Pdf {
    fn from(stored: StoredResult) -> Pdf {
        Pdf {
            file_name: stored.file_name,
            bytes: stored.bytes,
            sha256: Some(stored.sha256),
        }
    }
}

/// The result documents a new `status` of `application` makes: rendered from the case with that
/// status, as of the time the decision takes effect; none when the status decides nothing.
pub async fn frozen(
    service: &Service,
    application: &Application,
    status: &Status,
) -> Result<Vec<StoredResult>, AppError> {
    if !matches!(status, Status::Decided { .. }) {
        return Ok(Vec::new());
    }
    let decided = Application {
        status: status.clone(),
        ..application.clone()
    };
    render::all(service, &decided).await
}

/// Which result document a request asks for: the main one when it names none;
/// `application.no-document` for a name that is no kind of result document.
pub fn kind_asked(raw: Option<&str>) -> Result<Option<ResultKind>, AppError> {
    match raw.map(str::trim).filter(|k| !k.is_empty()) {
        None => Ok(None),
        Some(code) => ResultKind::parse(code)
            .map(Some)
            .ok_or(AppError::BadRequest(ApplicationError::NoDocument.into())),
    }
}

/// One result document of a decided case (the main one when `kind` is `None`), as stored. A
/// case decided before documents were kept gets them rendered now, as of its decision, and
/// stored, so that from then on it too is served the same bytes.
pub async fn stored(
    service: &Service,
    application: &Application,
    kind: Option<ResultKind>,
) -> Result<StoredResult, AppError> {
    let Status::Decided { decision, .. } = &application.status else {
        return Err(AppError::Conflict(DeskError::NotReady.into()));
    };
    let kinds = decision.result_kinds();
    let kind = match kind {
        Some(kind) if kinds.contains(&kind) => kind,
        Some(_) => return Err(AppError::Conflict(ApplicationError::NoDocument.into())),
        None => *kinds
            .first()
            .ok_or(AppError::Conflict(ApplicationError::NoDocument.into()))?,
    };
    if let Some(document) = service.store.result_document(&application.id, kind).await? {
        return Ok(document);
    }
    let rendered = render::all(service, application).await?;
    service.store.keep_result_documents(&rendered).await?;
    service
        .store
        .result_document(&application.id, kind)
        .await?
        .ok_or_else(|| AppError::internal(format!("the {} was not stored", kind.code())))
}

/// A result document of a decided case as a PDF to serve, with its SHA-256.
pub async fn result_document(
    service: &Service,
    application: &Application,
    kind: Option<ResultKind>,
) -> Result<Pdf, AppError> {
    Ok(stored(service, application, kind).await?.into())
}

/// A result document of the actor's own decided application, to download (`document`: its
/// kind's code, or the main one); the read is audited.
pub async fn own_result(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    document: Option<&str>,
) -> Result<Pdf, AppError> {
    let kind = kind_asked(document)?;
    let application = own_application(service, actor, id).await?;
    let pdf = result_document(service, &application, kind).await?;
    let mut audit = service.audit_by(actor, AuditAction::ApplicationDownloadResult);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = serde_json::json!({ "file": pdf.file_name, "sha256": pdf.sha256 });
    service.store.audit(&audit).await?;
    Ok(pdf)
}
