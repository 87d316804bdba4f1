//! What each document shows: plain data that the caller maps from the domain and the store.
//!
//! Names, numbers and URLs are printed as given; labels, document names, registries, shortfalls
//! and dates are written out from the Fluent files in Kazakh and Russian.

use jiff::civil::Date;
use kandas_domain::application::Kind;
use kandas_domain::application::custody::Shortfall;
use kandas_domain::application::document::DocumentType;
use kandas_domain::application::review::Recommendation;
use kandas_domain::person::Source;

/// A text in both languages of an official document: Kazakh and Russian.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bilingual {
    /// The Kazakh text.
    pub kk: String,
    /// The Russian text.
    pub ru: String,
}

impl Bilingual {
    /// A text in both languages.
    pub fn new(kk: impl Into<String>, ru: impl Into<String>) -> Self {
        Self {
            kk: kk.into(),
            ru: ru.into(),
        }
    }
}

/// A paper document taken at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptDocument {
    /// What it is.
    pub document: DocumentType,
    /// The family member's full name, when it is a member's document.
    pub member: Option<String>,
    /// The original stays with the case (the personal history); otherwise a copy was taken and
    /// the original went back to the applicant.
    pub original_kept: bool,
}

/// A document the service obtained from a state registry instead of asking for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryDocument {
    /// What it is.
    pub document: DocumentType,
    /// The family member's full name, when it is a member's document.
    pub member: Option<String>,
    /// The registry it came from.
    pub source: Source,
}

/// The receipt of acceptance of documents, given at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeReceipt {
    /// The application number (`KND-2026-000001`).
    pub number: String,
    /// Assignment or extension.
    pub kind: Kind,
    /// The day the documents were accepted.
    pub accepted_on: Date,
    /// The day the decision is due at the latest.
    pub due: Date,
    /// The office that took the documents.
    pub intake_office: Bilingual,
    /// The local executive body that decides.
    pub deciding_office: Bilingual,
    /// The applicant's full name.
    pub applicant_name: String,
    /// The applicant's IIN.
    pub applicant_iin: String,
    /// The employee who took the documents.
    pub operator: String,
    /// The paper documents taken.
    pub documents: Vec<ReceiptDocument>,
    /// The documents obtained from registries.
    pub registry_documents: Vec<RegistryDocument>,
    /// Where the applicant follows the case (printed and as a QR code).
    pub status_url: String,
}

/// A document line that stopped the package from being accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingLine {
    /// The document.
    pub document: DocumentType,
    /// The family member's full name, when it is a member's document.
    pub member: Option<String>,
    /// What is missing.
    pub shortfall: Shortfall,
}

/// The registration a refusal to accept followed, when the local executive body refused a
/// registered application at its completeness check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registered {
    /// The day the application was registered.
    pub on: Date,
    /// The last day of the service's term.
    pub due: Date,
}

/// One way to appeal, as the app words it: where, how and by when, and the law it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealLine {
    /// Where the appeal goes.
    pub title: Bilingual,
    /// How and by when.
    pub text: Bilingual,
    /// The provisions of law it rests on.
    pub legal_basis: Bilingual,
}

/// The receipt of refusal to accept documents: what is missing, that nothing was decided on the
/// merits (at a desk: that nothing was sent on), and how to appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusalReceipt {
    /// The application number.
    pub number: String,
    /// Assignment or extension.
    pub kind: Kind,
    /// The day the package was refused.
    pub refused_on: Date,
    /// The office that refused to accept it.
    pub intake_office: Bilingual,
    /// The applicant's full name.
    pub applicant_name: String,
    /// The applicant's IIN.
    pub applicant_iin: String,
    /// The employee who refused.
    pub operator: String,
    /// What is missing, line by line.
    pub missing: Vec<MissingLine>,
    /// The registration, when the local executive body refused a registered application (then
    /// `intake_office` is that body and `operator` is left out); `None` at a desk.
    pub registered: Option<Registered>,
    /// How to appeal.
    pub appeal: Vec<AppealLine>,
    /// Where the applicant follows the case (printed and as a QR code).
    pub status_url: String,
}

/// A person a certificate or decision is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// Full name in Cyrillic.
    pub name_cyrillic: String,
    /// Full name in Latin letters, as in the passport.
    pub name_latin: String,
    /// Date of birth.
    pub birth_date: Date,
    /// The IIN, when the person has one.
    pub iin: Option<String>,
    /// Country of origin or citizenship.
    pub country: Bilingual,
}

/// The kandas certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The certificate number (`KC-2026-000001`).
    pub number: String,
    /// The day of issue.
    pub issued_on: Date,
    /// The last day of validity.
    pub valid_until: Date,
    /// The holder.
    pub holder: Holder,
    /// The family members the certificate covers.
    pub members: Vec<Holder>,
    /// The local executive body that issued it.
    pub issuer: Bilingual,
    /// Where anyone verifies the certificate: the QR code carries it whole; the text beside the
    /// code is the address without its `#…` fragment (the offline seal).
    pub verify_url: String,
    /// The check code for people without a camera, printed under the QR code as given
    /// (`12345 67890`).
    pub code: String,
}

/// One ground of a refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusalGround {
    /// The ground.
    pub text: Bilingual,
    /// The provision of law it rests on.
    pub legal_basis: Bilingual,
}

/// A person a refusal names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedPerson {
    /// The full name.
    pub name: String,
    /// Who the person is: the applicant, or the family member's kinship.
    pub role: Bilingual,
}

/// A family member refused while the others are assigned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRefusalLine {
    /// The member.
    pub person: RefusedPerson,
    /// The grounds, each with its legal basis.
    pub grounds: Vec<RefusalGround>,
    /// The official's explanation, printed as written.
    pub comment: String,
}

/// What the local executive body decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionOutcome {
    /// The status is extended.
    Extended {
        /// The number of the certificate whose status is extended.
        certificate: String,
        /// The new last day of the status.
        valid_until: Date,
    },
    /// The service is refused to everyone the application names.
    Refused {
        /// The applicant and every family member.
        persons: Vec<RefusedPerson>,
        /// The grounds, each with its legal basis.
        grounds: Vec<RefusalGround>,
        /// The official's explanation, printed as written.
        comment: String,
    },
    /// The status is refused to these family members; the applicant (and the others) got it.
    MembersRefused {
        /// The number of the certificate the others got.
        certificate: String,
        /// Each refused member with the grounds and the explanation.
        members: Vec<MemberRefusalLine>,
    },
}

/// A decision of the local executive body: an extension, or a refusal with the way to appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The application number.
    pub application_number: String,
    /// Assignment or extension.
    pub kind: Kind,
    /// The day of the decision.
    pub decided_on: Date,
    /// The person the decision is about.
    pub holder: Holder,
    /// The local executive body that decided.
    pub issuer: Bilingual,
    /// What was decided.
    pub outcome: DecisionOutcome,
    /// How to appeal (a refusal's; empty for an extension).
    pub appeal: Vec<AppealLine>,
    /// Where the applicant follows the case (printed and as a QR code).
    pub status_url: String,
}

/// One person of the application in a commission's protocol, with what the commission
/// recommends for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolLine {
    /// The person's full name.
    pub person: String,
    /// Who the person is: the applicant, or the family member's kinship.
    pub role: Bilingual,
    /// Assign the status, or refuse it.
    pub recommendation: Recommendation,
    /// Why, in the commission's words (printed as written; may be empty).
    pub reason: String,
}

/// The protocol of a commission's sitting on an application for the assignment of the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protocol {
    /// The protocol's number, as the commission gave it (`П-7`).
    pub number: String,
    /// The application number.
    pub application_number: String,
    /// Assignment or extension.
    pub kind: Kind,
    /// The day of the sitting (Almaty).
    pub sat_on: Date,
    /// The time of the sitting, `HH:MM` in Almaty.
    pub sat_at_time: String,
    /// The local executive body whose commission sat.
    pub issuer: Bilingual,
    /// The commission members present (full names).
    pub members: Vec<String>,
    /// One line per person of the application, the applicant first.
    pub recommendations: Vec<ProtocolLine>,
    /// The archive's reference to the sitting's video record.
    pub video_reference: String,
    /// SHA-256 of the video record, 64 hex digits.
    pub video_sha256: String,
    /// Where the applicant follows the case (printed and as a QR code).
    pub status_url: String,
}
