//! The decision of the local executive body: the extension of the status, the refusal of the
//! application (naming the applicant and every family member), or the refusal of family members
//! while the others are assigned; each refusal with its grounds, their legal basis, the
//! explanation and how to appeal.

use crate::PdfError;
use crate::appeal::appeal;
use crate::block::Style;
use crate::certificate::holder_fields;
use crate::flow::Flow;
use crate::fonts::Fonts;
use crate::input::{Decision, DecisionOutcome, MemberRefusalLine, RefusalGround, RefusedPerson};
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
        DecisionOutcome::MembersRefused { .. } => label("pdf-decision-member-refusal-title"),
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
        DecisionOutcome::Refused {
            persons,
            grounds,
            comment,
        } => {
            refused_persons(&mut flow, persons)?;
            refusal(&mut flow, grounds, comment)?;
        }
        DecisionOutcome::MembersRefused {
            certificate,
            members,
        } => members_refused(&mut flow, certificate, members)?,
    }
    appeal(&mut flow, &decision.appeal)?;

    qr(&mut flow, &decision.status_url, &label("pdf-status-qr"))?;

    let pages = flow.finish(&decision.application_number)?;
    let info = Info {
        title: format!("{} № {}", slashed(&name), decision.application_number),
        date: decision.decided_on,
    };
    write(&pages, &fonts, &info)
}

/// Everyone the refusal concerns, with who they are.
fn refused_persons(flow: &mut Flow<'_>, persons: &[RefusedPerson]) -> Result<(), PdfError> {
    if persons.is_empty() {
        return Ok(());
    }
    heading(flow, &label("pdf-refused-persons"))?;
    for (index, person) in persons.iter().enumerate() {
        let role = slashed(&person.role);
        item(
            flow,
            index + 1,
            &[(&person.name, Style::STRONG), (&role, Style::SMALL)],
        )?;
    }
    Ok(())
}

/// The grounds with their legal basis and the explanation.
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
    Ok(())
}

/// The certificate the others got, then each refused member with the grounds and explanation.
fn members_refused(
    flow: &mut Flow<'_>,
    certificate: &str,
    members: &[MemberRefusalLine],
) -> Result<(), PdfError> {
    let lead = label_with(
        "pdf-member-refusal-lead",
        &[("certificate", certificate.to_owned())],
    );
    paragraphs(flow, &lead, Style::STRONG)?;
    heading(flow, &label("pdf-refused-persons"))?;
    for member in members {
        let kinship = format!(
            "{}: {}",
            slashed(&label("pdf-kinship")),
            slashed(&member.person.role)
        );
        flow.gap(6.0);
        flow.paragraph(&member.person.name, Style::STRONG, 0.0)?;
        flow.paragraph(&kinship, Style::SMALL, 0.0)?;
        refusal(flow, &member.grounds, &member.comment)?;
    }
    Ok(())
}
