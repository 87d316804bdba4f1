//! Writes laid-out pages as a PDF/A-2u file with krilla.
//!
//! PDF/A-2u: fonts embedded (subset), every glyph mapped to Unicode so that the text can be
//! searched and copied, an sRGB output intent and XMP metadata, all checked by krilla's own
//! validator at export. The creation date is the document's own date, so the same input always
//! gives the same file.

use jiff::civil::Date;
use krilla::Document;
use krilla::SerializeSettings;
use krilla::color::luma;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;

use crate::PdfError;
use crate::block::{Mark, Tone};
use crate::flow::{PAGE_HEIGHT, PAGE_WIDTH};
use crate::fonts::Fonts;
use crate::qr::QUIET_ZONE;

/// What the file says about itself.
pub(crate) struct Info {
    /// The document title (shown by viewers instead of the file name).
    pub(crate) title: String,
    /// The document's date.
    pub(crate) date: Date,
}

/// The PDF bytes of the pages.
pub(crate) fn write(pages: &[Vec<Mark>], fonts: &Fonts, info: &Info) -> Result<Vec<u8>, PdfError> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_U)
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    document.set_metadata(metadata(info));
    let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| PdfError::Write("page size".into()))?;
    for marks in pages {
        let mut page = document.start_page_with(size.clone());
        let mut surface = page.surface();
        for mark in marks {
            draw(&mut surface, mark, fonts);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Write(e.to_string()))
}

fn metadata(info: &Info) -> Metadata {
    let date = DateTime::new(u16::try_from(info.date.year()).unwrap_or(2000))
        .month(u8::try_from(info.date.month()).unwrap_or(1))
        .day(u8::try_from(info.date.day()).unwrap_or(1));
    Metadata::new()
        .title(info.title.clone())
        .language("kk".into())
        .creator("kandas".into())
        .producer("kandas".into())
        .creation_date(date)
}

fn fill(grey: u8) -> Fill {
    Fill {
        paint: luma::Color::new(grey).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn draw(surface: &mut Surface<'_>, mark: &Mark, fonts: &Fonts) {
    match mark {
        Mark::Text {
            x,
            baseline,
            style,
            run,
        } => {
            let grey = match style.tone {
                Tone::Ink => 0,
                Tone::Muted => 80,
            };
            surface.set_fill(Some(fill(grey)));
            surface.draw_glyphs(
                Point::from_xy(*x, *baseline),
                &run.glyphs,
                fonts.face(style.weight).pdf.clone(),
                &run.text,
                style.size,
                false,
            );
        }
        Mark::Rule {
            x,
            y,
            width,
            thickness,
        } => {
            let mut path = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *width, *thickness) {
                path.push_rect(rect);
            }
            if let Some(path) = path.finish() {
                surface.set_fill(Some(fill(140)));
                surface.draw_path(&path);
            }
        }
        Mark::Qr { x, y, module, code } => {
            let quiet = QUIET_ZONE as f32 * module;
            let mut path = PathBuilder::new();
            for (row, column, length) in code.dark_runs() {
                let rect = Rect::from_xywh(
                    x + quiet + column as f32 * module,
                    y + quiet + row as f32 * module,
                    length as f32 * module,
                    *module,
                );
                if let Some(rect) = rect {
                    path.push_rect(rect);
                }
            }
            if let Some(path) = path.finish() {
                surface.set_fill(Some(fill(0)));
                surface.draw_path(&path);
            }
        }
    }
}
