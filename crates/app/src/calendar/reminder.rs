//! The administrators' reminder that a year's calendar is not confirmed: from 1 October for the
//! next year (the government's transfer act usually comes out in the autumn), and all through a
//! year that is still not confirmed itself; by SMS, at most once a week per year, however many
//! workers run it (the store keeps one row per year and week).

use jiff::civil::Date;
use kandas_domain::audit::AuditAction;
use kandas_domain::calendar::WorkingCalendar;
use kandas_domain::deadline::almaty_date;
use serde_json::json;

use crate::actor::Role;
use crate::error::AppError;
use crate::ports::store::{AuditRecord, JobKind};
use crate::service::Service;

/// From this month and day on, the next year's calendar is asked for.
const ASK_FROM: (i8, i8) = (10, 1);

/// The reminder goes at most once in this many days.
const EVERY_DAYS: i64 = 7;

/// The SMS text's message id.
const SMS_ID: &str = "sms-calendar-unconfirmed";

fn ask_from(year: i16) -> Option<Date> {
    Date::new(year, ASK_FROM.0, ASK_FROM.1).ok()
}

/// The year whose calendar should be confirmed by now and is not: this year, or from 1 October
/// the next one.
pub fn unconfirmed_year(calendar: &WorkingCalendar, today: Date) -> Option<i16> {
    let this = today.year();
    if !calendar.is_confirmed(this) {
        return Some(this);
    }
    let next = this.checked_add(1)?;
    let asking = ask_from(this).is_some_and(|from| today >= from);
    (asking && !calendar.is_confirmed(next)).then_some(next)
}

/// The week of the reminder about `year` that `today` falls in, counted from 1 October of the
/// year before.
fn week(year: i16, today: Date) -> Result<i64, AppError> {
    let from = year
        .checked_sub(1)
        .and_then(ask_from)
        .ok_or_else(|| AppError::internal(format!("no 1 October before {year}")))?;
    let days = from.until(today).map_err(AppError::internal)?.get_days();
    Ok(i64::from(days).div_euclid(EVERY_DAYS))
}

/// Sends every administrator (by SMS to the phone the Mobile Citizens Database holds for their
/// IIN) the reminder that a year is not confirmed, unless this week's went already; answers
/// whether it went now.
pub async fn remind_unconfirmed(service: &Service) -> Result<bool, AppError> {
    let now = service.now();
    let today = almaty_date(now);
    let Some(year) = unconfirmed_year(&service.calendar.current(), today) else {
        return Ok(false);
    };
    let week = week(year, today)?;
    let admins = service.store.users_with_role(Role::Admin).await?;
    let args = [("year", year.to_string())];
    let text = ["kk", "ru"]
        .map(|lang| kandas_i18n::text_with(lang, SMS_ID, &args))
        .join(" / ");
    let mut jobs = Vec::new();
    for admin in &admins {
        if let Some(phone) = service.registry.mobile_phone(&admin.iin).await? {
            jobs.push(JobKind::Sms {
                phone,
                text: text.clone(),
                application: None,
                expires_at: None,
            });
        }
    }
    let audit = AuditRecord {
        details: json!({ "year": year, "week": week, "admins": admins.len(), "sms": jobs.len() }),
        ..AuditRecord::system(
            now,
            AuditAction::CalendarUnconfirmedReminder,
            format!("calendar-reminder-{year}-{week}"),
        )
    };
    let sent = service
        .store
        .record_calendar_reminder(year, week, &audit, &jobs)
        .await?;
    if sent {
        (service.wake)();
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_year_asked_for_and_its_week() {
        let cal = WorkingCalendar::shipped().unwrap();
        // 2026 is confirmed; 2027 is not, asked for from 1 October 2026.
        assert_eq!(unconfirmed_year(&cal, date(2026, 9, 30)), None);
        assert_eq!(unconfirmed_year(&cal, date(2026, 10, 1)), Some(2027));
        assert_eq!(unconfirmed_year(&cal, date(2026, 12, 31)), Some(2027));
        assert_eq!(unconfirmed_year(&cal, date(2027, 2, 1)), Some(2027));
        let confirmed = cal
            .with_year(kandas_domain::calendar::YearCalendar {
                confirmed: true,
                ..cal.year(2027).into_owned()
            })
            .unwrap();
        assert_eq!(unconfirmed_year(&confirmed, date(2026, 11, 1)), None);
        assert_eq!(unconfirmed_year(&confirmed, date(2027, 10, 1)), Some(2028));
        assert_eq!(week(2027, date(2026, 10, 1)).unwrap(), 0);
        assert_eq!(week(2027, date(2026, 10, 7)).unwrap(), 0);
        assert_eq!(week(2027, date(2026, 10, 8)).unwrap(), 1);
        assert_eq!(week(2027, date(2027, 2, 1)).unwrap(), 17);
    }
}
