//! The page flow: blocks of text, rules and QR codes placed top to bottom on A4 pages, onto a
//! further page when one is full, and a footer with the number and page count on each.
//!
//! Layout is a plain display list, computed before anything is written, so that a page knows
//! how many pages follow it and the layout can be tested without reading a PDF.

use crate::PdfError;
use crate::block::{Block, Column, Mark, Style, Tone, lines};
use crate::fonts::{Fonts, Weight};

/// A4 in points.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm on the left and right.
pub(crate) const MARGIN: f32 = 56.7;
/// The width between the margins.
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// 15 mm at the top.
const TOP: f32 = 42.5;
/// The lowest point content may reach; the footer sits below it.
const BOTTOM: f32 = PAGE_HEIGHT - 48.0;
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 28.0;

/// Pages being filled, top to bottom.
pub(crate) struct Flow<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Mark>>,
    y: f32,
}

impl<'f> Flow<'f> {
    /// An empty first page.
    pub(crate) fn new(fonts: &'f Fonts) -> Self {
        Self {
            fonts,
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    /// The fonts the flow lays text out with.
    pub(crate) fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    /// Places a block below what is already there, on a new page when it does not fit.
    pub(crate) fn place(&mut self, block: Block) {
        let (marks, height) = block.into_parts();
        self.keep(height);
        let top = self.y;
        if let Some(page) = self.pages.last_mut() {
            page.extend(marks.into_iter().map(|m| m.moved_down(top)));
        }
        self.y += height;
    }

    /// Starts a new page unless `height` still fits on this one (or this one is empty).
    pub(crate) fn keep(&mut self, height: f32) {
        let empty = self.pages.last().is_none_or(Vec::is_empty);
        if self.y + height > BOTTOM && !empty {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    /// Lays out what `parts` adds on one page: when it runs over onto the next, it is taken
    /// back and laid out again from the top of a new page.
    pub(crate) fn together(
        &mut self,
        mut parts: impl FnMut(&mut Self) -> Result<(), PdfError>,
    ) -> Result<(), PdfError> {
        let (pages, marks) = (self.pages.len(), self.pages.last().map_or(0, Vec::len));
        parts(self)?;
        if self.pages.len() > pages && marks > 0 {
            self.pages.truncate(pages);
            if let Some(last) = self.pages.last_mut() {
                last.truncate(marks);
            }
            self.pages.push(Vec::new());
            self.y = TOP;
            parts(self)?;
        }
        Ok(())
    }

    /// Leaves space, except at the top of a page.
    pub(crate) fn gap(&mut self, height: f32) {
        if self.y > TOP {
            self.y = (self.y + height).min(BOTTOM);
        }
    }

    /// A paragraph, line by line, so that a long one continues on the next page.
    pub(crate) fn paragraph(
        &mut self,
        text: &str,
        style: Style,
        indent: f32,
    ) -> Result<(), PdfError> {
        for run in lines(self.fonts, text, style, CONTENT_WIDTH - indent)? {
            let mut block = Block::default();
            block.line(run, style, MARGIN + indent);
            self.place(block);
        }
        Ok(())
    }

    /// The pages, each with a footer: `reference · page / pages`.
    pub(crate) fn finish(self, reference: &str) -> Result<Vec<Vec<Mark>>, PdfError> {
        let count = self.pages.len();
        let mut pages = self.pages;
        for (index, page) in pages.iter_mut().enumerate() {
            let footer = format!("{reference} · {} / {count}", index + 1);
            let style = Style::new(8.0, Weight::Regular, Tone::Muted);
            let mut block = Block::default();
            block.text(
                self.fonts,
                &footer,
                style,
                Column::centered(MARGIN, CONTENT_WIDTH),
                0.0,
            )?;
            let (marks, _) = block.into_parts();
            page.extend(
                marks
                    .into_iter()
                    .map(|m| m.moved_down(FOOTER_BASELINE - style.ascent())),
            );
        }
        Ok(pages)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(fonts: &Fonts, text: &str) -> Block {
        let mut block = Block::default();
        block
            .text(
                fonts,
                text,
                Style::BODY,
                Column::left(MARGIN, CONTENT_WIDTH),
                0.0,
            )
            .unwrap();
        block
    }

    #[test]
    fn blocks_that_do_not_fit_go_on_the_next_page() {
        let fonts = Fonts::load().unwrap();
        let mut flow = Flow::new(&fonts);
        for i in 0..80 {
            flow.place(line(&fonts, &format!("Жол {i}")));
        }
        let pages = flow.finish("KND-2026-000001").unwrap();
        assert!(pages.len() >= 2);
        for page in &pages {
            for mark in page {
                if let Mark::Text { baseline, .. } = mark {
                    assert!(*baseline <= PAGE_HEIGHT - 20.0);
                }
            }
        }
    }

    #[test]
    fn parts_kept_together_move_to_the_next_page_as_a_whole() {
        let fonts = Fonts::load().unwrap();
        let mut flow = Flow::new(&fonts);
        while flow.y < BOTTOM - 20.0 {
            flow.place(line(&fonts, "Жол"));
        }
        let before = flow.pages[0].len();
        flow.together(|flow| {
            flow.place(line(&fonts, "Бірінші"));
            flow.place(line(&fonts, "Екінші"));
            Ok(())
        })
        .unwrap();
        assert_eq!(flow.pages.len(), 2);
        assert_eq!(flow.pages[0].len(), before);
        assert_eq!(flow.pages[1].len(), 2);
    }
}
