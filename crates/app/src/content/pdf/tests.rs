//! PDFs built for the tests, and the checks on them.

use std::io::Write;

use super::*;

/// A PDF of one page whose catalog carries `catalog_extra` and with `extra` objects (numbered
/// from 4 on), written with a correct cross-reference table.
pub fn pdf_with(catalog_extra: &str, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        format!("<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>").into_bytes(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
    ];
    objects.extend(extra.iter().cloned());
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object with `dict` entries and `content`.
pub fn stream(dict: &str, content: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {dict} /Length {} >>\nstream\n", content.len()).into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(b"\nendstream");
    body
}

pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// `n` zero bytes deflated, written a megabyte at a time.
pub fn deflated_zeros(n: usize) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    let mut left = n;
    while left > 0 {
        let now = left.min(chunk.len());
        encoder.write_all(&chunk[..now]).unwrap();
        left -= now;
    }
    encoder.finish().unwrap()
}

fn limits() -> ContentLimits {
    ContentLimits::default()
}

#[test]
fn a_plain_pdf_is_accepted_with_its_pages() {
    let content = stream(
        "/Filter /FlateDecode",
        &deflate(b"BT /F1 12 Tf (Hello) Tj ET"),
    );
    let verdict = check(&pdf_with("", &[content]), &limits()).unwrap();
    assert_eq!(verdict.file_type, FileType::Pdf);
    assert_eq!(verdict.pages, 1);
}

#[test]
fn the_services_own_receipt_is_accepted() {
    // A PDF/A written by krilla (fonts, ToUnicode, a QR code, compressed streams, metadata):
    // an applicant may well upload a receipt the service gave them.
    let receipt = kandas_documents::intake_receipt(&kandas_documents::IntakeReceipt {
        number: "KND-2026-000001".to_owned(),
        kind: kandas_domain::application::Kind::Assignment,
        accepted_on: jiff::civil::date(2026, 11, 26),
        due: jiff::civil::date(2026, 12, 24),
        intake_office: kandas_documents::Bilingual::new("Астана", "Астана"),
        deciding_office: kandas_documents::Bilingual::new("Астана әкімдігі", "Акимат Астаны"),
        applicant_name: "Сәрсенбаев Әлихан Қайратұлы".to_owned(),
        applicant_iin: "900101300811".to_owned(),
        operator: "Оператор".to_owned(),
        documents: Vec::new(),
        registry_documents: Vec::new(),
        status_url: "https://kandas.example/s/1".to_owned(),
    })
    .unwrap();
    let verdict = check(&receipt, &limits()).unwrap();
    assert_eq!(verdict.file_type, FileType::Pdf);
    assert!(verdict.pages >= 1);
}

#[test]
fn a_scanned_page_image_is_counted_as_stored() {
    let scan = stream(
        "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray \
         /BitsPerComponent 8 /Filter /DCTDecode",
        crate::content::jpeg::tests::JPEG_8X8,
    );
    assert!(check(&pdf_with("", &[scan]), &limits()).is_ok());
}

#[test]
fn javascript_anywhere_is_refused() {
    let open = pdf_with("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", &[]);
    assert_eq!(check(&open, &limits()), Err(Refusal::PdfJavaScript));
    let names = pdf_with(
        "/Names << /JavaScript 4 0 R >>",
        &[
            b"<< /Names [(x) 5 0 R] >>".to_vec(),
            b"<< /S /JavaScript /JS (app.alert(1)) >>".to_vec(),
        ],
    );
    assert_eq!(check(&names, &limits()), Err(Refusal::PdfJavaScript));
    let page_aa = pdf_with(
        "/AA << /O 4 0 R >>",
        &[b"<< /S /JavaScript /JS 5 0 R >>".to_vec()],
    );
    assert_eq!(check(&page_aa, &limits()), Err(Refusal::PdfJavaScript));
    // A name written with a #-escape is the same name.
    let escaped = pdf_with("/OpenAction << /S /Java#53cript /J#53 (x) >>", &[]);
    assert_eq!(check(&escaped, &limits()), Err(Refusal::PdfJavaScript));
}

/// `bytes` saved again by lopdf with object streams and a cross-reference stream: every
/// dictionary is then compressed inside an object stream.
pub fn in_object_streams(bytes: &[u8]) -> Vec<u8> {
    let mut document = Document::load_mem(bytes).unwrap();
    let mut out = Vec::new();
    document.save_modern(&mut out).unwrap();
    out
}

#[test]
fn javascript_inside_an_object_stream_is_refused() {
    let open = pdf_with(
        "/OpenAction 4 0 R",
        &[b"<< /S /JavaScript /JS (app.alert(1)) >>".to_vec()],
    );
    let hidden = in_object_streams(&open);
    assert!(
        !hidden.windows(10).any(|w| w == b"JavaScript"),
        "compressed away"
    );
    assert!(hidden.windows(6).any(|w| w == b"ObjStm"));
    assert_eq!(check(&hidden, &limits()), Err(Refusal::PdfJavaScript));
    // The same file without the script passes in the same form.
    let plain = in_object_streams(&pdf_with("", &[]));
    assert!(check(&plain, &limits()).is_ok());
}

#[test]
fn launch_and_embedded_files_are_refused() {
    let launch = pdf_with("/OpenAction << /S /Launch /F (cmd.exe) >>", &[]);
    assert_eq!(check(&launch, &limits()), Err(Refusal::PdfLaunch));
    let embedded = pdf_with(
        "/Names << /EmbeddedFiles 4 0 R >>",
        &[
            b"<< /Names [(a.exe) 5 0 R] >>".to_vec(),
            b"<< /Type /Filespec /F (a.exe) >>".to_vec(),
        ],
    );
    assert_eq!(check(&embedded, &limits()), Err(Refusal::PdfEmbedded));
    let file = pdf_with("", &[stream("/Type /EmbeddedFile", b"MZ")]);
    assert_eq!(check(&file, &limits()), Err(Refusal::PdfEmbedded));
    let annotation = pdf_with(
        "",
        &[b"<< /Type /Annot /Subtype /FileAttachment /FS (a) >>".to_vec()],
    );
    assert_eq!(check(&annotation, &limits()), Err(Refusal::PdfEmbedded));
}

#[test]
fn a_compression_bomb_is_refused_without_decoding_it_whole() {
    let limits = ContentLimits {
        max_decoded_bytes: 4 << 20,
        ..limits()
    };
    let bomb = pdf_with(
        "",
        &[stream("/Filter /FlateDecode", &deflated_zeros(16 << 20))],
    );
    assert_eq!(check(&bomb, &limits), Err(Refusal::TooLargeDecoded));
    // Many streams within the limit each, over it together.
    let parts: Vec<Vec<u8>> = (0..5)
        .map(|_| stream("/Filter /FlateDecode", &deflated_zeros(1 << 20)))
        .collect();
    assert_eq!(
        check(&pdf_with("", &parts), &limits),
        Err(Refusal::TooLargeDecoded)
    );
    // A chain with another filter first goes through lopdf's bound.
    let hex: String = deflated_zeros(8 << 20)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let chained = pdf_with(
        "",
        &[stream(
            "/Filter [/ASCIIHexDecode /FlateDecode]",
            format!("{hex}>").as_bytes(),
        )],
    );
    assert_eq!(check(&chained, &limits), Err(Refusal::TooLargeDecoded));
}

#[test]
fn an_image_with_too_many_pixels_is_refused() {
    let huge = stream(
        "/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /Filter /DCTDecode",
        crate::content::jpeg::tests::JPEG_8X8,
    );
    assert_eq!(
        check(&pdf_with("", &[huge]), &limits()),
        Err(Refusal::ImageTooLarge)
    );
}

#[test]
fn truncated_or_unparsable_pdfs_are_malformed() {
    let good = pdf_with("", &[]);
    let half = &good[..good.len() / 2];
    assert_eq!(check(half, &limits()), Err(Refusal::PdfMalformed));
    let no_trailer = &good[..good.len() - 30];
    assert_eq!(check(no_trailer, &limits()), Err(Refusal::PdfMalformed));
    // What the old fixtures and the first-bytes check let through.
    let sniffed_only = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    assert_eq!(check(sniffed_only, &limits()), Err(Refusal::PdfMalformed));
    assert_eq!(
        check(b"%PDF-1.7\n1 0 obj", &limits()),
        Err(Refusal::PdfMalformed)
    );
    let corrupt = pdf_with("", &[stream("/Filter /FlateDecode", b"not zlib at all")]);
    assert_eq!(check(&corrupt, &limits()), Err(Refusal::PdfMalformed));
}

#[test]
fn a_pdf_that_is_also_html_is_a_polyglot() {
    let mut page = pdf_with("", &[]);
    page.splice(9..9, b"%<html><script>alert(1)</script>\n".iter().copied());
    assert_eq!(check(&page, &limits()), Err(Refusal::Polyglot));
    let mut tail = pdf_with("", &[]);
    tail.extend_from_slice(b"<!DOCTYPE html><body onload=alert(1)>");
    assert_eq!(check(&tail, &limits()), Err(Refusal::Polyglot));
}

#[test]
fn too_many_pages_are_refused() {
    let few = ContentLimits {
        max_pages: 0,
        ..limits()
    };
    // Zero pages allowed is a corner, but it shows the page limit is applied.
    let refusal = check(&pdf_with("", &[]), &few);
    assert_eq!(refusal, Err(Refusal::PdfTooComplex));
}
