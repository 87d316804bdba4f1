//! The application form and the family members (add and remove re-save the whole form).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::applicant::{draft, profile, view};
use kandas_domain::application::Application;
use kandas_domain::application::form::{
    DocumentInput, Education, FieldError, FormInput, MemberInput,
};
use kandas_domain::application::member::{DocumentKind, Kinship};

use super::layout::{ErrorLine, Posted, SignedCtx, Texts, anchor, problem_lines, see_other};
use crate::AppState;

/// Countries offered as the country of origin (alpha-3 codes).
const ORIGINS: [&str; 11] = [
    "CHN",
    "MNG",
    "UZB",
    "TKM",
    "RUS",
    "KGZ",
    "TJK",
    "TUR",
    "IRN",
    "AFG",
    "STATELESS",
];

/// One input or select.
pub struct Field {
    /// Form name.
    pub name: &'static str,
    /// HTML id (the error summary links here).
    pub anchor: String,
    /// Label.
    pub label: String,
    /// Hint.
    pub hint: String,
    /// Current value.
    pub value: String,
    /// Error message.
    pub error: Option<String>,
    /// Select options: value, text (empty for a text input).
    pub options: Vec<(String, String)>,
    /// `text` or `date`.
    pub kind: &'static str,
}

/// The form page.
#[derive(Template)]
#[template(path = "application/form.html")]
pub struct FormPage {
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
    /// Version the forms post back.
    pub version: i64,
    /// Name and birth date from the population registry.
    pub person: Option<(String, String)>,
    /// About-you fields.
    pub main_fields: Vec<Field>,
    /// The consent checkbox.
    pub consent: bool,
    /// Identity document fields.
    pub doc_fields: Vec<Field>,
    /// Members: id, name, kinship.
    pub members: Vec<(String, String, String)>,
    /// The add-a-member fields.
    pub member_fields: Vec<Field>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
}

struct Builder<'a> {
    t: Texts,
    errors: &'a [ErrorLine],
    values: &'a HashMap<String, String>,
}

impl Builder<'_> {
    /// A field named `name` in the form, `path` in the use case's error paths.
    fn field(
        &self,
        name: &'static str,
        path: &str,
        label: &str,
        options: Vec<(String, String)>,
    ) -> Field {
        let kind = if name.ends_with("date") || name.ends_with("expires_on") {
            "date"
        } else {
            "text"
        };
        let hint = if kind == "date" {
            self.t.get("field-date-hint")
        } else {
            String::new()
        };
        Field {
            name,
            anchor: anchor(path),
            label: self.t.get(label),
            hint,
            value: self.values.get(name).cloned().unwrap_or_default(),
            error: self
                .errors
                .iter()
                .find(|e| e.field == path)
                .map(|e| e.message.clone()),
            options,
            kind,
        }
    }

    fn choices(
        &self,
        prefix: &str,
        codes: impl IntoIterator<Item = &'static str>,
    ) -> Vec<(String, String)> {
        codes
            .into_iter()
            .map(|c| (c.to_owned(), self.t.pre(prefix, c)))
            .collect()
    }

    fn document(&self, at: &str, prefix: &'static [&'static str; 4]) -> Vec<Field> {
        let kinds = self.choices(
            "dockind-",
            [
                DocumentKind::Passport,
                DocumentKind::BirthCertificate,
                DocumentKind::StatelessCertificate,
                DocumentKind::Other,
            ]
            .map(DocumentKind::code),
        );
        vec![
            self.field(prefix[0], &format!("{at}.kind"), "field-doc-kind", kinds),
            self.field(
                prefix[1],
                &format!("{at}.number"),
                "field-doc-number",
                vec![],
            ),
            self.field(
                prefix[2],
                &format!("{at}.issued_by"),
                "field-doc-issued-by",
                vec![],
            ),
            self.field(
                prefix[3],
                &format!("{at}.expires_on"),
                "field-doc-expires-on",
                vec![],
            ),
        ]
    }
}

const DOC_NAMES: [&str; 4] = ["doc_kind", "doc_number", "doc_issued_by", "doc_expires_on"];

fn regions(t: Texts) -> Vec<(String, String)> {
    kandas_domain::office::regions()
        .unwrap_or_default()
        .iter()
        .map(|r| (r.code.clone(), r.name(t.lang).to_owned()))
        .collect()
}

fn main_fields(b: &Builder<'_>) -> Vec<Field> {
    vec![
        b.field("region", "region", "field-region", regions(b.t)),
        b.field(
            "country_of_origin",
            "country_of_origin",
            "field-country",
            b.choices("country-", ORIGINS),
        ),
        b.field(
            "education",
            "education",
            "field-education",
            b.choices("education-", Education::ALL.map(Education::code)),
        ),
        b.field("profession", "profession", "field-profession", vec![]),
        b.field("address", "address", "field-address", vec![]),
    ]
}

fn member_fields(b: &Builder<'_>) -> Vec<Field> {
    let kin = [
        Kinship::Spouse,
        Kinship::Child,
        Kinship::Parent,
        Kinship::Sibling,
        Kinship::Grandchild,
    ]
    .map(Kinship::code);
    let mut countries: Vec<&'static str> = vec!["KAZ"];
    countries.extend(ORIGINS);
    let mut fields = vec![b.field(
        "kinship",
        "new.kinship",
        "field-kinship",
        b.choices("kinship-", kin),
    )];
    for (name, label) in [
        ("surname", "field-surname"),
        ("given_name", "field-given-name"),
        ("patronymic", "field-patronymic"),
        ("surname_latin", "field-surname-latin"),
        ("given_name_latin", "field-given-name-latin"),
        ("birth_date", "field-birth-date"),
    ] {
        fields.push(b.field(name, &format!("new.{name}"), label, vec![]));
    }
    fields.push(b.field(
        "citizenship",
        "new.citizenship",
        "field-citizenship",
        b.choices("country-", countries),
    ));
    fields.push(b.field("iin", "new.iin", "field-member-iin", vec![]));
    fields.extend(b.document("new.document", &DOC_NAMES));
    fields
}

/// The form's current values as form fields.
fn values_of(input: &FormInput) -> HashMap<String, String> {
    let d = &input.identity_document;
    [
        ("region", &input.region),
        ("country_of_origin", &input.country_of_origin),
        ("education", &input.education),
        ("profession", &input.profession),
        ("address", &input.address),
        ("doc_kind", &d.kind),
        ("doc_number", &d.number),
        ("doc_issued_by", &d.issued_by),
        ("doc_expires_on", &d.expires_on),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.clone()))
    .collect()
}

struct Shown<'a> {
    main: &'a HashMap<String, String>,
    member: &'a HashMap<String, String>,
    consent: bool,
}

async fn render(
    ctx: &SignedCtx,
    state: &AppState,
    a: &Application,
    shown: &Shown<'_>,
    error: Option<&AppError>,
) -> Response {
    let actor = &ctx.actor;
    let t = ctx.t;
    let person = profile::profile(&state.service, actor)
        .await
        .ok()
        .and_then(|p| p.person)
        .map(|p| (p.value.name.display(), t.date(&p.value.birth_date)));
    let errors = error.map(|e| problem_lines(t, e)).unwrap_or_default();
    let (main, member) = (
        Builder {
            t,
            errors: &errors,
            values: shown.main,
        },
        Builder {
            t,
            errors: &errors,
            values: shown.member,
        },
    );
    let members = a
        .form
        .members
        .iter()
        .map(|m| {
            (
                m.id.to_string(),
                m.name.display(),
                t.pre("kinship-", m.kinship.code()),
            )
        })
        .collect();
    let page = FormPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        id: a.id.to_string(),
        number: a.number.as_str().to_owned(),
        version: a.version,
        person,
        main_fields: main_fields(&main),
        consent: shown.consent,
        doc_fields: main.document("identity_document", &DOC_NAMES),
        members,
        member_fields: member_fields(&member),
        errors: errors.clone(),
    };
    ctx.form_page(error.is_some(), &page)
}

/// `GET /applications/{id}/form`.
pub async fn show(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    let actor = &ctx.actor;
    match view::view(&state.service, actor, &id).await {
        Ok(v) => {
            let input = v.application.form.to_input();
            let shown = Shown {
                main: &values_of(&input),
                member: &HashMap::new(),
                consent: input.consent_via_foreign_mission,
            };
            render(&ctx, &state, &v.application, &shown, None).await
        }
        Err(e) => ctx.failure(&e),
    }
}

fn get(f: &HashMap<String, String>, k: &str) -> String {
    f.get(k).cloned().unwrap_or_default()
}

fn document_input(f: &HashMap<String, String>) -> DocumentInput {
    DocumentInput {
        kind: get(f, "doc_kind"),
        number: get(f, "doc_number"),
        issued_by: get(f, "doc_issued_by"),
        expires_on: get(f, "doc_expires_on"),
    }
}

fn version(f: &HashMap<String, String>) -> i64 {
    f.get("version").and_then(|v| v.parse().ok()).unwrap_or(-1)
}

/// Saves `input` and answers: 303 to `next`, or the form again with the errors (422).
async fn save(
    ctx: &SignedCtx,
    state: &AppState,
    id: &str,
    input: &FormInput,
    shown: &Shown<'_>,
    v: i64,
    next: &str,
) -> Response {
    let actor = &ctx.actor;
    match draft::save_form(&state.service, actor, id, input, v).await {
        Ok(_) => see_other(next),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_) | AppError::Conflict(_))) => {
            match view::view(&state.service, actor, id).await {
                Ok(current) => render(ctx, state, &current.application, shown, Some(&e)).await,
                Err(e) => ctx.failure(&e),
            }
        }
        Err(e) => ctx.failure(&e),
    }
}

async fn current(ctx: &SignedCtx, state: &AppState, id: &str) -> Result<FormInput, Response> {
    view::view(&state.service, &ctx.actor, id)
        .await
        .map(|v| v.application.form.to_input())
        .map_err(|e| ctx.failure(&e))
}

/// Copies the answers (not the members) from the posted form.
fn take_answers(input: &mut FormInput, f: &HashMap<String, String>) {
    input.region = get(f, "region");
    input.country_of_origin = get(f, "country_of_origin");
    input.education = get(f, "education");
    input.profession = get(f, "profession");
    input.address = get(f, "address");
    input.identity_document = document_input(f);
    input.consent_via_foreign_mission = f.get("consent").is_some_and(|v| v == "on");
}

/// `POST /applications/{id}/form`: saves the answers, keeps the members.
pub async fn submit(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted(f): Posted<HashMap<String, String>>,
) -> Response {
    let mut input = match current(&ctx, &state, &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    take_answers(&mut input, &f);
    let empty = HashMap::new();
    let shown = Shown {
        main: &f,
        member: &empty,
        consent: input.consent_via_foreign_mission,
    };
    let next = format!("/applications/{id}");
    save(&ctx, &state, &id, &input, &shown, version(&f), &next).await
}

/// Field errors of the new member (`members[n].x`) become `new.x` so they point at the add form.
fn as_new_member(error: AppError, n: usize) -> AppError {
    let prefix = format!("members[{n}].");
    let rename = |e: FieldError| FieldError {
        field: e
            .field
            .strip_prefix(&prefix)
            .map_or(e.field.clone(), |s| format!("new.{s}")),
        code: e.code,
    };
    match error {
        AppError::Invalid(fields) => AppError::Invalid(fields.into_iter().map(rename).collect()),
        other => other,
    }
}

/// The new member as posted.
fn member_input(f: &HashMap<String, String>) -> MemberInput {
    MemberInput {
        id: String::new(),
        kinship: get(f, "kinship"),
        surname: get(f, "surname"),
        given_name: get(f, "given_name"),
        patronymic: get(f, "patronymic"),
        surname_latin: get(f, "surname_latin"),
        given_name_latin: get(f, "given_name_latin"),
        birth_date: get(f, "birth_date"),
        citizenship: get(f, "citizenship"),
        iin: get(f, "iin"),
        document: document_input(f),
    }
}

/// The form again with the add-a-member errors (the saved answers, the posted member).
async fn member_refused(
    ctx: &SignedCtx,
    state: &AppState,
    id: &str,
    f: &HashMap<String, String>,
    error: AppError,
) -> Response {
    let actor = &ctx.actor;
    match view::view(&state.service, actor, id).await {
        Ok(v) => {
            let form = &v.application.form;
            let main = values_of(&form.to_input());
            let shown = Shown {
                main: &main,
                member: f,
                consent: form.consent_via_foreign_mission,
            };
            render(ctx, state, &v.application, &shown, Some(&error)).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /applications/{id}/members`: adds a family member.
pub async fn add_member(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted(f): Posted<HashMap<String, String>>,
) -> Response {
    let actor = &ctx.actor;
    let mut input = match current(&ctx, &state, &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let n = input.members.len();
    input.members.push(member_input(&f));
    match draft::save_form(&state.service, actor, &id, &input, version(&f)).await {
        Ok(_) => see_other(&format!("/applications/{id}/form#members")),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_) | AppError::Conflict(_))) => {
            member_refused(&ctx, &state, &id, &f, as_new_member(e, n)).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /applications/{id}/members/{member}/remove`.
pub async fn remove_member(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Path((id, member)): Path<(String, String)>,
    Posted(f): Posted<HashMap<String, String>>,
) -> Response {
    let mut input = match current(&ctx, &state, &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    input.members.retain(|m| m.id != member);
    let (main, empty) = (values_of(&input), HashMap::new());
    let shown = Shown {
        main: &main,
        member: &empty,
        consent: input.consent_via_foreign_mission,
    };
    let next = format!("/applications/{id}/form#members");
    save(&ctx, &state, &id, &input, &shown, version(&f), &next).await
}
