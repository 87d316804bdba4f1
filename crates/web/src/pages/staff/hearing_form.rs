//! The case page's hearing form: when and where the hearing may be set (the rule set's notice
//! and term on the working calendar) and whose refusal its notice announces.

use std::collections::BTreeSet;

use jiff::Timestamp;
use kandas_domain::application::Application;
use kandas_domain::deadline::{almaty, almaty_date};

use super::form::{GroundBox, Typed, ground_boxes};
use super::posted::ScheduleForm;
use super::stage::Names;
use crate::AppState;

/// The hearing form's values and bounds.
pub struct HearingForm {
    /// `YYYY-MM-DDTHH:MM` in Almaty time, as typed.
    pub at: String,
    /// The address or link.
    pub place: String,
    /// Held online.
    pub online: bool,
    /// The earliest time the field takes (now and the rule set's notice).
    pub min: String,
    /// The latest (the end of the last day of the term).
    pub max: String,
    /// The last day of the term, written out.
    pub last: String,
    /// The earliest time, written out.
    pub earliest: String,
    /// Whose refusal the notice announces: the applicant (line 0) and each family member.
    pub plan: Vec<PlanLine>,
}

/// One person in the hearing's notice: whether their refusal is planned, on which grounds.
pub struct PlanLine {
    /// Position: 0 is the applicant, then the family members in order.
    pub n: usize,
    /// The member's id (empty for the applicant).
    pub member: String,
    /// Name and role.
    pub name: String,
    /// A refusal is planned.
    pub planned: bool,
    /// The grounds to tick.
    pub grounds: Vec<GroundBox>,
}

/// `YYYY-MM-DDTHH:MM` in Almaty time, as a `datetime-local` field takes it.
pub fn local(at: Timestamp) -> String {
    almaty()
        .to_datetime(at)
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

pub(super) fn hearing_form(
    state: &AppState,
    names: &Names<'_>,
    a: &Application,
    typed: &Typed,
) -> HearingForm {
    let t = names.t;
    let service = &state.service;
    let now = service.now();
    let rules = a
        .status
        .registration()
        .and_then(|r| service.rules.by_id(&r.deadline.rule_set).ok());
    let days = rules.map_or(0, |r| r.terms.hearing_days);
    let notice = rules.map_or(0, |r| i64::from(r.hearing_procedure.min_notice_hours));
    let earliest = now
        .checked_add(jiff::SignedDuration::from_hours(notice))
        .unwrap_or(now);
    let last = service
        .calendar
        .current()
        .add_working_days(almaty_date(now), days)
        .unwrap_or_else(|_| almaty_date(now));
    let current = a.status.review().and_then(|r| r.hearing.as_ref());
    let place = current.map(|h| h.place.clone()).unwrap_or_default();
    HearingForm {
        at: typed.schedule().map_or("", ScheduleForm::at).to_owned(),
        place: if typed.is_empty() {
            place
        } else {
            typed.schedule().map_or("", ScheduleForm::place).to_owned()
        },
        online: if typed.is_empty() {
            current.is_some_and(|h| h.online)
        } else {
            typed.schedule().is_some_and(ScheduleForm::online)
        },
        min: local(earliest),
        max: format!("{last}T23:59"),
        last: t.date(&last),
        earliest: t.when(&earliest),
        plan: plan_lines(state, names, a, typed),
    }
}

/// The people of the hearing's notice. On a fresh page, whoever the commission recommends
/// refusing is ticked, with no ground chosen yet: the officer names the grounds.
fn plan_lines(
    state: &AppState,
    names: &Names<'_>,
    a: &Application,
    typed: &Typed,
) -> Vec<PlanLine> {
    let grounds: Vec<_> = state.service.grounds.for_kind(a.kind).collect();
    let recommended = |member: Option<&kandas_domain::ids::MemberId>| {
        a.status
            .review()
            .and_then(|r| r.commission.as_ref())
            .is_some_and(|c| {
                c.recommendations.iter().any(|r| {
                    r.member.as_ref() == member
                        && r.recommendation
                            == kandas_domain::application::review::Recommendation::Refuse
                })
            })
    };
    let people = std::iter::once(None).chain(a.form.members.iter().map(|m| Some(&m.id)));
    people
        .enumerate()
        .map(|(n, member)| PlanLine {
            n,
            member: member.map(ToString::to_string).unwrap_or_default(),
            name: names.person(a, member),
            planned: if typed.is_empty() {
                recommended(member)
            } else {
                typed.plan(n).and_then(|p| p.refuse).unwrap_or(false)
            },
            grounds: ground_boxes(
                names.t,
                grounds.iter().copied(),
                typed.plan(n).map_or(&BTreeSet::new(), |p| &p.grounds),
            ),
        })
        .collect()
}
