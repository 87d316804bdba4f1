//! The custody of the originals at the desk: one line per document the applicant presents, with
//! its marks (original shown, copy taken, notarized translation, expired, original returned — or
//! kept, for the personal history), posted together and saved as the whole record.

use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::desk::intake;
use kandas_app::desk::view::DeskCase;
use kandas_domain::application::Application;
use kandas_domain::application::custody::{
    CustodyLine, CustodyMarks, needs_translation, original_is_kept,
};
use kandas_domain::application::document::DocumentType;
use kandas_domain::ids::MemberId;

use super::case::{self, Problem, Typed};
use crate::AppState;
use crate::pages::layout::{Posted, SignedCtx, Texts, anchor, csrf_form, see_other};
use crate::pages::lines::{self, Pairs, no_version, once, pairs_form, tick};

/// Marks as posted, by line: (document code, member id or empty).
pub type Marks = HashMap<(String, String), CustodyMarks>;

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

/// The custody form: the version, and per line (`line-{n}-…`) its document, member and marks.
#[derive(Default)]
pub struct CustodyForm {
    csrf: String,
    version: Option<i64>,
    lines: BTreeMap<usize, PostedLine>,
}

/// One line as posted.
#[derive(Default)]
struct PostedLine {
    document: Option<String>,
    member: Option<String>,
    original_shown: Option<bool>,
    copy_taken: Option<bool>,
    translation: Option<bool>,
    expired: Option<bool>,
    original_returned: Option<bool>,
}

impl Pairs for CustodyForm {
    fn take(&mut self, name: &str, value: String) -> Result<(), String> {
        if name == "csrf" {
            self.csrf = value;
            return Ok(());
        }
        if name == "version" {
            return lines::version(&mut self.version, &value);
        }
        let Some((n, part)) = lines::numbered(name, "line-") else {
            return Ok(());
        };
        let line = self.lines.entry(n).or_default();
        let mark = match part {
            "document" => return once(&mut line.document, name, value),
            "member" => return once(&mut line.member, name, value),
            "original_shown" => &mut line.original_shown,
            "copy_taken" => &mut line.copy_taken,
            "translation" => &mut line.translation,
            "expired" => &mut line.expired,
            "original_returned" => &mut line.original_returned,
            _ => return Ok(()),
        };
        tick(mark, name, &value)
    }
}

pairs_form!(CustodyForm);
csrf_form!(CustodyForm);

impl CustodyForm {
    /// The lines that name their document, in the form's order, with their marks as posted.
    fn posted(&self) -> impl Iterator<Item = (&String, Option<&str>, CustodyMarks)> {
        let on = |mark: Option<bool>| mark.unwrap_or(false);
        self.lines.values().filter_map(move |line| {
            let marks = CustodyMarks {
                original_shown: on(line.original_shown),
                copy_taken: on(line.copy_taken),
                translation: on(line.translation),
                expired: on(line.expired),
                original_returned: on(line.original_returned),
            };
            Some((line.document.as_ref()?, line.member.as_deref(), marks))
        })
    }

    /// The lines parsed into the custody record the use case takes (as the API's are).
    fn lines(&self) -> Result<Vec<CustodyLine>, AppError> {
        self.posted()
            .map(|(document, member, marks)| {
                Ok(CustodyLine {
                    document: kandas_app::staff::review::document(document)?,
                    member: intake::custody_member(member)?,
                    marks,
                })
            })
            .collect()
    }

    /// The marks as posted, to show again with an error.
    fn marks(&self) -> Marks {
        self.posted()
            .map(|(document, member, marks)| {
                let member = member.unwrap_or_default().to_owned();
                ((document.clone(), member), marks)
            })
            .collect()
    }
}

/// `POST /desk/applications/{id}/custody`: saves the marks of every line.
pub async fn save(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<CustodyForm>,
) -> Response {
    let version = f.version.unwrap_or_else(no_version);
    let saved = match f.lines() {
        Ok(lines) => intake::save_custody(&state.service, &ctx.actor, &id, lines, version).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => see_other(&format!("/desk/applications/{id}")),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_) | AppError::Conflict(_))) => {
            let typed = Typed {
                custody: Some(f.marks()),
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
