//! The fields of the application form: what each shows, and the raw values of a form.

use std::collections::HashMap;

use kandas_domain::application::form::{Education, FormInput};
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
    /// The values shown.
    pub(super) values: &'a HashMap<String, String>,
}

impl Builder<'_> {
    /// A field named `name` in the form, `path` in the use case's error paths.
    pub(super) fn field(
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

    pub(super) fn document(&self, at: &str, prefix: &'static [&'static str; 4]) -> Vec<Field> {
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

pub(super) const DOC_NAMES: [&str; 4] =
    ["doc_kind", "doc_number", "doc_issued_by", "doc_expires_on"];

pub(super) fn regions(t: Texts) -> Vec<(String, String)> {
    kandas_domain::office::regions()
        .unwrap_or_default()
        .iter()
        .map(|r| (r.code.clone(), r.name(t.lang).to_owned()))
        .collect()
}

pub(super) fn main_fields(b: &Builder<'_>) -> Vec<Field> {
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

pub(super) fn member_fields(b: &Builder<'_>) -> Vec<Field> {
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
pub(super) fn values_of(input: &FormInput) -> HashMap<String, String> {
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
