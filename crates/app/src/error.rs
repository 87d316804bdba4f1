//! The errors of the use cases. Each variant's `code()` is a stable dotted code that doubles
//! as the message id people read in kk, ru or en.

use kandas_domain::application::form::FieldError;
use kandas_domain::application::status::TransitionError;
use kandas_domain::certificate::EndingError;
use kandas_domain::codes::{AttachmentError, AuthError, ErrorCode, RequestError, ServiceError};
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
    /// The signature was checked and is not accepted; the code says why (the verifier's
    /// reason code, covered by its own translation test).
    #[error("signature refused: {0}")]
    SignatureRefused(&'static str),
    /// The signature could not be checked now (fail closed); the code says why.
    #[error("signature not checkable now: {0}")]
    SignatureUncheckable(&'static str),
    /// It existed but is gone for good (a file disposed of after retention); the code says what.
    #[error("gone: {0}")]
    Gone(ErrorCode),
    /// An outside system did not answer.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A fault of ours.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The stable code, also the message id.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::SignatureRefused(reason) | AppError::SignatureUncheckable(reason) => reason,
            _ => self
                .error_code()
                .map_or(ServiceError::Internal.code(), ErrorCode::code),
        }
    }

    /// The typed code; `None` only for a signature verdict, whose reason is the verifier's.
    pub fn error_code(&self) -> Option<ErrorCode> {
        Some(match self {
            AppError::Invalid(_) => RequestError::Invalid.into(),
            AppError::BadRequest(code)
            | AppError::Conflict(code)
            | AppError::Code(code)
            | AppError::Gone(code)
            | AppError::Refused(code) => *code,
            AppError::FileRefused { code, .. } => (*code).into(),
            AppError::SignatureRefused(_) | AppError::SignatureUncheckable(_) => return None,
            AppError::NotSignedIn => AuthError::Required.into(),
            AppError::BadCredentials => AuthError::BadCredentials.into(),
            AppError::NotFound => RequestError::NotFound.into(),
            AppError::Forbidden => RequestError::Forbidden.into(),
            AppError::TooMany { .. } => RequestError::TooMany.into(),
            AppError::Unavailable(_) => ServiceError::Unavailable.into(),
            AppError::Internal(_) => ServiceError::Internal.into(),
        })
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict => AppError::Conflict(RequestError::StaleVersion.into()),
            StoreError::Duplicate(_) => AppError::Conflict(RequestError::Duplicate.into()),
            StoreError::Replay(_) => AppError::Conflict(RequestError::Replayed.into()),
            StoreError::Corrupt(m) | StoreError::Backend(m) => AppError::Internal(m),
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
            TransitionError::Calendar(e) => AppError::Internal(e.to_string()),
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
        AppError::Unavailable(e.0)
    }
}

impl From<FilesError> for AppError {
    fn from(e: FilesError) -> Self {
        AppError::Internal(e.0)
    }
}
