//! Reading a PDF back, for tests: its text through the fonts' ToUnicode maps, and the QR codes
//! on its rendered pages. Pure Rust (hayro parses and renders, rqrr decodes), so the tests need
//! no poppler on the machine.
//!
//! Behind the cargo feature `inspect`; production code never reads PDFs.

mod qr;
mod text;

use hayro::hayro_syntax::Pdf;

/// The text of every page, line by line, top to bottom and left to right; pages follow one
/// another. Text that sits apart on one line (two columns) is separated by a tab.
pub fn text(pdf: &[u8]) -> Result<String, String> {
    let pdf = open(pdf)?;
    let mut pages = Vec::new();
    for page in pdf.pages().iter() {
        pages.push(text::page_text(page));
    }
    Ok(pages.join("\n"))
}

/// The number of pages.
pub fn page_count(pdf: &[u8]) -> Result<usize, String> {
    Ok(open(pdf)?.pages().len())
}

/// The content of every QR code found on the rendered pages, in page order.
pub fn qr_codes(pdf: &[u8]) -> Result<Vec<String>, String> {
    let pdf = open(pdf)?;
    let mut codes = Vec::new();
    for page in pdf.pages().iter() {
        codes.extend(qr::page_codes(page)?);
    }
    Ok(codes)
}

fn open(pdf: &[u8]) -> Result<Pdf, String> {
    Pdf::new(pdf.to_vec()).map_err(|e| format!("not a readable PDF: {e:?}"))
}
