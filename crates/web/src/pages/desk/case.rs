//! One case at the desk, the whole of it on one page. While a draft: the answers (edited on the
//! shared form page), the documents with their scans, the custody of the originals, what is
//! missing, and acceptance (the applicant's SMS code or a paper signature) or refusal to accept.
//! Then: the status, the receipt, the timeline and, once decided, the result to print and hand
//! over. Every action posts here and comes back with 303, or with this page and its errors (422).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::applicant::profile::profile_of;
use kandas_app::desk::issue::IssueInput;
use kandas_app::desk::view::{DeskCase, case};
use kandas_domain::application::Application;
use kandas_domain::application::custody::MissingItem;
use kandas_domain::application::status::Status;
use kandas_domain::codes::{CustodyError, ErrorCode, InputError};
use kandas_domain::ids::ApplicationId;
use serde::Deserialize;

use super::custody::{CustodyRow, Marks, rows, title};
use crate::AppState;
use crate::pages::application::{self, ApplicationPage, ResultView};
use crate::pages::documents::{Line, line};
use crate::pages::layout::{ErrorLine, SignedCtx, Texts, anchor, field_error, problem_lines};
use crate::pages::staff::facts;

/// What the desk typed into the form that failed, shown again as typed.
#[derive(Default)]
pub struct Typed {
    /// Where the SMS code went (masked).
    pub phone: String,
    /// The code typed.
    pub code: String,
    /// The issue form.
    pub issue: Option<IssueInput>,
    /// The custody marks ticked.
    pub custody: Option<Marks>,
}

/// A failed action: the error, and the id of the part of the page it is about.
pub struct Problem<'a> {
    /// The use case's error.
    pub error: &'a AppError,
    /// Where the summary links when the error names no field.
    pub target: &'static str,
}

/// One hand-over of the result.
pub struct IssueRow {
    /// When, written out.
    pub when: String,
    /// The recipient's IIN, masked.
    pub recipient: String,
    /// The recipient's name as on the document.
    pub name: String,
    /// The identity document checked.
    pub document: String,
}

/// The case page.
#[derive(Template)]
#[template(path = "desk/case.html")]
pub struct DeskCasePage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// Number, kind, status, term, result and timeline, as everyone sees them.
    pub app: ApplicationPage,
    /// Internal id.
    pub id: String,
    /// The version the forms post back.
    pub version: i64,
    /// The applicant's IIN.
    pub iin: String,
    /// The applicant's name from the population registry.
    pub name: String,
    /// Channel code.
    pub channel: &'static str,
    /// Still being taken in.
    pub draft: bool,
    /// The answers: label, value.
    pub facts: Vec<(String, String)>,
    /// Family members: name, kinship, birth date.
    pub members: Vec<(String, String, String)>,
    /// The checklist with the scans.
    pub documents: Vec<Line>,
    /// The custody form's lines.
    pub custody: Vec<CustodyRow>,
    /// What is missing, in words (a draft's shortfalls, or the refusal's list).
    pub missing: Vec<String>,
    /// Originals shown and not marked returned.
    pub unreturned: u32,
    /// Where the confirmation code went, once sent.
    pub phone: String,
    /// The code typed.
    pub code: String,
    /// The receipt exists (accepted, or refused at intake).
    pub receipt: bool,
    /// Decided and not handed over yet: the result is ready for issue.
    pub ready: bool,
    /// Handed over: when, written out (the case is closed; copies on request at any desk).
    pub issued: Option<String>,
    /// The issue form's values.
    pub issue: IssueInput,
    /// Where the issue form posts.
    pub issue_action: String,
    /// Past hand-overs.
    pub issues: Vec<IssueRow>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
    /// The code field's error.
    pub code_error: Option<String>,
    /// The recipient fields' error.
    pub recipient_error: Option<String>,
    /// The identity check's error.
    pub identity_error: Option<String>,
}

/// A form that posts back only the version it was shown (-1, a stale version, when missing).
#[derive(serde::Deserialize)]
pub struct VersionForm {
    #[serde(default)]
    csrf: String,
    /// The version.
    #[serde(default = "crate::pages::lines::no_version")]
    pub version: i64,
}

crate::pages::layout::csrf_form!(VersionForm);

fn missing_words(t: Texts, case: &DeskCase, items: &[MissingItem]) -> Vec<String> {
    let a = &case.view.application;
    items
        .iter()
        .map(|m| {
            let what = title(t, a, m.document, m.member.as_ref());
            format!("{what}: {}", t.get(m.shortfall.error_code().code()))
        })
        .collect()
}

/// The summary: a document line's problem names the line and links to it (its scan, when the
/// scan is what lacks); a form field's links to the form page; anything else to `target`.
fn summary(
    t: Texts,
    id: &ApplicationId,
    custody: &[CustodyRow],
    problem: &Problem<'_>,
) -> Vec<ErrorLine> {
    let AppError::Invalid(fields) = problem.error else {
        let mut lines = problem_lines(t, problem.error);
        for l in &mut lines {
            l.href = format!("#{}", problem.target);
            l.field = problem.target.to_owned();
        }
        return lines;
    };
    fields
        .iter()
        .map(|f| {
            let at = anchor(&f.field);
            let message = t.get(f.code.code());
            let row = custody.iter().find(|r| r.anchor == at);
            let scan = matches!(
                f.code,
                ErrorCode::Custody(CustodyError::NoScan)
                    | ErrorCode::Input(InputError::DocumentMissing)
                    | ErrorCode::Attachment(_)
            );
            let (href, message) = match row {
                Some(row) if scan => (format!("#scan-{at}"), format!("{}: {message}", row.title)),
                Some(row) => (format!("#{at}"), format!("{}: {message}", row.title)),
                None if f.field.starts_with("documents.") => ("#documents".to_owned(), message),
                None => (format!("/desk/applications/{id}/form#{at}"), message),
            };
            ErrorLine {
                href,
                field: f.field.clone(),
                message,
            }
        })
        .collect()
}

fn members(t: Texts, a: &Application) -> Vec<(String, String, String)> {
    a.form
        .members
        .iter()
        .map(|m| {
            let kinship = t.pre("kinship-", m.kinship.code());
            (m.name.display(), kinship, t.date(&m.birth_date))
        })
        .collect()
}

fn issues(t: Texts, case: &DeskCase) -> Vec<IssueRow> {
    case.issues
        .iter()
        .map(|i| IssueRow {
            when: t.when(&i.issued_at),
            recipient: i.recipient_iin.masked(),
            name: i.recipient_name.clone(),
            document: i.identity_document.clone(),
        })
        .collect()
}

fn blank_issue() -> IssueInput {
    IssueInput {
        recipient_iin: String::new(),
        recipient_name: String::new(),
        identity_document: String::new(),
        identity_checked: false,
    }
}

fn build(ctx: &SignedCtx, case: &DeskCase, name: String, typed: &Typed) -> DeskCasePage {
    let t = ctx.t;
    let v = &case.view;
    let a = &v.application;
    let draft = a.status == Status::Draft;
    let missing = match &a.status {
        Status::RejectedAtIntake { missing, .. } => missing_words(t, case, missing),
        _ => missing_words(t, case, &case.shortfalls),
    };
    DeskCasePage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        app: application::page(ctx, v),
        id: a.id.to_string(),
        version: a.version,
        iin: a.applicant.as_str().to_owned(),
        name,
        channel: a.channel.code(),
        draft,
        facts: facts(t, a),
        members: members(t, a),
        documents: v.checklist.iter().map(|c| line(t, v, c)).collect(),
        custody: rows(t, case, typed.custody.as_ref()),
        missing,
        unreturned: u32::try_from(case.unreturned).unwrap_or(u32::MAX),
        phone: typed.phone.clone(),
        code: typed.code.clone(),
        receipt: a.status.registration().is_some()
            || matches!(a.status, Status::RejectedAtIntake { .. }),
        ready: matches!(a.status, Status::Decided { .. }) && case.issues.is_empty(),
        issued: case.issues.first().map(|i| t.when(&i.issued_at)),
        issue: typed.issue.clone().unwrap_or_else(blank_issue),
        issue_action: format!("/desk/applications/{}/issue", a.id),
        issues: issues(t, case),
        errors: Vec::new(),
        code_error: None,
        recipient_error: None,
        identity_error: None,
    }
}

/// The case page, with the errors of a failed action if any (422 then).
pub(super) async fn page(
    ctx: &SignedCtx,
    state: &AppState,
    id: &ApplicationId,
    typed: &Typed,
    problem: Option<&Problem<'_>>,
) -> Response {
    let case = match case(&state.service, &ctx.actor, id).await {
        Ok(case) => case,
        Err(e) => return ctx.failure(&e),
    };
    let name = profile_of(&state.service, &case.view.application.applicant)
        .await
        .ok()
        .and_then(|p| p.person)
        .map(|p| p.value.name.display())
        .unwrap_or_default();
    let mut page = build(ctx, &case, name, typed);
    if let Some(problem) = problem {
        page.errors = summary(ctx.t, id, &page.custody, problem);
        page.code_error = field_error(&page.errors, "code");
        page.recipient_error = field_error(&page.errors, "recipient_iin");
        page.identity_error = field_error(&page.errors, "identity_checked");
    }
    ctx.form_page(problem.is_some(), &page)
}

/// Where the confirmation code went.
#[derive(Deserialize)]
pub struct PhoneQuery {
    #[serde(default)]
    phone: String,
}

/// `GET /desk/applications/{id}`.
pub async fn show(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Query(q): Query<PhoneQuery>,
) -> Response {
    let typed = Typed {
        phone: q.phone,
        ..Typed::default()
    };
    page(&ctx, &state, &id, &typed, None).await
}
