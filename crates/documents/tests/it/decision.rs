//! Decisions: the extension, and the refusal with grounds and the way to appeal.

use kandas_documents::inspect;

use crate::fixtures;
use crate::{assert_has, assert_pdf_a, text_of};

#[test]
fn the_extension_decision_names_the_certificate_and_the_new_date() {
    let decision = fixtures::extension();
    let pdf = kandas_documents::decision(&decision).unwrap();
    assert_pdf_a(&pdf);
    let text = text_of(&pdf);
    assert_has(
        &text,
        &[
            "ҚАНДАС МӘРТЕБЕСІН ҰЗАРТУ ТУРАЛЫ ШЕШІМ",
            "РЕШЕНИЕ О ПРОДЛЕНИИ СТАТУСА КАНДАСА",
            "KND-2026-000003",
            "2026 жылғы 17 тамыз",
            "17 августа 2026 г.",
            "KC-2025-000417 нөмірлі куәлік бойынша қандас мәртебесі бір рет ұзартылды.",
            "Статус кандаса по удостоверению № KC-2025-000417 продлен однократно.",
            "2027 жылғы 17 ақпан",
            "17 февраля 2027 г.",
            "Әбілқасымова Гүлнұр Өмірзаққызы",
        ],
    );
    assert!(
        !text.contains("Шағымдану"),
        "an extension has no appeal section"
    );
    assert_eq!(inspect::qr_codes(&pdf).unwrap(), [decision.status_url]);
}

#[test]
fn the_refusal_decision_gives_grounds_the_explanation_and_how_to_appeal() {
    let comment =
        "Ұсынылған туу туралы куәліктегі мәліметтер тізілім деректерімен сәйкес келмейді.";
    let decision = fixtures::refusal_decision(comment);
    let pdf = kandas_documents::decision(&decision).unwrap();
    assert_pdf_a(&pdf);
    let text = text_of(&pdf);
    assert_has(
        &text,
        &[
            "МЕМЛЕКЕТТІК ҚЫЗМЕТ КӨРСЕТУДЕН БАС ТАРТУ ТУРАЛЫ ШЕШІМ",
            "РЕШЕНИЕ ОБ ОТКАЗЕ В ОКАЗАНИИ ГОСУДАРСТВЕННОЙ УСЛУГИ",
            "2026 жылғы 30 қыркүйек",
            "30 сентября 2026 г.",
            "Бас тарту негіздері / Основания для отказа",
            "Ұсынылған құжаттардың дәйексіздігі анықталды",
            "Установлена недостоверность представленных документов",
            "Құқықтық негізі: Мемлекеттік көрсетілетін қызмет қағидаларының 9-тармағы",
            "Правовое основание: Пункт 9 Правил оказания государственной услуги",
            comment,
            "Шағымдану тәртібі / Порядок обжалования",
            "Әкімшілік рәсімдік-процестік кодексінде",
            "үш ай ішінде",
            "Административным процедурно-процессуальным кодексом",
            "в течение трёх месяцев",
        ],
    );
    assert_eq!(inspect::qr_codes(&pdf).unwrap(), [decision.status_url]);
}
