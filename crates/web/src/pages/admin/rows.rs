//! The calendar form's rows: each day an input per field and language, named by its field path
//! (`days_off[3].names.kk`) so that errors link to it, and the posted form read back.

use std::collections::BTreeMap;

use kandas_app::calendar::{DayInput, YearInput};
use kandas_domain::calendar::{DayEntry, Trilingual};

use crate::pages::layout::{ErrorLine, Texts, anchor, csrf_form, field_error};
use crate::pages::lines::{Pairs, checked, pairs_form};

/// Empty rows offered for new days off and new transfer working days.
const BLANK_DAYS_OFF: usize = 3;
const BLANK_WORKING_DAYS: usize = 2;

/// The most rows read from a posted list (a year has 366 days).
const MAX_ROWS: usize = 366;

/// The posted calendar form: inputs named by their field path (`days_off[3].names.kk`).
#[derive(Default)]
pub struct CalendarForm {
    csrf: String,
    confirmed: bool,
    note: Trilingual,
    days_off: BTreeMap<usize, PostedDay>,
    working_days: BTreeMap<usize, PostedDay>,
}

/// A row as posted: a row without its date input is no row.
#[derive(Default)]
struct PostedDay {
    date: Option<String>,
    names: Trilingual,
    act: Trilingual,
}

/// The language slot of a trilingual text (`kk`, `ru` or `en`).
fn language<'t>(text: &'t mut Trilingual, lang: &str) -> Option<&'t mut String> {
    match lang {
        "kk" => Some(&mut text.kk),
        "ru" => Some(&mut text.ru),
        "en" => Some(&mut text.en),
        _ => None,
    }
}

/// `days_off[3].names.kk` as the list's name, the row and the rest (`names.kk`).
fn row_path(name: &str) -> Option<(&str, usize, &str)> {
    let (list, rest) = name.split_once('[')?;
    let (i, rest) = rest.split_once("].")?;
    if i.is_empty() || !i.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let i: usize = i.parse().ok()?;
    (i < MAX_ROWS).then_some((list, i, rest))
}

impl Pairs for CalendarForm {
    fn take(&mut self, name: &str, value: String) -> Result<(), String> {
        match name {
            "csrf" => self.csrf = value,
            "confirmed" => self.confirmed = checked(&value),
            _ => {
                if let Some(lang) = name.strip_prefix("note.") {
                    if let Some(slot) = language(&mut self.note, lang) {
                        *slot = value;
                    }
                    return Ok(());
                }
                let Some((list, i, rest)) = row_path(name) else {
                    return Ok(());
                };
                let day = match list {
                    "days_off" => self.days_off.entry(i).or_default(),
                    "working_days" => self.working_days.entry(i).or_default(),
                    _ => return Ok(()),
                };
                let slot = match rest.split_once('.') {
                    None if rest == "date" => day.date.insert(String::new()),
                    Some(("names", lang)) => match language(&mut day.names, lang) {
                        Some(slot) => slot,
                        None => return Ok(()),
                    },
                    Some(("act", lang)) => match language(&mut day.act, lang) {
                        Some(slot) => slot,
                        None => return Ok(()),
                    },
                    _ => return Ok(()),
                };
                *slot = value;
            }
        }
        Ok(())
    }
}

pairs_form!(CalendarForm);
csrf_form!(CalendarForm);

impl CalendarForm {
    /// The year as posted (rows in the form's order, each with its date input).
    pub fn year(self) -> YearInput {
        let days = |rows: BTreeMap<usize, PostedDay>| -> Vec<DayInput> {
            rows.into_values()
                .filter_map(|d| {
                    Some(DayInput {
                        date: d.date?,
                        names: d.names,
                        act: d.act,
                    })
                })
                .collect()
        };
        YearInput {
            confirmed: self.confirmed,
            note: self.note,
            days_off: days(self.days_off),
            working_days: days(self.working_days),
        }
    }
}

/// One input: its form name, HTML id, value, label and error.
pub struct Cell {
    /// The form field's name, the field path.
    pub name: String,
    /// The HTML id the error summary links to.
    pub id: String,
    /// What was typed or stored.
    pub value: String,
    /// Its label (read by screen readers; the column headers show it to the eye).
    pub label: String,
    /// The message of its error.
    pub error: Option<String>,
}

/// One day in the form.
pub struct Row {
    /// Its number, from 1.
    pub number: usize,
    /// The date.
    pub date: Cell,
    /// What the day is, kk/ru/en.
    pub names: Vec<Cell>,
    /// The act, kk/ru/en.
    pub act: Vec<Cell>,
}

/// One listed day in the page's language.
pub struct Listed {
    /// The date written out.
    pub date: String,
    /// What the day is.
    pub name: String,
    /// The act it comes from.
    pub act: String,
}

fn cell(errors: &[ErrorLine], name: String, value: &str, label: String) -> Cell {
    Cell {
        id: anchor(&name),
        error: field_error(errors, &name),
        value: value.to_owned(),
        label,
        name,
    }
}

/// The three inputs of a text in kk/ru/en under `path`.
pub fn languages(
    t: Texts,
    errors: &[ErrorLine],
    path: &str,
    text: &Trilingual,
    what: &str,
) -> Vec<Cell> {
    [("kk", &text.kk), ("ru", &text.ru), ("en", &text.en)]
        .into_iter()
        .map(|(lang, value)| {
            let label = format!("{what} ({})", t.get(&format!("admin-calendar-in-{lang}")));
            cell(errors, format!("{path}.{lang}"), value, label)
        })
        .collect()
}

/// The rows of one list (`days_off` or `working_days`) and the empty rows after them.
pub fn rows(t: Texts, errors: &[ErrorLine], list: &str, days: &[DayInput]) -> Vec<Row> {
    let blank = if list == "days_off" {
        BLANK_DAYS_OFF
    } else {
        BLANK_WORKING_DAYS
    };
    let empty = DayInput::default();
    let (date, name, act) = (
        t.get("admin-calendar-col-date"),
        t.get("admin-calendar-col-name"),
        t.get("admin-calendar-col-act"),
    );
    days.iter()
        .chain(std::iter::repeat_n(&empty, blank))
        .enumerate()
        .map(|(i, day)| {
            let path = format!("{list}[{i}]");
            Row {
                number: i + 1,
                date: cell(errors, format!("{path}.date"), &day.date, date.clone()),
                names: languages(t, errors, &format!("{path}.names"), &day.names, &name),
                act: languages(t, errors, &format!("{path}.act"), &day.act, &act),
            }
        })
        .collect()
}

/// A list as in use, in the page's language.
pub fn listed(t: Texts, days: &[DayEntry]) -> Vec<Listed> {
    days.iter()
        .map(|d| Listed {
            date: t.date(&d.date),
            name: d.names.get(t.lang).to_owned(),
            act: d.act.get(t.lang).to_owned(),
        })
        .collect()
}
