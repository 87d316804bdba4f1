//! Tests of the rule book: the shipped sets, lookups by date and id, validation.

use jiff::civil::{date, time};

use super::*;

fn shipped() -> RuleBook {
    RuleBook::shipped().expect("the shipped rule sets load")
}

#[test]
fn shipped_sets() {
    let book = shipped();
    let ids: Vec<&str> = book.sets().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["2022-05", "2025-10"]);
    let old = book.by_id("2022-05").expect("known");
    assert_eq!(old.effective_from, date(2022, 5, 1));
    assert_eq!(old.term_days(Kind::Assignment), 4);
    assert_eq!(old.term_days(Kind::Extension), 4);
    assert_eq!(old.terms.completeness_days, 1);
    assert!(!old.commission && !old.hearing);
    let new = book.by_id("2025-10").expect("known");
    assert_eq!(new.effective_from, date(2025, 10, 26));
    assert_eq!(new.term_days(Kind::Assignment), 3);
    assert_eq!(new.term_days(Kind::Extension), 2);
    assert_eq!((new.terms.commission_days, new.terms.hearing_days), (3, 2));
    assert!(new.commission && new.hearing);
    for set in book.sets() {
        assert_eq!(set.working_hours.opens, time(9, 0, 0, 0));
        assert_eq!(set.working_hours.closes, time(18, 30, 0, 0));
        assert_eq!(set.status_validity_months, 12);
        assert_eq!(set.extension_max_months, 6);
        assert_eq!(set.extensions_allowed, 1);
        assert_eq!(set.retention_days, 365);
        assert_eq!(
            set.otp,
            OtpPolicy {
                ttl_seconds: 300,
                max_attempts: 3
            }
        );
    }
}

#[test]
fn in_force_picks_the_latest_started_set() {
    let book = shipped();
    let id = |d| book.in_force(d).map(|s| s.id.as_str());
    assert_eq!(id(date(2022, 5, 1)), Ok("2022-05"));
    assert_eq!(id(date(2025, 10, 25)), Ok("2022-05"));
    assert_eq!(id(date(2025, 10, 26)), Ok("2025-10"));
    assert_eq!(id(date(2030, 1, 1)), Ok("2025-10"));
    assert_eq!(
        id(date(2022, 4, 30)),
        Err(RulesError::NoneInForce(date(2022, 4, 30)))
    );
    assert_eq!(
        book.by_id("1999").err(),
        Some(RulesError::UnknownId("1999".into()))
    );
}

#[test]
fn validation() {
    let base = shipped().sets()[1].clone();
    let with = |f: &dyn Fn(&mut RuleSet)| {
        let mut s = base.clone();
        f(&mut s);
        s
    };
    assert_eq!(RuleBook::new(vec![]), Err(RulesError::Empty));
    let dup_id = with(&|s| s.effective_from = date(2026, 1, 1));
    assert_eq!(
        RuleBook::new(vec![base.clone(), dup_id]),
        Err(RulesError::DuplicateId("2025-10".into()))
    );
    let dup_date = with(&|s| s.id = "other".into());
    assert_eq!(
        RuleBook::new(vec![base.clone(), dup_date]),
        Err(RulesError::DuplicateEffectiveDate(date(2025, 10, 26)))
    );
    let hours = with(&|s| s.working_hours.closes = time(9, 0, 0, 0));
    assert_eq!(
        RuleBook::new(vec![hours]),
        Err(RulesError::InvalidWorkingHours {
            id: "2025-10".into()
        })
    );
    let zero = with(&|s| s.terms.hearing_days = 0);
    assert_eq!(
        RuleBook::new(vec![zero]),
        Err(RulesError::ZeroTerm {
            id: "2025-10".into(),
            term: "hearing_days"
        })
    );
    let no_hearing = with(&|s| {
        s.hearing = false;
        s.terms.hearing_days = 0;
    });
    assert!(RuleBook::new(vec![no_hearing]).is_ok());
    assert!(matches!(
        RuleBook::from_json("[]"),
        Err(RulesError::Json(_))
    ));
}

#[test]
fn json_round_trip() {
    let book = shipped();
    assert_eq!(RuleBook::from_json(&book.to_json()), Ok(book.clone()));
    let text = serde_json::to_string(&book).expect("ser");
    assert_eq!(serde_json::from_str::<RuleBook>(&text).ok(), Some(book));
}

#[test]
fn duties_hearings_and_appeals_are_data() {
    let book = shipped();
    let new = book.by_id("2025-10").expect("known");
    assert!(new.duties.sign_off_by_another && new.duties.no_own_cases);
    assert!(new.duties.endings_confirmed);
    assert_eq!(new.hearing_procedure.min_notice_hours, 24);
    assert!(new.hearing_procedure.suspends_term);
    assert_eq!(new.appeal.complaint_months, 3);
    let mut json: serde_json::Value = serde_json::from_str(&book.to_json()).expect("json");
    json["rule_sets"][1]["hearing_procedure"]["min_notice_hours"] = 0.into();
    assert_eq!(
        RuleBook::from_json(&json.to_string()),
        Err(RulesError::ZeroTerm {
            id: "2025-10".into(),
            term: "hearing_procedure.min_notice_hours"
        })
    );
}

#[test]
fn the_audit_trail_outlives_the_documents_it_speaks_of() {
    for set in shipped().sets() {
        assert!(
            set.audit_trail.min_days() > u64::from(set.retention_days),
            "{}: the trail is kept {} years, the documents {} days",
            set.id,
            set.audit_trail.keep_years,
            set.retention_days
        );
        assert!(set.audit_trail.min_days() >= 2 * 365, "{}", set.id);
        assert!(set.audit_trail.source.contains("94-V"), "{}", set.id);
    }
    let mut short = shipped().by_id("2025-10").expect("known").clone();
    short.audit_trail.keep_years = 1;
    assert_eq!(
        RuleBook::new(vec![short]),
        Err(RulesError::TrailShorterThanDocuments {
            id: "2025-10".into()
        })
    );
}
