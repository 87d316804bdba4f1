//! The way to appeal at the end of every refusal: the pre-trial procedure first, each route with
//! how and by when to file and its legal basis, the court last and only after the complaint.

use crate::PdfError;
use crate::block::Style;
use crate::flow::Flow;
use crate::input::AppealLine;
use crate::labels::label;
use crate::sections::{heading, item, paragraphs};

/// The appeal section; nothing when there are no routes.
pub(crate) fn appeal(flow: &mut Flow<'_>, routes: &[AppealLine]) -> Result<(), PdfError> {
    if routes.is_empty() {
        return Ok(());
    }
    heading(flow, &label("pdf-appeal-title"))?;
    paragraphs(flow, &label("pdf-appeal"), Style::BODY)?;
    let basis = label("pdf-legal-basis");
    for (index, route) in routes.iter().enumerate() {
        let kk = format!("{}: {}", basis.kk, route.legal_basis.kk);
        let ru = format!("{}: {}", basis.ru, route.legal_basis.ru);
        item(
            flow,
            index + 1,
            &[
                (&route.title.kk, Style::STRONG),
                (&route.text.kk, Style::BODY),
                (&route.title.ru, Style::STRONG),
                (&route.text.ru, Style::BODY),
                (&kk, Style::SMALL),
                (&ru, Style::SMALL),
            ],
        )?;
    }
    Ok(())
}
