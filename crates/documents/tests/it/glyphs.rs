//! Every Kazakh and Russian letter survives the trip through the PDF; a character the font
//! lacks stops the document instead of printing an empty box.

use kandas_documents::PdfError;

use crate::fixtures;
use crate::{squeezed, text_of};

/// The Kazakh Cyrillic alphabet (which holds the Russian one), both cases, and the signs
/// official documents use.
const EVERY_LETTER: &str = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ \
аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя № 5 000 ₸ «тырнақша» — сызықша";

#[test]
fn every_letter_comes_back_out_of_the_text_unchanged() {
    let pdf = kandas_documents::decision(&fixtures::refusal_decision(EVERY_LETTER)).unwrap();
    let text = text_of(&pdf);
    assert!(text.contains(&squeezed(EVERY_LETTER)), "{text}");
    // Within a line nothing is added or lost: every word comes back whole.
    let raw = kandas_documents::inspect::text(&pdf).unwrap();
    for word in EVERY_LETTER.split(' ') {
        assert!(raw.contains(word), "{word:?} is not in:\n{raw}");
    }

    let mut receipt = fixtures::intake();
    receipt.applicant_name = "Ёлкин Һәкімжан Ұлықбекұлы".into();
    let text = text_of(&kandas_documents::intake_receipt(&receipt).unwrap());
    assert!(text.contains("Ёлкин Һәкімжан Ұлықбекұлы"), "{text}");
}

#[test]
fn a_character_without_a_glyph_is_an_error_not_an_empty_box() {
    let mut receipt = fixtures::intake();
    receipt.applicant_name = "Ли Мин 李明".into();
    assert_eq!(
        kandas_documents::intake_receipt(&receipt),
        Err(PdfError::MissingGlyph('李'))
    );

    let decision = fixtures::refusal_decision("Құжат жоқ 🙂");
    assert_eq!(
        kandas_documents::decision(&decision),
        Err(PdfError::MissingGlyph('🙂'))
    );

    let mut certificate = fixtures::certificate(1);
    certificate.members[0].name_latin = "ZHANG 张".into();
    assert_eq!(
        kandas_documents::certificate(&certificate),
        Err(PdfError::MissingGlyph('张'))
    );
}
