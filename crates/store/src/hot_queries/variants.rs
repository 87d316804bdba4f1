//! The statements built from what is asked, in every variant: the office's queue and the audit
//! search, each with every combination of its filters.

use jiff::civil::Date;
use kandas_app::ports::store::{AuditCursor, AuditQuery, QueueFilter};
use kandas_domain::application::Channel;
use kandas_domain::audit::AuditAction;
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;

use super::{AT, DAY, HotQuery, ID, IIN, OFFICE, q};
use crate::{audit, status};

fn parsed<T, E: std::fmt::Display>(what: &str, r: Result<T, E>) -> Result<T, String> {
    r.map_err(|e| format!("the sample {what}: {e}"))
}

/// The names of the filters of a variant (bit `i` of `mask` for `names[i]`).
fn flags(names: &[&str], mask: usize) -> String {
    let on: Vec<&str> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, name)| *name)
        .collect();
    on.join(",")
}

/// The office's queue with every combination of its filters.
pub(super) fn queue() -> Result<Vec<HotQuery>, String> {
    let office = parsed("office", OfficeCode::parse(OFFICE))?;
    let user = parsed("user", UserId::parse(ID))?;
    let day: Date = parsed("day", DAY.parse::<Date>())?;
    let names = ["status", "overdue", "channel", "mine"];
    Ok((0..1 << names.len())
        .map(|mask: usize| {
            let on = |i: usize| mask & (1 << i) != 0;
            let filter = QueueFilter {
                office: office.clone(),
                status: on(0).then(|| "registered".to_owned()),
                due_before: on(1).then_some(day),
                channel: on(2).then_some(Channel::Portal),
                assigned_to: on(3).then(|| user.clone()),
            };
            let (sql, params) = status::queue(&filter);
            q(
                &format!("staff.queue[{}]", flags(&names, mask)),
                &sql,
                params,
            )
        })
        .collect())
}

/// The audit search with every combination of its filters.
pub(super) fn audit_search() -> Result<Vec<HotQuery>, String> {
    let iin = parsed("IIN", Iin::parse(IIN))?;
    let application = parsed("application", ApplicationId::parse(ID))?;
    let office = parsed("office", OfficeCode::parse(OFFICE))?;
    let action = AuditAction::parse("staff.read-case").ok_or("the sample action")?;
    let at = parsed("time", AT.parse())?;
    let names = [
        "subject",
        "application",
        "actor",
        "action",
        "office",
        "since",
        "until",
        "before",
    ];
    Ok((0..1 << names.len())
        .map(|mask: usize| {
            let on = |i: usize| mask & (1 << i) != 0;
            let query = AuditQuery {
                subject: on(0).then(|| iin.clone()),
                application: on(1).then(|| application.clone()),
                actor: on(2).then(|| iin.clone()),
                action: on(3).then_some(action),
                office: on(4).then(|| office.clone()),
                since: on(5).then_some(at),
                until: on(6).then_some(at),
                before: on(7).then_some(AuditCursor { at, seq: 1 }),
                limit: 51,
            };
            let (sql, params) = audit::search(&query);
            q(
                &format!("audit.search[{}]", flags(&names, mask)),
                &sql,
                params,
            )
        })
        .collect())
}
