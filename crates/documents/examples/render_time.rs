//! How long one kandas certificate takes to render (a holder and three family members):
//! `cargo run --release -p kandas-documents --example render_time`. Prints, asserts nothing.

use std::time::{Duration, Instant};

use jiff::civil::date;
use kandas_documents::{Bilingual, Certificate, Holder, PdfError};

const RUNS: u32 = 50;

fn person(name: &str, latin: &str, iin: Option<&str>) -> Holder {
    Holder {
        name_cyrillic: name.into(),
        name_latin: latin.into(),
        birth_date: date(1985, 3, 8),
        iin: iin.map(Into::into),
        country: Bilingual::new("Моңғолия", "Монголия"),
    }
}

fn main() -> Result<(), PdfError> {
    let certificate = Certificate {
        number: "KC-2026-000001".into(),
        issued_on: date(2026, 12, 1),
        valid_until: date(2027, 12, 1),
        holder: person(
            "Әбілқасымова Гүлнұр Өмірзаққызы",
            "ABILKASSYMOVA GULNUR",
            Some("850308400123"),
        ),
        members: vec![
            person(
                "Әбілқасымов Ерғали Серікұлы",
                "ABILKASSYMOV YERGALI",
                Some("820101300127"),
            ),
            person(
                "Әбілқасымова Һадиса Ерғалиқызы",
                "ABILKASSYMOVA KHADISSA",
                None,
            ),
            person(
                "Әбілқасымов Нұрсұлтан Ерғалиұлы",
                "ABILKASSYMOV NURSULTAN",
                None,
            ),
        ],
        issuer: Bilingual::new(
            "Түркістан облысы әкімдігінің Көші-қон бөлімі",
            "Отдел миграции акимата Туркестанской области",
        ),
        verify_url: "https://kandas.egov.kz/verify/KC-2026-000001".into(),
        code: "31300 10566".into(),
    };
    // The first render also reads the fonts' tables for the first time.
    let started = Instant::now();
    let bytes = kandas_documents::certificate(&certificate)?.len();
    let first = started.elapsed();
    let mut fastest = Duration::MAX;
    let started = Instant::now();
    for _ in 0..RUNS {
        let one = Instant::now();
        kandas_documents::certificate(&certificate)?;
        fastest = fastest.min(one.elapsed());
    }
    let mean = started.elapsed() / RUNS;
    println!(
        "certificate ({bytes} bytes): first {first:.2?}, then mean {mean:.2?}, fastest {fastest:.2?} over {RUNS} runs"
    );
    Ok(())
}
