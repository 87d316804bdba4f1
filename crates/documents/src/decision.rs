//! The decision of the local executive body: the extension of the status, or the refusal with
//! its grounds, their legal basis, the explanation and how to appeal.

use crate::PdfError;
use crate::block::Style;
use crate::certificate::holder_fields;
use crate::flow::Flow;
use crate::fonts::Fonts;
use crate::input::{Decision, DecisionOutcome, RefusalGround};
use crate::labels::{date, kind, label, label_with, slashed};
use crate::render::{Info, write};
use crate::sections::{field, field_bilingual, heading, item, letterhead, paragraphs, qr, title};

/// The decision, as a PDF.
pub fn decision(decision: &Decision) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut flow = Flow::new(&fonts);
    let name = match decision.outcome {
        DecisionOutcome::Extended { .. } => label("pdf-decision-extension-title"),
        DecisionOutcome::Refused { .. } => label("pdf-decision-refusal-title"),
    };
    letterhead(&mut flow, &decision.issuer)?;
    title(&mut flow, &name, None)?;
    field(
        &mut flow,
        &label("pdf-application-number"),
        &[&decision.application_number],
    )?;
    field_bilingual(&mut flow, &label("pdf-service"), &kind(decision.kind))?;
    field_bilingual(
        &mut flow,
        &label("pdf-decided-on"),
        &date(decision.decided_on),
    )?;
    field_bilingual(&mut flow, &label("pdf-decided-by"), &decision.issuer)?;
    holder_fields(&mut flow, &decision.holder)?;
    flow.gap(10.0);

    match &decision.outcome {
        DecisionOutcome::Extended {
            certificate,
            valid_until,
        } => {
            let extended = label_with("pdf-extended", &[("certificate", certificate.clone())]);
            paragraphs(&mut flow, &extended, Style::STRONG)?;
            field_bilingual(&mut flow, &label("pdf-extended-until"), &date(*valid_until))?;
        }
        DecisionOutcome::Refused { grounds, comment } => refusal(&mut flow, grounds, comment)?,
    }

    qr(&mut flow, &decision.status_url, &label("pdf-status-qr"))?;

    let pages = flow.finish(&decision.application_number)?;
    let info = Info {
        title: format!("{} № {}", slashed(&name), decision.application_number),
        date: decision.decided_on,
    };
    write(&pages, &fonts, &info)
}

/// The grounds with their legal basis, the explanation, and the way to appeal.
fn refusal(flow: &mut Flow<'_>, grounds: &[RefusalGround], comment: &str) -> Result<(), PdfError> {
    heading(flow, &label("pdf-grounds"))?;
    let basis = label("pdf-legal-basis");
    for (index, ground) in grounds.iter().enumerate() {
        let kk = format!("{}: {}", basis.kk, ground.legal_basis.kk);
        let ru = format!("{}: {}", basis.ru, ground.legal_basis.ru);
        item(
            flow,
            index + 1,
            &[
                (&ground.text.kk, Style::STRONG),
                (&ground.text.ru, Style::BODY),
                (&kk, Style::SMALL),
                (&ru, Style::SMALL),
            ],
        )?;
    }
    if !comment.trim().is_empty() {
        heading(flow, &label("pdf-comment"))?;
        flow.paragraph(comment, Style::BODY, 0.0)?;
    }
    heading(flow, &label("pdf-appeal-title"))?;
    paragraphs(flow, &label("pdf-appeal"), Style::BODY)
}
