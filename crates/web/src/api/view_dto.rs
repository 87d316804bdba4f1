//! The JSON shapes of a whole case as its applicant (and the office) sees it, and of a
//! notification.

use jiff::Timestamp;
use kandas_app::applicant::view::ApplicationView;
use kandas_app::ports::store::Notification;
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::Id;
use super::dto::ApplicationDto;
use super::file_dto::{AttachmentDto, ChecklistItemDto, DisposedDto, TimelineEntryDto};
use super::notice_dto::NoticeDto;
use super::outcome::{
    AppealDto, Localized, RefusalDto, RefusalToAcceptDto, ResultDocumentDto, appeal,
};
use super::record_dto::{DeadlineDto, DecisionDto, OutcomeDto};
use super::review_dto::ReviewDto;
use super::signature_dto::SignatureDto;

/// A case with everything shown about it.
#[derive(Serialize, ToSchema)]
pub struct ViewDto {
    /// The application.
    #[serde(flatten)]
    pub application: ApplicationDto,
    /// Attachments.
    pub attachments: Vec<AttachmentDto>,
    /// Attachments whose files were disposed of after the retention period (their names and
    /// hashes stay).
    pub disposed: Vec<DisposedDto>,
    /// Required documents.
    pub checklist: Vec<ChecklistItemDto>,
    /// What happened when.
    pub timeline: Vec<TimelineEntryDto>,
    /// The term once registered (kept when the package was refused to accept after its
    /// registration).
    pub deadline: Option<DeadlineDto>,
    /// The decision's outcome once decided.
    pub result: Option<OutcomeDto>,
    /// The decision with who made it and the head's sign-off, once made.
    pub decision: Option<DecisionDto>,
    /// The review so far (staged rules).
    pub review: Option<ReviewDto>,
    /// How it was signed, with the evidence.
    pub signature: Option<SignatureDto>,
    /// Everyone the decision refused (the applicant and every member when the application is
    /// refused, the refused members when the others are assigned), with grounds and explanation.
    pub refusals: Vec<RefusalDto>,
    /// The refusal to accept: when, what is missing, how to appeal.
    pub refusal_to_accept: Option<RefusalToAcceptDto>,
    /// How to appeal, with the last day to file; empty when nobody was refused.
    pub appeal: Vec<AppealDto>,
    /// The result documents of the decision, each with its SHA-256 and download address.
    pub result_documents: Vec<ResultDocumentDto>,
}

impl From<&ApplicationView> for ViewDto {
    fn from(v: &ApplicationView) -> Self {
        ViewDto {
            application: ApplicationDto::from(&v.application),
            attachments: v.attachments.iter().map(Into::into).collect(),
            disposed: v.disposed.iter().map(Into::into).collect(),
            checklist: v.checklist.iter().map(Into::into).collect(),
            timeline: v.timeline.iter().map(Into::into).collect(),
            deadline: v.deadline.as_ref().map(Into::into),
            result: v.result.as_ref().map(Into::into),
            decision: v.decision.as_ref().map(Into::into),
            review: v.review.as_ref().map(Into::into),
            signature: v.signature.as_ref().map(Into::into),
            refusals: v.refusals.iter().map(RefusalDto::from).collect(),
            refusal_to_accept: v.refusal_to_accept.as_ref().map(RefusalToAcceptDto::from),
            appeal: v.appeal.as_ref().map(appeal).unwrap_or_default(),
            result_documents: v
                .result_documents
                .iter()
                .map(ResultDocumentDto::from)
                .collect(),
        }
    }
}

/// A notification.
#[derive(Serialize, ToSchema)]
pub struct NotificationDto {
    /// Id.
    pub id: String,
    /// The application.
    #[schema(value_type = Id)]
    pub application: String,
    /// What happened, as recorded.
    pub notice: NoticeDto,
    /// The text as the personal account shows it (what is missing, who was refused on which
    /// grounds, how to appeal), in every language.
    pub text: Localized,
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

impl From<&Notification> for NotificationDto {
    fn from(n: &Notification) -> Self {
        NotificationDto {
            id: n.id.clone(),
            application: n.application.to_string(),
            notice: (&n.notice).into(),
            text: Localized::of(|lang| kandas_i18n::notice_text(lang, &n.notice)),
            created_at: n.created_at,
        }
    }
}
