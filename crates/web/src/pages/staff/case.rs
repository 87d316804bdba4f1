//! The whole case on one page: the application, its signature, where the review stands and
//! exactly the next action as a form. Every action posts to its own address and answers 303 back
//! here, or this page again with its errors and what was typed (422).

use kandas_domain::ids::ApplicationId;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use kandas_app::ports::store::{Delivery, DeliveryChannel};
use kandas_app::staff::CaseFile;
use kandas_app::{AppError, staff};
use kandas_domain::application::Application;
use kandas_domain::application::actions::Action;
use kandas_domain::application::custody::MissingItem;
use kandas_domain::application::next_step::Step;
use kandas_domain::application::status::Status;
use kandas_domain::rules::Workflow;

use super::dossier::{self, ApplicantCard, MemberCard};
use super::facts;
use super::form::{GroundBox, MissingLine, PersonLine, Typed, ground_boxes, missing_lines, people};
use super::hearing_form::{HearingForm, hearing_form};
use super::posted::DecisionForm;
use super::stage::{self, Names, Stage};
use crate::AppState;
use crate::pages::application::{self, ApplicationPage, ResultView};
use crate::pages::layout::{ErrorLine, SignedCtx, Texts, field_error, problem_lines};
use crate::pages::signature::{self, SignaturePanel};

/// A failed action: the error, and the id of the part of the page it is about.
pub struct Problem<'a> {
    /// The use case's error.
    pub error: &'a AppError,
    /// The id of the part of the page the summary links to when the error names no field.
    pub target: &'a str,
}

/// The case page.
#[derive(Template)]
#[template(path = "staff/case.html")]
pub struct CasePage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The application part shared with the applicant's page.
    pub app: ApplicationPage,
    /// Internal id.
    pub id: String,
    /// Full IIN (staff see it).
    pub iin: String,
    /// The applicant's name from the population registry.
    pub name: String,
    /// The version the forms post back.
    pub version: i64,
    /// Idempotency key of the decision.
    pub key: String,
    /// Form facts: label, value.
    pub facts: Vec<(String, String)>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
    /// How the application was signed, with the validation report.
    pub signature: Option<SignaturePanel>,
    /// The next step (`step-…` words), empty once the case is closed.
    pub step: &'static str,
    /// The form offered: the step's, or `awaiting` (an officer at the head's sign-off).
    pub next: &'static str,
    /// The rules in force: the decision is a proposal the head signs off.
    pub staged: bool,
    /// The hearing can be scheduled beside the decision (an extension's planned refusal).
    pub may_hear: bool,
    /// Where the review stands.
    pub stage: Stage,
    /// What was missing, for a package refused to accept.
    pub missing: Vec<String>,
    /// The completeness checklist.
    pub checklist: Vec<MissingLine>,
    /// The applicant and the family members.
    pub people: Vec<PersonLine>,
    /// Grounds of a refusal of the application.
    pub grounds: Vec<GroundBox>,
    /// The hearing form.
    pub hearing: HearingForm,
    /// An extension's months to choose: the number, and whether it is selected.
    pub extension_months: Vec<(String, bool)>,
    /// What was typed into the form that failed.
    pub typed: Typed,
    /// The applicant: registry record, identity document, own files.
    pub applicant: ApplicantCard,
    /// Each family member with their data, the registry check and their files.
    pub members: Vec<MemberCard>,
    /// Who has taken the case (a name, or "you"); empty when nobody has.
    pub holder: String,
    /// The reader may take it (an open case they do not hold).
    pub may_take: bool,
    /// The case waits for a decision (the deadline's urgency matters).
    pub open: bool,
    /// Every delivery attempt of the messages about the case.
    pub deliveries: Vec<DeliveryLine>,
}

/// One delivery attempt, as the case page lists it.
pub struct DeliveryLine {
    /// When it started, written out.
    pub when: String,
    /// The channel, in words.
    pub channel: String,
    /// To whom (a masked phone; empty for the personal account).
    pub recipient: String,
    /// The attempt, from 1.
    pub attempt: i64,
    /// The outcome's code (`sent`, `failed`, `dropped`), for its tag.
    pub outcome: &'static str,
    /// The gateway's answer, or why it was dropped.
    pub detail: String,
}

fn delivery_lines(t: Texts, deliveries: &[Delivery]) -> Vec<DeliveryLine> {
    deliveries
        .iter()
        .map(|d| DeliveryLine {
            when: t.when(&d.started_at),
            channel: t.pre("delivery-channel-", d.channel.code()),
            recipient: match d.channel {
                DeliveryChannel::Sms => d.recipient.clone(),
                DeliveryChannel::Account => String::new(),
            },
            attempt: d.attempt,
            outcome: d.outcome.code(),
            detail: d.detail.clone(),
        })
        .collect()
}

impl CasePage {
    /// The error message of `field`, if the failed form's error is about it.
    pub fn error_at(&self, field: &str) -> Option<String> {
        field_error(&self.errors, field)
    }
}

/// 1 to the rule set's maximum months, the typed one (or the maximum) selected.
fn extension_months(state: &AppState, a: &Application, typed: &Typed) -> Vec<(String, bool)> {
    let max = a
        .status
        .registration()
        .and_then(|r| state.service.rules.by_id(&r.deadline.rule_set).ok())
        .map_or(0, |r| r.extension_max_months);
    let chosen = typed
        .decision()
        .and_then(DecisionForm::extension_months)
        .unwrap_or(max);
    (1..=max).map(|m| (m.to_string(), m == chosen)).collect()
}

fn missing_words(t: Texts, a: &Application, items: &[MissingItem]) -> Vec<String> {
    items
        .iter()
        .map(|m| {
            let owner = m
                .member
                .as_ref()
                .and_then(|id| a.form.members.iter().find(|f| &f.id == id));
            let document = t.pre("doc-", m.document.code());
            let shortfall = t.pre("shortfall-", m.shortfall.code());
            match owner {
                Some(f) => format!("{document} — {}: {shortfall}", f.name.display()),
                None => format!("{document}: {shortfall}"),
            }
        })
        .collect()
}

fn build(ctx: &SignedCtx, state: &AppState, file: &CaseFile, typed: Typed) -> CasePage {
    let t = ctx.t;
    let v = &file.view;
    let a = &v.application;
    let name = file
        .registry
        .applicant
        .as_ref()
        .map(|p| p.name.display())
        .unwrap_or_default();
    let workflow = stage::workflow(state, a);
    let step = file.next.step.map_or("", Step::code);
    let names = Names {
        t,
        me: &ctx.actor.user,
        applicant: &name,
        officials: &file.officials,
    };
    let holder = stage::holder_words(t, &ctx.actor.user, file.holder.as_ref());
    let held_by_me = file.holder.as_ref().is_some_and(|h| h.id == ctx.actor.user);
    // A proposal the reader may not sign off waits for another head.
    let awaiting =
        file.next.step == Some(Step::SignOff) && !file.next.actions.contains(&Action::SignOff);
    let next = if awaiting { "awaiting" } else { step };
    let catalog = &state.service.grounds;
    let missing = match &a.status {
        Status::RejectedAtIntake { missing, .. } => missing_words(t, a, missing),
        _ => Vec::new(),
    };
    CasePage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        app: application::page(ctx, v),
        id: a.id.to_string(),
        iin: a.applicant.as_str().to_owned(),
        name: name.clone(),
        version: a.version,
        key: kandas_app::secrets::new_id(),
        // The family is shown member by member below, not as a count.
        facts: facts(t, a)
            .into_iter()
            .filter(|(label, _)| *label != t.get("field-members"))
            .collect(),
        errors: Vec::new(),
        signature: v.signature.as_ref().map(|s| signature::panel(t, s)),
        step,
        next,
        staged: matches!(workflow, Some(Workflow::Staged { .. })),
        may_hear: file.next.step == Some(Step::Decision)
            && file.next.actions.contains(&Action::ScheduleHearing),
        stage: stage::stage(&names, a, workflow),
        missing,
        checklist: missing_lines(t, a, &v.checklist, &typed),
        people: people(
            &names,
            a,
            &catalog.for_kind(a.kind).collect::<Vec<_>>(),
            &typed,
        ),
        grounds: ground_boxes(t, catalog.for_kind(a.kind), typed.grounds()),
        hearing: hearing_form(state, &names, a, &typed),
        extension_months: extension_months(state, a, &typed),
        typed,
        applicant: dossier::applicant(t, v, &file.registry),
        members: dossier::members(t, v, &file.registry),
        holder,
        may_take: a.status.is_open() && !held_by_me,
        open: a.status.is_open(),
        deliveries: delivery_lines(t, &file.deliveries),
    }
}

/// The summary lines of a failed action: a field's error names it; anything else links to the
/// part of the page the action is about (the hearing's form, if the page has one).
fn summary(t: Texts, problem: &Problem<'_>, page: &CasePage) -> Vec<ErrorLine> {
    let hearing_form = page.may_hear || page.next.starts_with("hearing");
    let target = match problem.target {
        "hearing" if !hearing_form => "stage",
        other => other,
    };
    let mut lines = problem_lines(t, problem.error);
    for line in lines.iter_mut().filter(|l| l.field.is_empty()) {
        line.href = format!("#{target}");
        line.field = target.to_owned();
    }
    lines
}

/// The case page, with the errors of a failed action and what was typed (422 then).
pub(super) async fn page(
    ctx: &SignedCtx,
    state: &AppState,
    id: &ApplicationId,
    typed: Typed,
    problem: Option<&Problem<'_>>,
) -> Response {
    let file = match staff::case_file(&state.service, &ctx.actor, id).await {
        Ok(file) => file,
        Err(e) => return ctx.failure(&e),
    };
    let mut page = build(ctx, state, &file, typed);
    if let Some(problem) = problem {
        page.errors = summary(ctx.t, problem, &page);
    }
    ctx.form_page(problem.is_some(), &page)
}

/// `GET /staff/applications/{id}`.
pub async fn show(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
) -> Response {
    page(&ctx, &state, &id, Typed::default(), None).await
}

/// Errors a form shows on the case page (with what was typed); others get their own page.
pub(super) fn on_page(error: &AppError) -> bool {
    matches!(
        error,
        AppError::Invalid(_) | AppError::BadRequest(_) | AppError::Conflict(_)
    )
}

/// The case's address.
pub(super) fn path(id: &ApplicationId) -> String {
    format!("/staff/applications/{id}")
}
