//! Sample files the tests upload.

/// A tiny valid PDF: one blank A4 page, a cross-reference table with the objects' offsets (the
/// file the Python harnesses upload too: `.ci/openapi_fixtures.py`, `bench/faults/crash.py`).
pub const PDF: &[u8] = include_bytes!("../samples/tiny.pdf");
