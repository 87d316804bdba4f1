//! The kandas certificate: the holder in Cyrillic and Latin letters, the family members it
//! covers, the dates, the issuer, and a QR code to verify it.

use crate::PdfError;
use crate::block::Style;
use crate::flow::Flow;
use crate::fonts::Fonts;
use crate::input::{Certificate, Holder};
use crate::labels::{date, label, slashed};
use crate::render::{Info, write};
use crate::sections::{
    check_code, field, field_bilingual, heading, item, letterhead, qr_by_module, title,
};

/// The module of the certificate's QR code, points: 1.5 pt is 0.53 mm, which a phone reads from
/// a printout at arm's length. The code carries the signed seal (some 350–450 characters), so
/// it comes out about 43–48 mm wide. A whole number of half points also puts every module edge
/// on the pixel grid of a 144 dpi rendering, where the test's decoder needs it.
const SEALED_QR_MODULE: f32 = 1.5;

/// What stands for a missing IIN.
pub(crate) const NO_IIN: &str = "—";

/// The kandas certificate, as a PDF.
pub fn certificate(certificate: &Certificate) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut flow = Flow::new(&fonts);
    let name = label("pdf-certificate-title");
    letterhead(&mut flow, &certificate.issuer)?;
    title(&mut flow, &name, Some(&certificate.number))?;
    holder_fields(&mut flow, &certificate.holder)?;
    field_bilingual(
        &mut flow,
        &label("pdf-issued-on"),
        &date(certificate.issued_on),
    )?;
    field_bilingual(
        &mut flow,
        &label("pdf-valid-until"),
        &date(certificate.valid_until),
    )?;
    field_bilingual(&mut flow, &label("pdf-issuer"), &certificate.issuer)?;

    if !certificate.members.is_empty() {
        heading(&mut flow, &label("pdf-members"))?;
        for (index, member) in certificate.members.iter().enumerate() {
            member_item(&mut flow, index + 1, member)?;
        }
    }

    flow.together(|flow| {
        qr_by_module(
            flow,
            &certificate.verify_url,
            &label("pdf-verify-qr"),
            SEALED_QR_MODULE,
        )?;
        check_code(flow, &label("pdf-check-code"), &certificate.code)
    })?;

    let pages = flow.finish(&certificate.number)?;
    let info = Info {
        title: format!("{} № {}", slashed(&name), certificate.number),
        date: certificate.issued_on,
    };
    write(&pages, &fonts, &info)
}

/// The rows about a person: names, date of birth, IIN, country.
pub(crate) fn holder_fields(flow: &mut Flow<'_>, holder: &Holder) -> Result<(), PdfError> {
    field(flow, &label("pdf-name-cyrillic"), &[&holder.name_cyrillic])?;
    field(flow, &label("pdf-name-latin"), &[&holder.name_latin])?;
    field_bilingual(flow, &label("pdf-birth-date"), &date(holder.birth_date))?;
    field(
        flow,
        &label("pdf-iin"),
        &[holder.iin.as_deref().unwrap_or(NO_IIN)],
    )?;
    field_bilingual(flow, &label("pdf-country-of-origin"), &holder.country)
}

/// A family member as a numbered item.
fn member_item(flow: &mut Flow<'_>, number: usize, member: &Holder) -> Result<(), PdfError> {
    let born = date(member.birth_date);
    let born = format!(
        "{}: {} / {}",
        slashed(&label("pdf-birth-date")),
        born.kk,
        born.ru
    );
    let iin = format!(
        "{}: {}",
        slashed(&label("pdf-iin")),
        member.iin.as_deref().unwrap_or(NO_IIN)
    );
    let country = format!(
        "{}: {}",
        slashed(&label("pdf-country-of-origin")),
        slashed(&member.country)
    );
    item(
        flow,
        number,
        &[
            (&member.name_cyrillic, Style::STRONG),
            (&member.name_latin, Style::BODY),
            (&born, Style::SMALL),
            (&iin, Style::SMALL),
            (&country, Style::SMALL),
        ],
    )
}
