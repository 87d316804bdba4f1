//! The desk's intake steps through the pages: find and start, the form and family, the scans,
//! the custody marks, acceptance by the applicant's code; and reading a PDF the desk serves.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kandas_testkit::TestApp;

use super::APPLICANT;
use crate::browser::{Browser, form_fields, hidden, see_other};
use crate::pages_journey::{CHILD, SPOUSE, pairs};
use crate::support::PDF;

/// GETs a PDF with the browser's session; answers its text and its QR codes.
pub(super) async fn pdf(app: &TestApp, b: &Browser<'_>, path: &str) -> (String, Vec<String>) {
    let session = b.cookie("kandas_session").unwrap();
    let request = Request::builder()
        .uri(path)
        .header("cookie", format!("kandas_session={session}"))
        .body(Body::empty())
        .unwrap();
    let (status, headers, bytes) = app.send(request).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    let text = kandas_documents::inspect::text(&bytes).unwrap();
    (text, kandas_documents::inspect::qr_codes(&bytes).unwrap())
}

/// Starts an application of `kind` for the IIN on the desk's home; answers its id.
pub(super) async fn start(b: &mut Browser<'_>, iin: &str, kind: &str) -> String {
    let (status, home) = b.get("/desk").await;
    assert_eq!(status, StatusCode::OK, "{home}");
    let answer = b
        .submit(&home, "/desk/applications", &[("iin", iin), ("kind", kind)])
        .await;
    let to = see_other(&answer);
    to.strip_prefix("/desk/applications/").unwrap().to_owned()
}

/// The answers and the two family members, through the shared form pages.
pub(super) async fn fill_form(b: &mut Browser<'_>, case: &str) {
    let path = format!("{case}/form");
    let (status, html) = b.get(&path).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Серікбаев Ерлан Маратұлы"),
        "the applicant's, not the operator's: {html}"
    );
    let mut answers = vec![("region", "astana"), ("country_of_origin", "CHN")];
    answers.extend([("education", "higher"), ("profession", "Инженер")]);
    answers.extend([("address", "г. Астана, ул. Кенесары, 1"), ("doc_kind", "")]);
    answers.extend([
        ("doc_number", ""),
        ("doc_issued_by", ""),
        ("doc_expires_on", ""),
    ]);
    let members = format!("{case}/form/members");
    assert_eq!(see_other(&b.submit(&html, &path, &answers).await), members);
    for member in [SPOUSE, CHILD] {
        let (_, html) = b.get(&format!("{members}/new")).await;
        let action = format!("{case}/members");
        let answer = b.submit(&html, &action, &pairs(member)).await;
        assert_eq!(see_other(&answer), members);
    }
}

/// Uploads a scan through each upload form the case page shows; answers the types uploaded.
pub(super) async fn upload_scans(b: &mut Browser<'_>, case: &str) -> Vec<String> {
    let action = format!("{case}/documents");
    let mut uploaded = Vec::new();
    loop {
        let (status, html) = b.get(case).await;
        assert_eq!(status, StatusCode::OK);
        let Some(section) = html
            .split("<section")
            .find(|s| s.contains("multipart/form-data"))
        else {
            break;
        };
        assert!(uploaded.len() < 5, "the upload forms never go away: {html}");
        let fields = form_fields(section, &action);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (&**k, &**v)).collect();
        uploaded.push(hidden(section, "document_type").unwrap());
        let answer = b.post_multipart(&action, &fields, "scan.pdf", PDF).await;
        assert_eq!(see_other(&answer), case);
    }
    uploaded.sort();
    uploaded
}

/// Ticks every custody mark a complete package has (the child's translation only if
/// `translation`), leaving the personal history kept; posts the custody form.
pub(super) async fn mark_custody(b: &mut Browser<'_>, case: &str, translation: bool) {
    let (_, html) = b.get(case).await;
    assert!(
        html.contains("Оригинал остаётся в деле"),
        "the history is kept: {html}"
    );
    let action = format!("{case}/custody");
    let mut fields = form_fields(&html, &action);
    let lines: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| k.ends_with("-document"))
        .map(|(k, v)| (k.trim_end_matches("-document").to_owned(), v.clone()))
        .collect();
    assert_eq!(
        lines.len(),
        3,
        "the spouse's identity comes from the registry: {lines:?}"
    );
    for (line, document) in lines {
        let mut marks = vec!["original_shown", "copy_taken"];
        if document != "personal_history" {
            marks.push("original_returned");
        }
        if document == "identity_document" && translation {
            marks.push("translation");
        }
        fields.extend(
            marks
                .into_iter()
                .map(|m| (format!("{line}-{m}"), "on".to_owned())),
        );
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (&**k, &**v)).collect();
    assert_eq!(see_other(&b.post_form(&action, &fields).await), case);
}

/// A wrong code is refused and kept on the page; the right one accepts the package.
pub(super) async fn accept_by_code(app: &TestApp, b: &mut Browser<'_>, case: &str) {
    let (_, html) = b.get(case).await;
    assert!(html.contains("Всё на месте"), "{html}");
    assert!(
        !html.contains(&format!("action=\"{case}/refuse\"")),
        "nothing to refuse: {html}"
    );
    let to = see_other(&b.submit(&html, &format!("{case}/code"), &[]).await).to_owned();
    assert!(to.starts_with(&format!("{case}?phone=")), "{to}");
    let (_, html) = b.get(&to).await;
    assert!(html.contains("+7 701 *** ** 67"), "{html}");
    let accept = format!("{case}/accept");
    let (status, _, wrong) = b.submit(&html, &accept, &[("code", "000000")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{wrong}");
    assert!(wrong.contains("<a href=\"#code\">"), "{wrong}");
    assert_eq!(
        hidden(&wrong, "code").as_deref(),
        Some("000000"),
        "kept as typed"
    );
    app.drain().await;
    let code = app.last_code(APPLICANT).await;
    assert_eq!(
        see_other(&b.submit(&wrong, &accept, &[("code", &code)]).await),
        case
    );
}
