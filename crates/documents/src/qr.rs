//! QR codes as a grid of modules, drawn by the page renderer as filled squares.

use qrcode::{Color, EcLevel, QrCode};

use crate::PdfError;

/// The modules of a QR code, row by row; `true` is dark.
#[derive(Debug, Clone)]
pub(crate) struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
}

/// The light border around a code that readers need, in modules.
pub(crate) const QUIET_ZONE: usize = 4;

impl QrMatrix {
    /// Encodes `text` with medium error correction (a printed page survives a fold or a stain).
    pub(crate) fn encode(text: &str) -> Result<Self, PdfError> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|e| PdfError::Qr(e.to_string()))?;
        Ok(Self {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    /// Modules per side, without the quiet zone.
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// The dark runs of each row as `(row, first column, length)`: one rectangle per run keeps
    /// the path short and leaves no seams between neighbouring modules.
    pub(crate) fn dark_runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for (row, modules) in self.dark.chunks(self.width.max(1)).enumerate() {
            let mut column = 0;
            while column < modules.len() {
                if modules[column] {
                    let length = modules[column..].iter().take_while(|d| **d).count();
                    runs.push((row, column, length));
                    column += length;
                } else {
                    column += 1;
                }
            }
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let code = QrMatrix::encode("https://kandas.egov.kz/status/KND-2026-000001").unwrap();
        let covered: usize = code.dark_runs().iter().map(|(_, _, n)| n).sum();
        assert_eq!(covered, code.dark.iter().filter(|d| **d).count());
        assert!(code.width() >= 21);
    }
}
