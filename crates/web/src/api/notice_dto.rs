//! The JSON shape of what a notification says (`notice` names the kind), as the service
//! records it; the texts in every language are beside it in the notification.

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_domain::application::notice::{DecidedRefusal, MissingNotice, Notice, NoticeRefusal};
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::{
    ApplicationNumberText, CertificateNumberText, DocumentTypeCode, KinshipCode, ShortfallCode,
};

/// A missing document named in a refusal to accept.
#[derive(Serialize, ToSchema)]
pub struct MissingNoticeDto {
    /// The document.
    #[schema(value_type = DocumentTypeCode)]
    pub document: &'static str,
    /// The family member's name, for a member's document.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub member: Option<String>,
    /// What is missing.
    #[schema(value_type = ShortfallCode)]
    pub shortfall: &'static str,
}

impl From<&MissingNotice> for MissingNoticeDto {
    fn from(m: &MissingNotice) -> Self {
        MissingNoticeDto {
            document: m.document.code(),
            member: m.member.clone(),
            shortfall: m.shortfall.code(),
        }
    }
}

/// A refusal announced with a hearing.
#[derive(Serialize, ToSchema)]
pub struct NoticeRefusalDto {
    /// The family member's name; `null` for the applicant.
    pub member: Option<String>,
    /// Ground codes.
    pub grounds: Vec<String>,
}

impl From<&NoticeRefusal> for NoticeRefusalDto {
    fn from(r: &NoticeRefusal) -> Self {
        NoticeRefusalDto {
            member: r.member.clone(),
            grounds: r.grounds.clone(),
        }
    }
}

/// A family member refused by a decision.
#[derive(Serialize, ToSchema)]
pub struct DecidedRefusalDto {
    /// The member's name.
    pub member: String,
    /// Kinship.
    #[schema(value_type = KinshipCode)]
    pub kinship: &'static str,
    /// Ground codes.
    pub grounds: Vec<String>,
}

impl From<&DecidedRefusal> for DecidedRefusalDto {
    fn from(r: &DecidedRefusal) -> Self {
        DecidedRefusalDto {
            member: r.member.clone(),
            kinship: r.kinship.code(),
            grounds: r.grounds.clone(),
        }
    }
}

/// What happened.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case", tag = "notice")]
pub enum NoticeDto {
    /// Registered: the term runs.
    Registered {
        /// The application number.
        #[schema(value_type = ApplicationNumberText)]
        number: String,
        /// Decision due by.
        #[schema(value_type = String, format = Date)]
        due: Date,
    },
    /// Refused to accept: documents missing.
    RejectedAtIntake {
        /// The application number.
        #[schema(value_type = ApplicationNumberText)]
        number: String,
        /// How many lines are missing.
        missing: usize,
        /// What is missing (absent in older notices).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[schema(required = false)]
        items: Vec<MissingNoticeDto>,
        /// The day it was registered, when it had been.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[schema(value_type = Option<String>, format = Date, required = false)]
        registered_on: Option<Date>,
    },
    /// The result was handed over.
    ResultIssued {
        /// The application number.
        #[schema(value_type = ApplicationNumberText)]
        number: String,
    },
    /// Withdrawn.
    Withdrawn {
        /// The application number.
        #[schema(value_type = ApplicationNumberText)]
        number: String,
    },
    /// Accepted for review.
    Accepted {
        /// The application number.
        #[schema(value_type = ApplicationNumberText)]
        number: String,
    },
    /// A hearing before a planned refusal.
    HearingScheduled {
        /// The application number.
        #[schema(value_type = ApplicationNumberText)]
        number: String,
        /// When.
        #[schema(value_type = String, format = DateTime)]
        at: Timestamp,
        /// Where (or the link).
        place: String,
        /// Online.
        online: bool,
        /// Whose refusal is planned, on which grounds.
        refusals: Vec<NoticeRefusalDto>,
        /// The decision's due date.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[schema(value_type = Option<String>, format = Date, required = false)]
        due: Option<Date>,
    },
    /// The due date is near.
    DeadlineWarning {
        /// The application number.
        #[schema(value_type = ApplicationNumberText)]
        number: String,
        /// Due by.
        #[schema(value_type = String, format = Date)]
        due: Date,
    },
    /// The certificate expires soon.
    ExpiryReminder {
        /// The certificate's number.
        #[schema(value_type = CertificateNumberText)]
        certificate: String,
        /// Last day of validity.
        #[schema(value_type = String, format = Date)]
        valid_until: Date,
    },
    /// Decided.
    Decided {
        /// The application number.
        #[schema(value_type = ApplicationNumberText)]
        number: String,
        /// `assigned`, `extended` or `refused`.
        outcome: String,
        /// The certificate's number, when one was issued or extended.
        certificate: Option<String>,
        /// Ground codes of a refusal.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[schema(required = false)]
        grounds: Vec<String>,
        /// Family members refused while the others are assigned.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[schema(required = false)]
        refused_members: Vec<DecidedRefusalDto>,
    },
}

impl From<&Notice> for NoticeDto {
    fn from(n: &Notice) -> Self {
        let number = |n: &String| n.clone();
        match n {
            Notice::Registered { number: no, due } => NoticeDto::Registered {
                number: number(no),
                due: *due,
            },
            Notice::RejectedAtIntake {
                number: no,
                missing,
                items,
                registered_on,
            } => NoticeDto::RejectedAtIntake {
                number: number(no),
                missing: *missing,
                items: items.iter().map(Into::into).collect(),
                registered_on: *registered_on,
            },
            Notice::ResultIssued { number: no } => NoticeDto::ResultIssued { number: number(no) },
            Notice::Withdrawn { number: no } => NoticeDto::Withdrawn { number: number(no) },
            Notice::Accepted { number: no } => NoticeDto::Accepted { number: number(no) },
            Notice::HearingScheduled {
                number: no,
                at,
                place,
                online,
                refusals,
                due,
            } => NoticeDto::HearingScheduled {
                number: number(no),
                at: *at,
                place: place.clone(),
                online: *online,
                refusals: refusals.iter().map(Into::into).collect(),
                due: *due,
            },
            Notice::DeadlineWarning { number: no, due } => NoticeDto::DeadlineWarning {
                number: number(no),
                due: *due,
            },
            Notice::ExpiryReminder {
                certificate,
                valid_until,
            } => NoticeDto::ExpiryReminder {
                certificate: certificate.clone(),
                valid_until: *valid_until,
            },
            Notice::Decided {
                number: no,
                outcome,
                certificate,
                grounds,
                refused_members,
            } => NoticeDto::Decided {
                number: number(no),
                outcome: outcome.clone(),
                certificate: certificate.clone(),
                grounds: grounds.clone(),
                refused_members: refused_members.iter().map(Into::into).collect(),
            },
        }
    }
}
