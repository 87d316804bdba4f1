//! PDF rendering off the async workers. Laying out a document takes milliseconds of CPU; done on
//! the runtime's workers it holds up every other request on them (the reads' p99 grew ×13 while
//! PDFs were downloaded). Each document is rendered on the blocking pool instead, at most one
//! per core at once, so a burst of renders waits its turn rather than taking the workers.

use std::sync::OnceLock;

use kandas_documents::PdfError;
use tokio::sync::Semaphore;

use crate::error::AppError;

/// The renders allowed at once: one per core.
fn renderers() -> &'static Semaphore {
    static GATE: OnceLock<Semaphore> = OnceLock::new();
    GATE.get_or_init(|| Semaphore::new(std::thread::available_parallelism().map_or(1, usize::from)))
}

/// Renders `input` with `render` on the blocking pool, waiting for a free renderer first.
pub async fn off_workers<I, T>(
    input: I,
    render: fn(&I) -> Result<T, PdfError>,
) -> Result<T, AppError>
where
    I: Send + 'static,
    T: Send + 'static,
{
    let _turn = renderers()
        .acquire()
        .await
        .map_err(|e| AppError::internal_in("the renderers' gate is closed", e))?;
    tokio::task::spawn_blocking(move || render(&input))
        .await
        .map_err(|e| AppError::internal_in("a rendering task failed", e))?
        .map_err(|e| AppError::internal_in("rendering a PDF failed", e))
}
