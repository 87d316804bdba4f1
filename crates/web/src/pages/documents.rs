//! The documents checklist with one upload form per line (multipart, CSRF in a field).

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::applicant::attach::{Upload, attach};
use kandas_app::applicant::view::{self, ApplicationView};
use kandas_domain::application::document::{ChecklistItem, Provision};

use super::application::checklist_line;
use super::layout::{Ctx, ErrorLine, SignedCtx, Texts, error_page, problem_lines, see_other};
use crate::{AppState, csrf};

/// One checklist line.
pub struct Line {
    /// Document type code.
    pub document: &'static str,
    /// Member id or empty.
    pub member: String,
    /// The member's name, if the line is a member's.
    pub member_name: String,
    /// Title.
    pub title: String,
    /// "Obtained from" note.
    pub source: String,
    /// Files uploaded for it.
    pub files: Vec<String>,
    /// Whether an upload form is shown.
    pub upload: bool,
}

/// The documents page.
#[derive(Template)]
#[template(path = "application/documents.html")]
pub struct DocumentsPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// Internal id.
    pub id: String,
    /// Number.
    pub number: String,
    /// Version for the upload.
    pub version: i64,
    /// Lines.
    pub lines: Vec<Line>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
}

pub(super) fn line(t: Texts, v: &ApplicationView, item: &ChecklistItem) -> Line {
    let (title, source, _) = checklist_line(t, item);
    let member = item
        .member
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let member_name = v
        .application
        .form
        .members
        .iter()
        .find(|m| Some(&m.id) == item.member.as_ref())
        .map(|m| m.name.display())
        .unwrap_or_default();
    let files = v
        .attachments
        .iter()
        .filter(|a| a.document_type == item.document && a.member == item.member)
        .map(|a| a.file_name.clone())
        .collect();
    Line {
        document: item.document.code(),
        member,
        member_name,
        title,
        source,
        files,
        upload: item.provision == Provision::Upload && !item.satisfied,
    }
}

fn page(ctx: &Ctx, v: &ApplicationView, error: Option<&AppError>) -> Response {
    let a = &v.application;
    let page = DocumentsPage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        id: a.id.to_string(),
        number: a.number.as_str().to_owned(),
        version: a.version,
        lines: v.checklist.iter().map(|c| line(ctx.t, v, c)).collect(),
        errors: error.map(|e| problem_lines(ctx.t, e)).unwrap_or_default(),
    };
    ctx.form_page(error.is_some(), &page)
}

/// `GET /applications/{id}/documents`.
pub async fn show(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
) -> Response {
    let actor = &ctx.actor;
    match view::view(&state.service, actor, &id).await {
        Ok(v) => page(&ctx, &v, None),
        Err(e) => ctx.failure(&e),
    }
}

/// Reads the multipart form: the CSRF field and the upload (the desk's scans come the same way).
pub(super) async fn read(mut multipart: Multipart) -> Option<(String, Upload)> {
    let (mut token, mut upload) = (
        String::new(),
        Upload {
            document_type: String::new(),
            member: None,
            file_name: String::new(),
            bytes: Vec::new(),
            version: -1,
        },
    );
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            upload.file_name = field.file_name().unwrap_or_default().to_owned();
            upload.bytes = field.bytes().await.ok()?.to_vec();
            continue;
        }
        let value = field.text().await.ok()?;
        match name.as_str() {
            csrf::CSRF_FIELD => token = value,
            "document_type" => upload.document_type = value,
            "member" => upload.member = Some(value).filter(|m| !m.is_empty()),
            "version" => upload.version = value.parse().unwrap_or(-1),
            _ => {}
        }
    }
    Some((token, upload))
}

/// The checklist again with the upload's error.
async fn refused(ctx: &SignedCtx, state: &AppState, id: &str, error: &AppError) -> Response {
    let actor = &ctx.actor;
    match view::view(&state.service, actor, id).await {
        Ok(v) => page(ctx, &v, Some(error)),
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /applications/{id}/documents`: adds one file.
pub async fn upload(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let actor = &ctx.actor;
    let Some((token, upload)) = read(multipart).await else {
        return error_page(ctx.t, StatusCode::BAD_REQUEST, "request.invalid");
    };
    if !csrf::verify(&headers, &token, ctx.secure) {
        return error_page(ctx.t, StatusCode::FORBIDDEN, "request.forbidden");
    }
    match attach(&state.service, actor, &id, upload).await {
        Ok(_) => see_other(&format!("/applications/{id}/documents")),
        Err(
            e @ (AppError::Invalid(_)
            | AppError::BadRequest(_)
            | AppError::FileRefused { .. }
            | AppError::Conflict(_)),
        ) => refused(&ctx, &state, &id, &e).await,
        Err(e) => ctx.failure(&e),
    }
}
