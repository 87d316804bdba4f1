//! "Check your answers" in sections, each with its Change link back to the step it came from
//! (`?return=review` brings the step's save back here): about you, the identity document, each
//! family member by name with their data and document, the documents with whose each is. And
//! the summary lines of a refused signing, each naming its field or document.

use kandas_app::applicant::view::ApplicationView;
use kandas_domain::application::Application;
use kandas_domain::application::member::IdentityDocument;

use super::application::checklist_line;
use super::documents::size_text;
use super::layout::{ErrorLine, Texts};
use super::staff::{country_name, region_name};

/// One answer: the question and what was answered.
pub type Answer = (String, String);

/// One section of the answers.
pub struct Section {
    /// The section's id (its heading's).
    pub id: String,
    /// The heading.
    pub title: String,
    /// Where Change goes.
    pub change: String,
    /// What Change changes, for screen readers ("about you", a member's name).
    pub change_what: String,
    /// The answers.
    pub answers: Vec<Answer>,
    /// A section within another (a member within the family): its heading is one level down.
    pub sub: bool,
}

/// One document line: the title with whose it is, how it is provided, the files.
pub struct DocumentRow {
    /// "Identity document — Ерланұлы Алихан".
    pub title: String,
    /// "obtained from …", or empty.
    pub source: String,
    /// The files attached: name and size.
    pub files: Vec<String>,
    /// Whether it is there.
    pub done: bool,
}

fn or_dash(v: Option<String>) -> String {
    v.filter(|s| !s.is_empty())
        .unwrap_or_else(|| "—".to_owned())
}

fn document_answers(t: Texts, d: Option<&IdentityDocument>) -> Vec<Answer> {
    let Some(d) = d else {
        return vec![(t.get("form-identity-document"), t.get("steps-not-given"))];
    };
    vec![
        (t.get("field-doc-kind"), t.pre("dockind-", d.kind.code())),
        (t.get("field-doc-number"), d.number.to_string()),
        (t.get("field-doc-issued-by"), d.issued_by.to_string()),
        (
            t.get("field-doc-expires-on"),
            or_dash(d.expires_on.map(|e| t.date(&e))),
        ),
    ]
}

/// The sections of the form, Change links under `base` (`/applications/{id}`): the applicant's
/// (about you, the identity document), then one per family member.
pub fn sections(t: Texts, a: &Application, base: &str) -> (Vec<Section>, Vec<Section>) {
    let f = &a.form;
    let yes_no = |b: bool| t.get(if b { "steps-yes" } else { "steps-no" });
    let sections = vec![
        Section {
            id: "answers-about".into(),
            title: t.get("form-about-you"),
            change: format!("{base}/form?return=review"),
            change_what: t.get("form-about-you"),
            sub: false,
            answers: vec![
                (
                    t.get("field-region"),
                    or_dash(f.region.as_ref().map(|r| region_name(t, r.as_str()))),
                ),
                (
                    t.get("field-country"),
                    or_dash(
                        f.country_of_origin
                            .as_ref()
                            .map(|c| country_name(t, c.as_str())),
                    ),
                ),
                (
                    t.get("field-education"),
                    or_dash(f.education.map(|e| t.pre("education-", e.code()))),
                ),
                (
                    t.get("field-profession"),
                    or_dash(f.profession.as_ref().map(ToString::to_string)),
                ),
                (
                    t.get("field-address"),
                    or_dash(f.address.as_ref().map(ToString::to_string)),
                ),
                (
                    t.get("steps-consent-short"),
                    yes_no(f.consent_via_foreign_mission),
                ),
            ],
        },
        Section {
            id: "answers-document".into(),
            title: t.get("form-identity-document"),
            change: format!("{base}/form?return=review#identity_document"),
            change_what: t.get("form-identity-document"),
            answers: document_answers(t, f.identity_document.as_ref()),
            sub: false,
        },
    ];
    let mut members = Vec::new();
    for m in &f.members {
        let name = m.name.display();
        let mut answers = vec![
            (t.get("field-kinship"), t.pre("kinship-", m.kinship.code())),
            (
                t.get("steps-name-latin"),
                format!("{} {}", m.name_latin.surname, m.name_latin.given),
            ),
            (t.get("field-birth-date"), t.date(&m.birth_date)),
            (
                t.get("field-citizenship"),
                country_name(t, m.citizenship.as_str()),
            ),
            (
                t.get("field-member-iin"),
                or_dash(m.iin.as_ref().map(ToString::to_string)),
            ),
        ];
        answers.extend(document_answers(t, Some(&m.identity_document)));
        members.push(Section {
            id: format!("answers-member-{}", m.id),
            title: name.clone(),
            change: format!("{base}/form/members/{}?return=review", m.id),
            change_what: name,
            answers,
            sub: true,
        });
    }
    (sections, members)
}

/// The name of the person a document line is for: the member's, or "yours" where members have
/// the same document (so that three identity documents say whose each is).
fn whose(
    t: Texts,
    v: &ApplicationView,
    member: Option<&kandas_domain::ids::MemberId>,
    same_kind_for_members: bool,
) -> String {
    match member {
        Some(id) => v
            .application
            .form
            .members
            .iter()
            .find(|m| &m.id == id)
            .map(|m| m.name.display())
            .unwrap_or_default(),
        None if same_kind_for_members => t.get("steps-whose-yours"),
        None => String::new(),
    }
}

/// The documents of the checklist, each saying whose it is.
pub fn documents(t: Texts, v: &ApplicationView) -> Vec<DocumentRow> {
    v.checklist
        .iter()
        .map(|item| {
            let (title, source, done) = checklist_line(t, item);
            let shared = v
                .checklist
                .iter()
                .any(|o| o.document == item.document && o.member.is_some());
            let who = whose(t, v, item.member.as_ref(), shared);
            let files = v
                .attachments
                .iter()
                .filter(|a| a.document_type == item.document && a.member == item.member)
                .map(|a| format!("{} ({})", a.file_name, size_text(t, a.size)))
                .collect();
            DocumentRow {
                title: if who.is_empty() {
                    title
                } else {
                    format!("{title} — {who}")
                },
                source,
                files,
                done,
            }
        })
        .collect()
}

/// The summary lines of a refused signing: each names its field (or document, and whose) and
/// links to it on the step's page.
pub fn named_lines(t: Texts, v: &ApplicationView, lines: Vec<ErrorLine>) -> Vec<ErrorLine> {
    let id = v.application.id.as_str();
    lines
        .into_iter()
        .map(|mut line| {
            if let Some(rest) = line.field.strip_prefix("documents.") {
                let (code, member) = match rest.split_once('[') {
                    Some((code, m)) => (code, m.trim_end_matches(']')),
                    None => (rest, ""),
                };
                let key = if member.is_empty() {
                    code.to_owned()
                } else {
                    format!("{code}-{member}")
                };
                let member = v
                    .application
                    .form
                    .members
                    .iter()
                    .find(|m| m.id.as_str() == member);
                let title = t.pre("doc-", code);
                let what = match member {
                    Some(m) => format!("{title} — {}", m.name.display()),
                    None => title,
                };
                line.message = format!("{what}: {}", line.message);
                line.href = format!("/applications/{id}/documents#file-{key}");
            } else if !line.field.is_empty() {
                if let Some(label) = label_of(&line.field) {
                    line.message = format!("{}: {}", t.get(label), line.message);
                }
                line.href = format!("/applications/{id}/form{}", line.href);
            }
            line
        })
        .collect()
}

/// The label of an about-you field path.
fn label_of(field: &str) -> Option<&'static str> {
    Some(match field {
        "region" => "field-region",
        "country_of_origin" => "field-country",
        "education" => "field-education",
        "profession" => "field-profession",
        "address" => "field-address",
        "identity_document.kind" => "field-doc-kind",
        "identity_document.number" => "field-doc-number",
        "identity_document.issued_by" => "field-doc-issued-by",
        "identity_document.expires_on" => "field-doc-expires-on",
        _ => return None,
    })
}
