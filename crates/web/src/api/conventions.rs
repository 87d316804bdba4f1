//! The answers every operation of a kind can give, added to the document once instead of in
//! each annotation: a signed-in operation answers 401 without a session and 403 to a role that
//! may not (or to a session cookie sent by another site); an operation that reads a JSON body,
//! a query or a multipart form answers 422 when it cannot read it; one whose answer is built
//! from the state registries (a case's checklist, a profile, a code sent to the registered
//! phone) answers 503 when a registry cannot be reached. Each operation's own annotation says
//! what else it answers (429 where a limit applies, 409, 404, …).

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, ResponseBuilder};

/// The tags whose every operation needs a session.
const SIGNED_IN: [&str; 5] = ["applicant", "signing", "staff", "desk", "admin"];
/// The answers that are read from the state registries.
const FROM_REGISTRIES: [&str; 6] = [
    "ViewDto",
    "StaffCaseDto",
    "DeskCaseDto",
    "ProfileDto",
    "ChallengeDto",
    "PhoneDto",
];
/// The name of the bearer scheme.
const BEARER: &str = "bearer";

fn error(description: &str) -> RefOr<utoipa::openapi::Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            Content::new(Some(Ref::from_schema_name("ErrorDto"))),
        )
        .build()
        .into()
}

fn add(operation: &mut Operation, status: &str, description: &str) {
    operation
        .responses
        .responses
        .entry(status.to_owned())
        .or_insert_with(|| error(description));
}

fn has_tag(operation: &Operation, tags: &[&str]) -> bool {
    operation
        .tags
        .iter()
        .flatten()
        .any(|t| tags.contains(&t.as_str()))
}

/// Whether a success answer of `operation` is one of `schemas`.
fn answers(operation: &Operation, schemas: &[&str]) -> bool {
    operation
        .responses
        .responses
        .iter()
        .filter(|(status, _)| status.starts_with('2'))
        .filter_map(|(_, r)| match r {
            RefOr::T(r) => Some(r),
            RefOr::Ref(_) => None,
        })
        .flat_map(|r| r.content.values())
        .filter_map(|c| match c {
            RefOr::T(c) => c.schema.as_ref(),
            RefOr::Ref(_) => None,
        })
        .any(|schema| match schema {
            RefOr::Ref(r) => schemas
                .iter()
                .any(|s| r.ref_location == format!("#/components/schemas/{s}")),
            RefOr::T(_) => false,
        })
}

fn complete_operation(operation: &mut Operation) {
    if answers(operation, &FROM_REGISTRIES) {
        add(
            operation,
            "503",
            "service.unavailable: a state registry cannot be reached now; try again",
        );
    }
    if has_tag(operation, &SIGNED_IN) {
        operation.security = Some(vec![SecurityRequirement::new(BEARER, Vec::<String>::new())]);
        add(
            operation,
            "401",
            "auth.required: not signed in, or the session has ended",
        );
        add(
            operation,
            "403",
            "the signed-in role may not do this, or a session cookie came from another site \
             (auth.cross-origin)",
        );
    }
    if operation.request_body.is_some() {
        add(
            operation,
            "422",
            "the body cannot be read (request.malformed-json, request.invalid-json, \
             request.content-type, attachment.multipart) or a value is refused",
        );
        add(
            operation,
            "413",
            "request.too-large: the body is larger than this request takes",
        );
    }
    let query = operation
        .parameters
        .iter()
        .flatten()
        .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Query));
    if query {
        add(
            operation,
            "422",
            "query.invalid: a query parameter has the wrong type or is missing",
        );
    }
}

/// The document with the answers above added to every operation they apply to, and the bearer
/// scheme the signed-in operations use.
pub fn complete(mut doc: OpenApi) -> OpenApi {
    for item in doc.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            complete_operation(operation);
        }
    }
    let components = doc.components.get_or_insert_with(Default::default);
    let mut bearer = Http::new(HttpAuthScheme::Bearer);
    bearer.description = Some(
        "The token of `POST /api/v1/auth/login/confirm` (or the session cookie of the pages)"
            .to_owned(),
    );
    components.add_security_scheme(BEARER, SecurityScheme::Http(bearer));
    doc
}
