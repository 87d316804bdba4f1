//! The JSON shape of the public performance figures: a suppressed cell (fewer than five cases)
//! is `null`.

use kandas_app::performance::{Count, GroundCount, MonthFigures, OfficeFigures, Performance};
use serde::Serialize;
use utoipa::ToSchema;

/// The performance figures of the last twelve months, per local executive body and in total.
#[derive(Serialize, ToSchema)]
pub struct PerformanceDto {
    /// The first month, `YYYY-MM`.
    pub from: String,
    /// The last month (the current one), `YYYY-MM`.
    pub to: String,
    /// The smallest number of cases a published cell counts; smaller cells are `null`.
    pub small_cell: u32,
    /// The total first (`office` null), then each office that had a case in the period.
    pub offices: Vec<OfficeFiguresDto>,
}

/// One office's figures (or the total), month by month, oldest first.
#[derive(Serialize, ToSchema)]
pub struct OfficeFiguresDto {
    /// The local executive body's code, e.g. `leb-astana`; null for the total.
    pub office: Option<String>,
    /// Every month of the period.
    pub months: Vec<MonthFiguresDto>,
}

/// One month's figures; every count is null when it counts fewer than `small_cell` cases.
#[derive(Serialize, ToSchema)]
pub struct MonthFiguresDto {
    /// `YYYY-MM`.
    pub month: String,
    /// Applications registered in the month.
    pub received: Option<u32>,
    /// Applications decided in the month.
    pub decided: Option<u32>,
    /// The share of them decided by their due day, in per cent (null when `decided` is).
    pub on_time_percent: Option<f64>,
    /// The median working days from acceptance to decision (null when `decided` is).
    pub median_working_days: Option<f64>,
    /// Refusals (of applications or of family members) by ground.
    pub refusals_by_ground: Vec<GroundCountDto>,
    /// Packages refused to accept.
    pub refused_to_accept: Option<u32>,
    /// Extensions granted.
    pub extensions: Option<u32>,
}

/// The refusals on one ground.
#[derive(Serialize, ToSchema)]
pub struct GroundCountDto {
    /// The ground's code (message id `ground-<code>`).
    pub ground: String,
    /// How many cases were refused on it.
    pub count: Option<u32>,
}

impl From<&GroundCount> for GroundCountDto {
    fn from(g: &GroundCount) -> Self {
        GroundCountDto {
            ground: g.ground.clone(),
            count: g.count.shown(),
        }
    }
}

impl From<&MonthFigures> for MonthFiguresDto {
    fn from(m: &MonthFigures) -> Self {
        MonthFiguresDto {
            month: m.month.code(),
            received: m.received.shown(),
            decided: m.decided.shown(),
            on_time_percent: m.on_time_percent,
            median_working_days: m.median_working_days,
            refusals_by_ground: m.refusals_by_ground.iter().map(Into::into).collect(),
            refused_to_accept: m.refused_to_accept.shown(),
            extensions: m.extensions.shown(),
        }
    }
}

impl From<&OfficeFigures> for OfficeFiguresDto {
    fn from(o: &OfficeFigures) -> Self {
        OfficeFiguresDto {
            office: o.office.as_ref().map(|c| c.as_str().to_owned()),
            months: o.months.iter().map(Into::into).collect(),
        }
    }
}

impl From<&Performance> for PerformanceDto {
    fn from(p: &Performance) -> Self {
        PerformanceDto {
            from: p.from.code(),
            to: p.to.code(),
            small_cell: kandas_app::performance::SMALL_CELL,
            offices: p.offices.iter().map(Into::into).collect(),
        }
    }
}

/// A count as the CSV writes it: the number, or `<5`.
pub fn csv_count(c: Count) -> String {
    match c {
        Count::Shown(n) => n.to_string(),
        Count::Suppressed => format!("<{}", kandas_app::performance::SMALL_CELL),
    }
}
