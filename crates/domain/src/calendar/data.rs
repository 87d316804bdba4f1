//! The serialized shape of the working calendar: one entry per listed year, listing only the
//! deviations from the Monday–Friday week, each day with its name in kk/ru/en and the act it
//! comes from.
//!
//! Older files and stored edits wrote a day's name as one `reason` string and had no `act` or
//! `confirmed`: they still read (the string stands for every language, the rest is empty).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The whole calendar file (`data/calendar.json`), as an administrator edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFile {
    /// Free text: what the file is and how its entries were obtained.
    #[serde(default)]
    pub description: String,
    /// The listed years. A year missing here is computed from the statutory holidays.
    pub years: Vec<YearCalendar>,
}

/// The deviations from the five-day week in one calendar year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCalendar {
    /// The year this entry covers.
    pub year: i16,
    /// Whether the year is confirmed: the government's transfer act for it (or the decision
    /// that there is none) is known and the list follows it. Until then it is derived by rule.
    #[serde(default)]
    pub confirmed: bool,
    /// The acts the year is based on and open questions, in kk/ru/en.
    #[serde(default)]
    pub note: Trilingual,
    /// Weekdays (Monday–Friday) that are days off: public holidays, holidays moved off a weekend,
    /// religious holidays, days off moved by a transfer act.
    #[serde(default)]
    pub days_off: Vec<DayEntry>,
    /// Saturdays or Sundays made working days by a transfer act.
    #[serde(default)]
    pub working_days: Vec<DayEntry>,
}

/// One listed day: what it is and the act it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayEntry {
    /// The day.
    pub date: Date,
    /// What the day is, e.g. "Victory Day: day off moved from 09.05.2026".
    #[serde(alias = "reason")]
    pub names: Trilingual,
    /// The act it comes from (law, code article, government or ministry act).
    #[serde(default)]
    pub act: Trilingual,
}

/// A text in Kazakh, Russian and English.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "TrilingualRepr")]
pub struct Trilingual {
    /// Kazakh.
    #[serde(default)]
    pub kk: String,
    /// Russian.
    #[serde(default)]
    pub ru: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

/// How a text may be written: one string for every language (older files), or each language.
#[derive(Deserialize)]
#[serde(untagged)]
enum TrilingualRepr {
    One(String),
    Each {
        #[serde(default)]
        kk: String,
        #[serde(default)]
        ru: String,
        #[serde(default)]
        en: String,
    },
}

impl From<TrilingualRepr> for Trilingual {
    fn from(repr: TrilingualRepr) -> Trilingual {
        match repr {
            TrilingualRepr::One(text) => Trilingual::same(&text),
            TrilingualRepr::Each { kk, ru, en } => Trilingual { kk, ru, en },
        }
    }
}

impl Trilingual {
    /// The same text in every language (a name that is not translated).
    pub fn same(text: &str) -> Trilingual {
        Trilingual {
            kk: text.to_owned(),
            ru: text.to_owned(),
            en: text.to_owned(),
        }
    }

    /// The text in `lang` (`kk`, `ru`, anything else English); should that be empty, the first
    /// language that has it, Russian first.
    pub fn get(&self, lang: &str) -> &str {
        let wanted = match lang {
            "kk" => &self.kk,
            "ru" => &self.ru,
            _ => &self.en,
        };
        [wanted, &self.ru, &self.kk, &self.en]
            .into_iter()
            .find(|t| !t.trim().is_empty())
            .map_or("", String::as_str)
    }

    /// Whether every language has a text.
    pub fn is_complete(&self) -> bool {
        [&self.kk, &self.ru, &self.en]
            .iter()
            .all(|t| !t.trim().is_empty())
    }

    /// Whether no language has a text.
    pub fn is_empty(&self) -> bool {
        [&self.kk, &self.ru, &self.en]
            .iter()
            .all(|t| t.trim().is_empty())
    }

    /// Each language's text with `f` applied.
    pub fn map(&self, f: impl Fn(&str, &str) -> String) -> Trilingual {
        Trilingual {
            kk: f("kk", &self.kk),
            ru: f("ru", &self.ru),
            en: f("en", &self.en),
        }
    }
}
