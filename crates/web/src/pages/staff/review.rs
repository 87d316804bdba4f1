//! The review's forms: the completeness check (accept, or refuse to accept with what is missing),
//! the commission's protocol, the hearing (scheduled, moved at the applicant's request, held).
//! Each parses the posted strings into the use case's command (as the API does); the use case
//! checks it against the case and decides.

use kandas_domain::codes::{
    ApplicationError, CustodyError, DeskError, ErrorCode, RequestError, ReviewError,
};

use axum::extract::State;
use axum::response::Response;
use jiff::civil::DateTime;
use kandas_app::AppError;
use kandas_app::staff::review::{
    self, CommissionInput, CompletenessInput, HeardInput, HearingInput, MissingInput, PlannedInput,
    RecommendationInput,
};
use kandas_domain::application::custody::Shortfall;
use kandas_domain::deadline::almaty;

use super::case::{self, Problem, on_page, path};
use super::form::Typed;
use super::posted::{CommissionForm, CompletenessForm, HeardForm, ScheduleForm};
use crate::AppState;
use crate::pages::layout::{Posted, SignedCtx, see_other};

/// The case again with the error, what was typed, and where the summary links.
async fn again(
    ctx: &SignedCtx,
    state: &AppState,
    id: &kandas_domain::ids::ApplicationId,
    typed: Typed,
    error: &AppError,
    target: &'static str,
) -> Response {
    let problem = Problem { error, target };
    case::page(ctx, state, id, typed, Some(&problem)).await
}

/// Where an error that names no field links: its field, else the form's section.
fn target(code: ErrorCode, section: &'static str) -> &'static str {
    match code {
        ErrorCode::Review(review) => match review {
            ReviewError::HearingDate | ReviewError::HearingNotice => "at",
            ReviewError::HearingPlanned => "planned",
            ReviewError::HearingNotYet | ReviewError::RefusalNotHeard => "hearing",
            ReviewError::RegistryHeld | ReviewError::NotInChecklist | ReviewError::Shortfall => {
                "missing"
            }
            ReviewError::CompletenessTermPassed => "completeness",
            ReviewError::Place => "place",
            ReviewError::Reason => "reason",
            ReviewError::Statement => "statement",
            ReviewError::Recommendation | ReviewError::Member => "recommendations",
            _ => section,
        },
        ErrorCode::Custody(CustodyError::Document) | ErrorCode::Desk(DeskError::NothingMissing) => {
            "missing"
        }
        ErrorCode::Request(RequestError::StaleVersion)
        | ErrorCode::Application(ApplicationError::WrongState) => "main",
        _ => section,
    }
}

/// The shortfalls ticked, line by line (in the order of `Shortfall::ALL` within a line).
fn missing(f: &CompletenessForm) -> Result<Vec<MissingInput>, AppError> {
    let mut missing = Vec::new();
    for line in f.lines.values() {
        let Some(document) = &line.document else {
            continue;
        };
        let document = review::document(document)?;
        let member = review::member(line.member.as_deref())?;
        missing.extend(
            Shortfall::ALL
                .into_iter()
                .filter(|s| line.shortfalls.contains(s))
                .map(|shortfall| MissingInput {
                    document,
                    member: member.clone(),
                    shortfall,
                }),
        );
    }
    Ok(missing)
}

/// `POST /staff/applications/{id}/completeness`: `complete=true` accepts the package for
/// review; otherwise the ticked shortfalls refuse to accept it.
pub async fn completeness(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<CompletenessForm>,
) -> Response {
    let checked = match missing(&f) {
        Ok(missing) => {
            let input = CompletenessInput {
                complete: f.complete(),
                missing,
                version: f.version(),
            };
            review::check(&state.service, &ctx.actor, &id, &input).await
        }
        Err(e) => Err(e),
    };
    match checked {
        Ok(_) => see_other(&path(&id)),
        Err(e) if on_page(&e) => {
            let at = target(e.error_code(), "completeness");
            again(&ctx, &state, &id, Typed::Completeness(f), &e, at).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// Which field of the protocol a `review.protocol` or incomplete-protocol error is about.
fn protocol_target(f: &CommissionForm) -> &'static str {
    let hash = f.video_sha256();
    if f.protocol_number().trim().is_empty() {
        "protocol_number"
    } else if f.members().trim().is_empty() {
        "members"
    } else if f.video_reference().trim().is_empty() {
        "video_reference"
    } else if hash.trim().len() != 64 || !hash.trim().bytes().all(|b| b.is_ascii_hexdigit()) {
        "video_sha256"
    } else {
        "recommendations"
    }
}

fn commission_input(f: &CommissionForm) -> Result<CommissionInput, AppError> {
    let recommendations = f
        .recommendations
        .values()
        .filter(|line| line.member.is_some())
        .map(|line| {
            Ok(RecommendationInput {
                member: review::member(line.member.as_deref())?,
                recommendation: review::recommendation(
                    line.recommendation.as_deref().unwrap_or_default(),
                )?,
                reason: line.reason.clone().unwrap_or_default(),
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(CommissionInput {
        protocol_number: f.protocol_number().to_owned(),
        members: f
            .members()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        recommendations,
        video_reference: f.video_reference().to_owned(),
        video_sha256: f.video_sha256().to_owned(),
        version: f.version(),
    })
}

/// `POST /staff/applications/{id}/commission`: the protocol, one recommendation per person.
pub async fn commission(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<CommissionForm>,
) -> Response {
    let recorded = match commission_input(&f) {
        Ok(input) => review::commission(&state.service, &ctx.actor, &id, &input).await,
        Err(e) => Err(e),
    };
    match recorded {
        Ok(_) => see_other(&path(&id)),
        Err(e) if on_page(&e) => {
            let at = match e.error_code() {
                ErrorCode::Review(ReviewError::Protocol | ReviewError::IncompleteProtocol) => {
                    protocol_target(&f)
                }
                code => target(code, "commission"),
            };
            again(&ctx, &state, &id, Typed::Commission(f), &e, at).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// The people whose refusal the hearing's notice announces, with the grounds ticked.
fn planned(f: &ScheduleForm) -> Result<Vec<PlannedInput>, AppError> {
    f.plans
        .values()
        .filter(|line| line.refuse == Some(true) && line.member.is_some())
        .map(|line| {
            Ok(PlannedInput {
                member: review::member(line.member.as_deref())?,
                grounds: review::planned_grounds(line.grounds.iter().map(String::as_str))?,
            })
        })
        .collect()
}

/// The hearing's time and place; a time that is not one (or not in Almaty) is refused here.
fn hearing_input(f: &ScheduleForm) -> Result<HearingInput, AppError> {
    let at = f
        .at()
        .trim()
        .parse::<DateTime>()
        .ok()
        .and_then(|local| almaty().to_timestamp(local).ok())
        .ok_or(AppError::BadRequest(ReviewError::HearingDate.into()))?;
    Ok(HearingInput {
        at,
        place: f.place().to_owned(),
        online: f.online(),
        planned: planned(f)?,
        // The move form has the reason field; the first scheduling has none.
        reason: f.reason.clone(),
        version: f.version(),
    })
}

/// `POST /staff/applications/{id}/hearing`: schedules the hearing, or moves it with the
/// applicant's reason.
pub async fn hearing(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<ScheduleForm>,
) -> Response {
    let done = match hearing_input(&f) {
        Ok(input) => review::hearing(&state.service, &ctx.actor, &id, &input).await,
        Err(e) => Err(e),
    };
    match done {
        Ok(_) => see_other(&path(&id)),
        Err(e) if on_page(&e) => {
            let at = target(e.error_code(), "hearing");
            again(&ctx, &state, &id, Typed::Schedule(f), &e, at).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /staff/applications/{id}/hearing/record`: what was said at the hearing.
pub async fn heard(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<HeardForm>,
) -> Response {
    let input = HeardInput {
        appeared: f.appeared != "no",
        statement: f.statement.clone(),
        version: f.version,
    };
    match review::heard(&state.service, &ctx.actor, &id, &input).await {
        Ok(_) => see_other(&path(&id)),
        Err(e) if on_page(&e) => {
            let at = target(e.error_code(), "statement");
            again(&ctx, &state, &id, Typed::Heard(f), &e, at).await
        }
        Err(e) => ctx.failure(&e),
    }
}
