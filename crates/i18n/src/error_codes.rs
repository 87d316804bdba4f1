//! Every error code has a text in every language: the test walks the error enums themselves
//! (`ErrorCode::all()`), so a new variant without its message fails here (the signature
//! verifier's reasons are `EdsError`, which the EDS adapter maps one to one). Audit actions are not messages and are not checked here.

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

/// A message copied from another language instead of translated reads the same in both.
#[test]
fn every_error_message_is_written_in_each_language() {
    let args = [("file", "scan.pdf".to_owned())];
    let mut same = Vec::new();
    for code in ErrorCode::all() {
        let [kk, ru, en] = super::LANGUAGES.map(|lang| super::text_with(lang, code.code(), &args));
        if kk == ru || kk == en || ru == en {
            same.push(format!("{code}: kk {kk:?}, ru {ru:?}, en {en:?}"));
        }
    }
    assert!(same.is_empty(), "untranslated messages: {same:#?}");
}
