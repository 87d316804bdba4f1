//! Parsing the form: round trips and the paths of field errors.
use super::*;

/// The day the tests are "today" in Kazakhstan.
const TODAY: Date = Date::constant(2026, 11, 25);

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
    let form = input.parse(TODAY, &mut ids()).unwrap();
    assert_eq!(form.members.len(), 2);
    assert_ne!(form.members[0].id, form.members[1].id);
    assert!(form.missing_for_signing().is_empty());
    assert_eq!(form.to_input().parse(TODAY, &mut ids()).unwrap(), form);
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
    let errors = input.parse(TODAY, &mut ids()).unwrap_err();
    let fields: Vec<_> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.code()))
        .collect();
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
    let form = FormInput::default().parse(TODAY, &mut ids()).unwrap();
    assert_eq!(form.missing_for_signing().len(), 4);
}

#[test]
fn a_date_of_birth_is_in_the_past_and_within_a_lifetime() {
    let born = |date: &str| FormInput {
        members: vec![MemberInput {
            birth_date: date.into(),
            ..child()
        }],
        ..FormInput::default()
    };
    let refused = |date: &str| {
        born(date)
            .parse(TODAY, &mut ids())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code.code()))
            .collect::<Vec<_>>()
    };
    let at = "members[0].birth_date".to_owned();
    assert_eq!(refused("2030-05-01"), vec![(at.clone(), "birth.future")]);
    assert_eq!(
        refused("2026-11-26"),
        vec![(at.clone(), "birth.future")],
        "tomorrow"
    );
    assert_eq!(refused("1890-01-01"), vec![(at.clone(), "birth.too-early")]);
    assert_eq!(
        refused("2030-02-30"),
        vec![(at, "field.date")],
        "not a date at all"
    );
    for fine in ["2026-11-25", "2019-04-01", "1896-12-31"] {
        let form = born(fine).parse(TODAY, &mut ids()).unwrap();
        assert_eq!(form.members[0].birth_date.to_string(), fine);
    }
}

#[test]
fn a_member_iin_typed_in_groups_is_kept_as_twelve_digits() {
    for typed in [
        "900101 300811",
        "9001 0130 0811",
        "9001\u{a0}0130\u{a0}0811",
        "900101-300811",
    ] {
        let input = FormInput {
            members: vec![MemberInput {
                iin: typed.into(),
                ..child()
            }],
            ..FormInput::default()
        };
        let form = input.parse(TODAY, &mut ids()).unwrap();
        let iin = form.members[0].iin.as_ref().map(ToString::to_string);
        assert_eq!(iin.as_deref(), Some("900101300811"), "{typed:?}");
    }
}

#[test]
fn keeping_valid_empties_only_what_was_refused() {
    let input = FormInput {
        region: "astana".into(),
        country_of_origin: "KAZ".into(),
        profession: "Инженер".into(),
        address: "Астана".into(),
        identity_document: DocumentInput {
            kind: "passport".into(),
            number: "E1".into(),
            issued_by: String::new(),
            expires_on: "2030-01-01".into(),
        },
        members: vec![child()],
        ..FormInput::default()
    };
    let errors = input.parse(TODAY, &mut ids()).unwrap_err();
    let kept = input.keeping_valid(&errors);
    assert_eq!(
        kept.country_of_origin, "",
        "Kazakhstan is refused as the origin"
    );
    assert_eq!(
        kept.identity_document,
        DocumentInput::default(),
        "half a document goes"
    );
    assert_eq!(
        (kept.region.as_str(), kept.profession.as_str()),
        ("astana", "Инженер")
    );
    assert_eq!(kept.members, input.members);
    let form = kept.parse(TODAY, &mut ids()).unwrap();
    assert_eq!(
        form.address.map(|a| a.to_string()).as_deref(),
        Some("Астана")
    );
}
