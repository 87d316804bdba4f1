//! The receipt of refusal to accept documents: what is missing and why, and how to appeal. At a
//! desk nothing was sent on to the local executive body; at that body's completeness check the
//! application was registered, and nothing was decided on the merits.

use crate::PdfError;
use crate::appeal::appeal;
use crate::block::Style;
use crate::flow::Flow;
use crate::fonts::Fonts;
use crate::input::RefusalReceipt;
use crate::labels::{date, document, kind, label, shortfall, slashed};
use crate::render::{Info, write};
use crate::sections::{
    document_item, field, field_bilingual, heading, letterhead, paragraphs, qr, receipt_closing,
    title,
};

/// The receipt of refusal to accept documents, as a PDF.
pub fn refusal_receipt(receipt: &RefusalReceipt) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut flow = Flow::new(&fonts);
    let name = label("pdf-refusal-title");
    letterhead(&mut flow, &receipt.intake_office)?;
    title(&mut flow, &name, Some(&receipt.number))?;
    field_bilingual(&mut flow, &label("pdf-service"), &kind(receipt.kind))?;
    if let Some(registered) = &receipt.registered {
        field_bilingual(&mut flow, &label("pdf-registered-on"), &date(registered.on))?;
        field_bilingual(&mut flow, &label("pdf-term"), &date(registered.due))?;
    }
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
    let reason = match receipt.registered {
        Some(_) => label("pdf-refusal-check-reason"),
        None => label("pdf-refusal-reason"),
    };
    paragraphs(&mut flow, &reason, Style::BODY)?;

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
    let outcome = match receipt.registered {
        Some(_) => label("pdf-not-on-merits"),
        None => label("pdf-nothing-sent"),
    };
    paragraphs(&mut flow, &outcome, Style::STRONG)?;
    appeal(&mut flow, &receipt.appeal)?;
    match receipt.registered {
        // An electronic receipt of the local executive body: who checked, and the status page.
        Some(_) => {
            flow.gap(8.0);
            flow.together(|flow| {
                field_bilingual(flow, &label("pdf-checked-by"), &receipt.intake_office)?;
                qr(flow, &receipt.status_url, &label("pdf-status-qr"))
            })?;
        }
        None => receipt_closing(&mut flow, &receipt.operator, &receipt.status_url)?,
    }

    let pages = flow.finish(&receipt.number)?;
    let info = Info {
        title: format!("{} № {}", slashed(&name), receipt.number),
        date: receipt.refused_on,
    };
    write(&pages, &fonts, &info)
}
