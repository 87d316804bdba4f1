//! The PDFs the service renders (receipts, certificates, decisions), served inline so that the
//! browser opens them to read or print; the JSON API and the desk's pages answer them alike.

use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::response::{IntoResponse, Response};
use kandas_app::desk::receipt::Pdf;

use crate::api::attachments::disposition;

/// A PDF to open or print.
pub fn inline(pdf: Pdf) -> Response {
    let headers = [
        (CONTENT_TYPE, "application/pdf".to_owned()),
        (
            CONTENT_DISPOSITION,
            disposition(&pdf.file_name).replacen("attachment", "inline", 1),
        ),
        (X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
    ];
    (headers, pdf.bytes).into_response()
}
