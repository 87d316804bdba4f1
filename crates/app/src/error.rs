//! The errors of the use cases. Each variant's `code()` is a stable dotted code that doubles
//! as the message id people read in kk, ru or en.

use kandas_domain::application::form::FieldError;
use kandas_domain::application::status::TransitionError;
use kandas_domain::certificate::EndingError;
use kandas_domain::codes::{
    ApplicationError, AttachmentError, AuthError, EdsError, ErrorCode, IdempotencyError, OtpError,
    RequestError, ServiceError,
};
use kandas_domain::duties::DutyError;
use thiserror::Error;

use crate::ports::files::FilesError;
use crate::ports::registry::RegistryError;
use crate::ports::store::StoreError;

/// What went wrong in a use case.
#[derive(Debug, Error)]
pub enum AppError {
    /// Some fields are wrong; nothing was saved.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The request is wrong as a whole (the code says how).
    #[error("bad request: {0}")]
    BadRequest(ErrorCode),
    /// An uploaded file was refused for what it holds or its size; the code says why, `file` is
    /// its name as shown (cleaned of paths and invisible characters).
    #[error("file {file:?} refused: {}", code.code())]
    FileRefused {
        /// The reason's code, also the message id (its message names the file).
        code: AttachmentError,
        /// The file's name.
        file: String,
    },
    /// Sign in first.
    #[error("not signed in")]
    NotSignedIn,
    /// Wrong IIN or password.
    #[error("wrong IIN or password")]
    BadCredentials,
    /// Not there, or not yours (others' objects look absent).
    #[error("not found")]
    NotFound,
    /// Signed in, but the role does not allow it.
    #[error("forbidden")]
    Forbidden,
    /// Signed in with the right role, but a rule forbids this official to do it (the separation
    /// of duties); the code says which.
    #[error("refused: {0}")]
    Refused(ErrorCode),
    /// The state or version changed; the code says how.
    #[error("conflict: {0}")]
    Conflict(ErrorCode),
    /// Too many attempts; try again after this many seconds.
    #[error("too many attempts")]
    TooMany {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// A one-time code problem; the code says which.
    #[error("one-time code: {0}")]
    Code(ErrorCode),
    /// The signature was checked and is not accepted; the verifier's reason says why.
    #[error("signature refused: {}", .0.code())]
    SignatureRefused(EdsError),
    /// The signature could not be checked now (fail closed); the verifier's reason says why.
    #[error("signature not checkable now: {}", .0.code())]
    SignatureUncheckable(EdsError),
    /// It existed but is gone for good (a file disposed of after retention); the code says what.
    #[error("gone: {0}")]
    Gone(ErrorCode),
    /// An outside system did not answer; the source says which and why (logged, never shown).
    #[error("unavailable")]
    Unavailable(#[source] BoxError),
    /// A fault of ours; the source is the cause (logged with its chain, never shown).
    #[error("internal error")]
    Internal(#[source] BoxError),
}

/// Any error kept as the cause of another: a port's failure, a library's error, or a sentence.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A cause with what was being done when it happened (`"sealing the certificate: …"`).
#[derive(Debug, Error)]
#[error("{context}")]
pub struct Context {
    context: String,
    #[source]
    source: BoxError,
}

impl Context {
    /// `source`, which happened while doing `context`.
    pub fn new(context: impl Into<String>, source: impl Into<BoxError>) -> Self {
        Context {
            context: context.into(),
            source: source.into(),
        }
    }
}

/// An error with its whole chain of causes, `"internal error: database error: pool timed out"`,
/// for logs (the messages people read never show it).
pub struct Chain<'a>(pub &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut next = self.0.source();
        while let Some(cause) = next {
            write!(f, ": {cause}")?;
            next = cause.source();
        }
        Ok(())
    }
}

impl AppError {
    /// A fault of ours caused by `source`.
    pub fn internal(source: impl Into<BoxError>) -> Self {
        AppError::Internal(source.into())
    }

    /// A fault of ours caused by `source` while doing `context`.
    pub fn internal_in(context: impl Into<String>, source: impl Into<BoxError>) -> Self {
        AppError::Internal(Box::new(Context::new(context, source)))
    }

    /// Whether this is a fault of ours or of a system we depend on (logged at error level with
    /// its chain), rather than something about the request.
    pub fn is_fault(&self) -> bool {
        matches!(self, AppError::Internal(_) | AppError::Unavailable(_))
    }

    /// The stable code, also the message id.
    pub fn code(&self) -> &'static str {
        self.error_code().code()
    }

    /// The typed code.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            AppError::Invalid(_) => RequestError::Invalid.into(),
            AppError::BadRequest(code)
            | AppError::Conflict(code)
            | AppError::Code(code)
            | AppError::Gone(code)
            | AppError::Refused(code) => *code,
            AppError::FileRefused { code, .. } => (*code).into(),
            AppError::SignatureRefused(reason) | AppError::SignatureUncheckable(reason) => {
                (*reason).into()
            }
            AppError::NotSignedIn => AuthError::Required.into(),
            AppError::BadCredentials => AuthError::BadCredentials.into(),
            AppError::NotFound => RequestError::NotFound.into(),
            AppError::Forbidden => RequestError::Forbidden.into(),
            AppError::TooMany { .. } => RequestError::TooMany.into(),
            AppError::Unavailable(_) => ServiceError::Unavailable.into(),
            AppError::Internal(_) => ServiceError::Internal.into(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict => AppError::Conflict(RequestError::StaleVersion.into()),
            StoreError::Duplicate(_) => AppError::Conflict(RequestError::Duplicate.into()),
            StoreError::Replay(_) => AppError::Conflict(RequestError::Replayed.into()),
            StoreError::KeyReused => AppError::BadRequest(IdempotencyError::Mismatch.into()),
            StoreError::CodeUsed => AppError::Code(OtpError::Used.into()),
            StoreError::TooManyDrafts => AppError::Conflict(ApplicationError::TooManyDrafts.into()),
            StoreError::Unavailable(_) => AppError::Unavailable(Box::new(e)),
            StoreError::Corrupt(_) | StoreError::Backend(_) => AppError::Internal(Box::new(e)),
        }
    }
}

impl From<TransitionError> for AppError {
    fn from(e: TransitionError) -> Self {
        match e {
            // The case moved on: someone else acted first.
            TransitionError::WrongState(_)
            | TransitionError::ReviewFirst
            | TransitionError::HearingFirst
            | TransitionError::HearingNeeded
            | TransitionError::AlreadyHeard
            | TransitionError::NothingToSignOff
            | TransitionError::HearingNotYet
            | TransitionError::NotAnnounced
            | TransitionError::SameOfficial
            | TransitionError::CompletenessTermPassed => AppError::Conflict(e.error_code()),
            // The request itself is wrong, whatever the case's state.
            TransitionError::WrongOutcome(_)
            | TransitionError::NoExplanation
            | TransitionError::NothingMissing
            | TransitionError::AssignmentOnly
            | TransitionError::IncompleteProtocol
            | TransitionError::HearingPlanned
            | TransitionError::HearingNotice
            | TransitionError::HearingDate
            | TransitionError::RegistryHeld
            | TransitionError::NotInChecklist => AppError::BadRequest(e.error_code()),
            TransitionError::Calendar(e) => AppError::Internal(Box::new(e)),
        }
    }
}

impl From<DutyError> for AppError {
    fn from(e: DutyError) -> Self {
        match e {
            DutyError::OwnCase => AppError::Refused(e.into()),
            DutyError::SameOfficial => AppError::Conflict(e.into()),
        }
    }
}

impl From<EndingError> for AppError {
    fn from(e: EndingError) -> Self {
        AppError::Conflict(e.error_code())
    }
}

impl From<RegistryError> for AppError {
    fn from(e: RegistryError) -> Self {
        AppError::Unavailable(Box::new(e))
    }
}

impl From<FilesError> for AppError {
    /// A file store that cannot reach its database (the files kept in it) is unavailable, worth
    /// a retry (503), like the database itself; any other failure is ours.
    fn from(e: FilesError) -> Self {
        let unreachable =
            e.0.downcast_ref::<StoreError>()
                .is_some_and(|s| matches!(s, StoreError::Unavailable(_)));
        if unreachable {
            AppError::Unavailable(Box::new(e))
        } else {
            AppError::Internal(Box::new(e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_whose_database_is_unreachable_are_unavailable() {
        let down = FilesError(Box::new(StoreError::Unavailable("pool timed out".into())));
        assert!(matches!(AppError::from(down), AppError::Unavailable(_)));
        let broken = FilesError(Box::new(StoreError::Backend("bad row".into())));
        assert!(matches!(AppError::from(broken), AppError::Internal(_)));
    }

    #[test]
    fn a_fault_keeps_its_whole_chain() {
        let io = std::io::Error::other("pool timed out");
        let store = StoreError::Backend(Box::new(Context::new("claiming a job", io)));
        let e = AppError::from(store);
        assert_eq!(e.code(), "service.internal");
        assert_eq!(
            Chain(&e).to_string(),
            "internal error: database error: claiming a job: pool timed out"
        );
        let e = AppError::from(RegistryError("no answer in 5 s".into()));
        assert_eq!(
            Chain(&e).to_string(),
            "unavailable: registry unavailable: no answer in 5 s"
        );
        let e = AppError::internal_in("sealing", FilesError("disk full".into()));
        assert_eq!(
            Chain(&e).to_string(),
            "internal error: sealing: file storage failed: disk full"
        );
    }
}
