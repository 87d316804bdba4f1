//! The statements of the hot request paths (issue 15), each with sample parameters, for the
//! EXPLAIN test of the conformance suite (`tests/it/explain.rs`). Each text is the one the store
//! runs — the module's constant, or its builder for a statement built from what is asked, in
//! every variant — so that a changed statement is checked again. Not an API.
//!
//! Left out: plain `INSERT … VALUES` but the audit row's (nothing to plan), and the statements of
//! rare or batch work (migrations, imports, exports, chain verification, the daily jobs,
//! housekeeping, the administrator's lists).

use kandas_app::ports::store::DeskList;

pub use crate::rows::Param;
use crate::{Backend, applications, assignments, audit, challenges, connect, db_files, deadlines};
use crate::{desk, endings, events, idempotency, jobs, loose_files, nonces, registry, results};
use crate::{signin, status, users};

mod variants;

/// One statement as the store runs it.
#[derive(Debug, Clone)]
pub struct HotQuery {
    /// What it is, e.g. `session.user` or `staff.queue[status,overdue]`.
    pub name: String,
    /// The text.
    pub sql: String,
    /// Sample parameters, `$1` first, of the types the store binds.
    pub params: Vec<Param>,
}

const ID: &str = "00000000-0000-4000-8000-000000000001";
const IIN: &str = "900101300811";
const AT: &str = "2026-11-23T05:00:00.000000000Z";
const DAY: &str = "2026-11-23";
const OFFICE: &str = "leb-astana";
const NUMBER: &str = "KND-2026-000001";
const CERTIFICATE: &str = "KC-2026-000001";
const JSON: &str = "{\"v\":1}";

fn t(s: &str) -> Param {
    Param::Text(s.to_owned())
}

fn n(i: i64) -> Param {
    Param::Int(i)
}

fn q(name: &str, sql: &str, params: Vec<Param>) -> HotQuery {
    HotQuery {
        name: name.to_owned(),
        sql: sql.to_owned(),
        params,
    }
}

/// Every hot statement on `backend`.
pub fn all(backend: Backend) -> Result<Vec<HotQuery>, String> {
    let mut all = reads();
    all.extend(writes(backend));
    all.extend(variants::queue()?);
    all.extend(variants::audit_search()?);
    for (name, list) in [
        ("intake", DeskList::Intake),
        ("ready", DeskList::ReadyForIssue),
        ("all", DeskList::All),
    ] {
        let sql = desk::list(list);
        all.push(q(
            &format!("desk.list[{name}]"),
            &sql,
            vec![t(OFFICE), n(200)],
        ));
    }
    Ok(all)
}

/// What a request reads: the session, the case and its parts, the lists, the registry.
fn reads() -> Vec<HotQuery> {
    vec![
        q(
            "session.user",
            &users::SESSION_USER,
            vec![t(ID), t(AT), t(AT)],
        ),
        q("user.by_iin", &users::BY_IIN, vec![t(IIN)]),
        q("user.by_id", &users::BY_ID, vec![t(ID)]),
        q("application.by_id", &applications::BY_ID, vec![t(ID)]),
        q(
            "application.by_number",
            &applications::BY_NUMBER,
            vec![t(NUMBER)],
        ),
        q("application.exists", applications::EXISTS, vec![t(ID)]),
        q(
            "applications.of_applicant",
            &applications::OF_APPLICANT,
            vec![t(IIN)],
        ),
        q(
            "applications.open_drafts",
            applications::OPEN_DRAFTS,
            vec![t(IIN), t("portal")],
        ),
        q(
            "attachments.of_case",
            &applications::ATTACHMENTS_OF,
            vec![t(ID)],
        ),
        q(
            "attachment.by_id",
            &applications::ATTACHMENT_BY_ID,
            vec![t(ID)],
        ),
        q("file.chunks", db_files::CHUNKS, vec![t(ID)]),
        q("case_events.of_case", events::OF_CASE, vec![t(ID)]),
        q(
            "case_events.of_kind",
            events::OF_KIND,
            vec![t("decided"), t(AT), t(AT)],
        ),
        q("case_events.last_seq", events::LAST_SEQ, vec![t(ID)]),
        q("case.status_at", events::STATUS_AT, vec![t(ID), n(1)]),
        q("case.office", events::CASE_OFFICE, vec![t(ID)]),
        q("user.office", events::ACTOR_OFFICE, vec![t(ID)]),
        q("evidence.of_case", status::EVIDENCE, vec![t(ID)]),
        q("results.of_case", results::OF_CASE, vec![t(ID)]),
        q("result.one", results::ONE, vec![t(ID), t("certificate")]),
        q("result_issues.of_case", desk::ISSUES, vec![t(ID)]),
        q("assignment.of_case", assignments::OF_CASE, vec![t(ID)]),
        q(
            "assignments.of_cases",
            &assignments::of_cases(2),
            vec![t(ID), t(ID)],
        ),
        q("deliveries.of_case", jobs::DELIVERIES_OF, vec![t(ID)]),
        q("notifications.of", jobs::NOTIFICATIONS_OF, vec![t(IIN)]),
        q("registry.person", registry::PERSON, vec![t(IIN)]),
        q(
            "registry.persons",
            &registry::persons(2),
            vec![t(IIN), t(IIN)],
        ),
        q("registry.phone", registry::PHONE, vec![t(IIN)]),
        q(
            "registry.certificate_of",
            registry::CERTIFICATE_OF,
            vec![t(IIN)],
        ),
        q(
            "registry.certificate",
            registry::CERTIFICATE,
            vec![t(CERTIFICATE)],
        ),
        q("registry.consents", registry::CONSENTS, vec![t(IIN)]),
        q(
            "certificate.ending",
            &endings::OF_CERTIFICATE,
            vec![t(CERTIFICATE)],
        ),
        q("challenge.by_id", &challenges::BY_ID, vec![t(ID)]),
        q(
            "challenge.latest_sign",
            &challenges::LATEST_SIGN,
            vec![t(ID)],
        ),
        q(
            "challenges.recent",
            challenges::RECENT,
            vec![t(IIN), t(AT), t("10.0.0.1")],
        ),
        q("signin.counter", signin::COUNTER, vec![t(IIN)]),
        q(
            "idempotency.lookup",
            idempotency::LOOKUP,
            vec![t("create"), t(ID), t(AT)],
        ),
        q(
            "idempotency.kept_answer",
            idempotency::KEPT_ANSWER,
            vec![t("create"), t(ID)],
        ),
        q("jobs.due", jobs::DUE, vec![t(AT)]),
        q("jobs.waiting", jobs::WAITING, vec![]),
        q("job.payload", jobs::PAYLOAD, vec![t(ID)]),
    ]
}

/// What a request or the worker writes: the audit row and the chain's head, the case's
/// changes, sessions, codes, counters, idempotency keys, jobs and their deliveries.
fn writes(backend: Backend) -> Vec<HotQuery> {
    let audit_row = [
        t(AT),
        t(ID),
        t(IIN),
        t("officer"),
        t(IIN),
        t(ID),
        t("staff.read-case"),
    ]
    .into_iter()
    .chain([t(ID), t(JSON), n(1), t(AT), t(AT)])
    .collect();
    let certificate = vec![
        t(CERTIFICATE),
        t(IIN),
        t(DAY),
        t(DAY),
        n(0),
        t(OFFICE),
        t(ID),
        n(0),
    ];
    let change = vec![t("registered"), t(JSON), t(DAY), t(AT), t(AT), t(ID), n(1)];
    vec![
        q("ready.write_probe", connect::WRITE_PROBE, vec![]),
        q("audit.advance_head", audit::ADVANCE_HEAD, vec![]),
        q("audit.insert", audit::INSERT, audit_row),
        q("audit.set_head", audit::SET_HEAD, vec![t(AT)]),
        q("session.touch", users::TOUCH_SESSION, vec![t(ID), t(AT)]),
        q(
            "counter.next",
            applications::NEXT_COUNTER,
            vec![t("application:2026")],
        ),
        q(
            "application.save_form",
            &applications::SAVE_FORM,
            vec![t(JSON), t(OFFICE), t(AT), t(ID), n(1)],
        ),
        q(
            "application.bump_draft",
            &applications::BUMP_DRAFT,
            vec![t(AT), t(ID), n(1)],
        ),
        q("application.change_status", &status::CHANGE, change),
        q(
            "attachment.remove",
            applications::REMOVE_ATTACHMENT,
            vec![t(ID), t(ID)],
        ),
        q("loose_file.unmark", loose_files::UNMARK, vec![t(ID)]),
        q("loose_file.let_go", loose_files::LET_GO, vec![t(ID), t(AT)]),
        q(
            "certificate.upsert",
            status::UPSERT_CERTIFICATE,
            certificate,
        ),
        q(
            "certificate.count_check",
            deadlines::COUNT_CHECK,
            vec![t(CERTIFICATE), t(DAY)],
        ),
        q(
            "challenge.take_try",
            challenges::TAKE_TRY,
            vec![t(ID), t(AT)],
        ),
        q("challenge.consume", challenges::CONSUME, vec![t(AT), t(ID)]),
        q("nonce.consume", nonces::CONSUME, vec![t(AT), t(ID)]),
        q(
            "signin.first",
            signin::FIRST,
            vec![t(IIN), n(1), t(AT), t(AT), n(1)],
        ),
        q(
            "signin.next",
            signin::NEXT,
            vec![t(IIN), n(1), t(AT), t(AT), n(2), n(1)],
        ),
        q(
            "idempotency.record",
            idempotency::RECORD,
            vec![t("create"), t(ID), t(ID), t(AT), t(JSON), t(AT)],
        ),
        q(
            "idempotency.keep_answer",
            idempotency::KEEP_ANSWER,
            vec![n(201), t(JSON), t("create"), t(ID)],
        ),
        q(
            "job.claim",
            connect::dialect(backend).claim_job,
            vec![t(AT), t(AT)],
        ),
        q("job.complete", jobs::COMPLETE, vec![t(AT), t(JSON), t(ID)]),
        q("job.retry", jobs::RETRY, vec![t("timeout"), t(AT), t(ID)]),
        q(
            "job.give_up",
            jobs::GIVE_UP,
            vec![t("timeout"), t(JSON), t(ID)],
        ),
        q(
            "notification.deliver",
            jobs::DELIVER,
            vec![t(ID), t(IIN), t(ID), t(JSON), t(AT)],
        ),
    ]
}
