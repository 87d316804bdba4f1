//! An application (a case): its kind, channel, applicant, form, attachments and status.

pub mod actions;
pub mod custody;
pub mod document;
pub mod education;
pub mod events;
pub mod form;
pub mod hearing;
pub mod kind;
pub mod member;
pub mod next_step;
pub mod notice;
pub mod result;
pub mod review;
pub mod status;
pub mod terms;
mod transitions;
pub mod verdict;
pub mod workflow;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ids::ApplicationId;
use crate::iin::Iin;
use crate::numbers::ApplicationNumber;
use crate::office::OfficeCode;

pub use custody::Custody;
pub use form::Form;
pub use kind::{Channel, Kind};
pub use status::Status;

/// One application as stored: the unit that moves through the status machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    /// Internal id.
    pub id: ApplicationId,
    /// The number the applicant quotes.
    pub number: ApplicationNumber,
    /// Assignment or extension.
    pub kind: Kind,
    /// Where it was made.
    pub channel: Channel,
    /// Who applies.
    pub applicant: Iin,
    /// The local executive body that decides: set from the region of settlement.
    pub office: Option<OfficeCode>,
    /// The desk where it was filed on paper (a State Corporation office or the local executive
    /// body's own desk); `None` online. The result is issued there.
    pub intake_office: Option<OfficeCode>,
    /// What happened to each paper document at the desk; empty online.
    pub custody: Custody,
    /// What the applicant filled in.
    pub form: Form,
    /// Where the case stands.
    pub status: Status,
    /// Optimistic-concurrency version, bumped by every change.
    pub version: i64,
    /// When the draft was created.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}
