//! The custody of the originals at the desk: one line per document the applicant presents, with
//! its marks (original shown, copy taken, notarized translation, expired, original returned — or
//! kept, for the personal history), posted together and saved as the whole record.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::desk::intake::{self, CustodyLineInput};
use kandas_app::desk::view::DeskCase;
use kandas_domain::application::Application;
use kandas_domain::application::custody::{CustodyMarks, needs_translation, original_is_kept};
use kandas_domain::application::document::DocumentType;
use kandas_domain::ids::MemberId;

use super::case::{self, Problem, Typed};
use crate::AppState;
use crate::pages::layout::{Posted, SignedCtx, Texts, anchor, see_other};

/// Marks as posted, by line: (document code, member id or empty).
pub type Marks = HashMap<(String, String), CustodyMarks>;

/// Lines the form takes at most (a family of dozens is already far more than the checklist has).
const MAX_LINES: usize = 100;

/// One line of the custody form.
pub struct CustodyRow {
    /// Position in the form.
    pub n: usize,
    /// Document type code.
    pub document: &'static str,
    /// Member id or empty.
    pub member: String,
    /// The HTML id the error summary links to (`documents-<type>[-<member>]`).
    pub anchor: String,
    /// The document, and whose it is.
    pub title: String,
    /// The marks shown.
    pub marks: CustodyMarks,
    /// A notarized translation is asked for (identity documents).
    pub translation: bool,
    /// The original stays with the case (the personal history).
    pub kept: bool,
}

/// The document's name, with the family member's when it is theirs.
pub(super) fn title(
    t: Texts,
    a: &Application,
    document: DocumentType,
    member: Option<&MemberId>,
) -> String {
    let name = t.pre("doc-", document.code());
    let owner = member.and_then(|id| a.form.members.iter().find(|m| &m.id == id));
    match owner {
        Some(m) => format!("{name} — {}", m.name.display()),
        None => name,
    }
}

/// The use cases' field path of a document line.
pub(super) fn field(document: &str, member: &str) -> String {
    if member.is_empty() {
        format!("documents.{document}")
    } else {
        format!("documents.{document}[{member}]")
    }
}

/// The custody form's lines: the saved marks, or those just posted when the save failed.
pub(super) fn rows(t: Texts, case: &DeskCase, typed: Option<&Marks>) -> Vec<CustodyRow> {
    let a = &case.view.application;
    case.custody
        .lines
        .iter()
        .enumerate()
        .map(|(n, line)| {
            let document = line.document.code();
            let member = line
                .member
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            let marks = typed
                .and_then(|m| m.get(&(document.to_owned(), member.clone())))
                .cloned()
                .unwrap_or_else(|| line.marks.clone());
            CustodyRow {
                n,
                document,
                anchor: anchor(&field(document, &member)),
                title: title(t, a, line.document, line.member.as_ref()),
                member,
                marks,
                translation: needs_translation(line.document),
                kept: original_is_kept(line.document),
            }
        })
        .collect()
}

fn posted(f: &HashMap<String, String>) -> Vec<CustodyLineInput> {
    let on = |n: usize, mark: &str| {
        f.get(&format!("line-{n}-{mark}"))
            .is_some_and(|v| v == "on")
    };
    (0..MAX_LINES)
        .map_while(|n| {
            let document = f.get(&format!("line-{n}-document"))?.clone();
            let member = f.get(&format!("line-{n}-member")).cloned();
            Some(CustodyLineInput {
                document,
                member: member.filter(|m| !m.is_empty()),
                marks: CustodyMarks {
                    original_shown: on(n, "original_shown"),
                    copy_taken: on(n, "copy_taken"),
                    translation: on(n, "translation"),
                    expired: on(n, "expired"),
                    original_returned: on(n, "original_returned"),
                },
            })
        })
        .collect()
}

fn marks_of(lines: &[CustodyLineInput]) -> Marks {
    lines
        .iter()
        .map(|l| {
            let member = l.member.clone().unwrap_or_default();
            ((l.document.clone(), member), l.marks.clone())
        })
        .collect()
}

/// `POST /desk/applications/{id}/custody`: saves the marks of every line.
pub async fn save(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<HashMap<String, String>>,
) -> Response {
    let lines = posted(&f);
    let version = case::version(&f);
    match intake::save_custody(&state.service, &ctx.actor, &id, &lines, version).await {
        Ok(_) => see_other(&format!("/desk/applications/{id}")),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_) | AppError::Conflict(_))) => {
            let typed = Typed {
                custody: Some(marks_of(&lines)),
                ..Typed::default()
            };
            let problem = Problem {
                error: &e,
                target: "custody",
            };
            case::page(&ctx, &state, &id, &typed, Some(&problem)).await
        }
        Err(e) => ctx.failure(&e),
    }
}
