//! The protocol of the commission's sitting: who sat, what it recommends for whom, the video
//! record, and a long commission running onto a second page.

use jiff::civil::date;
use kandas_documents::{Bilingual, Protocol, ProtocolLine, Recommendation, inspect};
use kandas_domain::application::Kind;

use crate::fixtures;
use crate::{assert_has, assert_pdf_a, text_of};

const STATUS_URL: &str = "https://kandas.egov.kz/status/KND-2026-000005?key=abc";

fn sha256() -> String {
    "0123456789abcdef".repeat(4)
}

fn line(person: &str, role: (&str, &str), recommendation: Recommendation) -> ProtocolLine {
    ProtocolLine {
        person: person.into(),
        role: Bilingual::new(role.0, role.1),
        recommendation,
        reason: match recommendation {
            Recommendation::Assign => String::new(),
            Recommendation::Refuse => "Қазақ ұлтына жататыны расталмады".into(),
        },
    }
}

fn protocol() -> Protocol {
    Protocol {
        number: "П-7".into(),
        application_number: "KND-2026-000005".into(),
        kind: Kind::Assignment,
        sat_on: date(2026, 11, 26),
        sat_at_time: "10:30".into(),
        issuer: fixtures::leb(),
        members: vec![
            "Сейітқазиева Ақбөпе Нұрланқызы".into(),
            "Жұмабеков Ерлан Қайратұлы".into(),
            "Өтегенова Гүлшат Әбдіқадырқызы".into(),
        ],
        recommendations: vec![
            line(
                "Әбілқасымова Гүлнұр Өмірзаққызы",
                ("Өтініш беруші", "Заявитель"),
                Recommendation::Assign,
            ),
            line(
                "Әбілқасымов Ерғали Серікұлы",
                ("Жұбайы", "Супруг(а)"),
                Recommendation::Refuse,
            ),
        ],
        video_reference: "archive://leb-turkistan/2026/П-7.mp4".into(),
        video_sha256: sha256(),
        status_url: STATUS_URL.into(),
    }
}

#[test]
fn the_protocol_names_the_sitting_its_members_the_recommendations_and_the_video() {
    let protocol = protocol();
    let pdf = kandas_documents::protocol(&protocol).unwrap();
    assert_pdf_a(&pdf);
    let text = text_of(&pdf);
    assert_has(
        &text,
        &[
            "КОМИССИЯ ОТЫРЫСЫНЫҢ ХАТТАМАСЫ",
            "ПРОТОКОЛ ЗАСЕДАНИЯ КОМИССИИ",
            "№ П-7",
            "KND-2026-000005",
            "Қандас мәртебесін беру",
            "2026 жылғы 26 қараша, 10:30",
            "26 ноября 2026 г., 10:30",
            "Түркістан облысы әкімдігінің Көші-қон",
            "Сейітқазиева Ақбөпе Нұрланқызы",
            "Жұмабеков Ерлан Қайратұлы",
            "Өтегенова Гүлшат Әбдіқадырқызы",
            "Әбілқасымова Гүлнұр Өмірзаққызы",
            "Өтініш беруші / Заявитель",
            "Ұсыным: қандас мәртебесін беру",
            "Рекомендация: присвоить статус кандаса",
            "Әбілқасымов Ерғали Серікұлы",
            "Жұбайы / Супруг(а)",
            "Ұсыным: қандас мәртебесін беруден бас тарту",
            "Рекомендация: отказать в присвоении статуса кандаса",
            "Негіздеме / Обоснование: Қазақ ұлтына жататыны расталмады",
            "Негіздеме / Обоснование: —",
            "archive://leb-turkistan/2026/П-7.mp4",
            &sha256(),
            "Комиссия төрағасы",
            "Председатель комиссии",
            "Комиссия хатшысы",
            "Секретарь комиссии",
            STATUS_URL,
        ],
    );
    assert_eq!(inspect::page_count(&pdf).unwrap(), 1);
    assert_eq!(inspect::qr_codes(&pdf).unwrap(), [STATUS_URL]);
}

#[test]
fn a_long_commission_runs_onto_a_second_page_with_the_signatures_after_the_last_line() {
    let mut protocol = protocol();
    protocol.members = (1..=12)
        .map(|n| format!("Комиссия мүшесі Қуанышбекұлы №{n}"))
        .collect();
    protocol.recommendations = (0..12)
        .map(|n| {
            let member = fixtures::member(n);
            let refuse = n % 3 == 0;
            let recommendation = if refuse {
                Recommendation::Refuse
            } else {
                Recommendation::Assign
            };
            line(&member.name_cyrillic, ("Баласы", "Ребёнок"), recommendation)
        })
        .collect();
    let pdf = kandas_documents::protocol(&protocol).unwrap();
    let pages = inspect::page_count(&pdf).unwrap();
    assert!(pages >= 2, "{pages} page(s)");
    let text = text_of(&pdf);
    assert_has(
        &text,
        &[
            "Комиссия мүшесі Қуанышбекұлы №12",
            "Әбілқасымова Ёлкин Ерғалиқызы",
            &sha256(),
            &format!("KND-2026-000005 · № П-7 · {pages} / {pages}"),
        ],
    );
    // The last recommendation comes before the video record, and the record shares the last
    // page with the signatures.
    let last = text.find("Әбілқасымова Ёлкин Ерғалиқызы").unwrap();
    let hash = text.find(&sha256()).unwrap();
    let chair = text.find("Председатель комиссии").unwrap();
    assert!(last < hash && hash < chair);
    let raw = inspect::text(&pdf).unwrap();
    let last_page = &raw[raw.rfind(&format!("· {} / {pages}", pages - 1)).unwrap()..];
    assert_has(last_page, &[&sha256(), "Секретарь комиссии"]);
    assert_eq!(inspect::qr_codes(&pdf).unwrap(), [STATUS_URL]);
}
