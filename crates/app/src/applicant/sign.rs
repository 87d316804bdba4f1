//! Signing by SMS password: the code is bound to the SHA-256 of the exact signing document,
//! and confirming it submits and registers the application (idempotently).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use kandas_domain::application::Application;
use kandas_domain::application::document::missing;
use kandas_domain::application::status::{Registration, SignatureMethod, Status};
use kandas_domain::codes::{ApplicationError, EdsError, InputError, OtpError, SignError};
use kandas_domain::deadline;
use kandas_domain::ids::ApplicationId;
use serde_json::json;

use super::own_application;
use super::signing_document::SigningDocumentV1;
use super::view::documents;
use crate::actor::Actor;
use crate::error::AppError;
use crate::jobs::notice_jobs;
use crate::otp::{self, CodeSent};
use crate::ports::signature::{KeyPurpose, SignatureCheck, SignatureVerdict};
use crate::ports::store::{Evidence, Purpose, StatusChange};
use crate::secrets::sha256_hex;
use crate::service::Service;

/// The exact bytes a signature covers.
#[derive(Debug, Clone)]
pub struct SigningDocument {
    /// The canonical bytes of a [`SigningDocumentV1`].
    pub bytes: Vec<u8>,
    /// SHA-256, hex.
    pub sha256: String,
}

/// Builds the signing document of a draft: the form, the person from the registry and the
/// attachments' hashes, in the canonical form of [`SigningDocumentV1`].
pub async fn document_of(
    service: &Service,
    application: &Application,
) -> Result<SigningDocument, AppError> {
    let (attachments, _) = documents(service, application).await?;
    let person = service.registry.person(&application.applicant).await?;
    let bytes = SigningDocumentV1::of(application, person.as_ref(), &attachments).canonical()?;
    let sha256 = sha256_hex(&bytes);
    Ok(SigningDocument { bytes, sha256 })
}

/// The signing document of the actor's own application.
pub async fn signing_document(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<SigningDocument, AppError> {
    let application = own_application(service, actor, id).await?;
    document_of(service, &application).await
}

pub(crate) async fn ready_to_sign(
    service: &Service,
    application: &Application,
) -> Result<(), AppError> {
    if application.status != Status::Draft {
        return Err(AppError::Conflict(ApplicationError::NotDraft.into()));
    }
    let mut problems = application.form.missing_for_signing();
    let (_, checklist) = documents(service, application).await?;
    for item in missing(&checklist) {
        let member = item
            .member
            .as_ref()
            .map(|m| format!("[{m}]"))
            .unwrap_or_default();
        problems.push(kandas_domain::application::form::FieldError {
            field: format!("documents.{}{member}", item.document.code()),
            code: InputError::DocumentMissing.into(),
        });
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// Sends a signing code bound to the current signing document.
pub async fn start_sms(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    ip: &str,
) -> Result<CodeSent, AppError> {
    let application = own_application(service, actor, id).await?;
    super::editable_online(&application)?;
    ready_to_sign(service, &application).await?;
    send_signing_code(service, &application, ip).await
}

/// Sends the applicant's phone a code bound to the application's current signing document.
pub(crate) async fn send_signing_code(
    service: &Service,
    application: &Application,
    ip: &str,
) -> Result<CodeSent, AppError> {
    let document = document_of(service, application).await?;
    let purpose = Purpose::Sign {
        application: application.id.clone(),
        document_sha256: document.sha256,
    };
    otp::issue(service, &application.applicant, purpose, ip).await
}

/// Confirms the signing code: submits and registers the application.
pub async fn confirm_sms(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    code: &str,
) -> Result<Application, AppError> {
    let application = own_application(service, actor, id).await?;
    super::editable_online(&application)?;
    submit_by_code(service, actor, application, code).await
}

/// How many tries the latest signing code of the actor's own draft has left (`None` when there
/// is no code in use: none sent, used up, or expired), for the code page to say after a wrong one.
pub async fn code_tries_left(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<Option<i64>, AppError> {
    let application = own_application(service, actor, id).await?;
    let challenge = service.store.latest_sign_challenge(&application.id).await?;
    Ok(challenge
        .filter(|c| c.consumed_at.is_none() && service.now() < c.expires_at)
        .map(|c| c.attempts_left.max(0)))
}

/// Submits `application` with the code of its latest signing challenge (sent to the applicant's
/// phone); a repeated confirmation of what was already submitted changes nothing.
pub(crate) async fn submit_by_code(
    service: &Service,
    actor: &Actor,
    application: Application,
    code: &str,
) -> Result<Application, AppError> {
    let challenge = service
        .store
        .latest_sign_challenge(&application.id)
        .await?
        .ok_or(AppError::Code(OtpError::Unknown.into()))?;
    let Purpose::Sign {
        document_sha256, ..
    } = &challenge.purpose
    else {
        return Err(AppError::Code(OtpError::Unknown.into()));
    };
    if let Some(r) = application.status.registration() {
        // A repeated confirmation of what was already submitted changes nothing.
        return if &r.document_sha256 == document_sha256 {
            Ok(application)
        } else {
            Err(AppError::Conflict(ApplicationError::NotDraft.into()))
        };
    }
    let now = service.now();
    otp::check(service, &challenge, code, now).await?;
    let document = document_of(service, &application).await?;
    if &document.sha256 != document_sha256 {
        // The code stands for a document that no longer is: it can sign nothing now.
        service.store.consume_challenge(&challenge.id, now).await?;
        return Err(AppError::Conflict(SignError::DocumentChanged.into()));
    }
    let detail = json!({ "challenge": challenge.id, "phone": challenge.phone.masked() });
    submit(
        service,
        actor,
        &application,
        document,
        SignatureMethod::Sms,
        detail,
        Some(challenge.id.clone()),
    )
    .await
}

/// Registers a signed application: the deadline from the calendar and the rule set in force,
/// the transition, the signed document kept as evidence and the signing code (`spends_code`)
/// used up, in one store call.
pub(crate) async fn submit(
    service: &Service,
    actor: &Actor,
    application: &Application,
    document: SigningDocument,
    method: SignatureMethod,
    detail: serde_json::Value,
    spends_code: Option<String>,
) -> Result<Application, AppError> {
    let now = service.now();
    let deadline = deadline::compute(
        &service.calendar.current(),
        &service.rules,
        application.kind,
        now,
    )
    .map_err(AppError::internal)?;
    let registration = Registration {
        registered_at: now,
        deadline,
        signed_by: method,
        document_sha256: document.sha256.clone(),
    };
    let transition = application.submit(registration)?;
    let mut audit = service.audit_by(actor, transition.audit.action);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = transition.audit.details.clone();
    let change = StatusChange {
        application: application.id.clone(),
        expected_version: application.version,
        jobs: notice_jobs(application, &transition.notices),
        status: transition.status,
        at: now,
        audit,
        certificate: None,
        evidence: Some(Evidence {
            method,
            document: document.bytes,
            sha256: document.sha256,
            detail,
        }),
        spends_code,
        results: Vec::new(),
        idempotency: None,
    };
    let application = service.store.change_status(&change).await?;
    (service.wake)();
    Ok(application)
}

/// Signs with an electronic digital signature: `cms_base64` is what NCALayer's `sign`
/// returned over the signing document. A signature that is not valid loses nothing: the draft
/// stays, and the person can try again or sign by SMS.
pub async fn confirm_eds(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    cms_base64: &str,
) -> Result<Application, AppError> {
    let application = own_application(service, actor, id).await?;
    super::editable_online(&application)?;
    ready_to_sign(service, &application).await?;
    let cms = decode_cms(cms_base64)?;
    let document = document_of(service, &application).await?;
    let check = service
        .signatures
        .verify(
            &cms,
            &document.bytes,
            KeyPurpose::SignDocument,
            Some(&actor.iin),
        )
        .await;
    crate::telemetry::signature_checked(KeyPurpose::SignDocument, &check);
    let check = check.map_err(|e| AppError::Unavailable(Box::new(e)))?;
    accepted(&check)?;
    let detail = json!({
        "cms": BASE64.encode(&cms),
        "certificate": check.certificate.as_ref().map(|c| BASE64.encode(c)),
        "signer": check.signer,
        "report": check.report,
    });
    submit(
        service,
        actor,
        &application,
        document,
        SignatureMethod::Eds,
        detail,
        None,
    )
    .await
}

/// The DER of a CMS sent as base64 (NCALayer's `cms` format); white space is ignored.
pub fn decode_cms(cms_base64: &str) -> Result<Vec<u8>, AppError> {
    let compact: String = cms_base64.split_whitespace().collect();
    match BASE64.decode(compact.as_bytes()) {
        Ok(bytes) if !bytes.is_empty() => Ok(bytes),
        _ => Err(AppError::SignatureRefused(EdsError::Malformed)),
    }
}

/// Whether a checked signature is accepted; if not, the error that says why.
pub fn accepted(check: &SignatureCheck) -> Result<(), AppError> {
    let reason = check.reason.unwrap_or(EdsError::SignatureInvalid);
    match check.verdict {
        SignatureVerdict::Valid => Ok(()),
        SignatureVerdict::Invalid => Err(AppError::SignatureRefused(reason)),
        SignatureVerdict::Indeterminate => Err(AppError::SignatureUncheckable(reason)),
    }
}
