//! Each step's term as the rules run it: the completeness check, the commission, the hearing and
//! the decision, each due by a day counted in working days from the step before it, and done
//! (or not yet) on a day.

use jiff::civil::Date;
use serde::Serialize;

use super::review::Review;
use super::status::{Registration, Status};
use super::{Application, Kind};
use crate::calendar::{CalendarError, WorkingCalendar};
use crate::deadline::almaty_date;
use crate::rules::{RuleSet, Workflow};

/// One step of the case with its term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepTerm {
    /// `completeness`, `commission`, `hearing` or `decision`.
    pub step: &'static str,
    /// The last day of its term.
    pub due: Date,
    /// The day it was done, once done.
    pub done_on: Option<Date>,
}

/// The steps of `application` under `rules`, each with its term; empty before registration.
pub fn step_terms(
    application: &Application,
    calendar: &WorkingCalendar,
    rules: &RuleSet,
) -> Result<Vec<StepTerm>, CalendarError> {
    let Some(registration) = application.status.registration() else {
        return Ok(Vec::new());
    };
    let empty = Review::default();
    let review = application.status.review().unwrap_or(&empty);
    let decided_on = match &application.status {
        Status::Decided { decision, .. } => Some(almaty_date(decision.decided_at)),
        _ => None,
    };
    let mut steps = Vec::new();
    if let Workflow::Staged { .. } = rules.workflow() {
        staged(
            &mut steps,
            application.kind,
            registration,
            review,
            calendar,
            rules,
        )?;
    }
    steps.push(StepTerm {
        step: "decision",
        due: registration.deadline.due,
        done_on: decided_on,
    });
    Ok(steps)
}

fn staged(
    steps: &mut Vec<StepTerm>,
    kind: Kind,
    registration: &Registration,
    review: &Review,
    calendar: &WorkingCalendar,
    rules: &RuleSet,
) -> Result<(), CalendarError> {
    let terms = rules.terms;
    let accepted = registration.deadline.accepted;
    let checked = review.completeness.as_ref().map(|c| almaty_date(c.at));
    steps.push(StepTerm {
        step: "completeness",
        due: calendar.add_working_days(accepted, terms.completeness_days)?,
        done_on: checked,
    });
    if kind == Kind::Assignment && rules.commission {
        let from = checked.unwrap_or(accepted);
        steps.push(StepTerm {
            step: "commission",
            due: calendar.add_working_days(from, terms.commission_days)?,
            done_on: review.commission.as_ref().map(|c| almaty_date(c.sat_at)),
        });
    }
    if let Some(hearing) = &review.hearing {
        steps.push(StepTerm {
            step: "hearing",
            due: calendar
                .add_working_days(almaty_date(hearing.notified_at()), terms.hearing_days)?,
            done_on: hearing.record.as_ref().map(|r| almaty_date(r.held_at)),
        });
    }
    Ok(())
}
