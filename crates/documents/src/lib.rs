//! The service's PDFs: the receipt of acceptance and the receipt of refusal to accept documents,
//! the kandas certificate, the decision on an extension or a refusal (of the whole application
//! or of family members), and the protocol of the commission's sitting. Every refusal says how
//! to appeal: the complaint first, the court only after it.
//!
//! Every document is bilingual, Kazakh first and then Russian, on A4, and carries a QR code of
//! the page where the applicant follows the case or anyone verifies the certificate. The files
//! are PDF/A-2u: DejaVu Sans subset-embedded, every glyph mapped back to Unicode. A character the
//! font lacks is an error ([`PdfError::MissingGlyph`]), never a silent empty box.
//!
//! The caller maps domain data into the plain input structs of [`input`]; every fixed label
//! comes from the Fluent files of `kandas-i18n` (ids `pdf-…`).

mod appeal;
mod block;
mod certificate;
mod decision;
mod flow;
mod fonts;
pub mod input;
#[cfg(feature = "inspect")]
pub mod inspect;
mod intake;
mod labels;
mod protocol;
mod qr;
mod refusal;
mod render;
mod sections;

pub use certificate::certificate;
pub use decision::decision;
pub use input::{
    AppealLine, Bilingual, Certificate, Decision, DecisionOutcome, Holder, IntakeReceipt,
    MemberRefusalLine, MissingLine, Protocol, ProtocolLine, ReceiptDocument, RefusalGround,
    RefusalReceipt, RefusedPerson, Registered, RegistryDocument,
};
pub use intake::intake_receipt;
pub use kandas_domain::application::review::Recommendation;
pub use protocol::protocol;
pub use refusal::refusal_receipt;

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// A character of the text has no glyph in the embedded font: drawing it would show an empty
    /// box (or nothing) instead of the letter.
    #[error("the font has no glyph for {0:?} (U+{code:04X})", code = u32::from(*.0))]
    MissingGlyph(char),
    /// The embedded font could not be read.
    #[error("the embedded font could not be read")]
    Font,
    /// The text is too long for a QR code.
    #[error("the QR code cannot hold this text: {0}")]
    Qr(String),
    /// The PDF writer refused the document (for example a PDF/A violation).
    #[error("the PDF could not be written: {0}")]
    Write(String),
}
