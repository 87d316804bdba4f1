//! Uploads judged by their content through the API, the applicant's and the desk's: the attack
//! corpus (a PDF with JavaScript, a JPEG that is also HTML, a compression bomb, a truncated PDF,
//! a file name with a right-to-left override) refused or cleaned, each refusal a translated 422
//! naming the file; real PDFs and JPEGs still taken.

use std::io::Write;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::browser::{form_fields, hidden};
use crate::support::{JPEG, PDF, draft_with_form};

const APPLICANT: &str = "900101300811";
const OPERATOR: &str = "881115300022";

/// A one-page PDF whose catalog carries `catalog_extra`, with `extra` objects numbered from 4 on
/// and a correct cross-reference table.
fn pdf_with(catalog_extra: &str, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        format!("<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>").into_bytes(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
    ];
    objects.extend(extra.iter().cloned());
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let size = objects.len() + 1;
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// A page content stream of `mb` megabytes of zeros, deflated (about a thousandth of that).
fn bomb(mb: usize) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..mb {
        encoder.write_all(&chunk).unwrap();
    }
    let deflated = encoder.finish().unwrap();
    let mut stream = format!(
        "<< /Filter /FlateDecode /Length {} >>\nstream\n",
        deflated.len()
    )
    .into_bytes();
    stream.extend_from_slice(&deflated);
    stream.extend_from_slice(b"\nendstream");
    pdf_with("", &[stream])
}

/// Sends one file as multipart to `uri` in `lang`; answers status and JSON.
async fn send(
    app: &TestApp,
    token: &str,
    uri: &str,
    version: i64,
    (file_name, bytes): (&str, &[u8]),
    lang: &str,
) -> (StatusCode, Value) {
    let boundary = "kandas-upload-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"document_type\"\r\n\r\npersonal_history\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n{version}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = Request::builder()
        .method("POST")
        .uri(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("accept-language", lang)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let (status, _, bytes) = app.send(request).await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// The attack corpus: (file name, content, the code it is refused with, the name the refusal
/// shows).
fn corpus() -> Vec<(&'static str, Vec<u8>, &'static str, &'static str)> {
    let good = pdf_with("", &[]);
    let mut polyglot = JPEG.to_vec();
    polyglot
        .extend_from_slice(b"<html><body><script>alert(document.cookie)</script></body></html>");
    vec![
        (
            "statement.pdf",
            pdf_with("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", &[]),
            "attachment.pdf-javascript",
            "statement.pdf",
        ),
        ("photo.jpg", polyglot, "attachment.polyglot", "photo.jpg"),
        (
            "bomb.pdf",
            bomb(200),
            "attachment.too-large-decoded",
            "bomb.pdf",
        ),
        (
            "cut.pdf",
            good[..good.len() / 2].to_vec(),
            "attachment.pdf-malformed",
            "cut.pdf",
        ),
        (
            "report.html",
            b"<!doctype html><script>alert(1)</script>".to_vec(),
            "attachment.file-type",
            "report.html",
        ),
        (
            "invoice\u{202E}fdp.exe",
            good.clone(),
            "attachment.file-name",
            "invoicefdp.exe",
        ),
        (
            "launch.pdf",
            pdf_with("/OpenAction << /S /Launch /F (cmd.exe) >>", &[]),
            "attachment.pdf-launch",
            "launch.pdf",
        ),
        (
            "with-attachment.pdf",
            pdf_with(
                "/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
                &[b"<< /Type /Filespec /F (a.exe) >>".to_vec()],
            ),
            "attachment.pdf-embedded",
            "with-attachment.pdf",
        ),
    ]
}

async fn attachments(app: &TestApp, token: &str, id: &str) -> Vec<Value> {
    let (status, _, view) = app
        .request(
            "GET",
            &format!("/api/v1/applications/{id}"),
            None,
            Some(token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view["attachments"].as_array().cloned().unwrap_or_default()
}

async fn applicant_uploads(app: &TestApp) {
    let (token, id, mut version) = draft_with_form(app, APPLICANT).await;
    let uri = format!("/api/v1/applications/{id}/attachments");
    let before = attachments(app, &token, &id).await.len();

    for (name, bytes, code, shown) in corpus() {
        let (status, json) = send(app, &token, &uri, version, (name, &bytes), "en").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {json}");
        assert_eq!(json["error"]["code"], code, "{name}: {json}");
        assert_eq!(json["error"]["file"], shown, "{name}: {json}");
        let message = json["error"]["message"].as_str().unwrap();
        assert!(message.contains(shown), "{name}: {message}");
        assert!(!message.contains('{'), "{name}: {message}");
    }
    assert_eq!(
        attachments(app, &token, &id).await.len(),
        before,
        "nothing stored"
    );

    // The message is in the request's language and names the file in each.
    let script = pdf_with("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", &[]);
    for (lang, words) in [
        ("kk", "JavaScript бар"),
        ("ru", "содержит JavaScript"),
        ("en", "contains JavaScript"),
    ] {
        let (status, json) = send(app, &token, &uri, version, ("анкета.pdf", &script), lang).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
        let message = json["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("анкета.pdf") && message.contains(words),
            "{lang}: {message}"
        );
    }

    // Real files are taken; their names are cleaned and carry the detected type's extension.
    for (name, bytes, stored, mime) in [
        ("passport.html", PDF, "passport.pdf", "application/pdf"),
        (
            "scan\u{200B}\u{200F}.pdf",
            PDF,
            "scan.pdf",
            "application/pdf",
        ),
        ("x.pdf.exe", PDF, "x.pdf", "application/pdf"),
        ("фото.JPEG", JPEG, "фото.jpg", "image/jpeg"),
    ] {
        let (status, json) = send(app, &token, &uri, version, (name, bytes), "en").await;
        assert_eq!(status, StatusCode::CREATED, "{name}: {json}");
        assert_eq!(json["attachment"]["file_name"], stored, "{name}: {json}");
        version = json["application"]["version"].as_i64().unwrap();
        let attachment = json["attachment"]["id"].as_str().unwrap();
        let request = Request::builder()
            .uri(format!(
                "/api/v1/applications/{id}/attachments/{attachment}"
            ))
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        let (status, headers, body) = app.send(request).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["content-type"], mime);
        assert_eq!(body, bytes);
        let disposition = headers["content-disposition"].to_str().unwrap_or_default();
        assert!(!disposition.contains('\u{200B}'), "{disposition}");
    }
    assert_eq!(attachments(app, &token, &id).await.len(), before + 4);
}

crate::on_both_backends!(
    applicant_uploads,
    the_applicants_uploads_are_judged_by_content_on_sqlite,
    the_applicants_uploads_are_judged_by_content_on_postgres
);

async fn desk_uploads(app: &TestApp) {
    let token = app.sign_in(OPERATOR).await;
    let body = json!({ "iin": APPLICANT, "kind": "assignment" });
    let (status, _, created) = app
        .request(
            "POST",
            "/api/v1/desk/applications",
            Some(body),
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap();
    let mut version = created["version"].as_i64().unwrap();
    let uri = format!("/api/v1/desk/applications/{id}/attachments");
    for (name, bytes, code, shown) in corpus() {
        let (status, json) = send(app, &token, &uri, version, (name, &bytes), "ru").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {json}");
        assert_eq!(json["error"]["code"], code, "{name}: {json}");
        assert_eq!(json["error"]["file"], shown, "{name}: {json}");
    }
    for (name, bytes) in [("scan.pdf", PDF), ("scan.jpg", JPEG)] {
        let (status, json) = send(app, &token, &uri, version, (name, bytes), "ru").await;
        assert_eq!(status, StatusCode::CREATED, "{name}: {json}");
        version = json["version"].as_i64().unwrap();
    }
}

crate::on_both_backends!(
    desk_uploads,
    the_desks_scans_are_judged_by_content_on_sqlite,
    the_desks_scans_are_judged_by_content_on_postgres
);

/// The documents page: a refused upload re-renders the checklist with the message naming the
/// file, in the page's language; a real PDF goes through.
async fn page_uploads(app: &TestApp) {
    let (_, id, _) = draft_with_form(app, APPLICANT).await;
    let mut b = crate::pages_journey::sign_in(app, APPLICANT).await;
    let path = format!("/applications/{id}/documents");
    let (status, html) = b.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    let section = html
        .split("<section")
        .find(|s| s.contains("multipart/form-data"))
        .unwrap()
        .to_owned();
    let fields = form_fields(&section, &path);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (&**k, &**v)).collect();
    let script = pdf_with("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", &[]);
    let (status, _, html) = b
        .post_multipart(&path, &fields, "анкета.pdf", &script)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(
        html.contains("«анкета.pdf»") && html.contains("JavaScript"),
        "{html}"
    );
    let (_, location, _) = b.post_multipart(&path, &fields, "doc.pdf", PDF).await;
    let document = hidden(&section, "document_type").unwrap();
    assert_eq!(location, format!("{path}#documents-{document}"));
}

crate::on_both_backends!(
    page_uploads,
    the_documents_page_names_a_refused_file_on_sqlite,
    the_documents_page_names_a_refused_file_on_postgres
);
