//! What an uploaded file holds, judged by its content alone before anything is stored: a PDF is
//! parsed strictly and must carry nothing active (JavaScript, launch, embedded files), a JPEG is
//! read to its dimensions and must end where a JPEG ends; neither may decode to more than the
//! limits allow. Pure: bytes in, a verdict out, no I/O.

pub mod file_name;
mod jpeg;
mod markup;
mod pdf;

use kandas_domain::application::document::FileType;
use kandas_domain::codes::AttachmentError;

/// Why a file was refused; each has a stable code, also the message id (`attachment.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Neither a PDF nor a JPEG.
    FileType,
    /// A PDF with JavaScript (or an XFA form, whose scripts run the same way).
    PdfJavaScript,
    /// A PDF that would start another program (`/Launch`).
    PdfLaunch,
    /// A PDF carrying other files (embedded files, file attachment annotations, rich media).
    PdfEmbedded,
    /// An encrypted PDF: its objects cannot be checked, and officials could not open it.
    PdfEncrypted,
    /// Not a well-formed PDF: truncated, no valid cross-reference table or trailer, unparsable.
    PdfMalformed,
    /// A PDF with more pages or objects than any document for a case needs.
    PdfTooComplex,
    /// More bytes once decoded than the limit (a compression bomb).
    TooLargeDecoded,
    /// Not a well-formed JPEG.
    ImageMalformed,
    /// An image with more pixels than the limit.
    ImageTooLarge,
    /// A file that is also something else: markup at its start or in its metadata, or data
    /// after the image ends.
    Polyglot,
}

impl Refusal {
    /// The stable code, also the message id.
    pub fn code(self) -> &'static str {
        AttachmentError::from(self).code()
    }
}

impl From<Refusal> for AttachmentError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::FileType => AttachmentError::FileType,
            Refusal::PdfJavaScript => AttachmentError::PdfJavaScript,
            Refusal::PdfLaunch => AttachmentError::PdfLaunch,
            Refusal::PdfEmbedded => AttachmentError::PdfEmbedded,
            Refusal::PdfEncrypted => AttachmentError::PdfEncrypted,
            Refusal::PdfMalformed => AttachmentError::PdfMalformed,
            Refusal::PdfTooComplex => AttachmentError::PdfTooComplex,
            Refusal::TooLargeDecoded => AttachmentError::TooLargeDecoded,
            Refusal::ImageMalformed => AttachmentError::ImageMalformed,
            Refusal::ImageTooLarge => AttachmentError::ImageTooLarge,
            Refusal::Polyglot => AttachmentError::Polyglot,
        }
    }
}

/// How much a file may hold once decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentLimits {
    /// Bytes all of a PDF's streams may decode to together, or a JPEG's pixels (width × height ×
    /// components).
    pub max_decoded_bytes: u64,
    /// Pixels of a JPEG, or of any image inside a PDF.
    pub max_pixels: u64,
    /// Pages of a PDF.
    pub max_pages: usize,
    /// Objects of a PDF.
    pub max_objects: usize,
}

impl Default for ContentLimits {
    /// 160 MiB decoded (a 50-megapixel colour photo fits, a 200 MB bomb does not), 50 megapixels,
    /// 500 pages, 200 000 objects.
    fn default() -> Self {
        ContentLimits {
            max_decoded_bytes: 160 * 1024 * 1024,
            max_pixels: 50_000_000,
            max_pages: 500,
            max_objects: 200_000,
        }
    }
}

/// What a file was found to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// Its type.
    pub file_type: FileType,
    /// Pages of a PDF, 1 for a JPEG.
    pub pages: usize,
    /// Width and height of a JPEG in pixels; `None` for a PDF.
    pub dimensions: Option<(u32, u32)>,
}

/// Checks a file by its content: a PDF or a JPEG that holds nothing active and stays within
/// `limits`, or the reason it does not.
pub fn check(bytes: &[u8], limits: &ContentLimits) -> Result<Verdict, Refusal> {
    if bytes.starts_with(b"%PDF-") {
        pdf::check(bytes, limits)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg::check(bytes, limits)
    } else {
        Err(Refusal::FileType)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anything_but_a_pdf_or_a_jpeg_is_the_wrong_type() {
        let limits = ContentLimits::default();
        for bytes in [
            &b"hello"[..],
            b"",
            b"<!DOCTYPE html><html></html>",
            &[
                0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D,
            ],
            b" %PDF-1.7",
            b"MZ\x90\x00",
        ] {
            assert_eq!(check(bytes, &limits), Err(Refusal::FileType), "{bytes:?}");
        }
    }

    #[test]
    fn every_refusal_has_its_own_code_in_the_attachment_group() {
        let all = [
            Refusal::FileType,
            Refusal::PdfJavaScript,
            Refusal::PdfLaunch,
            Refusal::PdfEmbedded,
            Refusal::PdfEncrypted,
            Refusal::PdfMalformed,
            Refusal::PdfTooComplex,
            Refusal::TooLargeDecoded,
            Refusal::ImageMalformed,
            Refusal::ImageTooLarge,
            Refusal::Polyglot,
        ];
        let mut codes: Vec<&str> = all.iter().map(|r| r.code()).collect();
        assert!(codes.iter().all(|c| c.starts_with("attachment.")));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
    }
}
