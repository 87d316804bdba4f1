//! The PDFs read back: their text through the fonts' ToUnicode maps, and their QR codes from
//! the rendered pages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod certificate;
mod decision;
mod fixtures;
mod glyphs;
mod protocol;
mod receipts;

/// Runs of whitespace (spaces, line breaks, column tabs) as one space: wrapped text reads the
/// same as the line it was wrapped from.
pub fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a PDF, whitespace squeezed.
pub fn text_of(pdf: &[u8]) -> String {
    squeezed(&kandas_documents::inspect::text(pdf).unwrap())
}

/// Fails with the whole text when a piece is missing from it.
#[track_caller]
pub fn assert_has(text: &str, pieces: &[&str]) {
    for piece in pieces {
        assert!(
            text.contains(&squeezed(piece)),
            "{piece:?} is not in:\n{text}"
        );
    }
}

/// PDF/A-2u, as the XMP metadata states it.
#[track_caller]
pub fn assert_pdf_a(pdf: &[u8]) {
    let bytes = String::from_utf8_lossy(pdf);
    assert!(bytes.starts_with("%PDF-1.7"), "{}", &bytes[..20]);
    assert!(bytes.contains("pdfaid:part>2<") || bytes.contains("pdfaid:part=\"2\""));
    assert!(
        bytes.contains("pdfaid:conformance>U<") || bytes.contains("pdfaid:conformance=\"U\""),
        "no PDF/A-2u conformance in the XMP"
    );
}
