//! Reading a multipart upload as it streams in, for the pages and the API alike.
//!
//! The upload routes take their bodies without axum's body limit (`unlimited`): a file over the
//! attachment limit is still read to its end (up to [`drain_limit`]) and only its first bytes
//! kept, so that the use case refuses it by name (`attachment.too-large`) and the page answers
//! with the file's name at its field, never a bare 400 from a body cut off in the middle.

use axum::extract::DefaultBodyLimit;
use axum::extract::multipart::{Field, Multipart};
use axum::routing::MethodRouter;
use kandas_app::AppError;
use kandas_app::applicant::attach::Upload;
use kandas_domain::codes::AttachmentError;

use crate::{AppState, csrf};

/// The most a text field of an upload form may hold.
const TEXT_LIMIT: usize = 64 * 1024;

/// What an upload form sent.
#[derive(Debug)]
pub struct Received {
    /// The CSRF field (pages).
    pub csrf: String,
    /// The attachment the file replaces (the documents page's "Replace"), or empty.
    pub replaces: String,
    /// The upload: the file's first `max_file + 1` bytes at most.
    pub upload: Upload,
}

/// How much of an oversized file is read (and dropped) before the request is given up on: four
/// times the limit and a megabyte, enough for the files people really pick by mistake.
pub fn drain_limit(max_file: usize) -> usize {
    max_file.saturating_mul(4).saturating_add(1024 * 1024)
}

/// The route without axum's default body limit: its handler reads with [`receive`].
pub fn unlimited(route: MethodRouter<AppState>) -> MethodRouter<AppState> {
    route.layer(DefaultBodyLimit::disable())
}

async fn text(mut field: Field<'_>) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| bad())? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > TEXT_LIMIT {
            return Err(bad());
        }
    }
    String::from_utf8(bytes).map_err(|_| bad())
}

fn bad() -> AppError {
    AppError::BadRequest(AttachmentError::Multipart.into())
}

/// Reads the form: the text fields, and the file `file` kept up to `max_file + 1` bytes (one
/// more than allowed, so that the use case sees it is too large). `unnamed` is the name of a
/// file part that has none.
pub async fn receive(
    mut multipart: Multipart,
    max_file: usize,
    unnamed: &str,
) -> Result<Received, AppError> {
    let mut received = Received {
        csrf: String::new(),
        replaces: String::new(),
        upload: Upload {
            document_type: String::new(),
            member: None,
            file_name: String::new(),
            bytes: Vec::new(),
            version: -1,
        },
    };
    let drain = drain_limit(max_file);
    while let Some(mut field) = multipart.next_field().await.map_err(|_| bad())? {
        let name = field.name().unwrap_or_default().to_owned();
        if name != "file" {
            let value = text(field).await?;
            let upload = &mut received.upload;
            match name.as_str() {
                csrf::CSRF_FIELD => received.csrf = value,
                "replaces" => received.replaces = value.trim().to_owned(),
                "document_type" => upload.document_type = value,
                "member" => upload.member = Some(value).filter(|m| !m.trim().is_empty()),
                "version" => {
                    upload.version = value
                        .trim()
                        .parse()
                        .map_err(|_| AppError::BadRequest(AttachmentError::Version.into()))?;
                }
                _ => {}
            }
            continue;
        }
        let upload = &mut received.upload;
        upload.file_name = field.file_name().unwrap_or(unnamed).to_owned();
        let mut seen = 0usize;
        while let Some(chunk) = field.chunk().await.map_err(|_| bad())? {
            seen = seen.saturating_add(chunk.len());
            let room = (max_file + 1).saturating_sub(upload.bytes.len());
            upload
                .bytes
                .extend_from_slice(&chunk[..chunk.len().min(room)]);
            if seen > drain {
                // Far too big to read on: what came so far names the file and says it is too
                // large; the rest of the form is not read.
                return Ok(received);
            }
        }
    }
    Ok(received)
}
