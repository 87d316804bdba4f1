//! The decision form (assign, extend or refuse; family members refused one by one) and the
//! head's sign-off. Under the rules in force the officer's decision is a proposal the head signs
//! off; under the May-2022 rules it decides the case at once.

use axum::extract::State;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::staff::{self, Decide, RefuseMember};
use kandas_domain::codes::{DecisionError, ErrorCode, ReviewError};

use super::case::{self, Problem, on_page, path};
use super::form::Typed;
use super::posted::{DecisionForm, MemberLine, SignOffForm};
use crate::AppState;
use crate::pages::layout::{Posted, SignedCtx, see_other};

/// The refused family members: those whose "refuse" box is ticked, by position in the form
/// (the applicant is line 0 and has no such box).
fn refused(f: &DecisionForm) -> Vec<(usize, &MemberLine)> {
    f.members
        .iter()
        .filter(|(n, line)| **n > 0 && line.refuse == Some(true) && line.id.is_some())
        .map(|(n, line)| (*n, line))
        .collect()
}

/// The decision as posted, parsed into the command the API builds too.
fn command(f: &DecisionForm, members: &[(usize, &MemberLine)]) -> Result<Decide, AppError> {
    let members = members
        .iter()
        .map(|(_, line)| {
            Ok(RefuseMember {
                member: staff::member_id(line.id.as_deref().unwrap_or_default())?,
                grounds: staff::ground_codes(line.grounds.iter().map(String::as_str))?,
                comment: line.comment.clone().unwrap_or_default(),
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(Decide {
        verdict: staff::verdict(f.outcome())?,
        grounds: staff::ground_codes(f.grounds.iter().map(String::as_str))?,
        comment: f.comment().to_owned(),
        members,
        extension_months: f.extension_months(),
        version: f.version(),
    })
}

/// Where a decision error links: the outcome, the grounds, the explanation — the applicant's,
/// or the first refused family member's when the applicant is assigned.
fn target(code: ErrorCode, f: &DecisionForm, members: &[(usize, &MemberLine)]) -> String {
    let member = members.first().filter(|_| f.outcome() == "assign");
    let decision = match code {
        ErrorCode::Decision(d) => Some(d),
        _ => None,
    };
    let at = match (decision, member) {
        (
            Some(DecisionError::Grounds | DecisionError::NoExplanation | DecisionError::Member),
            Some((n, _)),
        ) => {
            return format!("member-{n}");
        }
        (Some(DecisionError::Grounds), None) => "grounds",
        (Some(DecisionError::NoExplanation), None) => "comment-text",
        (
            Some(
                DecisionError::Outcome
                | DecisionError::WrongOutcome
                | DecisionError::NotActive
                | DecisionError::AlreadyExtended
                | DecisionError::NoCertificate,
            ),
            _,
        ) => "outcome",
        (Some(DecisionError::ExtensionMonths), _) => "extension_months",
        _ => match code {
            ErrorCode::Review(ReviewError::HearingFirst | ReviewError::HearingNeeded) => "hearing",
            ErrorCode::Review(ReviewError::RefusalNotHeard | ReviewError::ReviewFirst) => "stage",
            _ => "main",
        },
    };
    at.to_owned()
}

/// `POST /staff/applications/{id}`: decides (May-2022 rules) or proposes the decision for the
/// head's sign-off (the rules in force), then shows the case.
pub async fn decide(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<DecisionForm>,
) -> Response {
    let members = refused(&f);
    let decided = match command(&f, &members) {
        Ok(input) => {
            let key = f.idempotency_key();
            staff::decide(&state.service, &ctx.actor, &id, &input, key).await
        }
        Err(e) => Err(e),
    };
    match decided {
        Ok(_) => see_other(&path(&id)),
        Err(e) if on_page(&e) => {
            let at = target(e.error_code(), &f, &members);
            let problem = Problem {
                error: &e,
                target: &at,
            };
            case::page(&ctx, &state, &id, Typed::Decision(f), Some(&problem)).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /staff/applications/{id}/sign-off`: the head signs the proposed decision off.
pub async fn sign_off(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<SignOffForm>,
) -> Response {
    match staff::sign_off(&state.service, &ctx.actor, &id, f.version).await {
        Ok(_) => see_other(&path(&id)),
        Err(e) if on_page(&e) => {
            let problem = Problem {
                error: &e,
                target: "sign-off",
            };
            case::page(&ctx, &state, &id, Typed::SignOff, Some(&problem)).await
        }
        Err(e) => ctx.failure(&e),
    }
}
