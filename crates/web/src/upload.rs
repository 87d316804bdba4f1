//! Reading a multipart upload as it streams in, for the pages and the API alike.
//!
//! The upload routes take their bodies without axum's body limit (`unlimited`): a file over the
//! attachment limit is still read to its end (up to [`drain_limit`]) and only its first bytes
//! kept, so that the use case refuses it by name (`attachment.too-large`) and the page answers
//! with the file's name at its field, never a bare 400 from a body cut off in the middle.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::extract::multipart::{Field, Multipart};
use axum::routing::MethodRouter;
use kandas_app::AppError;
use kandas_app::applicant::attach::Upload;
use kandas_domain::codes::AttachmentError;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::spool::Spool;
use crate::{AppState, csrf};

/// The most a text field of an upload form may hold.
const TEXT_LIMIT: usize = 64 * 1024;

/// How many uploads are read at once unless configured: each is spooled to disk as it arrives
/// and holds its file in memory only while it is checked and stored.
pub const DEFAULT_CONCURRENT_UPLOADS: usize = 16;

/// The uploads in progress, at most as many as configured: one beyond is answered 503
/// (`service.unavailable`, `Retry-After`) before its body is read.
#[derive(Debug, Clone)]
pub struct UploadGate {
    places: Arc<Semaphore>,
    /// Where the files on their way in are spooled.
    spool: PathBuf,
}

impl UploadGate {
    /// At most `uploads` at once, spooled in the system's temporary directory.
    pub fn new(uploads: usize) -> UploadGate {
        UploadGate::spooling_in(uploads, crate::spool::default_dir())
    }

    /// At most `uploads` at once, spooled in `spool`.
    pub fn spooling_in(uploads: usize, spool: PathBuf) -> UploadGate {
        UploadGate {
            places: Arc::new(Semaphore::new(uploads)),
            spool,
        }
    }

    /// A place for one upload, held until it is dropped.
    pub fn enter(&self) -> Result<OwnedSemaphorePermit, AppError> {
        self.places
            .clone()
            .try_acquire_owned()
            .map_err(|e| AppError::Unavailable(Box::new(UploadsFull(e))))
    }
}

impl Default for UploadGate {
    fn default() -> Self {
        UploadGate::new(DEFAULT_CONCURRENT_UPLOADS)
    }
}

/// Every place for an upload is taken.
#[derive(Debug)]
struct UploadsFull(tokio::sync::TryAcquireError);

impl std::fmt::Display for UploadsFull {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("as many uploads as allowed are in progress")
    }
}

impl std::error::Error for UploadsFull {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// What an upload form sent.
#[derive(Debug)]
pub struct Received {
    /// The CSRF field (pages).
    pub csrf: String,
    /// The attachment the file replaces (the documents page's "Replace"), or empty.
    pub replaces: String,
    /// The upload: the file's first `max_file + 1` bytes at most.
    pub upload: Upload,
    /// The upload's place at the gate, given back when this is dropped (after the handler has
    /// stored the file).
    pub place: OwnedSemaphorePermit,
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

/// Reads the form, once there is a place for it at `gate`: the text fields, and the file `file` kept up to `max_file + 1` bytes (one
/// more than allowed, so that the use case sees it is too large). `unnamed` is the name of a
/// file part that has none.
pub async fn receive(
    gate: &UploadGate,
    mut multipart: Multipart,
    max_file: usize,
    unnamed: &str,
) -> Result<Received, AppError> {
    let place = gate.enter()?;
    let mut received = Received {
        place,
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
        received.upload.file_name = field.file_name().unwrap_or(unnamed).to_owned();
        // The file goes to a spool file as it comes, read back once whole: a slow client holds
        // no memory for its file while it sends it.
        let mut spool = Spool::new(&gate.spool).await?;
        let mut seen = 0usize;
        while let Some(chunk) = field.chunk().await.map_err(|_| bad())? {
            seen = seen.saturating_add(chunk.len());
            let room = (max_file + 1).saturating_sub(spool.len());
            spool.write(&chunk[..chunk.len().min(room)]).await?;
            if seen > drain {
                // Far too big to read on: what came so far names the file and says it is too
                // large; the rest of the form is not read.
                received.upload.bytes = spool.read_all().await?;
                return Ok(received);
            }
        }
        received.upload.bytes = spool.read_all().await?;
    }
    Ok(received)
}
