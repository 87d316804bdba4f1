//! Bodies and answers of the desk API.

use jiff::Timestamp;
use kandas_app::AppError;
use kandas_app::desk::accept::AcceptInput;
use kandas_app::desk::issue::IssueInput;
use kandas_app::desk::view::DeskCase;
use kandas_app::ports::store::ResultIssue;
use kandas_domain::application::custody::{Custody, CustodyLine, CustodyMarks, MissingItem};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::codes::{DocumentTypeCode, Id, IinText, KindCode, ShortfallCode};
use super::dto::ViewDto;

/// A new paper application.
#[derive(Deserialize, ToSchema)]
pub struct DeskCreateBody {
    /// The applicant's IIN (found in the registries; no portal account needed).
    #[schema(value_type = IinText)]
    pub iin: String,
    /// The kind of application (another value is 422).
    #[schema(value_type = KindCode)]
    pub kind: String,
}

/// Just the version the client saw.
#[derive(Deserialize, ToSchema)]
pub struct VersionBody {
    /// The application version (409 when stale).
    pub version: i64,
}

/// The custody record.
#[derive(Deserialize, ToSchema)]
pub struct CustodyBody {
    /// The application version (409 when stale).
    pub version: i64,
    /// One line per document the applicant presents.
    pub lines: Vec<CustodyLineBody>,
}

/// What happened to one paper document at the desk.
#[derive(Deserialize, ToSchema)]
pub struct CustodyLineBody {
    /// The document type.
    #[schema(value_type = DocumentTypeCode)]
    pub document: String,
    /// The family member, for a member's document.
    #[serde(default)]
    pub member: Option<String>,
    /// The original was shown.
    #[serde(default)]
    pub original_shown: bool,
    /// A copy was taken.
    #[serde(default)]
    pub copy_taken: bool,
    /// A translation was presented.
    #[serde(default)]
    pub translation: bool,
    /// The document has expired.
    #[serde(default)]
    pub expired: bool,
    /// The original was given back.
    #[serde(default)]
    pub original_returned: bool,
}

impl TryFrom<CustodyLineBody> for CustodyLine {
    type Error = AppError;

    fn try_from(l: CustodyLineBody) -> Result<Self, AppError> {
        Ok(CustodyLine {
            document: kandas_app::staff::review::document(&l.document)?,
            member: kandas_app::desk::intake::custody_member(l.member.as_deref())?,
            marks: CustodyMarks {
                original_shown: l.original_shown,
                copy_taken: l.copy_taken,
                translation: l.translation,
                expired: l.expired,
                original_returned: l.original_returned,
            },
        })
    }
}

/// What happened to one paper document at the desk.
#[derive(Serialize, ToSchema)]
pub struct CustodyLineDto {
    /// The document type.
    #[schema(value_type = DocumentTypeCode)]
    pub document: &'static str,
    /// The family member, for a member's document.
    #[schema(value_type = Option<Id>)]
    pub member: Option<String>,
    /// The original was shown.
    pub original_shown: bool,
    /// A copy was taken.
    pub copy_taken: bool,
    /// A translation was presented.
    pub translation: bool,
    /// The document has expired.
    pub expired: bool,
    /// The original was given back.
    pub original_returned: bool,
}

impl From<&CustodyLine> for CustodyLineDto {
    fn from(l: &CustodyLine) -> Self {
        CustodyLineDto {
            document: l.document.code(),
            member: l.member.as_ref().map(ToString::to_string),
            original_shown: l.marks.original_shown,
            copy_taken: l.marks.copy_taken,
            translation: l.marks.translation,
            expired: l.marks.expired,
            original_returned: l.marks.original_returned,
        }
    }
}

/// The custody record: one line per document the applicant presents.
#[derive(Serialize, ToSchema)]
pub struct CustodyDto {
    /// The lines.
    pub lines: Vec<CustodyLineDto>,
}

impl From<&Custody> for CustodyDto {
    fn from(c: &Custody) -> Self {
        CustodyDto {
            lines: c.lines.iter().map(Into::into).collect(),
        }
    }
}

/// A document missing or short of what acceptance needs.
#[derive(Serialize, ToSchema)]
pub struct MissingItemDto {
    /// The document type.
    #[schema(value_type = DocumentTypeCode)]
    pub document: &'static str,
    /// The family member, for a member's document.
    #[schema(value_type = Option<Id>)]
    pub member: Option<String>,
    /// What is missing.
    #[schema(value_type = ShortfallCode)]
    pub shortfall: &'static str,
}

impl From<&MissingItem> for MissingItemDto {
    fn from(m: &MissingItem) -> Self {
        MissingItemDto {
            document: m.document.code(),
            member: m.member.as_ref().map(ToString::to_string),
            shortfall: m.shortfall.code(),
        }
    }
}

/// The applicant's confirmation.
#[derive(Deserialize, ToSchema)]
pub struct AcceptBody {
    /// The code the applicant received by SMS…
    #[serde(default)]
    pub code: Option<String>,
    /// …or `true` when the applicant signed the paper application by hand.
    #[serde(default)]
    pub paper_signature: bool,
    /// The application version (409 when stale).
    pub version: i64,
}

impl From<AcceptBody> for AcceptInput {
    fn from(b: AcceptBody) -> Self {
        AcceptInput {
            code: b.code,
            paper_signature: b.paper_signature,
            version: b.version,
        }
    }
}

/// Who receives the result.
#[derive(Deserialize, ToSchema)]
pub struct IssueBody {
    /// The recipient's IIN.
    #[schema(value_type = IinText)]
    pub recipient_iin: String,
    /// The recipient's name as on the identity document.
    pub recipient_name: String,
    /// The identity document shown (type and number).
    pub identity_document: String,
    /// The desk checked the document against the recipient (required: `true`).
    #[serde(default)]
    pub identity_checked: bool,
}

impl From<IssueBody> for IssueInput {
    fn from(b: IssueBody) -> Self {
        IssueInput {
            recipient_iin: b.recipient_iin,
            recipient_name: b.recipient_name,
            identity_document: b.identity_document,
            identity_checked: b.identity_checked,
        }
    }
}

/// A hand-over of the result.
#[derive(Serialize, ToSchema)]
pub struct IssueDto {
    /// Id.
    #[schema(value_type = Id)]
    pub id: String,
    /// The desk.
    pub office: String,
    /// The recipient's IIN, masked.
    pub recipient_masked: String,
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub issued_at: Timestamp,
}

impl From<&ResultIssue> for IssueDto {
    fn from(i: &ResultIssue) -> Self {
        IssueDto {
            id: i.id.clone(),
            office: i.office.to_string(),
            recipient_masked: i.recipient_iin.masked(),
            issued_at: i.issued_at,
        }
    }
}

/// A case at the desk.
#[derive(Serialize, ToSchema)]
pub struct DeskCaseDto {
    /// The case as everyone sees it.
    #[serde(flatten)]
    pub view: ViewDto,
    /// The custody record: one line per document the applicant presents.
    pub custody: CustodyDto,
    /// What stops acceptance now.
    pub shortfalls: Vec<MissingItemDto>,
    /// Originals shown and not marked returned yet.
    pub unreturned: usize,
    /// The hand-overs of the result.
    pub issues: Vec<IssueDto>,
    /// The public status page printed in the receipt.
    pub status_url: String,
}

impl From<&DeskCase> for DeskCaseDto {
    fn from(c: &DeskCase) -> Self {
        DeskCaseDto {
            view: ViewDto::from(&c.view),
            custody: (&c.custody).into(),
            shortfalls: c.shortfalls.iter().map(Into::into).collect(),
            unreturned: c.unreturned,
            issues: c.issues.iter().map(IssueDto::from).collect(),
            status_url: c.status_url.clone(),
        }
    }
}
