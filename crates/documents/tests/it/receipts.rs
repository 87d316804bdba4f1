//! The receipts of acceptance and of refusal to accept documents.

use kandas_documents::inspect;

use crate::fixtures;
use crate::{assert_has, assert_pdf_a, text_of};

#[test]
fn the_intake_receipt_lists_what_was_taken_and_obtained_and_links_the_status() {
    let pdf = kandas_documents::intake_receipt(&fixtures::intake()).unwrap();
    assert_pdf_a(&pdf);
    let text = text_of(&pdf);
    assert_has(
        &text,
        &[
            "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ",
            "РЕСПУБЛИКА КАЗАХСТАН",
            "ҚҰЖАТТАРДЫ ҚАБЫЛДАҒАНЫ ТУРАЛЫ ҚОЛХАТ",
            "РАСПИСКА О ПРИЕМЕ ДОКУМЕНТОВ",
            "№ KND-2026-000001",
            "2026 жылғы 26 қараша",
            "26 ноября 2026 г.",
            "2027 жылғы 14 қаңтар",
            "14 января 2027 г.",
            "Әбілқасымова Гүлнұр Өмірзаққызы",
            "850308400123",
            "Өмірбаян (еркін нысанда)",
            "Автобиография (в произвольной форме)",
            "түпнұсқасы қабылданды / принят оригинал",
            "Әбілқасымова Һадиса Ерғалиқызы",
            "принята копия, оригинал возвращен заявителю",
            "Жеке басын куәландыратын құжат",
            "«Жеке тұлғалар» мемлекеттік дерекқоры",
            "государственная база данных «Физические лица»",
            "Сейітқазиева Ақбөпе",
            "Отдел миграции акимата Туркестанской области",
            fixtures::STATUS_URL,
        ],
    );
    assert_eq!(inspect::qr_codes(&pdf).unwrap(), [fixtures::STATUS_URL]);
}

#[test]
fn the_refusal_receipt_says_what_is_missing_and_that_nothing_was_sent_on() {
    let receipt = fixtures::refusal();
    let pdf = kandas_documents::refusal_receipt(&receipt).unwrap();
    assert_pdf_a(&pdf);
    let text = text_of(&pdf);
    assert_has(
        &text,
        &[
            "ҚҰЖАТТАРДЫ ҚАБЫЛДАУДАН БАС ТАРТУ ТУРАЛЫ ҚОЛХАТ",
            "РАСПИСКА ОБ ОТКАЗЕ В ПРИЕМЕ ДОКУМЕНТОВ",
            "№ KND-2026-000002",
            "2026 жылғы 4 мамыр",
            "4 мая 2026 г.",
            "Қандас мәртебесін ұзарту",
            "Продление статуса кандаса",
            "түпнұсқасы ұсынылмады / оригинал не представлен",
            "көшірмесі ұсынылмады / копия не представлена",
            "нотариат куәландырған аудармасы жоқ",
            "нет нотариально засвидетельствованного перевода",
            "құжаттың қолданылу мерзімі өтіп кеткен / истек срок действия документа",
            "электрондық көшірмесі (сканері) тіркелмеген",
            "Әбілқасымов Ерғали Серікұлы",
            "Құжаттар жергілікті атқарушы органға жіберілген жоқ.",
            "Документы в местный исполнительный орган не направлялись.",
            "Шағымдану тәртібі / Порядок обжалования",
            "Жалоба на имя руководителя отдела (филиала) Государственной корпорации, отказавшего в приёме (Филиал Государственной корпорации «Правительство для граждан» по городу Шымкент)",
            "Иск в суд",
            &receipt.status_url,
        ],
    );
    assert_eq!(inspect::qr_codes(&pdf).unwrap(), [receipt.status_url]);
}

#[test]
fn the_refusal_at_the_completeness_check_keeps_the_registration_and_says_nothing_was_decided() {
    let receipt = fixtures::refusal_at_check();
    let pdf = kandas_documents::refusal_receipt(&receipt).unwrap();
    assert_pdf_a(&pdf);
    let text = text_of(&pdf);
    assert_has(
        &text,
        &[
            "РАСПИСКА ОБ ОТКАЗЕ В ПРИЕМЕ ДОКУМЕНТОВ",
            "Өтініш тіркелген күн 2026 жылғы 4 мамыр Заявление зарегистрировано 4 мая 2026 г.",
            "Срок оказания услуги (до) 8 мая 2026 г.",
            "5 мая 2026 г.",
            "При проверке полноты документов местный исполнительный орган не принял заявление к рассмотрению",
            "По существу решение не принималось.",
            "Мәні бойынша шешім қабылданған жоқ.",
            "Жалоба на имя руководителя органа, принявшего решение (Отдел миграции акимата Туркестанской области)",
            "по 5 августа 2026 г. включительно",
            "Только после досудебного обжалования",
            "Полноту документов проверил Отдел миграции акимата Туркестанской области",
            &receipt.status_url,
        ],
    );
    assert!(
        !text.contains("не направлялись"),
        "it was registered: {text}"
    );
    assert!(
        !text.contains("Подпись заявителя"),
        "an electronic receipt: {text}"
    );
    assert_eq!(inspect::qr_codes(&pdf).unwrap(), [receipt.status_url]);
}

#[test]
fn a_receipt_without_registry_documents_leaves_that_section_out() {
    let mut receipt = fixtures::intake();
    receipt.registry_documents.clear();
    let text = text_of(&kandas_documents::intake_receipt(&receipt).unwrap());
    assert!(
        !text.contains("Мемлекеттік ақпараттық жүйелерден"),
        "{text}"
    );
    assert_has(&text, &["Қабылданған құжаттар / Принятые документы"]);
}

#[test]
fn the_closing_of_a_receipt_moves_to_the_next_page_whole() {
    // However long the list, the employee, the QR code and the signature lines share a page.
    for lines in 3..12 {
        let mut receipt = fixtures::refusal();
        receipt.missing = (0..lines)
            .map(|i| receipt.missing[i % receipt.missing.len()].clone())
            .collect();
        let pdf = kandas_documents::refusal_receipt(&receipt).unwrap();
        let text = inspect::text(&pdf).unwrap();
        let pages = inspect::page_count(&pdf).unwrap();
        let last_page = match text.rfind(&format!("· {} / {pages}", pages - 1)) {
            Some(at) => &text[at..],
            None => &text[..],
        };
        assert_has(
            last_page,
            &[
                "Сейітқазиева Ақбөпе",
                &receipt.status_url,
                "Подпись заявителя",
            ],
        );
    }
}
