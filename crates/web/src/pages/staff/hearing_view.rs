//! The hearing as the officer's page shows it: when and where, whose refusal it announced on
//! which grounds, its moves and the applicant's requests, and how it went (held, with what was
//! said, or the applicant did not appear).

use kandas_domain::application::Application;
use kandas_domain::application::review::{Hearing, HearingOutcome};

use super::stage::Names;

/// A move of the hearing: from when, the applicant's reason, when they asked.
pub type MoveLine = (String, String, String);

/// A refusal the hearing announced: whose, and the grounds (title, legal basis).
pub struct PlannedLine {
    /// The person's name and role.
    pub person: String,
    /// The grounds: title, legal basis.
    pub grounds: Vec<(String, String)>,
}

/// How the hearing went, once recorded.
pub struct RecordLine {
    /// When and by whom it was recorded.
    pub done: String,
    /// The applicant appeared.
    pub appeared: bool,
    /// What was said (empty when the applicant did not appear).
    pub statement: String,
}

/// The hearing.
pub struct HearingView {
    /// When, written out in Almaty time.
    pub at: String,
    /// The address or the link.
    pub place: String,
    /// Held online.
    pub online: bool,
    /// When it was scheduled, and by whom.
    pub scheduled: String,
    /// The refusals it announced.
    pub planned: Vec<PlannedLine>,
    /// Its moves, oldest first.
    pub moves: Vec<MoveLine>,
    /// The applicant's requests to move it: when, and the reason.
    pub requests: Vec<(String, String)>,
    /// Once recorded.
    pub record: Option<RecordLine>,
}

/// The hearing of `a`.
pub fn hearing_view(n: &Names<'_>, a: &Application, h: &Hearing) -> HearingView {
    let t = n.t;
    HearingView {
        at: t.when(&h.at),
        place: h.place.clone(),
        online: h.online,
        scheduled: n.done(&h.scheduled.at, &h.scheduled.by),
        planned: h
            .planned
            .iter()
            .map(|p| PlannedLine {
                person: n.person(a, p.member.as_ref()),
                grounds: n.grounds(&p.grounds),
            })
            .collect(),
        moves: h
            .reschedules
            .iter()
            .map(|r| (t.when(&r.previous), r.reason.clone(), t.when(&r.asked_at)))
            .collect(),
        requests: h
            .requests
            .iter()
            .map(|r| (t.when(&r.asked_at), r.reason.clone()))
            .collect(),
        record: h.record.as_ref().map(|r| RecordLine {
            done: n.done(&r.held_at, &r.recorded_by),
            appeared: matches!(r.outcome, HearingOutcome::Held { .. }),
            statement: r.statement().to_owned(),
        }),
    }
}
