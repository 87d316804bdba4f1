//! The protocol of the commission's sitting on an application: when it sat, the members
//! present, what it recommends for each person of the application and why, the video record
//! with its SHA-256, the lines for the chair's and the secretary's signatures.

use kandas_domain::application::review::Recommendation;

use crate::PdfError;
use crate::block::{Block, Column, Style};
use crate::flow::{CONTENT_WIDTH, Flow, MARGIN};
use crate::fonts::Fonts;
use crate::input::{Bilingual, Protocol, ProtocolLine};
use crate::labels::{date, kind, label, slashed};
use crate::render::{Info, write};
use crate::sections::{field, field_bilingual, heading, item, letterhead, qr, signatures, title};

/// How far a recommendation's text stands from its number.
const INDENT: f32 = 24.0;
/// What stands for a reason the commission did not give.
const NO_REASON: &str = "—";

/// The protocol of the commission's sitting, as a PDF.
pub fn protocol(protocol: &Protocol) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut flow = Flow::new(&fonts);
    let name = label("pdf-protocol-title");
    letterhead(&mut flow, &protocol.issuer)?;
    title(&mut flow, &name, Some(&protocol.number))?;
    field(
        &mut flow,
        &label("pdf-application-number"),
        &[&protocol.application_number],
    )?;
    field_bilingual(&mut flow, &label("pdf-service"), &kind(protocol.kind))?;
    let day = date(protocol.sat_on);
    let time = &protocol.sat_at_time;
    let sat = Bilingual::new(format!("{}, {time}", day.kk), format!("{}, {time}", day.ru));
    field_bilingual(&mut flow, &label("pdf-protocol-sat-at"), &sat)?;

    heading(&mut flow, &label("pdf-protocol-members"))?;
    for (index, member) in protocol.members.iter().enumerate() {
        item(&mut flow, index + 1, &[(member, Style::BODY)])?;
    }

    heading(&mut flow, &label("pdf-protocol-recommendations"))?;
    for (index, line) in protocol.recommendations.iter().enumerate() {
        recommendation(&mut flow, index + 1, line)?;
    }

    // The video record closes the protocol; the signatures never stand on a page of their own.
    flow.together(|flow| {
        heading(flow, &label("pdf-protocol-video"))?;
        field(
            flow,
            &label("pdf-protocol-video-reference"),
            &[&protocol.video_reference],
        )?;
        digest(flow, &protocol.video_sha256)?;
        flow.gap(8.0);
        qr(flow, &protocol.status_url, &label("pdf-status-qr"))?;
        signatures(
            flow,
            &[label("pdf-protocol-chair"), label("pdf-protocol-secretary")],
        )
    })?;

    let reference = format!("{} · № {}", protocol.application_number, protocol.number);
    let pages = flow.finish(&reference)?;
    let info = Info {
        title: format!("{} № {}", slashed(&name), protocol.number),
        date: protocol.sat_on,
    };
    write(&pages, &fonts, &info)
}

/// One row of the recommendations: the person and who they are, the recommendation in Kazakh
/// and in Russian, the reason; a thin rule under it, as in a table. The row stays on one page.
fn recommendation(flow: &mut Flow<'_>, number: usize, line: &ProtocolLine) -> Result<(), PdfError> {
    let fonts = flow.fonts();
    let words = label(match line.recommendation {
        Recommendation::Assign => "pdf-protocol-assign",
        Recommendation::Refuse => "pdf-protocol-refuse",
    });
    let said = label("pdf-protocol-recommendation");
    let why = label("pdf-protocol-reason");
    let reason = match line.reason.trim() {
        "" => NO_REASON,
        reason => reason,
    };
    let texts = [
        (line.person.clone(), Style::STRONG),
        (slashed(&line.role), Style::LABEL),
        (format!("{}: {}", said.kk, words.kk), Style::BODY),
        (format!("{}: {}", said.ru, words.ru), Style::BODY),
        (format!("{}: {reason}", slashed(&why)), Style::SMALL),
    ];
    let mut block = Block::default();
    block.text(
        fonts,
        &format!("{number}."),
        Style::STRONG,
        Column::left(MARGIN, INDENT),
        3.0,
    )?;
    let column = Column::left(MARGIN + INDENT, CONTENT_WIDTH - INDENT);
    let mut y = 3.0;
    for (text, style) in &texts {
        y = block.text(fonts, text, *style, column, y)?;
    }
    block.rule(MARGIN, y + 3.0, CONTENT_WIDTH, 0.3);
    block.grow(y + 3.3);
    flow.place(block);
    Ok(())
}

/// The SHA-256 of the video record: its label, then the 64 digits whole on a line of their own
/// (a row's value column is too narrow to hold them unbroken).
fn digest(flow: &mut Flow<'_>, sha256: &str) -> Result<(), PdfError> {
    let fonts = flow.fonts();
    let name = label("pdf-protocol-video-sha256");
    let column = Column::left(MARGIN, CONTENT_WIDTH);
    let mut block = Block::default();
    let y = block.text(fonts, &name.kk, Style::LABEL, column, 2.5)?;
    let y = block.text(fonts, &name.ru, Style::LABEL, column, y)?;
    let y = block.text(fonts, sha256, Style::BODY, column, y + 2.0)?;
    block.rule(MARGIN, y + 2.5, CONTENT_WIDTH, 0.3);
    block.grow(y + 2.8);
    flow.place(block);
    Ok(())
}
