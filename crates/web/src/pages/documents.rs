//! The documents checklist: per line its files (each can be removed or replaced while the
//! application is a draft) and an upload form for one more, up to the most a document may hold
//! (multipart, CSRF in a field). The limits are stated on the page, from the service's limits.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::applicant::attach::{MAX_FILES_PER_DOCUMENT, Upload, attach, remove, replace};
use kandas_app::applicant::view::{self, ApplicationView};
use kandas_domain::application::document::{ChecklistItem, Provision};
use kandas_domain::application::status::Status;
use kandas_domain::codes::RequestError;
use kandas_domain::ids::{ApplicationId, AttachmentId};

use super::application::checklist_line;
use super::layout::{
    Ctx, ErrorLine, Posted, SignedCtx, Texts, error_page, problem_lines, see_other,
};
use crate::upload::receive;
use crate::{AppState, csrf};

/// One file of a line.
pub struct FileRow {
    /// The attachment id.
    pub id: String,
    /// The name shown.
    pub name: String,
    /// The size written out.
    pub size: String,
    /// The error of a refused replacement, at its field.
    pub error: Option<String>,
}

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
    /// Whether the desk's scan form is shown (nothing attached yet).
    pub upload: bool,
    /// The files with their ids (the applicant's page removes and replaces them).
    pub attached: Vec<FileRow>,
    /// Whether one more file may be added (an upload document with room left).
    pub more: bool,
    /// The line's key in ids: `personal_history`, or `identity_document-<member>`.
    pub key: String,
    /// The error of a refused upload, at the file field.
    pub error: Option<String>,
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
    /// Whether files can still be removed and replaced.
    pub draft: bool,
    /// What files are taken: types and the size limit.
    pub limits: String,
    /// How many files a document may hold.
    pub most: String,
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
    let mine: Vec<_> = v
        .attachments
        .iter()
        .filter(|a| a.document_type == item.document && a.member == item.member)
        .collect();
    let key = if member.is_empty() {
        item.document.code().to_owned()
    } else {
        format!("{}-{member}", item.document.code())
    };
    let draft = matches!(v.application.status, Status::Draft);
    Line {
        document: item.document.code(),
        member,
        member_name,
        title,
        source,
        files: mine.iter().map(|a| a.file_name.clone()).collect(),
        upload: item.provision == Provision::Upload && !item.satisfied,
        attached: mine
            .iter()
            .map(|a| FileRow {
                id: a.id.to_string(),
                name: a.file_name.clone(),
                size: size_text(t, a.size),
                error: None,
            })
            .collect(),
        more: draft && item.provision == Provision::Upload && mine.len() < MAX_FILES_PER_DOCUMENT,
        key,
        error: None,
    }
}

/// A size written out: "2.4 MB", "310 KB".
pub fn size_text(t: Texts, bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = (bytes * 10 + MB / 2) / MB;
        let n = if tenths.is_multiple_of(10) {
            (tenths / 10).to_string()
        } else {
            format!("{}.{}", tenths / 10, tenths % 10)
        };
        t.arg("size-mb", "number", &n)
    } else {
        t.arg(
            "size-kb",
            "number",
            &bytes.div_ceil(1024).max(1).to_string(),
        )
    }
}

/// Where a refused upload's error goes: the line's file field, or a file's replace field.
pub struct Target {
    /// The line's key.
    key: String,
    /// The file being replaced, if any.
    replaces: String,
}

fn page(
    ctx: &Ctx,
    v: &ApplicationView,
    limits: &kandas_app::service::Limits,
    error: Option<(&AppError, Option<&Target>)>,
) -> Response {
    let a = &v.application;
    let t = ctx.t;
    let mut lines: Vec<Line> = v.checklist.iter().map(|c| line(t, v, c)).collect();
    let mut errors = error.map(|(e, _)| problem_lines(t, e)).unwrap_or_default();
    if let Some((_, Some(target))) = error
        && let Some(l) = lines.iter_mut().find(|l| l.key == target.key)
    {
        let message = errors
            .iter()
            .map(|e| e.message.clone())
            .collect::<Vec<_>>()
            .join(" ");
        let replaced = l.attached.iter_mut().find(|f| f.id == target.replaces);
        let href = match replaced {
            Some(f) => {
                f.error = Some(message);
                format!("#replace-{}", f.id)
            }
            None => {
                l.error = Some(message);
                format!("#file-{}", l.key)
            }
        };
        for e in &mut errors {
            e.href = href.clone();
        }
    }
    let size = size_text(
        t,
        u64::try_from(limits.max_attachment_bytes).unwrap_or(u64::MAX),
    );
    let most = u32::try_from(MAX_FILES_PER_DOCUMENT).unwrap_or(u32::MAX);
    let page = DocumentsPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        id: a.id.to_string(),
        number: a.number.as_str().to_owned(),
        version: a.version,
        draft: matches!(a.status, Status::Draft),
        limits: t.arg("documents-limits", "size", &size),
        most: t.count("documents-most", "number", &most),
        lines,
        errors,
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
        Ok(v) => page(&ctx, &v, &state.service.limits, None),
        Err(e) => ctx.failure(&e),
    }
}

/// Reads the multipart form: the CSRF field and the upload (the desk's scans come the same
/// way); a file over the limit keeps its name and one byte too many, for the use case to refuse.
pub(super) async fn read(
    state: &AppState,
    multipart: Multipart,
) -> Result<crate::upload::Received, AppError> {
    receive(
        &state.uploads,
        multipart,
        state.service.limits.max_attachment_bytes,
        "",
    )
    .await
}

/// The checklist again with the error of an upload or a removal at its field.
async fn refused(
    ctx: &SignedCtx,
    state: &AppState,
    id: &ApplicationId,
    error: &AppError,
    target: Option<&Target>,
) -> Response {
    let actor = &ctx.actor;
    match view::view(&state.service, actor, id).await {
        Ok(v) => page(ctx, &v, &state.service.limits, Some((error, target))),
        Err(e) => ctx.failure(&e),
    }
}

/// Errors an upload form shows on the page (anything else is the error page).
fn shown_on_page(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Invalid(_)
            | AppError::BadRequest(_)
            | AppError::FileRefused { .. }
            | AppError::Conflict(_)
            | AppError::NotFound
    )
}

fn documents_path(id: &ApplicationId, key: &str) -> String {
    format!("/applications/{id}/documents#documents-{key}")
}

/// `POST /applications/{id}/documents`: adds one file, or puts one in place of another
/// (`replaces`).
pub async fn upload(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let actor = &ctx.actor;
    let received = match read(&state, multipart).await {
        Ok(r) => r,
        // Every place for an upload taken: 503, try again shortly.
        Err(e @ AppError::Unavailable(_)) => return ctx.failure(&e),
        Err(_) => return error_page(ctx.t, StatusCode::BAD_REQUEST, RequestError::Invalid.into()),
    };
    if !csrf::verify(&headers, &received.csrf, ctx.secure) {
        return error_page(ctx.t, StatusCode::FORBIDDEN, RequestError::Csrf.into());
    }
    let upload: Upload = received.upload;
    let member = upload.member.clone().unwrap_or_default();
    let target = Target {
        key: if member.is_empty() {
            upload.document_type.clone()
        } else {
            format!("{}-{member}", upload.document_type)
        },
        replaces: received.replaces.clone(),
    };
    let done = if received.replaces.is_empty() {
        attach(&state.service, actor, &id, upload).await
    } else {
        match AttachmentId::parse(&received.replaces) {
            Ok(old) => replace(&state.service, actor, &id, &old, upload).await,
            Err(_) => Err(AppError::NotFound),
        }
    };
    match done {
        Ok(_) => see_other(&documents_path(&id, &target.key)),
        Err(e) if shown_on_page(&e) => refused(&ctx, &state, &id, &e, Some(&target)).await,
        Err(e) => ctx.failure(&e),
    }
}

/// The file in the path of a removal.
type FilePath = (crate::pages::layout::CaseId, crate::pages::layout::FileKey);

/// The remove button of a file: the version, and the checklist line to go back to.
#[derive(serde::Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default = "crate::pages::lines::no_version")]
    version: i64,
    #[serde(default)]
    line: String,
}

super::layout::csrf_form!(RemoveForm);

/// `POST /applications/{id}/documents/{attachment}/remove`: takes a file off the draft.
pub async fn remove_file(
    ctx: SignedCtx,
    State(state): State<AppState>,
    (crate::pages::layout::CaseId(id), crate::pages::layout::FileKey(attachment)): FilePath,
    Posted(f): Posted<RemoveForm>,
) -> Response {
    let key: String = f
        .line
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "_-".contains(*c))
        .collect();
    match remove(&state.service, &ctx.actor, &id, &attachment, f.version).await {
        Ok(_) => see_other(&documents_path(&id, &key)),
        Err(e) if shown_on_page(&e) => refused(&ctx, &state, &id, &e, None).await,
        Err(e) => ctx.failure(&e),
    }
}
