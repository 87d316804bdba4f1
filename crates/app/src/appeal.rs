//! The ways to appeal a refusal of a case: the routes of `domain::appeal` open against the body
//! that refused (the local executive body, or the desk that refused to accept a package), with
//! the last day to file under the case's rule set, and their words for the PDFs.

use jiff::civil::Date;
use kandas_documents::input::{AppealLine, Bilingual};
use kandas_domain::appeal::Appeal;
use kandas_domain::application::Application;
use kandas_domain::office::OfficeCode;

use crate::error::AppError;
use crate::service::Service;

/// The routes open against a refusal of `application` by `office` on `on`: the complaint period
/// is the rule set's the case was registered under (or, never registered, the one in force).
pub fn appeals_against(
    service: &Service,
    application: &Application,
    office: &OfficeCode,
    on: Date,
) -> Result<Vec<Appeal>, AppError> {
    let rules = match application.status.registration() {
        Some(r) => service
            .rules
            .by_id(&r.deadline.rule_set)
            .map_err(AppError::internal)?,
        None => service.rules.in_force(on).map_err(AppError::internal)?,
    };
    service
        .appeals
        .for_decision(office.kind(), on, &rules.appeal)
        .map_err(AppError::internal)
}

/// The routes worded in Kazakh and Russian for a document of `office`.
pub fn appeal_lines(appeals: &[Appeal], office: &OfficeCode) -> Vec<AppealLine> {
    let names = [
        kandas_i18n::office_name("kk", office),
        kandas_i18n::office_name("ru", office),
    ];
    appeals
        .iter()
        .map(|appeal| {
            let kk = kandas_i18n::appeal_text("kk", appeal, &names[0]);
            let ru = kandas_i18n::appeal_text("ru", appeal, &names[1]);
            AppealLine {
                title: Bilingual::new(kk.title, ru.title),
                text: Bilingual::new(kk.text, ru.text),
                legal_basis: Bilingual::new(kk.legal_basis, ru.legal_basis),
            }
        })
        .collect()
}
