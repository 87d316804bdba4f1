//! The figures from the events, pure: counted per office and month, suppressed under
//! [`SMALL_CELL`].

use std::collections::{BTreeMap, BTreeSet};

use kandas_domain::application::events::{DecidedAs, EventKind};
use kandas_domain::calendar::{CalendarError, WorkingCalendar};
use kandas_domain::deadline::{almaty_date, is_on_time};
use kandas_domain::office::OfficeCode;

use super::{Count, GroundCount, Month, MonthFigures, OfficeFigures, Performance};
use crate::ports::store::OfficeEvent;

/// The smallest number of cases a published cell may count.
pub const SMALL_CELL: u32 = 5;

/// What one office's month counts before suppression.
#[derive(Debug, Default)]
struct Raw {
    received: u32,
    decided: u32,
    on_time: u32,
    days: Vec<u32>,
    grounds: BTreeMap<String, u32>,
    refused_to_accept: u32,
    extensions: u32,
}

impl Raw {
    fn add(&mut self, e: &OfficeEvent, calendar: &WorkingCalendar) -> Result<(), CalendarError> {
        let facts = &e.event.facts;
        match e.event.kind {
            EventKind::Submitted => self.received += 1,
            EventKind::RefusedToAccept => self.refused_to_accept += 1,
            EventKind::Decided => {
                let day = almaty_date(e.event.at);
                self.decided += 1;
                if facts.due.is_some_and(|due| is_on_time(due, day)) {
                    self.on_time += 1;
                }
                if let Some(accepted) = facts.accepted {
                    self.days.push(calendar.count_working_days(accepted, day)?);
                }
                if facts.outcome == Some(DecidedAs::Extended) {
                    self.extensions += 1;
                }
                for ground in &facts.grounds {
                    *self.grounds.entry(ground.clone()).or_default() += 1;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn figures(&self, month: Month) -> MonthFigures {
        let shown = self.decided >= SMALL_CELL;
        MonthFigures {
            month,
            received: Count::of(self.received),
            decided: Count::of(self.decided),
            on_time_percent: shown.then(|| {
                (f64::from(self.on_time) * 1000.0 / f64::from(self.decided)).round() / 10.0
            }),
            median_working_days: if shown { median(&self.days) } else { None },
            refusals_by_ground: self
                .grounds
                .iter()
                .map(|(ground, n)| GroundCount {
                    ground: ground.clone(),
                    count: Count::of(*n),
                })
                .collect(),
            refused_to_accept: Count::of(self.refused_to_accept),
            extensions: Count::of(self.extensions),
        }
    }
}

/// The median of `days` (the mean of the middle two of an even number); none of nothing.
fn median(days: &[u32]) -> Option<f64> {
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(sorted[n / 2])),
        _ => Some((f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0),
    }
}

/// The months from `from` to `to`, both included.
fn months(from: Month, to: Month) -> Vec<Month> {
    let mut out = Vec::new();
    let mut m = from;
    while m <= to {
        out.push(m);
        m = if m.month == 12 {
            Month {
                year: m.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: m.year,
                month: m.month + 1,
            }
        };
    }
    out
}

/// The figures of `events` for the months `from` to `to` (by their Almaty date): the total
/// first, then each office by code. An event outside the months is left out.
pub fn tally(
    events: &[OfficeEvent],
    from: Month,
    to: Month,
    calendar: &WorkingCalendar,
) -> Result<Performance, CalendarError> {
    let mut total: BTreeMap<Month, Raw> = BTreeMap::new();
    let mut by_office: BTreeMap<OfficeCode, BTreeMap<Month, Raw>> = BTreeMap::new();
    let mut offices = BTreeSet::new();
    for e in events {
        let month = Month::of(almaty_date(e.event.at));
        if month < from || month > to {
            continue;
        }
        total.entry(month).or_default().add(e, calendar)?;
        if let Some(office) = &e.office {
            offices.insert(office.clone());
            by_office
                .entry(office.clone())
                .or_default()
                .entry(month)
                .or_default()
                .add(e, calendar)?;
        }
    }
    let period = months(from, to);
    let row = |raw: &BTreeMap<Month, Raw>| -> Vec<MonthFigures> {
        let empty = Raw::default();
        period
            .iter()
            .map(|m| raw.get(m).unwrap_or(&empty).figures(*m))
            .collect()
    };
    let mut out = vec![OfficeFigures {
        office: None,
        months: row(&total),
    }];
    for office in offices {
        let raw = by_office.remove(&office).unwrap_or_default();
        out.push(OfficeFigures {
            office: Some(office),
            months: row(&raw),
        });
    }
    Ok(Performance {
        from,
        to,
        offices: out,
    })
}
