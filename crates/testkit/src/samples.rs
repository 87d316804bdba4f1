//! Sample files the tests upload.

/// A tiny valid PDF: one blank A4 page, a cross-reference table with the objects' offsets.
pub const PDF: &[u8] = concat!(
    "%PDF-1.4\n",
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n",
    "xref\n0 4\n",
    "0000000000 65535 f \n",
    "0000000009 00000 n \n",
    "0000000058 00000 n \n",
    "0000000115 00000 n \n",
    "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n",
)
.as_bytes();
