//! The hearing before a planned refusal, as a real hearing: the applicant is told whose refusal
//! is planned and on which grounds, when and where (or how to join); the hearing cannot be set
//! sooner after that notice than the rules allow, nor outside its term; it is recorded only at
//! or after its time, as held or as "the applicant did not appear"; a move gives a new notice.
//! While it waits, the decision term stands still when the rule set says so.

use crate::audit::AuditAction;
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use super::review::{Commission, Hearing, HearingRecord, Reschedule, RescheduleRequest, Review};
use super::status::{AuditEntry, Notice, NoticeRefusal, Registration, Transition, TransitionError};
use super::{Application, Kind};
use crate::calendar::WorkingCalendar;
use crate::deadline::almaty_date;
use crate::ids::MemberId;
use crate::rules::RuleSet;

/// What the hearing's time is judged against: now, the calendar and the case's rule set.
#[derive(Debug, Clone, Copy)]
pub struct HearingClock<'a> {
    /// Now (the notice goes out now).
    pub now: Timestamp,
    /// The working calendar.
    pub calendar: &'a WorkingCalendar,
    /// The rule set the case runs under.
    pub rules: &'a RuleSet,
}

impl HearingClock<'_> {
    /// The hearing at `at`, notified now: at least the minimum notice ahead, and within the
    /// hearing term (working days from today).
    fn check_slot(&self, at: Timestamp) -> Result<(), TransitionError> {
        let hours = i64::from(self.rules.hearing_procedure.min_notice_hours);
        let earliest = self
            .now
            .checked_add(SignedDuration::from_hours(hours))
            .map_err(|_| TransitionError::HearingDate)?;
        if at <= self.now {
            return Err(TransitionError::HearingDate);
        }
        let today = almaty_date(self.now);
        let last = self
            .calendar
            .add_working_days(today, self.rules.terms.hearing_days)?;
        if almaty_date(at) > last {
            return Err(TransitionError::HearingDate);
        }
        if at < earliest {
            return Err(TransitionError::HearingNotice);
        }
        Ok(())
    }

    /// The registration with the decision term suspended from the first notice to the hearing
    /// (when the rule set says so).
    fn suspend(
        &self,
        registration: &Registration,
        hearing: &Hearing,
    ) -> Result<Registration, TransitionError> {
        if !self.rules.hearing_procedure.suspends_term {
            return Ok(registration.clone());
        }
        let from = almaty_date(hearing.scheduled.at);
        let deadline =
            registration
                .deadline
                .suspended(self.calendar, from, almaty_date(hearing.at))?;
        Ok(Registration {
            deadline,
            ..registration.clone()
        })
    }
}

impl Application {
    /// Every planned refusal names a person of this application once, with grounds; every person
    /// the commission recommends refusing is among them.
    fn check_planned(&self, hearing: &Hearing, review: &Review) -> Result<(), TransitionError> {
        let mut seen: Vec<Option<&MemberId>> = Vec::new();
        for planned in &hearing.planned {
            let member = planned.member.as_ref();
            let known = member.is_none_or(|id| self.form.members.iter().any(|m| &m.id == id));
            if !known || planned.grounds.is_empty() || seen.contains(&member) {
                return Err(TransitionError::HearingPlanned);
            }
            seen.push(member);
        }
        let recommended = review.commission.iter().flat_map(|c| {
            c.recommendations
                .iter()
                .filter(|r| r.recommendation == super::review::Recommendation::Refuse)
        });
        // Refusing the applicant refuses the whole application, members included.
        let whole = hearing.planned_for(None).is_some();
        let all_heard = recommended
            .into_iter()
            .all(|r| whole || hearing.planned_for(r.member.as_ref()).is_some());
        if seen.is_empty() || !all_heard {
            return Err(TransitionError::HearingPlanned);
        }
        Ok(())
    }

    /// Under review → hearing: a refusal is planned, so the applicant is heard first. The notice
    /// names whose refusal is planned and on which grounds, when and where.
    pub fn schedule_hearing(
        &self,
        hearing: Hearing,
        clock: HearingClock<'_>,
    ) -> Result<Transition, TransitionError> {
        let (registration, review) = self.in_review()?;
        // A refusal is planned by the commission's recommendation or by the officer; an
        // assignment is heard once its commission has sat, an extension (no commission) at once.
        if self.kind == Kind::Assignment && review.commission.is_none() {
            return Err(TransitionError::ReviewFirst);
        }
        if review.hearing.is_some() || review.proposal.is_some() {
            return Err(TransitionError::WrongState(self.status.code()));
        }
        self.check_planned(&hearing, review)?;
        clock.check_slot(hearing.at)?;
        let registration = clock.suspend(registration, &hearing)?;
        Ok(self.heard(&registration, review, hearing, "scheduled"))
    }

    /// The hearing moves, for the reason the applicant gave: a new time and place, and a new
    /// notice (the minimum notice counts again from now).
    pub fn reschedule_hearing(
        &self,
        asked: Reschedule,
        moved_to: (Timestamp, String, bool),
        clock: HearingClock<'_>,
    ) -> Result<Transition, TransitionError> {
        let (registration, review) = self.in_review()?;
        let current = self.unheard(review)?;
        let (at, place, online) = moved_to;
        clock.check_slot(at)?;
        let mut moved = current.clone();
        moved.reschedules.push(asked);
        moved.at = at;
        moved.place = place;
        moved.online = online;
        let registration = clock.suspend(registration, &moved)?;
        Ok(self.heard(&registration, review, moved, "rescheduled"))
    }

    /// The applicant asks to move the hearing, for a reason; the officer sets the new time.
    pub fn ask_to_reschedule(
        &self,
        request: RescheduleRequest,
    ) -> Result<Transition, TransitionError> {
        let (registration, review) = self.in_review()?;
        let current = self.unheard(review)?;
        let mut asked = current.clone();
        let audit = AuditEntry {
            action: AuditAction::ApplicationHearingRequest,
            details: json!({ "reason": request.reason, "hearing_at": current.at }),
        };
        asked.requests.push(request);
        let review = Review {
            hearing: Some(asked),
            ..review.clone()
        };
        Ok(self.reviewed(registration, review, audit))
    }

    /// The hearing as it went, recorded at or after its time: held (what was said), or the
    /// applicant did not appear.
    pub fn record_hearing(&self, record: HearingRecord) -> Result<Transition, TransitionError> {
        let (registration, review) = self.in_review()?;
        let current = self.unheard(review)?;
        if record.held_at < current.at {
            return Err(TransitionError::HearingNotYet);
        }
        let audit = AuditEntry {
            action: AuditAction::ApplicationHeard,
            details: json!({ "record": record, "hearing_at": current.at }),
        };
        let held = Hearing {
            record: Some(record),
            ..current.clone()
        };
        let review = Review {
            hearing: Some(held),
            ..review.clone()
        };
        Ok(self.reviewed(registration, review, audit))
    }

    fn unheard<'r>(&self, review: &'r Review) -> Result<&'r Hearing, TransitionError> {
        match &review.hearing {
            None => Err(TransitionError::WrongState(self.status.code())),
            Some(h) if h.record.is_some() => Err(TransitionError::AlreadyHeard),
            Some(h) => Ok(h),
        }
    }

    /// The hearing's notice to the applicant, in a transition to `hearing`.
    fn heard(
        &self,
        registration: &Registration,
        review: &Review,
        hearing: Hearing,
        what: &str,
    ) -> Transition {
        let audit = AuditEntry {
            action: AuditAction::ApplicationHearing,
            details: json!({ what: hearing.at, "place": hearing.place, "online": hearing.online,
                "planned": hearing.planned, "due": registration.deadline.due }),
        };
        let refusals = hearing
            .planned
            .iter()
            .map(|p| NoticeRefusal {
                member: p.member.as_ref().and_then(|id| {
                    let m = self.form.members.iter().find(|m| &m.id == id);
                    m.map(|m| m.name.display())
                }),
                grounds: p.grounds.iter().map(|g| g.code.clone()).collect(),
            })
            .collect();
        let notice = Notice::HearingScheduled {
            number: self.number.to_string(),
            at: hearing.at,
            place: hearing.place.clone(),
            online: hearing.online,
            refusals,
            due: Some(registration.deadline.due),
        };
        let review = Review {
            hearing: Some(hearing),
            ..review.clone()
        };
        let mut t = self.reviewed(registration, review, audit);
        t.notices.push(notice);
        t
    }

    /// Under review, a proposal may refuse only whom the hearing announced, on the grounds it
    /// announced (refusing the applicant refuses the whole application).
    pub(super) fn check_announced(
        &self,
        review: &Review,
        decision: &super::status::Decision,
    ) -> Result<(), TransitionError> {
        use super::status::Outcome;
        let Some(hearing) = &review.hearing else {
            return Ok(());
        };
        let covers = |member: Option<&MemberId>, grounds: &[crate::grounds::Ground]| {
            hearing
                .planned_for(member)
                .is_some_and(|p| grounds.iter().all(|g| p.grounds.contains(g)))
        };
        let announced = match &decision.outcome {
            Outcome::Refused { grounds, .. } => covers(None, grounds),
            Outcome::Assigned {
                refused_members, ..
            } => refused_members
                .iter()
                .all(|r| covers(Some(&r.member), &r.grounds)),
            Outcome::Extended { .. } => true,
        };
        // Hearings held before announcements existed name no one: nothing to compare with.
        if announced || hearing.planned.is_empty() {
            Ok(())
        } else {
            Err(TransitionError::NotAnnounced)
        }
    }
}

/// Whether the commission recommends refusing anyone (the hearing is then needed).
pub fn recommended_refusal(review: &Review) -> bool {
    review
        .commission
        .as_ref()
        .is_some_and(Commission::recommends_a_refusal)
}
