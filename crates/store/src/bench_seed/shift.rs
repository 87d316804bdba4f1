//! Moving a template back in time by whole weeks: every date and time in its texts from the
//! story's start on (birth dates and the like lie before it and stay) moves by the same number
//! of days, so weekdays and hours stay as the story had them. Times keep their exact form
//! (`2026-11-23T05:00:00Z`, `…:00.000000000Z`): only the date and clock part is rewritten.

use jiff::ToSpan;
use jiff::civil::{Date, DateTime};

/// Rewrites the dates and times of `text` on or after `from` back by `days` days.
pub(crate) fn back(text: &str, from: Date, days: i64) -> String {
    if days == 0 || !text.contains('-') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while i + 10 <= bytes.len() {
        if !is_date(&bytes[i..i + 10]) || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let timed = i + 19 <= bytes.len() && is_clock(&bytes[i + 10..i + 19]);
        let end = if timed { i + 19 } else { i + 10 };
        if !timed && bytes.get(end).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let moved = if timed {
            text[i..end]
                .parse::<DateTime>()
                .ok()
                .filter(|t| t.date() >= from)
                .and_then(|t| t.checked_sub(days.days()).ok())
                .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S").to_string())
        } else {
            text[i..end]
                .parse::<Date>()
                .ok()
                .filter(|d| *d >= from)
                .and_then(|d| d.checked_sub(days.days()).ok())
                .map(|d| d.to_string())
        };
        if let Some(moved) = moved {
            out.push_str(&text[last..i]);
            out.push_str(&moved);
            last = end;
        }
        i = end;
    }
    out.push_str(&text[last..]);
    out
}

fn is_date(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(k, c)| match k {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    })
}

fn is_clock(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(k, c)| match k {
        0 => *c == b'T',
        3 | 6 => *c == b':',
        _ => c.is_ascii_digit(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_move_back_but_older_ones_stay() {
        let from = Date::constant(2026, 1, 1);
        let text = r#"{"at":"2026-11-23T05:00:00Z","due":"2026-12-01","born":"1990-01-01","n":"KND-2026-000123","t":"2026-11-23T05:00:00.000000000Z"}"#;
        assert_eq!(
            back(text, from, 14),
            r#"{"at":"2026-11-09T05:00:00Z","due":"2026-11-17","born":"1990-01-01","n":"KND-2026-000123","t":"2026-11-09T05:00:00.000000000Z"}"#
        );
        assert_eq!(back(text, from, 0), text);
        assert_eq!(back("2026-03-02", from, 7), "2026-02-23");
    }
}
