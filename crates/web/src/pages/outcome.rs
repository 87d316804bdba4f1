//! The outcome on the applicant's page: the refusal to accept with what is missing (and the
//! registration it followed), everyone refused with the grounds and the explanation, how to
//! appeal, and the result documents with their SHA-256.

use kandas_app::applicant::view::ApplicationView;
use kandas_domain::application::Status;

use super::layout::Texts;

/// A refused person as the page shows them.
pub struct RefusedLine {
    /// The full name.
    pub name: String,
    /// The applicant, or the member's kinship.
    pub role: String,
    /// Each ground and its legal basis.
    pub grounds: Vec<(String, String)>,
    /// The official's explanation.
    pub comment: String,
}

/// The parts of the page about the outcome.
#[derive(Default)]
pub struct OutcomePage {
    /// A refusal to accept: the registration day and the end of the term, written out.
    pub registered: Option<(String, String)>,
    /// A refusal to accept: each missing line.
    pub missing: Vec<String>,
    /// The receipt of refusal to accept can be downloaded.
    pub receipt: bool,
    /// Everyone refused.
    pub refusals: Vec<RefusedLine>,
    /// How to appeal: where, how and by when, the legal basis.
    pub appeal: Vec<(String, String, String)>,
    /// The result documents: the kind's code, the name, the SHA-256 once stored.
    pub documents: Vec<(String, String, Option<String>)>,
}

/// The outcome of the case `v` in `t`'s language.
pub fn outcome(t: Texts, v: &ApplicationView) -> OutcomePage {
    let a = &v.application;
    let refused_to_accept = matches!(a.status, Status::RejectedAtIntake { .. });
    let registered = match (refused_to_accept, a.status.registration()) {
        (true, Some(r)) => Some((
            t.date(&kandas_domain::deadline::almaty_date(r.registered_at)),
            t.date(&r.deadline.due),
        )),
        _ => None,
    };
    let missing = v
        .refusal_to_accept
        .iter()
        .flat_map(|r| &r.missing)
        .map(|m| {
            let document = t.pre("doc-", m.document.code());
            let shortfall = t.pre("pdf-shortfall-", m.shortfall.code());
            match &m.member_name {
                Some(member) => format!("{document} ({member}) — {shortfall}"),
                None => format!("{document} — {shortfall}"),
            }
        })
        .collect();
    let refusals = v
        .refusals
        .iter()
        .map(|r| RefusedLine {
            name: r.name.clone(),
            role: match r.kinship {
                Some(k) => t.pre("kinship-", k.code()),
                None => t.get("refused-applicant"),
            },
            grounds: r
                .grounds
                .iter()
                .map(|g| (t.pre("ground-", &g.code), t.pre("ground-basis-", &g.code)))
                .collect(),
            comment: r.comment.clone(),
        })
        .collect();
    let appeal = v
        .appeal
        .iter()
        .flat_map(|view| {
            let office = kandas_i18n::office_name(t.lang, &view.office);
            view.routes.iter().map(move |route| {
                let words = kandas_i18n::appeal_text(t.lang, route, &office);
                (words.title, words.text, words.legal_basis)
            })
        })
        .collect();
    let documents = v
        .result_documents
        .iter()
        .map(|d| {
            let kind = d.kind.code();
            (
                kind.to_owned(),
                t.pre("result-doc-", kind),
                d.sha256.clone(),
            )
        })
        .collect();
    OutcomePage {
        registered,
        missing,
        receipt: refused_to_accept,
        refusals,
        appeal,
        documents,
    }
}
