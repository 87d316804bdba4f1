//! Bodies and answers of the desk API.

use jiff::Timestamp;
use kandas_app::desk::accept::AcceptInput;
use kandas_app::desk::intake::CustodyLineInput;
use kandas_app::desk::issue::IssueInput;
use kandas_app::desk::view::DeskCase;
use kandas_app::ports::store::ResultIssue;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::dto::{ViewDto, value};

/// A new paper application.
#[derive(Deserialize, ToSchema)]
pub struct DeskCreateBody {
    /// The applicant's IIN (found in the registries; no portal account needed).
    pub iin: String,
    /// `assignment` or `extension`.
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
    /// One line per document: `{document, member?, original_shown, copy_taken, translation,
    /// expired, original_returned}`.
    #[schema(value_type = Vec<Object>)]
    pub lines: Vec<CustodyLineInput>,
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
    pub id: String,
    /// The desk.
    pub office: String,
    /// The recipient's IIN, masked.
    pub recipient_masked: String,
    /// When.
    #[schema(value_type = String)]
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
    #[schema(value_type = Object)]
    pub custody: Value,
    /// What stops acceptance now: `[{document, member?, shortfall}]`.
    #[schema(value_type = Vec<Object>)]
    pub shortfalls: Value,
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
            custody: value(&c.custody),
            shortfalls: value(&c.shortfalls),
            unreturned: c.unreturned,
            issues: c.issues.iter().map(IssueDto::from).collect(),
            status_url: c.status_url.clone(),
        }
    }
}
