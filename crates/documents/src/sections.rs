//! The parts every document is made of: the bilingual letterhead, the title with the number,
//! label–value rows, headings, numbered items, the QR block and the signature lines.
//!
//! Kazakh comes first: on the left of the letterhead, on the upper line of a label, before the
//! Russian paragraph.

use crate::PdfError;
use crate::block::{Block, Column, Style};
use crate::flow::{CONTENT_WIDTH, Flow, MARGIN};
use crate::input::Bilingual;
use crate::labels::{label, slashed};
use crate::qr::{QUIET_ZONE, QrMatrix};

/// The label column of a row.
const LABEL_WIDTH: f32 = 180.0;
/// Where values start.
const VALUE_X: f32 = MARGIN + LABEL_WIDTH + 12.0;
const VALUE_WIDTH: f32 = CONTENT_WIDTH - LABEL_WIDTH - 12.0;
/// The side of a QR code with its quiet zone, about 32 mm.
const QR_SIDE: f32 = 90.0;
/// How far an item's text stands from its number.
const ITEM_INDENT: f32 = 24.0;
/// Titles: centred across the page.
const CENTRED: Column = Column::centered(MARGIN, CONTENT_WIDTH);
/// The two columns of a row.
const LABELS: Column = Column::left(MARGIN, LABEL_WIDTH);
const VALUES: Column = Column::left(VALUE_X, VALUE_WIDTH);

/// The letterhead: the country and the office, in Kazakh on the left and Russian on the right,
/// over a double rule.
pub(crate) fn letterhead(flow: &mut Flow<'_>, office: &Bilingual) -> Result<(), PdfError> {
    let fonts = flow.fonts();
    let country = label("pdf-country");
    let column = (CONTENT_WIDTH - 40.0) / 2.0;
    let mut block = Block::default();
    let mut bottom: f32 = 0.0;
    for (x, country, office) in [
        (MARGIN, &country.kk, &office.kk),
        (MARGIN + column + 40.0, &country.ru, &office.ru),
    ] {
        let style = Style {
            size: 9.5,
            ..Style::STRONG
        };
        let y = block.text(fonts, country, style, Column::centered(x, column), 0.0)?;
        let y = block.text(
            fonts,
            office,
            Style {
                size: 9.5,
                ..Style::BODY
            },
            Column::centered(x, column),
            y + 2.0,
        )?;
        bottom = bottom.max(y);
    }
    block.rule(MARGIN, bottom + 6.0, CONTENT_WIDTH, 1.2);
    block.rule(MARGIN, bottom + 8.6, CONTENT_WIDTH, 0.4);
    block.grow(bottom + 22.0);
    flow.place(block);
    Ok(())
}

/// The title, Kazakh over Russian, centred, and the document's number below it when it has one.
pub(crate) fn title(
    flow: &mut Flow<'_>,
    title: &Bilingual,
    number: Option<&str>,
) -> Result<(), PdfError> {
    let fonts = flow.fonts();
    let mut block = Block::default();
    let y = block.text(fonts, &title.kk.to_uppercase(), Style::TITLE, CENTRED, 0.0)?;
    let y = block.text(fonts, &title.ru.to_uppercase(), Style::TITLE, CENTRED, y)?;
    let y = match number {
        Some(number) => block.text(
            fonts,
            &format!("№ {number}"),
            Style::HEADING,
            CENTRED,
            y + 4.0,
        )?,
        None => y,
    };
    block.grow(y + 12.0);
    flow.place(block);
    Ok(())
}

/// A row: the label (Kazakh over Russian) on the left, the value lines on the right.
pub(crate) fn field(
    flow: &mut Flow<'_>,
    name: &Bilingual,
    values: &[&str],
) -> Result<(), PdfError> {
    let fonts = flow.fonts();
    let mut block = Block::default();
    let y = block.text(fonts, &name.kk, Style::LABEL, LABELS, 2.5)?;
    let label_bottom = block.text(fonts, &name.ru, Style::LABEL, LABELS, y)?;
    let mut value_bottom: f32 = 2.5;
    for value in values {
        value_bottom = block.text(fonts, value, Style::BODY, VALUES, value_bottom)?;
    }
    let bottom = label_bottom.max(value_bottom) + 2.5;
    block.rule(MARGIN, bottom, CONTENT_WIDTH, 0.3);
    block.grow(bottom + 0.3);
    flow.place(block);
    Ok(())
}

/// A row whose value is itself bilingual: Kazakh over Russian (once when both are the same).
pub(crate) fn field_bilingual(
    flow: &mut Flow<'_>,
    name: &Bilingual,
    value: &Bilingual,
) -> Result<(), PdfError> {
    if value.kk == value.ru {
        field(flow, name, &[&value.kk])
    } else {
        field(flow, name, &[&value.kk, &value.ru])
    }
}

/// A section heading, "Kazakh / Russian", kept with the first lines that follow it.
pub(crate) fn heading(flow: &mut Flow<'_>, text: &Bilingual) -> Result<(), PdfError> {
    let fonts = flow.fonts();
    let mut block = Block::default();
    let y = block.text(
        fonts,
        &slashed(text),
        Style::HEADING,
        Column::left(MARGIN, CONTENT_WIDTH),
        0.0,
    )?;
    block.grow(y + 4.0);
    flow.gap(8.0);
    flow.keep(y + 60.0);
    flow.place(block);
    Ok(())
}

/// A numbered item of a list; its lines stay together on one page.
pub(crate) fn item(
    flow: &mut Flow<'_>,
    number: usize,
    lines: &[(&str, Style)],
) -> Result<(), PdfError> {
    let fonts = flow.fonts();
    let mut block = Block::default();
    block.text(
        fonts,
        &format!("{number}."),
        Style::BODY,
        Column::left(MARGIN, ITEM_INDENT),
        0.0,
    )?;
    let mut y = 0.0;
    for (text, style) in lines {
        y = block.text(
            fonts,
            text,
            *style,
            Column::left(MARGIN + ITEM_INDENT, CONTENT_WIDTH - ITEM_INDENT),
            y,
        )?;
    }
    block.grow(y + 5.0);
    flow.place(block);
    Ok(())
}

/// A paragraph in Kazakh, then the same in Russian.
pub(crate) fn paragraphs(
    flow: &mut Flow<'_>,
    text: &Bilingual,
    style: Style,
) -> Result<(), PdfError> {
    flow.paragraph(&text.kk, style, 0.0)?;
    flow.gap(4.0);
    flow.paragraph(&text.ru, style, 0.0)?;
    flow.gap(4.0);
    Ok(())
}

/// The QR code of `url`, with the caption (Kazakh, Russian) and the URL printed beside it.
pub(crate) fn qr(flow: &mut Flow<'_>, url: &str, caption: &Bilingual) -> Result<(), PdfError> {
    let code = QrMatrix::encode(url)?;
    qr_block(flow, code, url, caption, QR_SIDE)
}

/// [`qr`] for a code that carries more (the certificate's seal): its modules keep the size
/// `module` and the code grows with its content, instead of shrinking into a fixed square. The
/// printed URL leaves out the `#…` fragment.
pub(crate) fn qr_by_module(
    flow: &mut Flow<'_>,
    url: &str,
    caption: &Bilingual,
    module: f32,
) -> Result<(), PdfError> {
    let code = QrMatrix::encode(url)?;
    let side = (code.width() + 2 * QUIET_ZONE) as f32 * module;
    qr_block(flow, code, url, caption, side)
}

fn qr_block(
    flow: &mut Flow<'_>,
    code: QrMatrix,
    url: &str,
    caption: &Bilingual,
    side: f32,
) -> Result<(), PdfError> {
    let fonts = flow.fonts();
    let mut block = Block::default();
    block.qr(code, MARGIN, 0.0, side);
    let url = url.split_once('#').map_or(url, |(page, _)| page);
    let x = MARGIN + side + 12.0;
    let width = CONTENT_WIDTH - side - 12.0;
    let y = block.text(
        fonts,
        &caption.kk,
        Style::SMALL,
        Column::left(x, width),
        12.0,
    )?;
    let y = block.text(
        fonts,
        &caption.ru,
        Style::SMALL,
        Column::left(x, width),
        y + 2.0,
    )?;
    block.text(fonts, url, Style::STRONG, Column::left(x, width), y + 6.0)?;
    flow.gap(8.0);
    flow.place(block);
    Ok(())
}

/// The check code under a QR code: the label in Kazakh, then in Russian, then the code.
pub(crate) fn check_code(
    flow: &mut Flow<'_>,
    name: &Bilingual,
    code: &str,
) -> Result<(), PdfError> {
    let fonts = flow.fonts();
    let mut block = Block::default();
    let column = Column::left(MARGIN, CONTENT_WIDTH);
    let y = block.text(fonts, &name.kk, Style::SMALL, column, 4.0)?;
    let y = block.text(fonts, &name.ru, Style::SMALL, column, y + 1.0)?;
    let y = block.text(fonts, code, Style::HEADING, column, y + 2.0)?;
    block.grow(y + 4.0);
    flow.place(block);
    Ok(())
}

/// Lines to sign on, side by side, each captioned in Kazakh and Russian.
pub(crate) fn signatures(flow: &mut Flow<'_>, names: &[Bilingual]) -> Result<(), PdfError> {
    let fonts = flow.fonts();
    let mut block = Block::default();
    let columns = names.len().max(1) as f32;
    let width = (CONTENT_WIDTH + 24.0) / columns - 24.0;
    for (index, name) in names.iter().enumerate() {
        let x = MARGIN + index as f32 * (width + 24.0);
        block.rule(x, 26.0, width, 0.5);
        let y = block.text(
            fonts,
            &name.kk,
            Style::LABEL,
            Column::centered(x, width),
            29.0,
        )?;
        block.text(fonts, &name.ru, Style::LABEL, Column::centered(x, width), y)?;
    }
    flow.gap(6.0);
    flow.place(block);
    Ok(())
}

/// The end of a receipt: who took the documents, the QR code of the status page and the
/// signature lines, kept together so that no page holds only signatures.
pub(crate) fn receipt_closing(
    flow: &mut Flow<'_>,
    operator: &str,
    status_url: &str,
) -> Result<(), PdfError> {
    flow.gap(8.0);
    flow.together(|flow| {
        field(flow, &label("pdf-operator"), &[operator])?;
        qr(flow, status_url, &label("pdf-status-qr"))?;
        signatures(
            flow,
            &[
                label("pdf-operator-signature"),
                label("pdf-applicant-signature"),
            ],
        )
    })
}

/// A numbered document line: its name in Kazakh and Russian, the family member it concerns,
/// and a note (what happened to it, where it came from, what is missing).
pub(crate) fn document_item(
    flow: &mut Flow<'_>,
    number: usize,
    name: &Bilingual,
    member: Option<&str>,
    note: &Bilingual,
) -> Result<(), PdfError> {
    let member_line = member.map(|m| format!("{}: {m}", slashed(&label("pdf-member"))));
    let note_line = slashed(note);
    let mut lines = vec![
        (name.kk.as_str(), Style::STRONG),
        (name.ru.as_str(), Style::BODY),
    ];
    if let Some(member_line) = &member_line {
        lines.push((member_line, Style::SMALL));
    }
    lines.push((&note_line, Style::SMALL));
    item(flow, number, &lines)
}
