//! The embedded fonts (DejaVu Sans, regular and bold) and the glyph layout of a line of text.
//!
//! Text is laid out here rather than by a shaper: Kazakh and Russian need no shaping beyond
//! one glyph per character, and doing it ourselves lets every character be checked against
//! the font before anything is drawn. A character without a glyph is
//! [`PdfError::MissingGlyph`]; krilla would silently draw `.notdef` for it.

use krilla::text::{GlyphId, KrillaGlyph};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

use crate::PdfError;

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// One font: the handle krilla embeds, and the tables we measure with.
pub(crate) struct Face {
    pub(crate) pdf: krilla::text::Font,
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Self, PdfError> {
        let font = FontRef::new(data).map_err(|_| PdfError::Font)?;
        let pdf = krilla::text::Font::new(data.into(), 0).ok_or(PdfError::Font)?;
        let units_per_em = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        Ok(Self {
            pdf,
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
        })
    }

    /// Lays `text` out on one line, one glyph per character.
    pub(crate) fn shape(&self, text: &str) -> Result<Run, PdfError> {
        let mut glyphs = Vec::with_capacity(text.len());
        for (at, ch) in text.char_indices() {
            let glyph = self
                .charmap
                .map(ch)
                .filter(|g| *g != skrifa::GlyphId::NOTDEF)
                .ok_or(PdfError::MissingGlyph(ch))?;
            let advance = self.metrics.advance_width(glyph).unwrap_or(0.0) / self.units_per_em;
            glyphs.push(KrillaGlyph {
                glyph_id: GlyphId::new(glyph.to_u32()),
                text_range: at..at + ch.len_utf8(),
                x_advance: advance,
                x_offset: 0.0,
                y_offset: 0.0,
                y_advance: 0.0,
                location: None,
            });
        }
        Ok(Run {
            text: text.to_owned(),
            glyphs,
        })
    }
}

/// The two weights of DejaVu Sans.
pub(crate) struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    /// Reads the embedded fonts.
    pub(crate) fn load() -> Result<Self, PdfError> {
        Ok(Self {
            regular: Face::load(REGULAR)?,
            bold: Face::load(BOLD)?,
        })
    }

    /// The face of a weight.
    pub(crate) fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// A line of text with its glyphs; advances are in ems (multiply by the font size).
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) text: String,
    pub(crate) glyphs: Vec<KrillaGlyph>,
}

impl Run {
    /// The width in ems.
    pub(crate) fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.x_advance).sum()
    }

    /// Breaks the run into lines no wider than `max` ems: at spaces where it can, inside a word
    /// (a long URL) where it must. The spaces at a break are dropped.
    pub(crate) fn wrap(self, max: f32) -> Vec<Run> {
        let mut lines = Vec::new();
        let mut start = 0;
        while start < self.glyphs.len() {
            let end = self.line_end(start, max);
            let mut kept = end;
            while kept > start && self.is_space(kept - 1) {
                kept -= 1;
            }
            lines.push(self.slice(start, kept));
            start = end;
            while start < self.glyphs.len() && self.is_space(start) {
                start += 1;
            }
        }
        lines
    }

    /// Where the line starting at glyph `start` ends (exclusive): after the last space that
    /// still fits, or at the last glyph that fits, but always after at least one glyph.
    fn line_end(&self, start: usize, max: f32) -> usize {
        let mut width = 0.0;
        let mut last_space = None;
        for i in start..self.glyphs.len() {
            width += self.glyphs[i].x_advance;
            if width > max && i > start {
                // An overflowing space ends the line that fits before it.
                if self.is_space(i) {
                    return i;
                }
                return last_space.map_or(i, |s| s + 1);
            }
            if self.is_space(i) {
                last_space = Some(i);
            }
        }
        self.glyphs.len()
    }

    fn is_space(&self, glyph: usize) -> bool {
        self.text
            .get(self.glyphs[glyph].text_range.clone())
            .is_some_and(|s| s == " ")
    }

    fn slice(&self, from: usize, to: usize) -> Run {
        let (Some(first), Some(last)) = (
            self.glyphs.get(from),
            to.checked_sub(1).and_then(|l| self.glyphs.get(l)),
        ) else {
            return Run {
                text: String::new(),
                glyphs: Vec::new(),
            };
        };
        let (begin, end) = (first.text_range.start, last.text_range.end);
        let glyphs = self.glyphs[from..to]
            .iter()
            .map(|g| KrillaGlyph {
                text_range: g.text_range.start - begin..g.text_range.end - begin,
                ..g.clone()
            })
            .collect();
        Run {
            text: self.text[begin..end].to_owned(),
            glyphs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_of_kazakh_and_russian_has_a_glyph_in_both_weights() {
        let fonts = Fonts::load().unwrap();
        let letters = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ№₸«»—";
        for weight in [Weight::Regular, Weight::Bold] {
            let face = fonts.face(weight);
            face.shape(letters).unwrap();
            face.shape(&letters.to_lowercase()).unwrap();
        }
    }

    #[test]
    fn a_character_the_font_lacks_is_an_error() {
        let fonts = Fonts::load().unwrap();
        let err = fonts.face(Weight::Regular).shape("Қандас 漢").unwrap_err();
        assert_eq!(err, PdfError::MissingGlyph('漢'));
    }

    #[test]
    fn lines_break_at_spaces_and_inside_words_too_long_for_a_line() {
        let fonts = Fonts::load().unwrap();
        let face = fonts.face(Weight::Regular);
        let run = face.shape("Қандас мәртебесін беру").unwrap();
        let width = face.shape("Қандас мәртебесін").unwrap().width();
        let lines: Vec<String> = run.wrap(width + 0.01).into_iter().map(|l| l.text).collect();
        assert_eq!(lines, ["Қандас мәртебесін", "беру"]);

        let url = face.shape("https://kandas.egov.kz/s/KND").unwrap();
        let lines = url.wrap(3.0);
        assert!(lines.len() > 2);
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<String>(),
            "https://kandas.egov.kz/s/KND"
        );
        assert!(lines.iter().all(|l| l.width() <= 3.0));
        assert!(lines[1].glyphs[0].text_range.start == 0);
    }
}
