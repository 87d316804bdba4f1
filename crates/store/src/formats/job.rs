//! `jobs.kind_json`: what an outbox job does, and `challenges.purpose_json`: what a one-time
//! code confirms; version 1 of each.

use jiff::Timestamp;
use kandas_app::ports::store::{JobKind, Purpose};
use kandas_domain::ids::ApplicationId;
use kandas_domain::iin::Iin;
use kandas_domain::phone::PhoneNumber;
use serde::{Deserialize, Serialize};

use super::Versioned;
use super::notice::NoticeV1;

/// The stored job.
pub(crate) type StoredJob = Versioned<JobV1>;

/// Version 1 of a job, tagged by `job`; a notify job's notice is a version 1 notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job")]
pub(crate) enum JobV1 {
    #[serde(rename = "sms")]
    Sms {
        #[serde(rename = "phone")]
        phone: PhoneNumber,
        #[serde(rename = "text")]
        text: String,
        /// Added after version 1 shipped: absent on older jobs.
        #[serde(
            rename = "application",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        application: Option<ApplicationId>,
        /// Added after version 1 shipped: absent on older jobs.
        #[serde(
            rename = "expires_at",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        expires_at: Option<Timestamp>,
    },
    #[serde(rename = "notify")]
    Notify {
        #[serde(rename = "iin")]
        iin: Iin,
        #[serde(rename = "application")]
        application: ApplicationId,
        #[serde(rename = "notice")]
        notice: NoticeV1,
    },
}

/// What a finished SMS job keeps instead of its text: one-time codes must not linger.
pub(crate) const REDACTED_SMS: &str = r#"{"v":1,"job":"sms","redacted":true}"#;

impl From<&JobKind> for StoredJob {
    fn from(j: &JobKind) -> Self {
        Versioned::new(match j {
            JobKind::Sms {
                phone,
                text,
                application,
                expires_at,
            } => JobV1::Sms {
                phone: phone.clone(),
                text: text.clone(),
                application: application.clone(),
                expires_at: *expires_at,
            },
            JobKind::Notify {
                iin,
                application,
                notice,
            } => JobV1::Notify {
                iin: iin.clone(),
                application: application.clone(),
                notice: notice.into(),
            },
        })
    }
}

impl TryFrom<StoredJob> for JobKind {
    type Error = String;

    fn try_from(stored: StoredJob) -> Result<JobKind, String> {
        Ok(match stored.into_body() {
            JobV1::Sms {
                phone,
                text,
                application,
                expires_at,
            } => JobKind::Sms {
                phone,
                text,
                application,
                expires_at,
            },
            JobV1::Notify {
                iin,
                application,
                notice,
            } => JobKind::Notify {
                iin,
                application,
                notice: notice.try_into()?,
            },
        })
    }
}

/// The stored purpose of a one-time code.
pub(crate) type StoredPurpose = Versioned<PurposeV1>;

/// Version 1 of a code's purpose, tagged by `purpose`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "purpose")]
pub(crate) enum PurposeV1 {
    #[serde(rename = "login")]
    Login,
    #[serde(rename = "register")]
    Register {
        #[serde(rename = "password_hash")]
        password_hash: String,
    },
    #[serde(rename = "reset_password")]
    ResetPassword {
        #[serde(rename = "password_hash")]
        password_hash: String,
    },
    #[serde(rename = "sign")]
    Sign {
        #[serde(rename = "application")]
        application: ApplicationId,
        #[serde(rename = "document_sha256")]
        document_sha256: String,
    },
}

impl From<&Purpose> for StoredPurpose {
    fn from(p: &Purpose) -> Self {
        Versioned::new(match p.clone() {
            Purpose::Login => PurposeV1::Login,
            Purpose::Register { password_hash } => PurposeV1::Register { password_hash },
            Purpose::ResetPassword { password_hash } => PurposeV1::ResetPassword { password_hash },
            Purpose::Sign {
                application,
                document_sha256,
            } => PurposeV1::Sign {
                application,
                document_sha256,
            },
        })
    }
}

impl From<StoredPurpose> for Purpose {
    fn from(stored: StoredPurpose) -> Self {
        match stored.into_body() {
            PurposeV1::Login => Purpose::Login,
            PurposeV1::Register { password_hash } => Purpose::Register { password_hash },
            PurposeV1::ResetPassword { password_hash } => Purpose::ResetPassword { password_hash },
            PurposeV1::Sign {
                application,
                document_sha256,
            } => Purpose::Sign {
                application,
                document_sha256,
            },
        }
    }
}
