//! Every error code has a text in every language: the test walks the error enums themselves
//! (`ErrorCode::all()`), so a new variant without its message fails here. The signature verdicts
//! are the verifier's own list. Audit actions are not messages and are not checked here.

use kandas_domain::codes::ErrorCode;

#[test]
fn every_error_code_is_translated() {
    let codes: Vec<ErrorCode> = ErrorCode::all().collect();
    assert!(codes.len() > 100, "only {} codes were listed", codes.len());
    let missing: Vec<_> = codes
        .iter()
        .filter(|c| !super::exists_everywhere(c.code()))
        .map(|c| format!("{} ({c:?})", c.code()))
        .collect();
    assert!(missing.is_empty(), "untranslated codes: {missing:#?}");
}

#[test]
fn an_error_message_is_a_sentence_not_its_id() {
    for code in ErrorCode::all() {
        for lang in super::LANGUAGES {
            let text = super::text(lang, code.code());
            assert_ne!(text, code.code(), "{lang}: {code} falls back to its id");
            assert!(!text.trim().is_empty(), "{lang}: {code} is blank");
        }
    }
}

#[test]
fn every_signature_verdict_is_translated() {
    let missing: Vec<_> = kandas_pki::CODES
        .iter()
        .filter(|c| !super::exists_everywhere(c))
        .collect();
    assert!(
        missing.is_empty(),
        "untranslated signature codes: {missing:?}"
    );
}
