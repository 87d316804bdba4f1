//! `notifications.notice_json` and the notice inside a `notify` job: what a notice to the
//! applicant says, version 1, tagged by `notice`.

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_domain::application::notice::{DecidedRefusal, MissingNotice, Notice, NoticeRefusal};
use serde::{Deserialize, Serialize};

use super::Versioned;
use super::codes::{StoredDocumentType, StoredKinship, StoredShortfall};

/// The stored notice of a notification.
pub(crate) type StoredNotice = Versioned<NoticeV1>;

/// Version 1 of a notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "notice")]
pub(crate) enum NoticeV1 {
    #[serde(rename = "registered")]
    Registered {
        #[serde(rename = "number")]
        number: String,
        #[serde(rename = "due")]
        due: Date,
    },
    #[serde(rename = "rejected_at_intake")]
    RejectedAtIntake {
        #[serde(rename = "number")]
        number: String,
        #[serde(rename = "missing")]
        missing: u64,
        #[serde(rename = "items", default, skip_serializing_if = "Vec::is_empty")]
        items: Vec<MissingNoticeV1>,
        #[serde(
            rename = "registered_on",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        registered_on: Option<Date>,
    },
    #[serde(rename = "result_issued")]
    ResultIssued {
        #[serde(rename = "number")]
        number: String,
    },
    #[serde(rename = "withdrawn")]
    Withdrawn {
        #[serde(rename = "number")]
        number: String,
    },
    #[serde(rename = "accepted")]
    Accepted {
        #[serde(rename = "number")]
        number: String,
    },
    #[serde(rename = "hearing_scheduled")]
    HearingScheduled {
        #[serde(rename = "number")]
        number: String,
        #[serde(rename = "at")]
        at: Timestamp,
        #[serde(rename = "place")]
        place: String,
        #[serde(rename = "online", default)]
        online: bool,
        #[serde(rename = "refusals", default)]
        refusals: Vec<RefusalV1>,
        #[serde(rename = "due", default, skip_serializing_if = "Option::is_none")]
        due: Option<Date>,
    },
    #[serde(rename = "deadline_warning")]
    DeadlineWarning {
        #[serde(rename = "number")]
        number: String,
        #[serde(rename = "due")]
        due: Date,
    },
    #[serde(rename = "expiry_reminder")]
    ExpiryReminder {
        #[serde(rename = "certificate")]
        certificate: String,
        #[serde(rename = "valid_until")]
        valid_until: Date,
    },
    #[serde(rename = "decided")]
    Decided {
        #[serde(rename = "number")]
        number: String,
        #[serde(rename = "outcome")]
        outcome: String,
        #[serde(rename = "certificate", default)]
        certificate: Option<String>,
        #[serde(rename = "grounds", default, skip_serializing_if = "Vec::is_empty")]
        grounds: Vec<String>,
        #[serde(
            rename = "refused_members",
            default,
            skip_serializing_if = "Vec::is_empty"
        )]
        refused_members: Vec<DecidedRefusalV1>,
    },
}

/// One missing line, as the notice tells it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct MissingNoticeV1 {
    #[serde(rename = "document")]
    document: StoredDocumentType,
    #[serde(rename = "member", default, skip_serializing_if = "Option::is_none")]
    member: Option<String>,
    #[serde(rename = "shortfall")]
    shortfall: StoredShortfall,
}

/// A planned refusal, as the hearing's notice tells it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RefusalV1 {
    #[serde(rename = "member", default)]
    member: Option<String>,
    #[serde(rename = "grounds")]
    grounds: Vec<String>,
}

/// A family member refused while the others are assigned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct DecidedRefusalV1 {
    #[serde(rename = "member")]
    member: String,
    #[serde(rename = "kinship")]
    kinship: StoredKinship,
    #[serde(rename = "grounds")]
    grounds: Vec<String>,
}

impl From<&Notice> for NoticeV1 {
    fn from(n: &Notice) -> Self {
        match n.clone() {
            Notice::Registered { number, due } => NoticeV1::Registered { number, due },
            Notice::RejectedAtIntake {
                number,
                missing,
                items,
                registered_on,
            } => NoticeV1::RejectedAtIntake {
                number,
                missing: missing as u64,
                items: items
                    .into_iter()
                    .map(|i| MissingNoticeV1 {
                        document: i.document.into(),
                        member: i.member,
                        shortfall: i.shortfall.into(),
                    })
                    .collect(),
                registered_on,
            },
            Notice::ResultIssued { number } => NoticeV1::ResultIssued { number },
            Notice::Withdrawn { number } => NoticeV1::Withdrawn { number },
            Notice::Accepted { number } => NoticeV1::Accepted { number },
            Notice::HearingScheduled {
                number,
                at,
                place,
                online,
                refusals,
                due,
            } => NoticeV1::HearingScheduled {
                number,
                at,
                place,
                online,
                refusals: refusals
                    .into_iter()
                    .map(|r| RefusalV1 {
                        member: r.member,
                        grounds: r.grounds,
                    })
                    .collect(),
                due,
            },
            Notice::DeadlineWarning { number, due } => NoticeV1::DeadlineWarning { number, due },
            Notice::ExpiryReminder {
                certificate,
                valid_until,
            } => NoticeV1::ExpiryReminder {
                certificate,
                valid_until,
            },
            Notice::Decided {
                number,
                outcome,
                certificate,
                grounds,
                refused_members,
            } => NoticeV1::Decided {
                number,
                outcome,
                certificate,
                grounds,
                refused_members: refused_members
                    .into_iter()
                    .map(|r| DecidedRefusalV1 {
                        member: r.member,
                        kinship: r.kinship.into(),
                        grounds: r.grounds,
                    })
                    .collect(),
            },
        }
    }
}

impl TryFrom<NoticeV1> for Notice {
    type Error = String;

    fn try_from(n: NoticeV1) -> Result<Notice, String> {
        Ok(match n {
            NoticeV1::Registered { number, due } => Notice::Registered { number, due },
            NoticeV1::RejectedAtIntake {
                number,
                missing,
                items,
                registered_on,
            } => Notice::RejectedAtIntake {
                number,
                missing: usize::try_from(missing)
                    .map_err(|_| format!("a missing count of {missing}"))?,
                items: items
                    .into_iter()
                    .map(|i| MissingNotice {
                        document: i.document.into(),
                        member: i.member,
                        shortfall: i.shortfall.into(),
                    })
                    .collect(),
                registered_on,
            },
            NoticeV1::ResultIssued { number } => Notice::ResultIssued { number },
            NoticeV1::Withdrawn { number } => Notice::Withdrawn { number },
            NoticeV1::Accepted { number } => Notice::Accepted { number },
            NoticeV1::HearingScheduled {
                number,
                at,
                place,
                online,
                refusals,
                due,
            } => Notice::HearingScheduled {
                number,
                at,
                place,
                online,
                refusals: refusals
                    .into_iter()
                    .map(|r| NoticeRefusal {
                        member: r.member,
                        grounds: r.grounds,
                    })
                    .collect(),
                due,
            },
            NoticeV1::DeadlineWarning { number, due } => Notice::DeadlineWarning { number, due },
            NoticeV1::ExpiryReminder {
                certificate,
                valid_until,
            } => Notice::ExpiryReminder {
                certificate,
                valid_until,
            },
            NoticeV1::Decided {
                number,
                outcome,
                certificate,
                grounds,
                refused_members,
            } => Notice::Decided {
                number,
                outcome,
                certificate,
                grounds,
                refused_members: refused_members
                    .into_iter()
                    .map(|r| DecidedRefusal {
                        member: r.member,
                        kinship: r.kinship.into(),
                        grounds: r.grounds,
                    })
                    .collect(),
            },
        })
    }
}

impl From<&Notice> for StoredNotice {
    fn from(n: &Notice) -> Self {
        Versioned::new(n.into())
    }
}

impl TryFrom<StoredNotice> for Notice {
    type Error = String;

    fn try_from(stored: StoredNotice) -> Result<Notice, String> {
        stored.into_body().try_into()
    }
}
