//! The schemas of the API's codes and formatted strings: each code set is a string enum whose
//! values come from the domain's own lists where it has one (so the document cannot drift from
//! the code), and ids, IINs, numbers and hashes are strings with their pattern.
//!
//! The DTOs keep these values as the `String`s the domain's `code()` gives and point their
//! schema here with `#[schema(value_type = …)]`.

use std::borrow::Cow;

use kandas_app::Role;
use kandas_domain::application::actions::Action;
use kandas_domain::application::custody::Shortfall;
use kandas_domain::application::document::DocumentType;
use kandas_domain::application::education::Education;
use kandas_domain::application::member::{DocumentKind, Kinship};
use kandas_domain::application::next_step::Step;
use kandas_domain::application::result::ResultKind;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

/// A string enum of `values`.
fn codes(description: &str, values: Vec<&'static str>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .enum_values(Some(values))
        .into()
}

/// A string of `pattern`.
fn pattern(description: &str, pattern: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .pattern(Some(pattern))
        .into()
}

macro_rules! schema {
    ($(#[$doc:meta])* $name:ident = $schema:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                $schema
            }
        }

        impl utoipa::ToSchema for $name {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }
        }
    };
}

schema!(
    /// `assignment` or `extension`.
    KindCode = codes("The kind of application.", vec!["assignment", "extension"])
);
schema!(
    /// Where an application was made.
    ChannelCode = codes(
        "Where the application was made.",
        vec!["portal", "state_corporation", "local_executive_body", "foreign_mission"]
    )
);
schema!(
    /// API.md's status vocabulary.
    StatusCode = codes(
        "Where the application stands (API.md's status vocabulary).",
        vec![
            "draft",
            "registered",
            "accepted",
            "rejected_at_intake",
            "under_review",
            "hearing",
            "assigned",
            "extended",
            "refused",
            "withdrawn",
        ]
    )
);
schema!(
    /// A case's next step in the office.
    StepCode = codes(
        "The next step of the review.",
        Step::ALL.iter().map(|s| s.code()).collect()
    )
);
schema!(
    /// What an official may do at a case's next step.
    ActionCode = codes(
        "An action the reader may take now (its form or operation).",
        Action::ALL.iter().map(|a| a.code()).collect()
    )
);
schema!(
    /// How close a case is to its due date.
    UrgencyCode = codes(
        "How close an open case is to its due date.",
        vec!["on_time", "due_today", "overdue"]
    )
);
schema!(
    /// An account's role.
    RoleCode = codes("A role.", Role::ALL.iter().map(|r| r.code()).collect())
);
schema!(
    /// A required document's type.
    DocumentTypeCode = codes(
        "A type of document.",
        DocumentType::ALL.iter().map(|d| d.code()).collect()
    )
);
schema!(
    /// A family member's kinship.
    KinshipCode = codes(
        "A family member's kinship to the applicant.",
        Kinship::ALL.iter().map(|k| k.code()).collect()
    )
);
schema!(
    /// An identity document's kind.
    DocumentKindCode = codes(
        "The kind of an identity document.",
        DocumentKind::ALL.iter().map(|k| k.code()).collect()
    )
);
schema!(
    /// A level of education.
    EducationCode = codes(
        "A level of education.",
        Education::ALL.iter().map(|e| e.code()).collect()
    )
);
schema!(
    /// What is missing of a document.
    ShortfallCode = codes(
        "What is missing of a document.",
        Shortfall::ALL.iter().map(|s| s.code()).collect()
    )
);
schema!(
    /// A result document's kind.
    ResultKindCode = codes(
        "A kind of result document.",
        ResultKind::ALL.iter().map(|k| k.code()).collect()
    )
);
schema!(
    /// The state information system a value came from.
    SourceCode = codes(
        "Where a value came from.",
        vec!["population_registry", "mobile_citizens", "kandas_register", "applicant"]
    )
);
schema!(
    /// How an application was signed.
    SignatureMethodCode = codes("How the application was signed.", vec!["sms", "eds", "paper"])
);
schema!(
    /// A certificate's public status.
    CertificateStatusCode = codes(
        "A kandas certificate's status.",
        vec!["valid", "extended", "expired", "terminated", "revoked"]
    )
);
schema!(
    /// How a certificate's status ends early.
    EndingCode = codes(
        "`terminated` (the holder became a citizen) or `revoked` (the decision was annulled).",
        vec!["terminated", "revoked"]
    )
);
schema!(
    /// A decision's outcome as an officer gives it.
    DecisionOutcomeCode = codes("The decision.", vec!["assign", "extend", "refuse"])
);
schema!(
    /// A commission's recommendation.
    RecommendationCode = codes("The commission's recommendation.", vec!["assign", "refuse"])
);
schema!(
    /// An application's id.
    Id = pattern(
        "An id (a lowercase UUID).",
        "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )
);
schema!(
    /// An IIN.
    IinText = pattern("An individual identification number: 12 digits.", "^[0-9]{12}$")
);
schema!(
    /// An application number.
    ApplicationNumberText = pattern("An application number.", "^KND-[0-9]{4}-[0-9]{6}$")
);
schema!(
    /// A certificate number.
    CertificateNumberText = pattern("A kandas certificate number.", "^KC-[0-9]{4}-[0-9]{6}$")
);
schema!(
    /// A SHA-256 in hex.
    Sha256Hex = pattern("A SHA-256, 64 lowercase hex digits.", "^[0-9a-f]{64}$")
);
schema!(
    /// A person's sex.
    SexCode = codes("Sex.", vec!["male", "female"])
);
schema!(
    /// Where an early ending of a certificate stands.
    EndingStateCode = codes(
        "`recorded` (awaiting a head), `confirmed` (in effect) or `annulled` (void).",
        vec!["recorded", "confirmed", "annulled"]
    )
);
schema!(
    /// A registry field that differs from the form.
    RegistryFieldCode = codes(
        "A field the form gives otherwise than the population registry.",
        vec![
            "surname",
            "given_name",
            "patronymic",
            "surname_latin",
            "given_name_latin",
            "birth_date",
            "citizenship",
        ]
    )
);
schema!(
    /// A stored file's type, judged by content.
    FileTypeCode = codes("A file's type, judged by its content.", vec!["Pdf", "Jpeg"])
);
schema!(
    /// How a required document is provided.
    ProvisionCode = codes(
        "`upload` (a file) or `registry` (the service reads it).",
        vec!["upload", "registry"]
    )
);
schema!(
    /// Where a message went.
    DeliveryChannelCode = codes(
        "`sms` or `account` (the personal account's notifications).",
        vec!["sms", "account"]
    )
);
schema!(
    /// How a delivery attempt ended.
    DeliveryOutcomeCode = codes(
        "`sent`, `failed` (tried again or given up) or `dropped` (a one-time code that expired before it could go).",
        vec!["sent", "failed", "dropped"]
    )
);
schema!(
    /// What the population registry said about a family member.
    RegistryLookupCode = codes(
        "`no_iin` (nothing to look up), `not_found` (nobody with the IIN given) or `found`.",
        vec!["no_iin", "not_found", "found"]
    )
);
schema!(
    /// How an appeal goes.
    AppealKindCode = codes(
        "`complaint` (pre-trial) or `court`.",
        vec!["complaint", "court"]
    )
);
