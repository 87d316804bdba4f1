//! The decision form (assign, extend or refuse; family members refused one by one) and the
//! head's sign-off. Under the rules in force the officer's decision is a proposal the head signs
//! off; under the May-2022 rules it decides the case at once.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::Response;
use kandas_app::staff::{self, DecisionInput, MemberDecisionInput};
use kandas_domain::codes::{DecisionError, ErrorCode, ReviewError};

use super::case::{self, Problem, on_page, path, version};
use super::form::Typed;
use crate::AppState;
use crate::pages::layout::{Posted, SignedCtx, see_other};

/// Family members a decision form takes at most.
const MAX_MEMBERS: usize = 100;

/// The ground codes ticked under `prefix`, sorted.
pub(super) fn grounds(typed: &Typed, prefix: &str) -> Vec<String> {
    let mut codes: Vec<String> = typed
        .0
        .iter()
        .filter(|(_, v)| *v == "on")
        .filter_map(|(k, _)| k.strip_prefix(prefix))
        .map(str::to_owned)
        .collect();
    codes.sort();
    codes
}

/// The refused family members: those whose "refuse" box is ticked, by position in the form.
fn refused(typed: &Typed) -> Vec<(usize, MemberDecisionInput)> {
    (1..=MAX_MEMBERS)
        .map_while(|n| Some((n, typed.0.get(&format!("member-{n}-id"))?)))
        .filter(|(n, _)| typed.on(&format!("member-{n}-refuse")))
        .map(|(n, member)| {
            let input = MemberDecisionInput {
                member: member.clone(),
                grounds: grounds(typed, &format!("member-{n}-ground-")),
                comment: typed.get(&format!("member-{n}-comment")).to_owned(),
            };
            (n, input)
        })
        .collect()
}

/// Where a decision error links: the outcome, the grounds, the explanation — the applicant's,
/// or the first refused family member's when the applicant is assigned.
fn target(
    code: Option<ErrorCode>,
    typed: &Typed,
    members: &[(usize, MemberDecisionInput)],
) -> String {
    let member = members.first().filter(|_| typed.get("outcome") == "assign");
    let decision = match code {
        Some(ErrorCode::Decision(d)) => Some(d),
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
            Some(ErrorCode::Review(ReviewError::HearingFirst | ReviewError::HearingNeeded)) => {
                "hearing"
            }
            Some(ErrorCode::Review(ReviewError::RefusalNotHeard | ReviewError::ReviewFirst)) => {
                "stage"
            }
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
    Posted(f): Posted<HashMap<String, String>>,
) -> Response {
    let typed = Typed(f);
    let members = refused(&typed);
    let input = DecisionInput {
        outcome: typed.get("outcome").to_owned(),
        grounds: grounds(&typed, "ground-"),
        comment: typed.get("comment").to_owned(),
        members: members.iter().map(|(_, m)| m.clone()).collect(),
        extension_months: typed.get("extension_months").parse().ok(),
        version: version(&typed),
    };
    let key = Some(typed.get("idempotency_key")).filter(|k| !k.is_empty());
    match staff::decide(&state.service, &ctx.actor, &id, &input, key).await {
        Ok(_) => see_other(&path(&id)),
        Err(e) if on_page(&e) => {
            let at = target(e.error_code(), &typed, &members);
            let problem = Problem {
                error: &e,
                target: &at,
            };
            case::page(&ctx, &state, &id, typed, Some(&problem)).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /staff/applications/{id}/sign-off`: the head signs the proposed decision off.
pub async fn sign_off(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<HashMap<String, String>>,
) -> Response {
    let typed = Typed(f);
    let v = version(&typed);
    match staff::sign_off(&state.service, &ctx.actor, &id, v).await {
        Ok(_) => see_other(&path(&id)),
        Err(e) if on_page(&e) => {
            let problem = Problem {
                error: &e,
                target: "sign-off",
            };
            case::page(&ctx, &state, &id, typed, Some(&problem)).await
        }
        Err(e) => ctx.failure(&e),
    }
}
