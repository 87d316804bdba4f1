//! The calendar form's rows: each day an input per field and language, named by its field path
//! (`days_off[3].names.kk`) so that errors link to it, and the posted form read back.

use std::collections::HashMap;

use kandas_app::calendar::{DayInput, YearInput};
use kandas_domain::calendar::{DayEntry, Trilingual};

use crate::pages::layout::{ErrorLine, Texts, anchor, field_error};

/// Empty rows offered for new days off and new transfer working days.
const BLANK_DAYS_OFF: usize = 3;
const BLANK_WORKING_DAYS: usize = 2;

/// The most rows read from a posted list (a year has 366 days).
const MAX_ROWS: usize = 366;

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

fn texts(form: &HashMap<String, String>, path: &str) -> Trilingual {
    let get = |lang: &str| {
        form.get(&format!("{path}.{lang}"))
            .cloned()
            .unwrap_or_default()
    };
    Trilingual {
        kk: get("kk"),
        ru: get("ru"),
        en: get("en"),
    }
}

fn posted_days(form: &HashMap<String, String>, list: &str) -> Vec<DayInput> {
    (0..MAX_ROWS)
        .map_while(|i| {
            let path = format!("{list}[{i}]");
            let date = form.get(&format!("{path}.date"))?;
            Some(DayInput {
                date: date.clone(),
                names: texts(form, &format!("{path}.names")),
                act: texts(form, &format!("{path}.act")),
            })
        })
        .collect()
}

/// The year as posted by the page's form.
pub fn posted(form: &HashMap<String, String>) -> YearInput {
    YearInput {
        confirmed: form.get("confirmed").is_some_and(|v| v == "on"),
        note: texts(form, "note"),
        days_off: posted_days(form, "days_off"),
        working_days: posted_days(form, "working_days"),
    }
}
