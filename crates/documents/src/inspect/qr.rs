//! QR codes read from the rendered page, the way a phone camera would see the printout.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_interpret::hayro_syntax::page::Page;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};

/// Pixels per point: 2 gives a 2.5 pt module five pixels.
const SCALE: f32 = 2.0;

/// The contents of the QR codes on one page.
pub(super) fn page_codes(page: &Page<'_>) -> Result<Vec<String>, String> {
    let cache = RenderCache::new();
    let pixmap = render(
        page,
        &cache,
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings {
            x_scale: SCALE,
            y_scale: SCALE,
            bg_color: WHITE,
        },
    );
    let width = usize::from(pixmap.width());
    let height = usize::from(pixmap.height());
    let grey: Vec<u8> = pixmap
        .data()
        .iter()
        .map(|p| ((u16::from(p.r) + u16::from(p.g) + u16::from(p.b)) / 3) as u8)
        .collect();
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| grey[y * width + x]);
    image
        .detect_grids()
        .iter()
        .map(|grid| {
            grid.decode()
                .map(|(_, content)| content)
                .map_err(|e| format!("a QR code was found but not read: {e}"))
        })
        .collect()
}
