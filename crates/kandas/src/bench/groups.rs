//! The template cases: one applicant's story for each kind of case a running service holds,
//! made through the real use cases, with the share of such stories and how far back in time
//! their copies spread.

use anyhow::Context;
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, ToSpan};
use kandas_domain::application::Kind;
use kandas_domain::calendar::WorkingCalendar;
use kandas_domain::deadline::almaty;
use kandas_store::bench_seed::{SeedPerson, Story};
use serde_json::json;

use super::journeys::Journeys;

/// The kinds of story, each a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Assigned the status (a spouse and a child).
    Assigned,
    /// Assigned (a child), then extended eleven months later: two applications.
    Renewed,
    /// Refused after the commission and a hearing.
    Refused,
    /// Submitted, then withdrawn.
    Withdrawn,
    /// A draft half filled in.
    Draft,
    /// Submitted, waiting for the completeness check.
    Registered,
    /// Accepted as complete, waiting for the commission.
    Accepted,
    /// The commission sat and the officer proposed: waiting for the head's sign-off.
    UnderReview,
    /// A refusal is planned: the hearing is scheduled.
    Hearing,
}

impl Group {
    /// Every story.
    pub const ALL: [Group; 9] = [
        Group::Assigned,
        Group::Renewed,
        Group::Refused,
        Group::Withdrawn,
        Group::Draft,
        Group::Registered,
        Group::Accepted,
        Group::UnderReview,
        Group::Hearing,
    ];

    /// How many of every 1000 stories are this one: of the applications about 68 % are
    /// assigned, 11 % extended, 9 % refused, 3 % withdrawn, 5 % drafts and 3 % open (with
    /// terms of a few working days, a service deciding about 1400 cases a day has a few days'
    /// worth open).
    pub fn weight(self) -> u64 {
        match self {
            Group::Assigned => 560,
            Group::Renewed => 110,
            Group::Refused => 90,
            Group::Withdrawn => 30,
            Group::Draft => 55,
            Group::Registered => 10,
            Group::Accepted => 8,
            Group::UnderReview => 8,
            Group::Hearing => 4,
        }
    }

    /// Whether the story's case is still open (in an office's queue).
    fn open(self) -> bool {
        matches!(
            self,
            Group::Registered | Group::Accepted | Group::UnderReview | Group::Hearing
        )
    }

    /// Over how many weeks back the copies spread: closed cases back to the first year of the
    /// working calendar (whose terms their timelines are counted on), the renewed ones within
    /// the year their first certificate lasts, drafts over the last weeks, open cases this week
    /// and the last (those overdue).
    pub fn weeks(self, now: Timestamp, calendar: &WorkingCalendar) -> anyhow::Result<u32> {
        let first = calendar.years().min().unwrap_or(2025);
        let start = almaty().to_timestamp(Date::new(first, 1, 1)?.at(0, 0, 0, 0))?;
        let room = |from: Timestamp| {
            let weeks = from.duration_since(start).as_hours() / (24 * 7);
            u32::try_from(weeks.max(0)).unwrap_or(0)
        };
        Ok(match self {
            Group::Assigned | Group::Refused | Group::Withdrawn => room(monday(now, 6)?),
            Group::Renewed => room(monday(now, 54)?).min(40),
            Group::Draft => 8,
            Group::Registered | Group::Accepted | Group::UnderReview | Group::Hearing => 1,
        })
    }

    /// The name the progress lines use.
    pub fn name(self) -> &'static str {
        match self {
            Group::Assigned => "assigned",
            Group::Renewed => "assigned+extended",
            Group::Refused => "refused",
            Group::Withdrawn => "withdrawn",
            Group::Draft => "draft",
            Group::Registered => "registered",
            Group::Accepted => "accepted",
            Group::UnderReview => "under review",
            Group::Hearing => "hearing",
        }
    }

    /// Whether the family has a spouse the registry knows (with an IIN) beside the child.
    pub fn with_spouse(self) -> bool {
        matches!(
            self,
            Group::Assigned | Group::Refused | Group::Registered | Group::UnderReview
        )
    }
}

/// 10:00 in Almaty on the Monday `weeks` weeks before this week's Monday.
fn monday(now: Timestamp, weeks: i64) -> anyhow::Result<Timestamp> {
    let today = almaty().to_datetime(now).date();
    let back = i64::from(today.weekday().to_monday_zero_offset());
    let day: Date = today.checked_sub((back + 7 * weeks).days())?;
    Ok(almaty().to_timestamp(day.at(10, 0, 0, 0))?)
}

/// 10:00 in Almaty on the last working day whose working hours are over by `now`.
fn last_working_day(now: Timestamp, calendar: &WorkingCalendar) -> anyhow::Result<Timestamp> {
    let mut day = almaty().to_datetime(now).date();
    loop {
        let evening = almaty().to_timestamp(day.at(18, 0, 0, 0))?;
        if evening <= now && calendar.is_working_day(day) {
            return Ok(almaty().to_timestamp(day.at(10, 0, 0, 0))?);
        }
        day = day.checked_sub(1.days())?;
    }
}

/// The day `day` after `base` at `hour`:`minute` (Almaty keeps no summer time).
fn at(base: Timestamp, day: i64, hour: i64, minute: i64) -> Timestamp {
    base.saturating_add(SignedDuration::from_mins(
        (day * 24 + hour - 10) * 60 + minute,
    ))
    .unwrap_or(base)
}

/// The hearing of a refusal planned at `planned`: the next working day, an hour and a half
/// later in the day (the notice is at least a day).
fn hearing_at(planned: Timestamp, calendar: &WorkingCalendar) -> anyhow::Result<Timestamp> {
    let day = calendar.next_working_day_after(almaty().to_datetime(planned).date())?;
    let time = almaty().to_datetime(planned).time();
    let at = almaty().to_timestamp(day.to_datetime(time))?;
    Ok(at.saturating_add(SignedDuration::from_mins(90))?)
}

/// When the officer and the head act on a case registered at `first`, within the terms of
/// the rule set (completeness the same day, the commission the next, a decision within three
/// working days): a story still open acts the same day, to stay in the office's queue now.
struct Schedule {
    first: Timestamp,
    open: bool,
}

impl Schedule {
    fn complete(&self) -> Timestamp {
        at(self.first, 0, 15, 0)
    }
    fn commission(&self) -> Timestamp {
        if self.open {
            at(self.first, 0, 16, 0)
        } else {
            at(self.first, 1, 11, 0)
        }
    }
    fn propose(&self, refuse: bool) -> Timestamp {
        match (self.open, refuse) {
            (true, _) => at(self.first, 0, 17, 0),
            (false, false) => at(self.first, 1, 14, 0),
            (false, true) => at(self.first, 2, 16, 0),
        }
    }
}

/// The form of a story: its region, the child and, for some, the spouse.
fn form(region: &str, spouse: Option<&SeedPerson>) -> serde_json::Value {
    let mut members = Vec::new();
    if let Some(s) = spouse {
        members.push(
            json!({ "kinship": "spouse", "surname": s.surname, "given_name": s.given_name,
            "surname_latin": s.surname_latin, "given_name_latin": s.given_name_latin,
            "birth_date": s.birth_date.to_string(), "citizenship": "CHN", "iin": s.iin.as_str(),
            "document": { "kind": "passport", "number": "E1234567", "issued_by": "PRC" } }),
        );
    }
    members.push(
        json!({ "kinship": "child", "surname": "Ерланұлы", "given_name": "Алихан",
        "surname_latin": "YERLANULY", "given_name_latin": "ALIKHAN", "birth_date": "2019-04-01",
        "citizenship": "CHN",
        "document": { "kind": "birth_certificate", "number": "B7654321", "issued_by": "PRC" } }),
    );
    json!({
        "region": region, "country_of_origin": "CHN", "education": "higher",
        "profession": "Инженер", "address": "г. Астана, ул. Кенесары, 1",
        "members": members,
    })
}

/// Makes the story `group` for `applicant` (and `spouse`), the applicant signing in from `ip`:
/// closed stories happened six weeks ago (the renewed one's first case a year before), open
/// ones and drafts on the last working day.
pub async fn make(
    j: &Journeys,
    group: Group,
    now: Timestamp,
    applicant: &SeedPerson,
    spouse: Option<&SeedPerson>,
    ip: &str,
) -> anyhow::Result<Story> {
    let open = group.open() || group == Group::Draft;
    let base = if open {
        last_working_day(now, &j.service.calendar.current())?
    } else {
        monday(now, 6)?
    };
    let first = if group == Group::Renewed {
        monday(now, 54)?
    } else {
        base
    };
    let when = Schedule { first, open };
    j.clock.set(first);
    let who = j.applicant(&applicant.iin, ip).await?;
    let files = if group == Group::Draft { 2 } else { 4 };
    let draft = j.draft(&who, Kind::Assignment).await?;
    let draft = j.fill(&who, &draft, form("astana", spouse)).await?;
    let draft = j.attach(&who, &draft, files).await?;
    let id = draft.id.clone();
    let mut applications = vec![id.clone()];
    let done = |applications| Ok(Story::new(&who, applications));
    if group == Group::Draft {
        return done(applications);
    }
    j.sign(&who, &id, ip).await?;
    match group {
        Group::Withdrawn => {
            j.clock.set(at(first, 0, 14, 0));
            j.withdraw(&who, &id).await?;
            return done(applications);
        }
        Group::Registered => return done(applications),
        _ => {}
    }
    j.clock.set(when.complete());
    j.complete(&id).await?;
    if group == Group::Accepted {
        return done(applications);
    }
    let refuse = matches!(group, Group::Refused | Group::Hearing);
    j.clock.set(when.commission());
    j.commission(&id, refuse).await?;
    if refuse {
        let hearing = hearing_at(when.commission(), &j.service.calendar.current())?;
        j.hearing(&id, hearing).await?;
        if group == Group::Hearing {
            return done(applications);
        }
        j.clock
            .set(hearing.saturating_add(SignedDuration::from_mins(60))?);
        j.heard(&id).await?;
    }
    j.clock.set(when.propose(refuse));
    j.propose(&id, if refuse { "refuse" } else { "assign" })
        .await?;
    if group == Group::UnderReview {
        return done(applications);
    }
    j.clock.advance(120);
    j.sign_off(&id).await?;
    if group == Group::Renewed {
        applications.push(extension(j, &who, base, ip).await?);
    }
    done(applications)
}

/// The renewed story's second application: the extension, decided within its two working days.
async fn extension(
    j: &Journeys,
    who: &kandas_app::Actor,
    base: Timestamp,
    ip: &str,
) -> anyhow::Result<kandas_domain::ids::ApplicationId> {
    j.clock.set(base);
    let draft = j.draft(who, Kind::Extension).await?;
    let draft = j
        .fill(who, &draft, form("astana", None))
        .await
        .context("the extension's form")?;
    let draft = j.attach(who, &draft, 3).await?;
    let id = draft.id.clone();
    j.sign(who, &id, ip).await?;
    j.clock.set(at(base, 0, 15, 0));
    j.complete(&id).await?;
    j.clock.set(at(base, 1, 11, 0));
    j.propose(&id, "extend").await?;
    j.clock.advance(120);
    j.sign_off(&id).await?;
    Ok(id)
}
