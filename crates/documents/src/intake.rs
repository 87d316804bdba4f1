//! The receipt of acceptance of documents: what was taken (copies, the personal history's
//! original), what the service obtained from registries, and by when the decision comes.

use crate::PdfError;
use crate::block::Style;
use crate::flow::Flow;
use crate::fonts::Fonts;
use crate::input::{Bilingual, IntakeReceipt};
use crate::labels::{date, document, kind, label, slashed, source};
use crate::render::{Info, write};
use crate::sections::{
    document_item, field, field_bilingual, heading, letterhead, paragraphs, receipt_closing, title,
};

/// The receipt of acceptance of documents, as a PDF.
pub fn intake_receipt(receipt: &IntakeReceipt) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut flow = Flow::new(&fonts);
    let name = label("pdf-intake-title");
    letterhead(&mut flow, &receipt.intake_office)?;
    title(&mut flow, &name, Some(&receipt.number))?;
    field_bilingual(&mut flow, &label("pdf-service"), &kind(receipt.kind))?;
    field_bilingual(
        &mut flow,
        &label("pdf-accepted-on"),
        &date(receipt.accepted_on),
    )?;
    field(
        &mut flow,
        &label("pdf-applicant"),
        &[&receipt.applicant_name],
    )?;
    field(&mut flow, &label("pdf-iin"), &[&receipt.applicant_iin])?;
    field_bilingual(
        &mut flow,
        &label("pdf-deciding-office"),
        &receipt.deciding_office,
    )?;
    field_bilingual(&mut flow, &label("pdf-due"), &date(receipt.due))?;

    if !receipt.documents.is_empty() {
        heading(&mut flow, &label("pdf-documents-taken"))?;
        for (index, taken) in receipt.documents.iter().enumerate() {
            let custody = if taken.original_kept {
                label("pdf-original-kept")
            } else {
                label("pdf-copy-taken")
            };
            document_item(
                &mut flow,
                index + 1,
                &document(taken.document),
                taken.member.as_deref(),
                &custody,
            )?;
        }
    }

    if !receipt.registry_documents.is_empty() {
        heading(&mut flow, &label("pdf-registry-documents"))?;
        paragraphs(&mut flow, &label("pdf-registry-note"), Style::SMALL)?;
        let from = label("pdf-source");
        for (index, obtained) in receipt.registry_documents.iter().enumerate() {
            let registry = source(obtained.source);
            let line = Bilingual::new(
                format!("{}: {}", from.kk, registry.kk),
                format!("{}: {}", from.ru, registry.ru),
            );
            document_item(
                &mut flow,
                index + 1,
                &document(obtained.document),
                obtained.member.as_deref(),
                &line,
            )?;
        }
    }

    receipt_closing(&mut flow, &receipt.operator, &receipt.status_url)?;

    let pages = flow.finish(&receipt.number)?;
    let info = Info {
        title: format!("{} № {}", slashed(&name), receipt.number),
        date: receipt.accepted_on,
    };
    write(&pages, &fonts, &info)
}
