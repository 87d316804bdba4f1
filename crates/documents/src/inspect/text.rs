//! Text extraction: an interpreter device that records each glyph's Unicode text and where it
//! landed, then reads the page in lines.

use hayro::hayro_interpret::font::GlyphRun;
use hayro::hayro_interpret::hayro_cmap::BfString;
use hayro::hayro_interpret::hayro_syntax::page::Page;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};
use hayro::kurbo::{BezPath, Point, Rect};

/// Glyphs whose baselines differ by less than this (points) are on one line.
const SAME_LINE: f64 = 0.5;

/// One glyph as placed on the page: `y` grows downwards.
struct Placed {
    x: f64,
    y: f64,
    /// Where the next glyph would start.
    end: f64,
    /// The font size, for telling a word gap from a column gap.
    size: f64,
    text: String,
}

#[derive(Default)]
struct Glyphs(Vec<Placed>);

impl<'a> Device<'a> for Glyphs {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        // Fill-and-stroke text is shown twice; read it once.
        if matches!(mode, DrawMode::Stroke(_)) {
            return;
        }
        for glyph in run.glyphs() {
            let text = match glyph.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => char::REPLACEMENT_CHARACTER.to_string(),
            };
            let transform = props.transform * glyph.transform();
            let origin = transform * Point::ORIGIN;
            let advance = match &**glyph {
                hayro::hayro_interpret::font::Glyph::Outline(g) => g.advance_width(),
                hayro::hayro_interpret::font::Glyph::Type3(g) => g.advance_width(),
            };
            let end = advance.map_or(origin.x, |a| (transform * Point::new(f64::from(a), 0.0)).x);
            let size = (transform * Point::new(0.0, 1000.0) - origin).hypot();
            self.0.push(Placed {
                x: origin.x,
                y: origin.y,
                end,
                size,
                text,
            });
        }
    }
}

/// The text of one page.
pub(super) fn page_text(page: &Page<'_>) -> String {
    let cache = InterpreterCache::new();
    let (width, height) = page.render_dimensions();
    let mut context = Context::new(
        page.initial_transform(true).to_kurbo(),
        Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
        &cache,
        page.xref(),
        InterpreterSettings::default(),
    );
    let mut glyphs = Glyphs::default();
    interpret_page(page, &mut context, &mut glyphs);
    read_lines(glyphs.0)
}

fn read_lines(mut glyphs: Vec<Placed>) -> String {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut lines: Vec<Vec<Placed>> = Vec::new();
    for glyph in glyphs {
        match lines.last_mut() {
            Some(line)
                if line
                    .first()
                    .is_some_and(|f| (f.y - glyph.y).abs() < SAME_LINE) =>
            {
                line.push(glyph);
            }
            _ => lines.push(vec![glyph]),
        }
    }
    let mut out = Vec::with_capacity(lines.len());
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut text = String::new();
        let mut previous: Option<&Placed> = None;
        for glyph in &line {
            if let Some(p) = previous {
                if p.x == glyph.x && p.text == glyph.text {
                    continue;
                }
                if glyph.x - p.end > p.size.max(glyph.size) {
                    text.push('\t');
                }
            }
            text.push_str(&glyph.text);
            previous = Some(glyph);
        }
        out.push(text);
    }
    out.join("\n")
}
