//! The receipt of refusal to accept documents: what is missing and why, and that nothing was
//! sent on to the local executive body.

use crate::PdfError;
use crate::block::Style;
use crate::flow::Flow;
use crate::fonts::Fonts;
use crate::input::RefusalReceipt;
use crate::labels::{date, document, kind, label, shortfall, slashed};
use crate::render::{Info, write};
use crate::sections::{
    document_item, field, field_bilingual, heading, letterhead, paragraphs, receipt_closing, title,
};

/// The receipt of refusal to accept documents, as a PDF.
pub fn refusal_receipt(receipt: &RefusalReceipt) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut flow = Flow::new(&fonts);
    let name = label("pdf-refusal-title");
    letterhead(&mut flow, &receipt.intake_office)?;
    title(&mut flow, &name, Some(&receipt.number))?;
    field_bilingual(&mut flow, &label("pdf-service"), &kind(receipt.kind))?;
    field_bilingual(
        &mut flow,
        &label("pdf-refused-on"),
        &date(receipt.refused_on),
    )?;
    field(
        &mut flow,
        &label("pdf-applicant"),
        &[&receipt.applicant_name],
    )?;
    field(&mut flow, &label("pdf-iin"), &[&receipt.applicant_iin])?;
    flow.gap(10.0);
    paragraphs(&mut flow, &label("pdf-refusal-reason"), Style::BODY)?;

    heading(&mut flow, &label("pdf-missing"))?;
    for (index, line) in receipt.missing.iter().enumerate() {
        document_item(
            &mut flow,
            index + 1,
            &document(line.document),
            line.member.as_deref(),
            &shortfall(line.shortfall),
        )?;
    }

    flow.gap(8.0);
    paragraphs(&mut flow, &label("pdf-nothing-sent"), Style::STRONG)?;
    receipt_closing(&mut flow, &receipt.operator, &receipt.status_url)?;

    let pages = flow.finish(&receipt.number)?;
    let info = Info {
        title: format!("{} № {}", slashed(&name), receipt.number),
        date: receipt.refused_on,
    };
    write(&pages, &fonts, &info)
}
