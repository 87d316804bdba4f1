//! Parsing the form: round trips and the paths of field errors.
use super::*;

fn ids() -> impl FnMut() -> MemberId {
    let mut n = 0u32;
    move || {
        n += 1;
        MemberId::parse(&format!("00000000-0000-4000-8000-{n:012}")).unwrap()
    }
}

fn child() -> MemberInput {
    MemberInput {
        kinship: "child".into(),
        surname: "Серікқызы".into(),
        given_name: "Әйгерім".into(),
        surname_latin: "SERIKKYZY".into(),
        given_name_latin: "AIGERIM".into(),
        birth_date: "2015-04-02".into(),
        citizenship: "CHN".into(),
        document: DocumentInput {
            kind: "birth_certificate".into(),
            number: "G1234".into(),
            issued_by: "Ili".into(),
            expires_on: String::new(),
        },
        ..MemberInput::default()
    }
}

#[test]
fn a_full_form_parses_and_round_trips() {
    let input = FormInput {
        region: "astana".into(),
        country_of_origin: "chn".into(),
        education: "higher".into(),
        address: "Астана, Мәңгілік Ел 8".into(),
        members: vec![child(), child()],
        ..FormInput::default()
    };
    let form = input.parse(&mut ids()).unwrap();
    assert_eq!(form.members.len(), 2);
    assert_ne!(form.members[0].id, form.members[1].id);
    assert!(form.missing_for_signing().is_empty());
    assert_eq!(form.to_input().parse(&mut ids()).unwrap(), form);
}

#[test]
fn every_bad_field_is_reported_with_its_path() {
    let mut bad = child();
    bad.surname = "Smith".into();
    bad.birth_date = "2015-02-30".into();
    let input = FormInput {
        region: "mars".into(),
        country_of_origin: "KAZ".into(),
        members: vec![bad],
        ..FormInput::default()
    };
    let errors = input.parse(&mut ids()).unwrap_err();
    let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        fields,
        vec![
            ("region", "field.choice"),
            ("country_of_origin", "field.origin-kazakhstan"),
            ("members[0].surname", "field.not-cyrillic"),
            ("members[0].birth_date", "field.date"),
        ]
    );
}

#[test]
fn an_empty_draft_is_fine_but_not_signable() {
    let form = FormInput::default().parse(&mut ids()).unwrap();
    assert_eq!(form.missing_for_signing().len(), 4);
}
