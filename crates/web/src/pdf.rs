//! The PDFs the service renders (receipts, certificates, decisions), served inline so that the
//! browser opens them to read or print; the JSON API and the desk's pages answer them alike.

use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, ETAG, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use kandas_app::desk::receipt::Pdf;

use crate::api::attachments::disposition;

/// A PDF to open or print; a stored one carries its SHA-256 as the `ETag` and in
/// `X-Content-SHA256`, so a client can check that a reprint is the document that was decided.
pub fn inline(pdf: Pdf) -> Response {
    let headers = [
        (CONTENT_TYPE, "application/pdf".to_owned()),
        (
            CONTENT_DISPOSITION,
            disposition(&pdf.file_name).replacen("attachment", "inline", 1),
        ),
        (X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
    ];
    let mut response = (headers, pdf.bytes).into_response();
    if let Some(sha256) = pdf.sha256 {
        let headers = response.headers_mut();
        if let Ok(tag) = HeaderValue::from_str(&format!("\"{sha256}\"")) {
            headers.insert(ETAG, tag);
        }
        if let Ok(hex) = HeaderValue::from_str(&sha256) {
            headers.insert(HeaderName::from_static("x-content-sha256"), hex);
        }
    }
    response
}
