//! The chart of the total: received and decided by month as grouped bars, laid out here (the
//! numbers only; the SVG markup is the template's). A suppressed month draws no bar and is
//! labelled "<5".

use kandas_app::performance::OfficeFigures;

use super::shown;

/// The chart's drawing height for the tallest bar.
const PLOT: u32 = 160;
/// The top of the plot.
const TOP: u32 = 20;
/// The width of one month's group.
const GROUP: u32 = 56;
/// The width of one bar.
const BAR: u32 = 20;
/// The left margin.
const LEFT: u32 = 8;

/// One bar with its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub width: u32,
    /// Height (zero for a suppressed or empty month).
    pub height: u32,
    /// `received` or `decided`.
    pub series: &'static str,
    /// The value written above it.
    pub label: String,
    /// Where the label is drawn (its centre and baseline).
    pub label_x: u32,
    /// Baseline of the label.
    pub label_y: u32,
}

/// A month's label under its bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// Centre.
    pub x: u32,
    /// `MM`/`YY` written as `YYYY-MM`.
    pub label: String,
}

/// The laid-out chart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chart {
    /// Width of the drawing.
    pub width: u32,
    /// Height of the drawing.
    pub height: u32,
    /// The baseline's y.
    pub base: u32,
    /// Every bar.
    pub bars: Vec<Bar>,
    /// Every month.
    pub ticks: Vec<Tick>,
}

impl Chart {
    /// The chart of `total`'s months.
    pub fn of(total: &OfficeFigures) -> Chart {
        let tallest = total
            .months
            .iter()
            .flat_map(|m| [m.received.shown(), m.decided.shown()])
            .flatten()
            .max()
            .unwrap_or(0)
            .max(1);
        let base = TOP + PLOT;
        let mut bars = Vec::new();
        let mut ticks = Vec::new();
        for (i, m) in total.months.iter().enumerate() {
            let left = LEFT + GROUP * u32::try_from(i).unwrap_or(0);
            for (j, (series, count)) in [("received", m.received), ("decided", m.decided)]
                .into_iter()
                .enumerate()
            {
                let n = count.shown().unwrap_or(0);
                let height = n * PLOT / tallest;
                let x = left + 6 + BAR * u32::try_from(j).unwrap_or(0);
                bars.push(Bar {
                    x,
                    y: base - height,
                    width: BAR - 2,
                    height,
                    series,
                    label: shown(count),
                    label_x: x + (BAR - 2) / 2,
                    label_y: base - height - 4,
                });
            }
            ticks.push(Tick {
                x: left + GROUP / 2,
                label: m.month.code(),
            });
        }
        Chart {
            width: LEFT * 2 + GROUP * u32::try_from(total.months.len()).unwrap_or(0),
            height: base + 24,
            base,
            bars,
            ticks,
        }
    }
}
