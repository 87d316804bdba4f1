//! What the review's forms show: the values typed into the form that failed (kept on a 422), or
//! the defaults, line by line — the checklist of the completeness check, one line per person of
//! the application for the commission and the decision, the grounds to tick.

use std::collections::BTreeSet;

use kandas_domain::application::Application;
use kandas_domain::application::custody::{Shortfall, needs_translation};
use kandas_domain::application::document::{ChecklistItem, Provision};
use kandas_domain::grounds::Ground;

pub use super::typed::Typed;
use crate::pages::layout::Texts;

/// One shortfall checkbox of a checklist line.
pub struct ShortfallBox {
    /// The shortfall's code.
    pub code: &'static str,
    /// Ticked.
    pub ticked: bool,
}

/// One line of the completeness checklist.
pub struct MissingLine {
    /// Position in the form.
    pub n: usize,
    /// Document type code.
    pub document: &'static str,
    /// Member id, or empty for the applicant's.
    pub member: String,
    /// The document, and whose it is.
    pub title: String,
    /// The shortfalls that can apply to it.
    pub shortfalls: Vec<ShortfallBox>,
}

/// A ground to tick: code, title, legal basis, ticked.
pub struct GroundBox {
    /// The code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// Its legal basis.
    pub basis: String,
    /// Ticked.
    pub ticked: bool,
}

/// One person of the application in the commission's and the decision's forms.
pub struct PersonLine {
    /// Position: 0 is the applicant, then the family members in order.
    pub n: usize,
    /// The member's id (empty for the applicant).
    pub member: String,
    /// Name and role.
    pub name: String,
    /// The commission's recommendation typed: `assign`, `refuse` or empty.
    pub recommendation: String,
    /// The commission's reason typed.
    pub reason: String,
    /// The decision refuses this family member.
    pub refuse: bool,
    /// Grounds for refusing this family member.
    pub grounds: Vec<GroundBox>,
    /// The explanation typed for this family member.
    pub comment: String,
}

/// The document's name, with the family member's when it is theirs.
fn title(t: Texts, a: &Application, item: &ChecklistItem) -> String {
    let name = t.pre("doc-", item.document.code());
    let owner = item
        .member
        .as_ref()
        .and_then(|id| a.form.members.iter().find(|m| &m.id == id));
    match owner {
        Some(m) => format!("{name} — {}", m.name.display()),
        None => name,
    }
}

/// The checklist lines the applicant provides (what the registries hold is never asked for).
pub fn missing_lines(
    t: Texts,
    a: &Application,
    checklist: &[ChecklistItem],
    typed: &Typed,
) -> Vec<MissingLine> {
    checklist
        .iter()
        .filter(|item| item.provision == Provision::Upload)
        .enumerate()
        .map(|(n, item)| MissingLine {
            n,
            document: item.document.code(),
            member: item
                .member
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            title: title(t, a, item),
            shortfalls: Shortfall::ALL
                .into_iter()
                .filter(|s| *s != Shortfall::NoTranslation || needs_translation(item.document))
                .map(|s| ShortfallBox {
                    code: s.code(),
                    ticked: typed.shortfall(n, s),
                })
                .collect(),
        })
        .collect()
}

/// The grounds for `kind` to tick, those in `ticked` ticked.
pub fn ground_boxes<'g>(
    t: Texts,
    grounds: impl Iterator<Item = &'g Ground>,
    ticked: &BTreeSet<String>,
) -> Vec<GroundBox> {
    grounds
        .map(|g| GroundBox {
            code: g.code.clone(),
            title: t.pre("ground-", &g.code),
            basis: t.pre("ground-basis-", &g.code),
            ticked: ticked.contains(&g.code),
        })
        .collect()
}

/// The applicant (line 0) and each family member, with what was typed for them.
pub fn people(
    names: &super::stage::Names<'_>,
    a: &Application,
    grounds: &[&Ground],
    typed: &Typed,
) -> Vec<PersonLine> {
    let applicant = std::iter::once(None);
    let members = a.form.members.iter().map(|m| Some(&m.id));
    applicant
        .chain(members)
        .enumerate()
        .map(|(n, member)| PersonLine {
            n,
            member: member.map(ToString::to_string).unwrap_or_default(),
            name: names.person(a, member),
            // A new protocol starts at "assign" for everyone: a refusal is the deliberate choice.
            recommendation: if typed.is_empty() {
                "assign".to_owned()
            } else {
                typed.recommendation(n).0.to_owned()
            },
            reason: typed.recommendation(n).1.to_owned(),
            refuse: typed.refuses(n),
            grounds: ground_boxes(names.t, grounds.iter().copied(), typed.member_grounds(n)),
            comment: typed.member_comment(n).to_owned(),
        })
        .collect()
}
