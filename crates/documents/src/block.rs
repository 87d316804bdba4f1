//! Blocks: pieces of a page that stay together (lines of text, rules, a QR code), laid out
//! relative to their own top before the flow gives them a place on a page.

use crate::PdfError;
use crate::fonts::{Fonts, Run, Weight};
use crate::qr::QrMatrix;

/// The colour of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    Ink,
    Muted,
}

/// Size, weight and colour of a piece of text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub(crate) size: f32,
    pub(crate) weight: Weight,
    pub(crate) tone: Tone,
}

impl Style {
    pub(crate) const TITLE: Style = Style::new(12.0, Weight::Bold, Tone::Ink);
    pub(crate) const HEADING: Style = Style::new(10.5, Weight::Bold, Tone::Ink);
    pub(crate) const BODY: Style = Style::new(10.0, Weight::Regular, Tone::Ink);
    pub(crate) const STRONG: Style = Style::new(10.0, Weight::Bold, Tone::Ink);
    pub(crate) const LABEL: Style = Style::new(8.5, Weight::Regular, Tone::Muted);
    pub(crate) const SMALL: Style = Style::new(8.5, Weight::Regular, Tone::Ink);

    pub(crate) const fn new(size: f32, weight: Weight, tone: Tone) -> Self {
        Self { size, weight, tone }
    }

    /// The distance from one baseline to the next.
    pub(crate) fn line_height(self) -> f32 {
        self.size * 1.25
    }

    /// DejaVu's ascender is 0.93 em: the baseline sits that far below the top of a line.
    pub(crate) fn ascent(self) -> f32 {
        self.size * 0.93
    }
}

/// Where a line sits in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
}

/// A vertical strip of a block that text is set in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    x: f32,
    width: f32,
    align: Align,
}

impl Column {
    /// Lines start at `x`.
    pub(crate) const fn left(x: f32, width: f32) -> Self {
        Self {
            x,
            width,
            align: Align::Left,
        }
    }

    /// Lines are centred between `x` and `x + width`.
    pub(crate) const fn centered(x: f32, width: f32) -> Self {
        Self {
            x,
            width,
            align: Align::Center,
        }
    }
}

/// One thing drawn on a page; `y` grows downwards from the top of the page (or of a block).
#[derive(Debug, Clone)]
pub(crate) enum Mark {
    Text {
        x: f32,
        baseline: f32,
        style: Style,
        run: Run,
    },
    Rule {
        x: f32,
        y: f32,
        width: f32,
        thickness: f32,
    },
    Qr {
        x: f32,
        y: f32,
        module: f32,
        code: QrMatrix,
    },
}

impl Mark {
    pub(crate) fn moved_down(mut self, dy: f32) -> Mark {
        match &mut self {
            Mark::Text { baseline, .. } => *baseline += dy,
            Mark::Rule { y, .. } | Mark::Qr { y, .. } => *y += dy,
        }
        self
    }
}

/// A piece that stays on one page; its marks are relative to its top.
#[derive(Debug, Default)]
pub(crate) struct Block {
    marks: Vec<Mark>,
    height: f32,
}

impl Block {
    /// Writes `text` wrapped to the column, its first line `top` below the block's top;
    /// returns where the text ends. A newline starts a new line.
    pub(crate) fn text(
        &mut self,
        fonts: &Fonts,
        text: &str,
        style: Style,
        column: Column,
        top: f32,
    ) -> Result<f32, PdfError> {
        let mut y = top;
        for line in lines(fonts, text, style, column.width)? {
            let offset = match column.align {
                Align::Left => 0.0,
                Align::Center => (column.width - line.width() * style.size).max(0.0) / 2.0,
            };
            self.marks.push(Mark::Text {
                x: column.x + offset,
                baseline: y + style.ascent(),
                style,
                run: line,
            });
            y += style.line_height();
        }
        self.grow(y);
        Ok(y)
    }

    /// Draws a horizontal rule whose top is `y` below the block's top.
    pub(crate) fn rule(&mut self, x: f32, y: f32, width: f32, thickness: f32) {
        self.marks.push(Mark::Rule {
            x,
            y,
            width,
            thickness,
        });
        self.grow(y + thickness);
    }

    /// Draws a QR code, quiet zone included, `side` points square.
    pub(crate) fn qr(&mut self, code: QrMatrix, x: f32, y: f32, side: f32) {
        let modules = code.width() + 2 * crate::qr::QUIET_ZONE;
        // Modules are a whole number of tenths of a point so that every edge lands the same way.
        let module = ((side / modules as f32) * 10.0).floor() / 10.0;
        self.marks.push(Mark::Qr { x, y, module, code });
        self.grow(y + module * modules as f32);
    }

    /// One line already laid out, at the block's top.
    pub(crate) fn line(&mut self, run: Run, style: Style, x: f32) {
        self.marks.push(Mark::Text {
            x,
            baseline: style.ascent(),
            style,
            run,
        });
        self.grow(style.line_height());
    }

    /// The marks, relative to the block's top, and the block's height.
    pub(crate) fn into_parts(self) -> (Vec<Mark>, f32) {
        (self.marks, self.height)
    }

    /// Makes the block at least `height` tall.
    pub(crate) fn grow(&mut self, height: f32) {
        self.height = self.height.max(height);
    }
}

/// Wraps `text` (its lines split at newlines) into lines no wider than `width` points.
pub(crate) fn lines(
    fonts: &Fonts,
    text: &str,
    style: Style,
    width: f32,
) -> Result<Vec<Run>, PdfError> {
    let face = fonts.face(style.weight);
    let mut out = Vec::new();
    for paragraph in text.replace("\r\n", "\n").replace('\t', " ").split('\n') {
        out.extend(face.shape(paragraph)?.wrap(width / style.size));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centered_text_sits_in_the_middle() {
        let fonts = Fonts::load().unwrap();
        let mut block = Block::default();
        let column = Column::centered(100.0, 200.0);
        block
            .text(&fonts, "Шешім", Style::TITLE, column, 0.0)
            .unwrap();
        let Mark::Text { x, run, style, .. } = &block.marks[0] else {
            panic!("text expected");
        };
        let width = run.width() * style.size;
        assert!((x - 100.0 - (200.0 - width) / 2.0).abs() < 0.01);
    }
}
