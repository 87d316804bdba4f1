//! The holidays the law sets (`data/holidays.json`), and a year's days off computed from them
//! for the years the calendar does not list.
//!
//! A holiday that moves off a weekend (national and state holidays) makes the next working day
//! that is not a holiday itself a day off; religious holidays do not move. Kurban Ait follows
//! the lunar calendar: its expected first days are listed per year with their source, and a
//! computed year without one simply lacks it (a computed year is never confirmed anyway).

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use super::data::{DayEntry, Trilingual, YearCalendar};

/// The statutory holidays shipped with the service.
pub(super) const SHIPPED: &str = include_str!("../../data/holidays.json");

/// The years computed once when the holidays are loaded; other years are computed when asked.
const PRECOMPUTED: std::ops::RangeInclusive<i16> = 2001..=2100;

/// The whole holidays file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidaysFile {
    /// Free text: what the file is and where it comes from.
    #[serde(default)]
    pub description: String,
    /// The acts the holidays come from, by id.
    pub acts: BTreeMap<String, Trilingual>,
    /// How a day off moved off a weekend is named, and the act that moves it.
    pub moved: MovedRule,
    /// The holidays.
    pub holidays: Vec<Holiday>,
}

/// The name of a day off a holiday moves to: a template per language with `{name}` (the
/// holiday) and `{date}` (the weekend day, DD.MM.YYYY); `act` is the id of the moving rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedRule {
    /// The name templates.
    pub names: Trilingual,
    /// The act that moves a holiday off a weekend.
    pub act: String,
}

/// What kind of holiday the law makes a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A national holiday.
    National,
    /// A state holiday.
    State,
    /// A religious holiday.
    Religious,
}

/// One holiday of the law: a fixed day (and the days after it), or lunar days listed per year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// A stable code, e.g. `victory-day`.
    pub code: String,
    /// The holiday's name.
    pub names: Trilingual,
    /// National, state or religious.
    pub kind: HolidayKind,
    /// The month of a fixed holiday.
    #[serde(default)]
    pub month: Option<i8>,
    /// The day of a fixed holiday.
    #[serde(default)]
    pub day: Option<i8>,
    /// How many days in a row it lasts (Nauryz: 3).
    #[serde(default = "one_day")]
    pub days: i8,
    /// The expected first days of a lunar holiday, per year, with their source.
    #[serde(default)]
    pub expected: Vec<ExpectedDate>,
    /// Whether a day of it that falls on a Saturday or Sunday moves to the next working day.
    pub moves_off_weekend: bool,
    /// The first year it is a holiday, if not always.
    #[serde(default)]
    pub from_year: Option<i16>,
    /// The last year it is a holiday, if it stopped being one.
    #[serde(default)]
    pub until_year: Option<i16>,
    /// The id of the act it comes from.
    pub act: String,
}

fn one_day() -> i8 {
    1
}

/// A lunar holiday's expected day in one year, and where that comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedDate {
    /// The day.
    pub date: Date,
    /// The act or announcement that sets it (or says it is only expected).
    pub source: Trilingual,
}

impl Holiday {
    fn in_force(&self, year: i16) -> bool {
        self.from_year.is_none_or(|from| year >= from)
            && self.until_year.is_none_or(|until| year <= until)
    }

    /// Its days in `year` (none when it is not in force, or a lunar day is not listed).
    pub(super) fn dates(&self, year: i16) -> Vec<(Date, Trilingual)> {
        if !self.in_force(year) {
            return Vec::new();
        }
        match (self.month, self.day) {
            (Some(month), Some(day)) => {
                let Ok(first) = Date::new(year, month, day) else {
                    return Vec::new();
                };
                (0..self.days)
                    .filter_map(|i| first.checked_add(jiff::Span::new().days(i)).ok())
                    .map(|d| (d, Trilingual::default()))
                    .collect()
            }
            _ => self
                .expected
                .iter()
                .filter(|e| e.date.year() == year)
                .map(|e| (e.date, e.source.clone()))
                .collect(),
        }
    }

    fn check(&self, acts: &BTreeMap<String, Trilingual>) -> Result<(), String> {
        let code = &self.code;
        if !self.names.is_complete() {
            return Err(format!("holiday `{code}` needs its name in kk, ru and en"));
        }
        if !acts.contains_key(&self.act) {
            return Err(format!(
                "holiday `{code}` names the unknown act `{}`",
                self.act
            ));
        }
        if let (Some(from), Some(until)) = (self.from_year, self.until_year)
            && from > until
        {
            return Err(format!("holiday `{code}` ends before it starts"));
        }
        match (self.month, self.day, self.expected.is_empty()) {
            // 2001 is not a leap year: a fixed day must exist in every year.
            (Some(month), Some(day), true) if Date::new(2001, month, day).is_ok() => {}
            (None, None, false) => {}
            _ => {
                return Err(format!(
                    "holiday `{code}` needs either a month and day that exist in every year, or expected dates"
                ));
            }
        }
        if !(1..=7).contains(&self.days) {
            return Err(format!("holiday `{code}` must last 1 to 7 days"));
        }
        if let Some(e) = self.expected.iter().find(|e| !e.source.is_complete()) {
            return Err(format!(
                "holiday `{code}`: the expected date {} needs its source in kk, ru and en",
                e.date
            ));
        }
        Ok(())
    }
}

/// The statutory holidays, checked, with the days off of a century of years computed.
#[derive(Debug, Clone)]
pub struct Statutory {
    file: HolidaysFile,
    computed: BTreeMap<i16, BTreeSet<Date>>,
}

impl PartialEq for Statutory {
    fn eq(&self, other: &Self) -> bool {
        self.file == other.file
    }
}

impl Eq for Statutory {}

fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

impl Statutory {
    /// Reads and checks a holidays file: unique codes, names and sources in kk, ru and en,
    /// known acts, fixed days that exist in every year or listed lunar days.
    pub fn from_json(json: &str) -> Result<Statutory, String> {
        let file: HolidaysFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        Statutory::new(file)
    }

    /// Checks `file` and computes the days off of the years 2001–2100.
    pub fn new(file: HolidaysFile) -> Result<Statutory, String> {
        for (i, holiday) in file.holidays.iter().enumerate() {
            holiday.check(&file.acts)?;
            if file.holidays[..i].iter().any(|h| h.code == holiday.code) {
                return Err(format!("the holiday `{}` is listed twice", holiday.code));
            }
        }
        if !file.acts.contains_key(&file.moved.act) {
            return Err(format!(
                "`moved` names the unknown act `{}`",
                file.moved.act
            ));
        }
        if let Some((id, _)) = file.acts.iter().find(|(_, act)| !act.is_complete()) {
            return Err(format!("the act `{id}` needs its title in kk, ru and en"));
        }
        let mut statutory = Statutory {
            file,
            computed: BTreeMap::new(),
        };
        statutory.computed = PRECOMPUTED
            .map(|year| (year, statutory.days_off_of(year)))
            .collect();
        Ok(statutory)
    }

    /// The file as loaded.
    pub fn file(&self) -> &HolidaysFile {
        &self.file
    }

    /// Whether `date` is a day off by the statutory holidays alone (weekends aside).
    pub(super) fn is_day_off(&self, date: Date) -> bool {
        match self.computed.get(&date.year()) {
            Some(days) => days.contains(&date),
            None => self.days_off_of(date.year()).contains(&date),
        }
    }

    fn days_off_of(&self, year: i16) -> BTreeSet<Date> {
        self.year(year).days_off.iter().map(|e| e.date).collect()
    }

    fn act(&self, id: &str) -> Trilingual {
        self.file.acts.get(id).cloned().unwrap_or_default()
    }

    /// The year computed from the holidays: every weekday holiday is a day off, and every
    /// weekend day of a holiday that moves makes the next weekday that is not already a day
    /// off one. Not confirmed; no transfer working days. A move past 31 December is dropped
    /// (the year's last holiday is mid-December).
    pub fn year(&self, year: i16) -> YearCalendar {
        let mut holidays: Vec<(Date, &Holiday, Trilingual)> = self
            .file
            .holidays
            .iter()
            .flat_map(|h| h.dates(year).into_iter().map(move |(d, s)| (d, h, s)))
            .collect();
        holidays.sort_by_key(|(date, _, _)| *date);
        let taken: BTreeSet<Date> = holidays.iter().map(|(d, _, _)| *d).collect();
        let mut days_off: BTreeMap<Date, DayEntry> = BTreeMap::new();
        for (date, holiday, source) in &holidays {
            if !is_weekend(*date) {
                let act = if source.is_empty() {
                    self.act(&holiday.act)
                } else {
                    join(&self.act(&holiday.act), source)
                };
                let entry = DayEntry {
                    date: *date,
                    names: holiday.names.clone(),
                    act,
                };
                days_off.insert(*date, entry);
            }
        }
        for (date, holiday, _) in holidays
            .iter()
            .filter(|(d, h, _)| h.moves_off_weekend && is_weekend(*d))
        {
            let mut day = *date;
            let moved = loop {
                match day.tomorrow() {
                    Ok(next) if next.year() == year => day = next,
                    _ => break None,
                }
                if !is_weekend(day) && !taken.contains(&day) && !days_off.contains_key(&day) {
                    break Some(day);
                }
            };
            if let Some(moved) = moved {
                let entry = self.moved_entry(moved, *date, holiday);
                days_off.insert(moved, entry);
            }
        }
        YearCalendar {
            year,
            confirmed: false,
            note: Trilingual::default(),
            days_off: days_off.into_values().collect(),
            working_days: Vec::new(),
        }
    }

    fn moved_entry(&self, moved: Date, from: Date, holiday: &Holiday) -> DayEntry {
        let date = format!("{:02}.{:02}.{}", from.day(), from.month(), from.year());
        let names = self.file.moved.names.map(|lang, template| {
            template
                .replace("{name}", holiday.names.get(lang))
                .replace("{date}", &date)
        });
        DayEntry {
            date: moved,
            names,
            act: join(&self.act(&holiday.act), &self.act(&self.file.moved.act)),
        }
    }
}

fn join(first: &Trilingual, second: &Trilingual) -> Trilingual {
    first.map(|lang, text| format!("{text}; {}", second.get(lang)))
}
