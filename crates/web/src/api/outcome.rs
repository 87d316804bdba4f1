//! The JSON shapes of a case's outcome: who was refused on which grounds, the refusal to accept
//! with what is missing, how to appeal, and the result documents with their SHA-256. Texts come
//! in every language the service speaks (`{kk, ru, en}`), so the answer is the same whatever the
//! client's language.

use kandas_app::applicant::outcome::{
    AppealView, RefusalToAcceptView, RefusalView, ResultDocumentView,
};
use kandas_domain::appeal::{Appeal, AppealKind};
use kandas_domain::grounds::Ground;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::codes::{
    AppealKindCode, DocumentTypeCode, KinshipCode, ResultKindCode, Sha256Hex, ShortfallCode,
};

/// Which result document to download.
#[derive(Deserialize, IntoParams, ToSchema)]
pub struct DocumentQuery {
    /// `certificate`, `extension_decision`, `refusal_decision` or `member_refusal`; the main
    /// document of the decision when absent.
    pub document: Option<String>,
}

/// A text in Kazakh, Russian and English.
#[derive(Serialize, ToSchema)]
pub struct Localized {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl Localized {
    /// The text `text` gives for each language.
    pub(crate) fn of(text: impl Fn(&str) -> String) -> Localized {
        Localized {
            kk: text("kk"),
            ru: text("ru"),
            en: text("en"),
        }
    }

    fn id(id: &str) -> Localized {
        Localized::of(|lang| kandas_i18n::text(lang, id))
    }
}

/// A ground of refusal with its legal basis.
#[derive(Serialize, ToSchema)]
pub struct GroundDto {
    /// The ground's code.
    pub code: String,
    /// What it says.
    pub title: Localized,
    /// The provisions of law it rests on.
    pub legal_basis: Localized,
}

fn ground(g: &Ground) -> GroundDto {
    GroundDto {
        code: g.code.clone(),
        title: Localized::id(&format!("ground-{}", g.code)),
        legal_basis: Localized::id(&format!("ground-basis-{}", g.code)),
    }
}

/// A person refused.
#[derive(Serialize, ToSchema)]
pub struct RefusalDto {
    /// The family member's id; absent for the applicant.
    pub member: Option<String>,
    /// The full name.
    pub name: String,
    /// The member's kinship; absent for the applicant.
    #[schema(value_type = Option<KinshipCode>)]
    pub kinship: Option<String>,
    /// The grounds.
    pub grounds: Vec<GroundDto>,
    /// The official's explanation.
    pub comment: String,
}

impl From<&RefusalView> for RefusalDto {
    fn from(r: &RefusalView) -> Self {
        RefusalDto {
            member: r.member.as_ref().map(ToString::to_string),
            name: r.name.clone(),
            kinship: r.kinship.map(|k| k.code().to_owned()),
            grounds: r.grounds.iter().map(ground).collect(),
            comment: r.comment.clone(),
        }
    }
}

/// One way to appeal.
#[derive(Serialize, ToSchema)]
pub struct AppealDto {
    /// The route's code (`higher-body`, `state-corporation`, `quality-body`, `court`).
    pub code: String,
    /// `complaint` or `court`.
    #[schema(value_type = AppealKindCode)]
    pub kind: String,
    /// Open only after the pre-trial procedure (the complaint).
    pub after_pretrial: bool,
    /// The complaint period in months from the day the applicant learned of the decision.
    pub months: Option<u32>,
    /// The last day to file counted from the decision.
    #[schema(value_type = Option<String>, format = Date)]
    pub file_by: Option<String>,
    /// How long the complaint is considered, in working days.
    pub considered_within_working_days: Option<u32>,
    /// Where the appeal goes.
    pub title: Localized,
    /// How and by when.
    pub text: Localized,
    /// The provisions of law it rests on.
    pub legal_basis: Localized,
}

fn route(appeal: &Appeal, office: &kandas_domain::office::OfficeCode) -> AppealDto {
    let text = |lang: &str| {
        kandas_i18n::appeal_text(lang, appeal, &kandas_i18n::office_name(lang, office))
    };
    AppealDto {
        code: appeal.route.code.clone(),
        kind: match appeal.route.kind {
            AppealKind::Complaint => "complaint",
            AppealKind::Court => "court",
        }
        .to_owned(),
        after_pretrial: appeal.route.after_pretrial,
        months: appeal.months,
        file_by: appeal.file_by.map(|d| d.to_string()),
        considered_within_working_days: appeal.route.considered_within_working_days,
        title: Localized::of(|lang| text(lang).title),
        text: Localized::of(|lang| text(lang).text),
        legal_basis: Localized::of(|lang| text(lang).legal_basis),
    }
}

/// The routes of an appeal view.
pub fn appeal(view: &AppealView) -> Vec<AppealDto> {
    view.routes.iter().map(|a| route(a, &view.office)).collect()
}

/// A missing line of a refusal to accept.
#[derive(Serialize, ToSchema)]
pub struct MissingDto {
    /// The document type.
    #[schema(value_type = DocumentTypeCode)]
    pub document: String,
    /// The family member's id, when it is a member's document.
    pub member: Option<String>,
    /// The member's full name.
    pub member_name: Option<String>,
    /// What is missing.
    #[schema(value_type = ShortfallCode)]
    pub shortfall: String,
    /// The document's name and what is missing, in words.
    pub text: Localized,
}

/// The refusal to accept.
#[derive(Serialize, ToSchema)]
pub struct RefusalToAcceptDto {
    /// When.
    #[schema(format = DateTime)]
    pub at: String,
    /// What is missing.
    pub missing: Vec<MissingDto>,
    /// How to appeal.
    pub appeal: Vec<AppealDto>,
}

impl From<&RefusalToAcceptView> for RefusalToAcceptDto {
    fn from(r: &RefusalToAcceptView) -> Self {
        let missing = r
            .missing
            .iter()
            .map(|m| MissingDto {
                document: m.document.code().to_owned(),
                member: m.member.as_ref().map(ToString::to_string),
                member_name: m.member_name.clone(),
                shortfall: m.shortfall.code().to_owned(),
                text: Localized::of(|lang| {
                    let document = kandas_i18n::text(lang, &format!("doc-{}", m.document.code()));
                    let shortfall =
                        kandas_i18n::text(lang, &format!("pdf-shortfall-{}", m.shortfall.code()));
                    format!("{document} — {shortfall}")
                }),
            })
            .collect();
        RefusalToAcceptDto {
            at: r.at.to_string(),
            missing,
            appeal: r.appeal.as_ref().map(appeal).unwrap_or_default(),
        }
    }
}

/// A result document of the decision.
#[derive(Serialize, ToSchema)]
pub struct ResultDocumentDto {
    /// The kind of document.
    #[schema(value_type = ResultKindCode)]
    pub kind: String,
    /// The file name, once stored.
    pub file_name: Option<String>,
    /// SHA-256 of the stored file, hex; the download answers it as its `ETag`.
    #[schema(value_type = Option<Sha256Hex>)]
    pub sha256: Option<String>,
    /// Where to download it.
    pub url: String,
}

impl From<&ResultDocumentView> for ResultDocumentDto {
    fn from(d: &ResultDocumentView) -> Self {
        ResultDocumentDto {
            kind: d.kind.code().to_owned(),
            file_name: d.file_name.clone(),
            sha256: d.sha256.clone(),
            url: d.url.clone(),
        }
    }
}
