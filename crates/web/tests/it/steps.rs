//! The applicant's form in steps through the pages, as a browser without JavaScript posts it:
//! each step saves the draft and a refused step loses nothing typed (what was valid is kept);
//! a family member's page never touches "about you"; IINs typed in groups and dates of birth
//! in the future; "check your answers" with its Change links and names; several files per
//! document, removed and replaced (pages and API); an oversized file refused by name at its
//! field; a wrong signing code at its field with the tries left.

use axum::http::StatusCode;
use kandas_testkit::TestApp;

use crate::browser::{Browser, form_fields, hidden, see_other};
use crate::pages_journey::{CHILD, SPOUSE, add_member, pairs, sign_in};
use crate::support::{PDF, Part, attach_required, draft_with_form, upload, view};

const APPLICANT: &str = "900101300811";
/// The other demo applicant.
const OTHER: &str = "931002451325";
const ADDRESS: &str = "г. Астана, ул. Абая, 10";

fn ru(id: &str) -> String {
    kandas_i18n::text("ru", id)
}

/// Orders an assignment on the pages; answers its id.
async fn order(b: &mut Browser<'_>) -> String {
    let (_, html) = b.get("/order").await;
    let answer = b.submit(&html, "/order", &[("kind", "assignment")]).await;
    let to = see_other(&answer);
    to.strip_prefix("/applications/").unwrap().to_owned()
}

/// "About you" as a browser posts it: every field, `typed` over the empty ones.
async fn post_about(
    b: &mut Browser<'_>,
    id: &str,
    typed: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let path = format!("/applications/{id}/form");
    // Opened from "check your answers" (`?return=review`), the page's hidden `return` says so:
    // a browser posts each input once.
    let opened = match typed.iter().find(|(k, _)| *k == "return") {
        Some((_, back)) => format!("{path}?return={back}"),
        None => path.clone(),
    };
    let (status, html) = b.get(&opened).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let fields: Vec<(&str, &str)> = [
        "region",
        "country_of_origin",
        "education",
        "profession",
        "address",
        "doc_kind",
        "doc_number",
        "doc_issued_by",
        "doc_expires_on",
    ]
    .into_iter()
    .map(|name| {
        let value = typed
            .iter()
            .find(|(k, _)| *k == name)
            .map_or("", |(_, v)| v);
        (name, value)
    })
    .collect();
    b.submit(&html, &path, &fields).await
}

fn selected(html: &str, value: &str) -> bool {
    html.contains(&format!("<option value=\"{value}\" selected>"))
}

/// About you refused in part: 422, everything typed shown again, the refused field marked and
/// linked; what was valid is saved, the refused answer is not; the family's page never
/// touches these answers; a corrected save goes on to the family.
async fn steps_keep_what_was_typed(app: &TestApp) {
    let mut b = sign_in(app, APPLICANT).await;
    let id = order(&mut b).await;
    let typed = [
        ("region", "astana"),
        ("country_of_origin", "CHN"),
        ("education", "higher"),
        ("profession", "Инженер <старший>"),
        ("address", ADDRESS),
        ("doc_kind", "passport"),
        ("doc_number", "E1234567"),
    ];
    let (status, _, html) = post_about(&mut b, &id, &typed).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert_eq!(hidden(&html, "address").as_deref(), Some(ADDRESS));
    assert_eq!(hidden(&html, "doc_number").as_deref(), Some("E1234567"));
    assert_eq!(
        hidden(&html, "profession").as_deref(),
        Some("Инженер <старший>")
    );
    assert!(
        selected(&html, "CHN") && selected(&html, "astana"),
        "{html}"
    );
    let characters = ru("field.characters");
    for needle in [
        format!("<a href=\"#profession\">{characters}</a>"),
        format!("id=\"profession-error\">{characters}<"),
        format!(
            "<a href=\"#identity_document-issued_by\">{}</a>",
            ru("field.required")
        ),
    ] {
        assert!(html.contains(&needle), "{needle} in {html}");
    }
    // Leaving the step (a link away) and coming back: the valid answers were saved.
    let form = format!("/applications/{id}/form");
    let (_, html) = b.get(&form).await;
    assert_eq!(hidden(&html, "address").as_deref(), Some(ADDRESS));
    assert!(
        selected(&html, "astana") && selected(&html, "higher"),
        "{html}"
    );
    assert_eq!(
        hidden(&html, "profession").as_deref(),
        Some(""),
        "the refused answer is not saved"
    );
    assert_eq!(
        hidden(&html, "doc_number").as_deref(),
        Some(""),
        "half a document is not saved"
    );
    let saved = view(app, &app.sign_in(APPLICANT).await, &id).await;
    assert_eq!(saved["form"]["address"], ADDRESS, "{saved}");

    // A member added on the family's own page: the answers of "about you" stay as saved.
    add_member(&mut b, &id, SPOUSE).await;
    let (_, html) = b.get(&form).await;
    assert_eq!(hidden(&html, "address").as_deref(), Some(ADDRESS));
    assert!(
        selected(&html, "astana") && selected(&html, "higher"),
        "{html}"
    );

    // Corrected: saved, and on to the family.
    let mut fixed = typed.to_vec();
    fixed[3] = ("profession", "Инженер");
    fixed.push(("doc_issued_by", "PRC"));
    let answer = post_about(&mut b, &id, &fixed).await;
    assert_eq!(
        see_other(&answer),
        format!("/applications/{id}/form/members")
    );
    let saved = view(app, &app.sign_in(APPLICANT).await, &id).await;
    assert_eq!(saved["form"]["profession"], "Инженер", "{saved}");
    assert_eq!(saved["form"]["identity_document"]["number"], "E1234567");
    assert_eq!(saved["form"]["members"].as_array().unwrap().len(), 1);
}

crate::on_both_backends!(
    steps_keep_what_was_typed,
    each_step_saves_and_keeps_what_was_typed_on_sqlite,
    each_step_saves_and_keeps_what_was_typed_on_postgres
);

/// Each member on a page of their own: a child born in 2030 is refused at the field with
/// everything typed shown again and nothing saved; an IIN typed in groups is taken as twelve
/// digits; a member is changed and removed; "check your answers" names each member with their
/// data and links back to each step, and a step opened from there returns there.
async fn members_and_check_your_answers(app: &TestApp) {
    let mut b = sign_in(app, APPLICANT).await;
    let id = order(&mut b).await;
    let about = [
        ("region", "astana"),
        ("country_of_origin", "CHN"),
        ("education", "higher"),
        ("address", ADDRESS),
    ];
    see_other(&post_about(&mut b, &id, &about).await);
    let members = format!("/applications/{id}/form/members");
    let (_, html) = b.get(&format!("{members}/new")).await;
    let action = format!("/applications/{id}/members");
    let future = CHILD.replace("birth_date=2019-04-01", "birth_date=2030-04-01");
    let (status, _, html) = b.submit(&html, &action, &pairs(&future)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    let message = ru("birth.future");
    assert!(
        html.contains(&format!("<a href=\"#new-birth_date\">{message}</a>"))
            && html.contains(&format!("id=\"new-birth_date-error\">{message}<")),
        "{html}"
    );
    assert_eq!(hidden(&html, "surname").as_deref(), Some("Ерланұлы"));
    assert_eq!(hidden(&html, "birth_date").as_deref(), Some("2030-04-01"));
    let token = app.sign_in(APPLICANT).await;
    assert!(
        view(app, &token, &id).await["form"]["members"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // The spouse's IIN typed in groups, with a non-breaking space pasted in.
    let (_, html) = b.get(&format!("{members}/new")).await;
    let mut grouped = pairs(SPOUSE);
    for pair in &mut grouped {
        if pair.0 == "iin" {
            pair.1 = "9203\u{a0}0540 0125";
        }
    }
    let answer = b.submit(&html, &action, &grouped).await;
    assert_eq!(see_other(&answer), members);
    add_member(&mut b, &id, CHILD).await;
    let saved = view(app, &token, &id).await;
    let spouse = saved["form"]["members"][0].clone();
    assert_eq!(spouse["iin"], "920305400125", "{saved}");
    let (spouse_id, child_id) = (
        spouse["id"].as_str().unwrap().to_owned(),
        saved["form"]["members"][1]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
    );

    // Check your answers: each member by name with their data, a Change link per section.
    let review = format!("/applications/{id}/review");
    let (status, html) = b.get(&review).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    for needle in [
        format!("href=\"/applications/{id}/form?return=review\""),
        format!("href=\"/applications/{id}/form?return=review#identity_document\""),
        format!("href=\"/applications/{id}/form/members/{spouse_id}?return=review\""),
        format!("href=\"/applications/{id}/form/members/{child_id}?return=review\""),
        format!("href=\"/applications/{id}/form/members?return=review\""),
        format!("href=\"/applications/{id}/documents\""),
        "Серікбаева Айгүл".to_owned(),
        "SERIKBAYEVA AIGUL".to_owned(),
        "920305400125".to_owned(),
        "E1234567".to_owned(),
        format!("{} — Ерланұлы Алихан", ru("doc-identity_document")),
        "<code class=\"hash\">".to_owned(),
    ] {
        assert!(html.contains(&needle), "{needle} in {html}");
    }
    assert!(
        !html.contains(&format!("<dd>{}</dd>", 2)),
        "the family is not a bare count: {html}"
    );

    // Change a member from there: the save returns to check your answers.
    let change = format!("{members}/{child_id}?return=review");
    let (status, html) = b.get(&change).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_eq!(hidden(&html, "given_name").as_deref(), Some("Алихан"));
    let action = format!("/applications/{id}/members/{child_id}");
    let renamed = CHILD.replace("given_name=Алихан", "given_name=Әлихан");
    let answer = b.submit(&html, &action, &pairs(&renamed)).await;
    assert_eq!(see_other(&answer), review);
    let saved = view(app, &token, &id).await;
    assert_eq!(
        saved["form"]["members"][1]["name"]["given"], "Әлихан",
        "{saved}"
    );
    assert_eq!(saved["form"]["members"][1]["id"], child_id.as_str());
    assert_eq!(saved["form"]["address"], ADDRESS, "about you untouched");

    // About you from there returns there too.
    let mut again = about.to_vec();
    again.push(("return", "review"));
    again[3] = ("address", "г. Астана, ул. Абая, 12");
    assert_eq!(see_other(&post_about(&mut b, &id, &again).await), review);

    // Remove the spouse on the family's page.
    let (_, html) = b.get(&members).await;
    let remove = format!("/applications/{id}/members/{spouse_id}/remove");
    assert_eq!(see_other(&b.submit(&html, &remove, &[]).await), members);
    let saved = view(app, &token, &id).await;
    assert_eq!(saved["form"]["members"].as_array().unwrap().len(), 1);
    assert_eq!(saved["form"]["address"], "г. Астана, ул. Абая, 12");
}

crate::on_both_backends!(
    members_and_check_your_answers,
    members_each_on_a_page_and_check_your_answers_on_sqlite,
    members_each_on_a_page_and_check_your_answers_on_postgres
);

/// The section of the documents page for `document` (the applicant's own line).
fn section<'h>(html: &'h str, document: &str) -> &'h str {
    let start = html
        .find(&format!("id=\"documents-{document}\""))
        .unwrap_or_else(|| panic!("no {document} in {html}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap()]
}

/// The fields of the section's form to add a file (not a replacement's).
fn add_fields(section: &str, path: &str) -> Vec<(String, String)> {
    let at = section.rfind("<form method=\"post\" action=\"").unwrap();
    let fields = form_fields(&section[at..], path);
    assert!(fields.iter().all(|(k, _)| k != "replaces"), "{section}");
    fields
}

async fn post_file(
    b: &mut Browser<'_>,
    path: &str,
    fields: &[(String, String)],
    name: &str,
    bytes: &[u8],
) -> (StatusCode, String, String) {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (&**k, &**v)).collect();
    b.post_multipart(path, &fields, name, bytes).await
}

/// Several files for one document, one removed and one replaced while a draft, the most a
/// document holds enforced by name; the limits stated from the service's limits.
async fn several_files(app: &TestApp) {
    let (token, id, _) = draft_with_form(app, APPLICANT).await;
    let mut b = sign_in(app, APPLICANT).await;
    let path = format!("/applications/{id}/documents");
    let (_, html) = b.get(&path).await;
    let limits = kandas_i18n::text_with("ru", "documents-limits", &[("size", "10 МБ".into())]);
    assert!(html.contains(&limits), "{limits} in {html}");
    let back = format!("{path}#documents-personal_history");
    for name in ["страница-1.pdf", "страница-2.pdf"] {
        let (_, html) = b.get(&path).await;
        let fields = add_fields(section(&html, "personal_history"), &path);
        let answer = post_file(&mut b, &path, &fields, name, PDF).await;
        assert_eq!(see_other(&answer), back);
    }
    let (_, html) = b.get(&path).await;
    let line = section(&html, "personal_history");
    assert!(
        line.contains("✓ страница-1.pdf") && line.contains("✓ страница-2.pdf"),
        "{line}"
    );
    assert!(
        line.contains(&ru("documents-add-file")),
        "still offered: {line}"
    );
    let files = view(app, &token, &id).await["attachments"].clone();
    assert_eq!(files.as_array().unwrap().len(), 2, "{files}");
    let id_of = |name: &str| {
        files
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["file_name"] == name)
            .map(|a| a["id"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{name} in {files}"))
    };
    let ids = [id_of("страница-1.pdf"), id_of("страница-2.pdf")];

    // Remove the first.
    let remove = format!("/applications/{id}/documents/{}/remove", ids[0]);
    let answer = b.submit(&html, &remove, &[]).await;
    assert_eq!(see_other(&answer), back);
    let (_, html) = b.get(&path).await;
    assert!(
        !html.contains("страница-1.pdf") && html.contains("страница-2.pdf"),
        "{html}"
    );
    let gone = format!("/api/v1/applications/{id}/attachments/{}", ids[0]);
    let (status, _, _) = app.request("GET", &gone, None, Some(&token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Replace the second: a refused file leaves it in place, with the error at its field.
    let line = section(&html, "personal_history");
    let at = line.find("name=\"replaces\"").unwrap();
    let form = &line[line[..at].rfind("<form ").unwrap()..];
    let fields = form_fields(form, &path);
    let (status, _, page) = post_file(&mut b, &path, &fields, "пусто.pdf", b"").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    let empty = kandas_i18n::text_with("ru", "attachment.empty", &[("file", "пусто.pdf".into())]);
    let replace = format!("replace-{}", ids[1]);
    assert!(
        page.contains(&format!("<a href=\"#{replace}\">{empty}</a>")),
        "{page}"
    );
    assert!(
        page.contains(&format!("id=\"{replace}-error\">{empty}<")),
        "{page}"
    );
    assert!(
        page.contains("страница-2.pdf"),
        "the old file stays: {page}"
    );
    let answer = post_file(&mut b, &path, &fields, "новая.pdf", PDF).await;
    assert_eq!(see_other(&answer), back);
    let (_, html) = b.get(&path).await;
    assert!(
        html.contains("✓ новая.pdf") && !html.contains("страница-2.pdf"),
        "{html}"
    );
    let trail = app
        .service()
        .store
        .audit_trail(&kandas_app::ports::store::AuditQuery {
            subject: None,
            application: Some(kandas_domain::ids::ApplicationId::parse(&id).unwrap()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let detached = trail
        .iter()
        .filter(|r| r.action.code() == "application.detach")
        .count();
    assert_eq!(detached, 2, "the removal and the replacement are audited");

    // Up to the most a document holds; one more is refused by name at the field.
    let most = kandas_app::applicant::attach::MAX_FILES_PER_DOCUMENT;
    for n in 1..most {
        let (_, html) = b.get(&path).await;
        let fields = add_fields(section(&html, "personal_history"), &path);
        see_other(&post_file(&mut b, &path, &fields, &format!("p{n}.pdf"), PDF).await);
    }
    let (_, html) = b.get(&path).await;
    let line = section(&html, "personal_history");
    assert!(!line.contains(&ru("documents-add-file")), "full: {line}");
    let version = view(app, &token, &id).await["version"].as_i64().unwrap();
    let part = Part {
        document_type: "personal_history",
        member: None,
        file_name: "лишний.pdf",
        bytes: PDF,
    };
    let (status, json) = upload(app, &token, &id, version, part).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "upload.too-many");
    assert_eq!(json["error"]["file"], "лишний.pdf");
}

crate::on_both_backends!(
    several_files,
    several_files_per_document_removed_and_replaced_on_sqlite,
    several_files_per_document_removed_and_replaced_on_postgres
);

/// A file over the limit (12 MB against 10) is read and refused by name: the page answers 422
/// with the message at the file's field and the summary linking there, the API 422
/// `attachment.too-large` naming it.
async fn oversized(app: &TestApp) {
    let (token, id, version) = draft_with_form(app, APPLICANT).await;
    let mut b = sign_in(app, APPLICANT).await;
    let path = format!("/applications/{id}/documents");
    let (_, html) = b.get(&path).await;
    let fields = add_fields(section(&html, "personal_history"), &path);
    let big = vec![b'x'; 12 * 1024 * 1024];
    let (status, _, page) = post_file(&mut b, &path, &fields, "скан-большой.pdf", &big).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page:.300}");
    let message = kandas_i18n::text_with(
        "ru",
        "attachment.too-large",
        &[("file", "скан-большой.pdf".into())],
    );
    for needle in [
        format!("<a href=\"#file-personal_history\">{message}</a>"),
        format!("id=\"file-personal_history-error\">{message}<"),
        "id=\"file-personal_history\" name=\"file\"".to_owned(),
    ] {
        assert!(page.contains(&needle), "{needle} in {page}");
    }
    assert!(page.contains("aria-invalid=\"true\""), "{page}");
    let part = Part {
        document_type: "personal_history",
        member: None,
        file_name: "скан-большой.pdf",
        bytes: &big,
    };
    let (status, json) = upload(app, &token, &id, version, part).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "attachment.too-large");
    assert_eq!(json["error"]["file"], "скан-большой.pdf");
    assert!(
        view(app, &token, &id).await["attachments"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

crate::on_both_backends!(
    oversized,
    an_oversized_file_is_refused_by_name_on_sqlite,
    an_oversized_file_is_refused_by_name_on_postgres
);

/// `DELETE /api/v1/applications/{id}/attachments/{attachment_id}?version=`: the version is
/// needed and checked, another person's file is not found, the file goes and the version moves;
/// a sent application's files stay.
async fn api_delete(app: &TestApp) {
    let (token, id, version) = draft_with_form(app, APPLICANT).await;
    let part = Part {
        document_type: "personal_history",
        member: None,
        file_name: "doc.pdf",
        bytes: PDF,
    };
    let (status, json) = upload(app, &token, &id, version, part).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    let attachment = json["attachment"]["id"].as_str().unwrap().to_owned();
    let version = json["application"]["version"].as_i64().unwrap();
    let uri = format!("/api/v1/applications/{id}/attachments/{attachment}");
    let (status, _, json) = app.request("DELETE", &uri, None, Some(&token)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "attachment.version");
    let stale = format!("{uri}?version={}", version - 1);
    let (status, _, json) = app.request("DELETE", &stale, None, Some(&token)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "request.stale-version");
    let other = app.sign_in(OTHER).await;
    let right = format!("{uri}?version={version}");
    let (status, _, _) = app.request("DELETE", &right, None, Some(&other)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, json) = app.request("DELETE", &right, None, Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["version"], version + 1);
    let (status, _, _) = app.request("GET", &uri, None, Some(&token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = app
        .request(
            "DELETE",
            &format!("{uri}?version={}", version + 1),
            None,
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "gone already");

    // Once sent, the files stay.
    let version = attach_required(app, &token, &id, version + 1).await;
    crate::support::sign_by_sms(app, &token, &id, APPLICANT).await;
    let files = view(app, &token, &id).await["attachments"].clone();
    let first = files[0]["id"].as_str().unwrap();
    let uri = format!(
        "/api/v1/applications/{id}/attachments/{first}?version={}",
        version + 1
    );
    let (status, _, json) = app.request("DELETE", &uri, None, Some(&token)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "application.not-draft");
}

crate::on_both_backends!(
    api_delete,
    the_api_removes_an_attachment_of_a_draft_on_sqlite,
    the_api_removes_an_attachment_of_a_draft_on_postgres
);

/// Signing: what is missing names its field or document on "check your answers"; a wrong code
/// is shown at the code field with the tries left.
async fn signing_messages(app: &TestApp) {
    let mut b = sign_in(app, APPLICANT).await;
    let id = order(&mut b).await;
    let review = format!("/applications/{id}/review");
    let (_, html) = b.get(&review).await;
    let (status, _, html) = b.submit(&html, &review, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    let required = ru("field.required");
    for (label, anchor) in [
        ("field-region", "region"),
        ("field-country", "country_of_origin"),
        ("field-education", "education"),
        ("field-address", "address"),
    ] {
        let line = format!(
            "<a href=\"/applications/{id}/form#{anchor}\">{}: {required}</a>",
            ru(label)
        );
        assert!(html.contains(&line), "{line} in {html}");
    }
    let history = format!(
        "<a href=\"/applications/{id}/documents#file-personal_history\">{}: {}</a>",
        ru("doc-personal_history"),
        ru("document.missing")
    );
    assert!(html.contains(&history), "{history} in {html}");

    let (token, id, version) = draft_with_form(app, OTHER).await;
    attach_required(app, &token, &id, version).await;
    let mut b = sign_in(app, OTHER).await;
    let review = format!("/applications/{id}/review");
    let (_, html) = b.get(&review).await;
    let to = see_other(&b.submit(&html, &review, &[]).await).to_owned();
    let (_, html) = b.get(&to).await;
    let action = format!("/applications/{id}/sign");
    let (status, _, html) = b.submit(&html, &action, &[("code", "000000")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    let tries = kandas_i18n::text_count("ru", "steps-code-tries-left", "number", 2);
    let at_field = format!("id=\"code-error\">{} {tries}<", ru("otp.wrong"));
    assert!(html.contains(&at_field), "{at_field} in {html}");
    assert!(html.contains("aria-describedby=\"code-error\""), "{html}");
    assert!(
        html.contains(&format!("<a href=\"#code\">{}: ", ru("field-code"))),
        "{html}"
    );
}

crate::on_both_backends!(
    signing_messages,
    signing_messages_name_their_field_on_sqlite,
    signing_messages_name_their_field_on_postgres
);

/// An IIN typed in groups (spaces, a non-breaking space, dashes) is the same number at sign-in
/// and at the desk's start.
async fn grouped_iins(app: &TestApp) {
    let mut b = Browser::new(app);
    let (_, html) = b.get("/login").await;
    assert!(
        html.contains("maxlength=\"20\""),
        "room for the groups: {html}"
    );
    let password = kandas_store::demo::PASSWORD;
    let typed = [("iin", "9001 0130\u{a0}0811"), ("password", password)];
    let answer = b.submit(&html, "/login", &typed).await;
    let to = see_other(&answer).to_owned();
    assert!(to.starts_with("/login/confirm?c="), "{to}");
    let (_, html) = b.get(&to).await;
    app.drain().await;
    let code = app.last_code(APPLICANT).await;
    let answer = b.submit(&html, "/login/confirm", &[("code", &code)]).await;
    assert_eq!(see_other(&answer), "/cabinet");

    let mut desk = sign_in(app, "881115300022").await;
    let (_, html) = desk.get("/desk").await;
    let fields = [("iin", "900101-300811"), ("kind", "assignment")];
    let answer = desk.submit(&html, "/desk/applications", &fields).await;
    assert!(
        see_other(&answer).starts_with("/desk/applications/"),
        "{answer:?}"
    );
}

crate::on_both_backends!(
    grouped_iins,
    an_iin_typed_in_groups_signs_in_and_starts_a_desk_case_on_sqlite,
    an_iin_typed_in_groups_signs_in_and_starts_a_desk_case_on_postgres
);
