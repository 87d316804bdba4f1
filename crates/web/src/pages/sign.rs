//! Check your answers, sign with an SMS code, and the confirmation page.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use kandas_app::AppError;
use kandas_app::applicant::view::ApplicationView;
use kandas_app::applicant::{sign, view};
use kandas_domain::application::status::Status;
use kandas_domain::codes::{ErrorCode, OtpError};
use kandas_domain::ids::ApplicationId;
use serde::Deserialize;

use super::answers::{DocumentRow, Section, documents, named_lines, sections};
use super::layout::{Ctx, ErrorLine, Posted, SignedCtx, Texts, problem_lines, see_other};
use super::login::{Plain, urlencode};
use crate::AppState;

/// Check your answers.
#[derive(Template)]
#[template(path = "application/review.html")]
pub struct ReviewPage {
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
    /// Kind code.
    pub kind: &'static str,
    /// The applicant's answers in sections, each with its Change link.
    pub sections: Vec<Section>,
    /// Each family member's, with theirs.
    pub members: Vec<Section>,
    /// Where the family's Change goes (add or remove members).
    pub family_change: String,
    /// How many members the family has.
    pub members_count: u32,
    /// Documents, each saying whose.
    pub documents: Vec<DocumentRow>,
    /// SHA-256 of the document being signed.
    pub sha256: String,
    /// Base64 of the document's bytes, for NCALayer to sign.
    pub document: String,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
}

/// The code form.
#[derive(Template)]
#[template(path = "application/sign.html")]
pub struct SignPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// Internal id.
    pub id: String,
    /// Where the code went.
    pub phone: String,
    /// The error at the code field (with the tries left, when known).
    pub code_error: Option<String>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
}

/// The confirmation.
#[derive(Template)]
#[template(path = "application/done.html")]
pub struct DonePage {
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
    /// Due date written out.
    pub due: Option<String>,
}

pub(super) async fn review_page(
    ctx: &SignedCtx,
    state: &AppState,
    id: &ApplicationId,
    error: Option<&AppError>,
) -> Response {
    let actor = &ctx.actor;
    let (v, doc) = match (
        view::view(&state.service, actor, id).await,
        sign::signing_document(&state.service, actor, id).await,
    ) {
        (Ok(v), Ok(d)) => (v, d),
        (Err(e), _) | (_, Err(e)) => return ctx.failure(&e),
    };
    let a = &v.application;
    let (answers, members) = sections(ctx.t, a, &format!("/applications/{}", a.id));
    let page = ReviewPage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        id: a.id.to_string(),
        number: a.number.as_str().to_owned(),
        kind: a.kind.code(),
        sections: answers,
        members,
        family_change: format!("/applications/{}/form/members?return=review", a.id),
        members_count: u32::try_from(a.form.members.len()).unwrap_or(u32::MAX),
        documents: documents(ctx.t, &v),
        sha256: doc.sha256,
        document: BASE64.encode(&doc.bytes),
        errors: error
            .map(|e| named_lines(ctx.t, &v, problem_lines(ctx.t, e)))
            .unwrap_or_default(),
    };
    ctx.form_page(error.is_some(), &page)
}

/// `GET /applications/{id}/review`.
pub async fn review(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
) -> Response {
    review_page(&ctx, &state, &id, None).await
}

/// `POST /applications/{id}/review`: sends the code.
pub async fn send_code(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(_): Posted<Plain>,
) -> Response {
    let actor = &ctx.actor;
    match sign::start_sms(&state.service, actor, &id, &ctx.ip).await {
        Ok(sent) => see_other(&format!(
            "/applications/{id}/sign?phone={}",
            urlencode(&sent.phone_masked)
        )),
        Err(
            e @ (AppError::Invalid(_)
            | AppError::Conflict(_)
            | AppError::Code(_)
            | AppError::TooMany { .. }),
        ) => review_page(&ctx, &state, &id, Some(&e)).await,
        Err(e) => ctx.failure(&e),
    }
}

/// Where the code went.
#[derive(Deserialize)]
pub struct PhoneQuery {
    #[serde(default)]
    phone: String,
}

/// The code page; `error` is a refused code, `left` the tries its code still has.
fn sign_page(
    ctx: &Ctx,
    id: &ApplicationId,
    phone: &str,
    error: Option<&AppError>,
    left: Option<i64>,
) -> Response {
    let t = ctx.t;
    let mut errors = error.map(|e| problem_lines(t, e)).unwrap_or_default();
    let wrong = matches!(error, Some(AppError::Code(ErrorCode::Otp(OtpError::Wrong))));
    let mut code_error = None;
    for line in &mut errors {
        if let (true, Some(n)) = (wrong, left) {
            let n = u32::try_from(n).unwrap_or(0);
            let tries = t.count("steps-code-tries-left", "number", &n);
            line.message = format!("{} {tries}", line.message);
        }
        code_error.get_or_insert_with(|| line.message.clone());
        line.message = format!("{}: {}", t.get("field-code"), line.message);
        line.href = "#code".into();
        line.field = "code".into();
    }
    let page = SignPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        id: id.to_string(),
        phone: phone.to_owned(),
        code_error,
        errors,
    };
    ctx.form_page(error.is_some(), &page)
}

/// `GET /applications/{id}/sign`: only for the person's own draft (anything else is the
/// not-found page, as if there were none).
pub async fn code_form(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Query(q): Query<PhoneQuery>,
) -> Response {
    match view::view(&state.service, &ctx.actor, &id).await {
        Ok(v) if matches!(v.application.status, Status::Draft) => {
            sign_page(&ctx, &v.application.id, &q.phone, None, None)
        }
        Ok(_) => see_other(&format!("/applications/{id}/done")),
        Err(e) => ctx.failure(&e),
    }
}

/// The posted code.
#[derive(Deserialize)]
pub struct SignForm {
    csrf: String,
    #[serde(default)]
    code: String,
    /// The masked phone the code went to, shown again after a wrong code.
    #[serde(default)]
    phone: String,
}

impl super::layout::HasCsrf for SignForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /applications/{id}/sign`: signs and registers.
pub async fn confirm(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<SignForm>,
) -> Response {
    let actor = &ctx.actor;
    match sign::confirm_sms(&state.service, actor, &id, &f.code).await {
        Ok(_) => see_other(&format!("/applications/{id}/done")),
        Err(
            e @ (AppError::Code(_)
            | AppError::Conflict(_)
            | AppError::Invalid(_)
            | AppError::TooMany { .. }),
        ) => {
            let left = sign::code_tries_left(&state.service, actor, &id)
                .await
                .ok()
                .flatten();
            sign_page(&ctx, &id, &f.phone, Some(&e), left)
        }
        Err(e) => ctx.failure(&e),
    }
}

fn done_page(ctx: &Ctx, v: &ApplicationView) -> DonePage {
    let a = &v.application;
    DonePage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        id: a.id.to_string(),
        number: a.number.as_str().to_owned(),
        due: v.deadline.as_ref().map(|d| ctx.t.date(&d.due)),
    }
}

/// `GET /applications/{id}/done`.
pub async fn done(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
) -> Response {
    let actor = &ctx.actor;
    match view::view(&state.service, actor, &id).await {
        Ok(v) if matches!(v.application.status, Status::Draft) => {
            see_other(&format!("/applications/{id}/review"))
        }
        Ok(v) => ctx.page(StatusCode::OK, &done_page(&ctx, &v)),
        Err(e) => ctx.failure(&e),
    }
}
