//! The codes stored for the domain's closed sets, each spelled out here: a variant renamed in
//! the domain keeps its stored code, and a variant added there fails to compile until it has one.

use kandas_domain::application::custody::Shortfall;
use kandas_domain::application::document::DocumentType;
use kandas_domain::application::education::Education;
use kandas_domain::application::kind::Kind;
use kandas_domain::application::member::{DocumentKind, Kinship};
use kandas_domain::application::review::Recommendation;
use kandas_domain::application::status::SignatureMethod;
use serde::{Deserialize, Serialize};

/// A stored code enum `$stored` for the domain enum `$domain`, one `Variant = "code"` each.
macro_rules! codes {
    ($(#[$doc:meta])* $stored:ident <=> $domain:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub(crate) enum $stored {
            $(#[serde(rename = $code)] $variant),+
        }

        impl From<$domain> for $stored {
            fn from(d: $domain) -> $stored {
                match d { $($domain::$variant => $stored::$variant),+ }
            }
        }

        impl From<$stored> for $domain {
            fn from(s: $stored) -> $domain {
                match s { $($stored::$variant => $domain::$variant),+ }
            }
        }
    };
}

codes!(
    /// A kind of supporting document.
    StoredDocumentType <=> DocumentType {
        PersonalHistory = "personal_history",
        IdentityDocument = "identity_document",
        NationalityProof = "nationality_proof",
        ConsentDecision = "consent_decision",
        PreviousCertificate = "previous_certificate",
    }
);

codes!(
    /// Why a document line stops a package.
    StoredShortfall <=> Shortfall {
        NotPresented = "not_presented",
        NoCopy = "no_copy",
        NoTranslation = "no_translation",
        Expired = "expired",
        NoScan = "no_scan",
    }
);

codes!(
    /// How a family member is related to the applicant.
    StoredKinship <=> Kinship {
        Spouse = "spouse",
        Child = "child",
        Parent = "parent",
        Sibling = "sibling",
        Grandchild = "grandchild",
    }
);

codes!(
    /// The kind of an identity document.
    StoredDocumentKind <=> DocumentKind {
        Passport = "passport",
        BirthCertificate = "birth_certificate",
        StatelessCertificate = "stateless_certificate",
        Other = "other",
    }
);

codes!(
    /// A level of education.
    StoredEducation <=> Education {
        Secondary = "secondary",
        Vocational = "vocational",
        Higher = "higher",
        Postgraduate = "postgraduate",
        NoFormal = "no_formal",
    }
);

codes!(
    /// A kind of application (the kinds a ground of refusal applies to).
    StoredKind <=> Kind {
        Assignment = "assignment",
        Extension = "extension",
    }
);

codes!(
    /// A commission's recommendation.
    StoredRecommendation <=> Recommendation {
        Assign = "assign",
        Refuse = "refuse",
    }
);

codes!(
    /// How an application was signed.
    StoredSignatureMethod <=> SignatureMethod {
        Sms = "sms",
        Eds = "eds",
        Paper = "paper",
    }
);
