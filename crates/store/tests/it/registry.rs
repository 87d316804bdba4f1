//! The local registry adapter and its import.

use jiff::civil::date;
use kandas_app::error::Chain;
use kandas_app::ports::registry::{RegisteredCertificate, Registry};
use kandas_app::ports::store::StoreError;
use kandas_domain::iin::Sex;
use kandas_domain::numbers::CertificateNumber;
use kandas_domain::phone::PhoneNumber;
use kandas_store::{ImportSummary, RegistryImport, SqlStore};

use crate::harness::iin;

conformance!(
    an_import_is_read_back,
    a_bad_record_is_named_and_nothing_is_written
);

pub(crate) const EXTRACT: &str = r#"{
  "persons": [
    {"iin": "931002451325", "surname": "Әбілқасымова", "given_name": "Айгүл",
     "patronymic": "Серікқызы", "surname_latin": "ABILKASSYMOVA", "given_name_latin": "AIGUL",
     "birth_date": "1993-10-02", "sex": "female", "citizenship": "chn", "nationality": "kazakh",
     "phone": "8 701 123 45 67"},
    {"iin": "900101300811", "surname": "Серік", "given_name": "Болат",
     "surname_latin": "SERIK", "given_name_latin": "BOLAT", "birth_date": "1990-01-01",
     "sex": "male", "citizenship": "MNG", "nationality": "kazakh"}
  ],
  "certificates": [
    {"number": "KC-2025-000001", "holder": "931002451325", "issued_on": "2025-03-01",
     "valid_until": "2026-03-01", "issuer": "leb-astana"},
    {"number": "KC-2025-000007", "holder": "931002451325", "issued_on": "2025-09-01",
     "valid_until": "2026-09-01", "extended": true, "issuer": "leb-astana"}
  ],
  "consents": [{"iin": "900101300811", "number": "17-2025", "issued_on": "2025-01-15"}]
}"#;

async fn an_import_is_read_back(s: &SqlStore) {
    let data: RegistryImport = serde_json::from_str(EXTRACT).unwrap();
    let summary = s.import_registry(&data).await.unwrap();
    let expected = ImportSummary {
        persons: 2,
        phones: 1,
        certificates: 2,
        consents: 1,
    };
    assert_eq!(summary, expected);
    assert_eq!(
        s.import_registry(&data).await.unwrap(),
        expected,
        "importing again updates"
    );

    let p = s.person(&iin(0)).await.unwrap().unwrap();
    assert_eq!(p.name.display(), "Әбілқасымова Айгүл Серікқызы");
    assert_eq!(p.name_latin.display(), "ABILKASSYMOVA AIGUL");
    assert_eq!((p.birth_date, p.sex), (date(1993, 10, 2), Sex::Female));
    assert_eq!(
        (p.citizenship.as_str(), p.nationality.as_str()),
        ("CHN", "kazakh")
    );
    let q = s.person(&iin(1)).await.unwrap().unwrap();
    assert_eq!(q.name.patronymic, None);
    assert_eq!(s.person(&iin(2)).await.unwrap(), None);
    // A list asks once: those the registry has, each once, the unknown one left out.
    let mut many = s.persons(&[iin(1), iin(2), iin(0)]).await.unwrap();
    many.sort_by(|a, b| a.iin.cmp(&b.iin));
    let mut both = vec![p.clone(), q.clone()];
    both.sort_by(|a, b| a.iin.cmp(&b.iin));
    assert_eq!(many, both);
    assert_eq!(s.persons(&[]).await.unwrap(), vec![]);

    assert_eq!(
        s.mobile_phone(&iin(0)).await.unwrap(),
        Some(PhoneNumber::parse("+77011234567").unwrap())
    );
    assert_eq!(s.mobile_phone(&iin(1)).await.unwrap(), None);

    let latest = RegisteredCertificate {
        number: CertificateNumber::parse("KC-2025-000007").unwrap(),
        holder: iin(0),
        issued_on: date(2025, 9, 1),
        valid_until: date(2026, 9, 1),
        extensions: 1,
        issuer: "leb-astana".into(),
    };
    assert_eq!(s.certificate(&iin(0)).await.unwrap(), Some(latest));
    assert_eq!(s.certificate(&iin(1)).await.unwrap(), None);

    assert!(s.consent_decision(&iin(1)).await.unwrap());
    assert!(!s.consent_decision(&iin(0)).await.unwrap());
}

async fn a_bad_record_is_named_and_nothing_is_written(s: &SqlStore) {
    let mut data: RegistryImport = serde_json::from_str(EXTRACT).unwrap();
    data.persons[1].iin = "900101300812".into();
    match s.import_registry(&data).await {
        Err(StoreError::Corrupt(cause)) => {
            let msg = Chain(&*cause).to_string();
            assert!(msg.starts_with("persons[1].iin: "), "{msg}");
        }
        other => panic!("expected the bad record, got {other:?}"),
    }
    let mut data: RegistryImport = serde_json::from_str(EXTRACT).unwrap();
    data.persons[0].surname_latin = "Әбіл".into();
    assert!(
        matches!(s.import_registry(&data).await, Err(StoreError::Corrupt(m)) if Chain(&*m).to_string().starts_with("persons[0].surname_latin: "))
    );
    let mut data: RegistryImport = serde_json::from_str(EXTRACT).unwrap();
    data.certificates[1].valid_until = "01.09.2026".into();
    assert!(
        matches!(s.import_registry(&data).await, Err(StoreError::Corrupt(m)) if Chain(&*m).to_string().starts_with("certificates[1].valid_until: "))
    );
    let mut data: RegistryImport = serde_json::from_str(EXTRACT).unwrap();
    data.persons[0].phone = Some("+79161234567".into());
    assert!(
        matches!(s.import_registry(&data).await, Err(StoreError::Corrupt(m)) if Chain(&*m).to_string().starts_with("persons[0].phone: "))
    );
    assert_eq!(
        s.person(&iin(0)).await.unwrap(),
        None,
        "nothing was written"
    );
    assert!(
        serde_json::from_str::<RegistryImport>(r#"{"people": []}"#).is_err(),
        "unknown fields are refused"
    );
}
