//! The kandas certificate.

use kandas_documents::inspect;

use crate::fixtures;
use crate::{assert_has, assert_pdf_a, text_of};

#[test]
fn the_certificate_names_the_holder_in_both_scripts_with_dates_and_a_verifying_qr_code() {
    let pdf = kandas_documents::certificate(&fixtures::certificate(2)).unwrap();
    assert_pdf_a(&pdf);
    let text = text_of(&pdf);
    assert_has(
        &text,
        &[
            "ҚАНДАС КУӘЛІГІ",
            "УДОСТОВЕРЕНИЕ КАНДАСА",
            "№ KC-2026-000001",
            "Әбілқасымова Гүлнұр Өмірзаққызы",
            "ABILKASSYMOVA GULNUR",
            "1985 жылғы 8 наурыз",
            "8 марта 1985 г.",
            "850308400123",
            "Моңғолия",
            "Монголия",
            "2026 жылғы 1 желтоқсан",
            "1 декабря 2026 г.",
            "2027 жылғы 1 желтоқсан",
            "Түркістан облысы әкімдігінің Көші-қон бөлімі",
            "Әбілқасымов Ерғали Серікұлы",
            "Әбілқасымова Һадиса Ерғалиқызы",
            "ЖСН / ИИН: —",
            fixtures::VERIFY_URL,
            "Тексеру коды",
            "Код проверки",
            fixtures::CODE,
        ],
    );
    // The QR code carries the seal; the printed address is the live page only.
    assert_eq!(inspect::qr_codes(&pdf).unwrap(), [fixtures::SEALED_URL]);
    assert!(!text.contains('#'), "{text}");
    assert_eq!(inspect::page_count(&pdf).unwrap(), 1);
}

#[test]
fn a_family_of_twelve_flows_onto_a_second_page_with_nobody_cut_off() {
    let certificate = fixtures::certificate(12);
    let pdf = kandas_documents::certificate(&certificate).unwrap();
    assert!(inspect::page_count(&pdf).unwrap() >= 2);
    let text = text_of(&pdf);
    for member in &certificate.members {
        assert_has(&text, &[&member.name_cyrillic, &member.name_latin]);
    }
    assert_has(&text, &["KC-2026-000001 · 1 / 2", "KC-2026-000001 · 2 / 2"]);
    assert_eq!(inspect::qr_codes(&pdf).unwrap(), [fixtures::SEALED_URL]);
}

#[test]
fn the_same_certificate_gives_the_same_bytes() {
    let certificate = fixtures::certificate(1);
    assert_eq!(
        kandas_documents::certificate(&certificate).unwrap(),
        kandas_documents::certificate(&certificate).unwrap()
    );
}

#[test]
fn the_sealed_qr_code_reads_back_whatever_the_length_of_the_seal() {
    // Longer names make a longer seal and a larger code; its modules keep their size.
    let (_, seal) = fixtures::SEALED_URL.split_once('#').unwrap();
    for extra in [0, 45, 110, 180, 260] {
        let filler: String = seal.chars().rev().cycle().take(extra).collect();
        let mut certificate = fixtures::certificate(1);
        certificate.verify_url = format!("{}{filler}", fixtures::SEALED_URL);
        let pdf = kandas_documents::certificate(&certificate).unwrap();
        assert_eq!(
            inspect::qr_codes(&pdf).unwrap(),
            [certificate.verify_url.clone()],
            "{} characters",
            certificate.verify_url.len()
        );
    }
}
