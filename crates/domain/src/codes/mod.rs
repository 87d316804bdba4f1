//! Error codes as types: one enum per area, each variant with its stable dotted code (also the
//! message id people read in kk, ru or en, and the JSON API's `error.code`). [`ErrorCode`] is any
//! of them; the web maps it to a status by variant, never by its string.

mod case;
mod people;

use serde::{Serialize, Serializer};

pub use case::{
    ApplicationError, AttachmentError, CalendarCode, CertificateError, CustodyError, DecisionError,
    DeskError, EdsError, ReviewError, SignError,
};
pub use people::{
    AuthError, IdempotencyError, InputError, OtpError, RequestError, ServiceError, UserError,
};

pub use crate::audit::AuditError;
pub use crate::duties::DutyError;
pub use crate::iin::IinError;
pub use crate::person::TextError;

/// Defines a field-less enum together with `code()` and `ALL`, so that no variant can be left
/// without its code or out of the list the translation test walks.
macro_rules! codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every variant, in the order they are declared.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// The stable dotted code, also the message id.
            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }
        }
    };
}
pub(crate) use codes;

/// Defines [`ErrorCode`] over the area enums, its `code()`, its `all()` and a `From` per area.
macro_rules! error_code {
    ($( $(#[$vmeta:meta])* $variant:ident($area:ident), )+) => {
        /// An error code of any area.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $( $(#[$vmeta])* $variant($area), )+
        }

        impl ErrorCode {
            /// The stable dotted code, also the message id.
            pub fn code(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant(c) => c.code(),)+
                }
            }

            /// Every code of every area.
            pub fn all() -> impl Iterator<Item = ErrorCode> {
                std::iter::empty()
                    $(.chain($area::ALL.iter().map(|c| ErrorCode::$variant(*c))))+
            }
        }

        $(
            impl From<$area> for ErrorCode {
                fn from(c: $area) -> Self {
                    ErrorCode::$variant(c)
                }
            }
        )+
    };
}

error_code! {
    /// The request as a whole.
    Request(RequestError),
    /// Idempotency keys.
    Idempotency(IdempotencyError),
    /// Faults of the service.
    Service(ServiceError),
    /// Signing in, registering, passwords.
    Auth(AuthError),
    /// One-time codes.
    Otp(OtpError),
    /// Staff accounts.
    User(UserError),
    /// Names and free text.
    Text(TextError),
    /// IINs.
    Iin(IinError),
    /// Other form fields.
    Input(InputError),
    /// An application as a whole.
    Application(ApplicationError),
    /// Uploaded files.
    Attachment(AttachmentError),
    /// Signing with an SMS code or EDS.
    Sign(SignError),
    /// The verifier's reasons for refusing an EDS.
    Eds(EdsError),
    /// The State Corporation's desk.
    Desk(DeskError),
    /// Papers in the desk's custody.
    Custody(CustodyError),
    /// The commission's review.
    Review(ReviewError),
    /// Decisions and extensions.
    Decision(DecisionError),
    /// Certificates and their endings.
    Certificate(CertificateError),
    /// The working calendar.
    Calendar(CalendarCode),
    /// The separation of duties.
    Duty(DutyError),
    /// The auditor's search of the trail.
    Audit(AuditError),
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Serialized as its dotted code, the shape clients and stored data know.
impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_dotted_and_unique_per_variant() {
        let all: Vec<ErrorCode> = ErrorCode::all().collect();
        assert!(all.len() > 100, "only {} codes", all.len());
        for c in &all {
            let (group, rest) = c.code().split_once('.').unwrap();
            assert!(!group.is_empty() && !rest.is_empty(), "{c}");
        }
        let mut seen = std::collections::HashSet::new();
        let mut texts = std::collections::HashSet::new();
        for c in &all {
            assert!(seen.insert(*c), "{c:?} listed twice");
            assert!(texts.insert(c.code()), "{c} is the code of two variants");
        }
    }

    #[test]
    fn a_code_serializes_as_its_string() {
        let json = serde_json::to_string(&ErrorCode::from(OtpError::Locked)).unwrap();
        assert_eq!(json, r#""otp.locked""#);
    }
}
