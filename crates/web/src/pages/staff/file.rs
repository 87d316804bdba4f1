//! A case's file opened in the browser by its office: `GET
//! /staff/applications/{id}/attachments/{attachment}` (the JSON API serves the same bytes the
//! same way). The file is sent inline with its checked type and headers that keep it inert: no
//! sniffing, a policy that loads nothing else and frames nothing, and no caching.

use axum::extract::State;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use kandas_app::staff;
use kandas_domain::application::document::{Attachment, FileType};

use crate::AppState;
use crate::api::attachments::disposition;
use crate::pages::layout::{CaseId, SignedCtx};

/// The policy of a file's answer: nothing loads but the file itself (a PDF viewer needs the
/// document as its object; a picture is shown in a sandbox), nothing may frame it, no form.
pub fn file_policy(file_type: FileType) -> &'static str {
    match file_type {
        FileType::Pdf => {
            "default-src 'none'; object-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
        }
        FileType::Jpeg => {
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'; sandbox"
        }
    }
}

/// The file to open in the browser: `Content-Disposition: inline` with its name, its checked
/// media type, `nosniff`, [`file_policy`], `no-store` and its SHA-256.
pub fn inline_file(attachment: &Attachment, bytes: Vec<u8>) -> Response {
    let file_type = attachment.file_type;
    let inline = disposition(&attachment.file_name).replacen("attachment", "inline", 1);
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(file_type.mime()));
    if let Ok(v) = HeaderValue::from_str(&inline) {
        headers.insert(CONTENT_DISPOSITION, v);
    }
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(file_policy(file_type)),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if let Ok(v) = HeaderValue::from_str(&attachment.sha256) {
        headers.insert(HeaderName::from_static("x-content-sha256"), v);
    }
    response
}

/// `GET /staff/applications/{id}/attachments/{attachment}`: one of the case's files, opened in
/// the browser (audited); the not-found, forbidden or "disposed of" (410) page otherwise.
pub async fn open(
    ctx: SignedCtx,
    State(state): State<AppState>,
    CaseId(id): CaseId,
    crate::pages::layout::FileKey(attachment): crate::pages::layout::FileKey,
) -> Response {
    match staff::open_attachment(&state.service, &ctx.actor, &id, &attachment).await {
        Ok((file, bytes)) => inline_file(&file, bytes),
        Err(e) => ctx.failure(&e),
    }
}
