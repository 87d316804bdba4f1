//! The fields of the application form: what each shows, with the value as saved or as typed.

use kandas_domain::application::form::{DocumentInput, Education, FormInput, MemberInput};
use kandas_domain::application::member::{DocumentKind, Kinship};

use crate::pages::layout::{ErrorLine, Texts, anchor};

/// Countries offered as the country of origin (alpha-3 codes).
pub(super) const ORIGINS: [&str; 11] = [
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

pub(super) struct Builder<'a> {
    /// Texts.
    pub(super) t: Texts,
    /// The errors shown.
    pub(super) errors: &'a [ErrorLine],
}

impl Builder<'_> {
    /// A field named `name` in the form, `path` in the use case's error paths.
    pub(super) fn field(
        &self,
        name: &'static str,
        path: &str,
        label: &str,
        value: &str,
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
            value: value.to_owned(),
            error: self
                .errors
                .iter()
                .find(|e| e.field == path)
                .map(|e| e.message.clone()),
            options,
            kind,
        }
    }

    pub(super) fn choices(
        &self,
        prefix: &str,
        codes: impl IntoIterator<Item = &'static str>,
    ) -> Vec<(String, String)> {
        codes
            .into_iter()
            .map(|c| (c.to_owned(), self.t.pre(prefix, c)))
            .collect()
    }

    pub(super) fn document(
        &self,
        at: &str,
        prefix: &'static [&'static str; 4],
        doc: &DocumentInput,
    ) -> Vec<Field> {
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
            self.field(
                prefix[0],
                &format!("{at}.kind"),
                "field-doc-kind",
                &doc.kind,
                kinds,
            ),
            self.field(
                prefix[1],
                &format!("{at}.number"),
                "field-doc-number",
                &doc.number,
                vec![],
            ),
            self.field(
                prefix[2],
                &format!("{at}.issued_by"),
                "field-doc-issued-by",
                &doc.issued_by,
                vec![],
            ),
            self.field(
                prefix[3],
                &format!("{at}.expires_on"),
                "field-doc-expires-on",
                &doc.expires_on,
                vec![],
            ),
        ]
    }
}

pub(super) const DOC_NAMES: [&str; 4] =
    ["doc_kind", "doc_number", "doc_issued_by", "doc_expires_on"];

pub(super) fn regions(t: Texts) -> Vec<(String, String)> {
    kandas_domain::office::regions()
        .unwrap_or_default()
        .iter()
        .map(|r| (r.code.clone(), r.name(t.lang).to_owned()))
        .collect()
}

/// The "about you" fields with the answers shown.
pub(super) fn main_fields(b: &Builder<'_>, input: &FormInput) -> Vec<Field> {
    vec![
        b.field(
            "region",
            "region",
            "field-region",
            &input.region,
            regions(b.t),
        ),
        b.field(
            "country_of_origin",
            "country_of_origin",
            "field-country",
            &input.country_of_origin,
            b.choices("country-", ORIGINS),
        ),
        b.field(
            "education",
            "education",
            "field-education",
            &input.education,
            b.choices("education-", Education::ALL.map(Education::code)),
        ),
        b.field(
            "profession",
            "profession",
            "field-profession",
            &input.profession,
            vec![],
        ),
        b.field(
            "address",
            "address",
            "field-address",
            &input.address,
            vec![],
        ),
    ]
}

/// A member's fields with the member shown.
pub(super) fn member_fields(b: &Builder<'_>, m: &MemberInput) -> Vec<Field> {
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
        &m.kinship,
        b.choices("kinship-", kin),
    )];
    for (name, label, value) in [
        ("surname", "field-surname", &m.surname),
        ("given_name", "field-given-name", &m.given_name),
        ("patronymic", "field-patronymic", &m.patronymic),
        ("surname_latin", "field-surname-latin", &m.surname_latin),
        (
            "given_name_latin",
            "field-given-name-latin",
            &m.given_name_latin,
        ),
        ("birth_date", "field-birth-date", &m.birth_date),
    ] {
        fields.push(b.field(name, &format!("new.{name}"), label, value, vec![]));
    }
    fields.push(b.field(
        "citizenship",
        "new.citizenship",
        "field-citizenship",
        &m.citizenship,
        b.choices("country-", countries),
    ));
    fields.push(b.field("iin", "new.iin", "field-member-iin", &m.iin, vec![]));
    fields.extend(b.document("new.document", &DOC_NAMES, &m.document));
    fields
}
