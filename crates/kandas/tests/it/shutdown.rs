//! A deploy is not a crash: SIGTERM during an upload lets it finish. The server stops
//! accepting at once, answers the upload in flight 201, exits 0, and the file is there when the
//! next server starts on the same data.

use std::io::Write;
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::json;

use super::DataDir;
use super::server::{answer, call, head, json, serve, sign_in};

const APPLICANT: &str = "900101300811";

/// A multipart body with one PDF for the personal history.
fn personal_history(version: i64) -> (String, Vec<u8>) {
    let boundary = "kandas-shutdown";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"document_type\"\r\n\r\n\
         personal_history\r\n--{boundary}\r\nContent-Disposition: form-data; \
         name=\"version\"\r\n\r\n{version}\r\n--{boundary}\r\nContent-Disposition: form-data; \
         name=\"file\"; filename=\"history.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(kandas_testkit::PDF);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn sigterm_during_an_upload_lets_it_finish() {
    let dir = DataDir::new();
    let grace = [("KANDAS_SHUTDOWN_GRACE_SECONDS", "20")];
    let (mut server, port) = serve(&dir, &grace);
    let token = sign_in(port, APPLICANT);
    let kind = json!({ "kind": "assignment" });
    let created = json(
        port,
        "POST",
        "/api/v1/applications",
        Some(&token),
        Some(&kind),
        201,
    );
    let id = created["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/applications/{id}/attachments");

    // Half the upload is sent, then the deploy's SIGTERM arrives.
    let (content_type, body) = personal_history(created["version"].as_i64().unwrap());
    let mut upload = TcpStream::connect(("127.0.0.1", port)).unwrap();
    upload
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let head = head("POST", &path, Some(&token), &content_type, body.len());
    upload.write_all(head.as_bytes()).unwrap();
    let (first, rest) = body.split_at(body.len() / 2);
    upload.write_all(first).unwrap();
    upload.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = server.0.id().to_string();
    let term = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(term.success());

    // No new connection is accepted while the upload is finished.
    let until = Instant::now() + Duration::from_secs(10);
    while call(port, "GET", "/healthz", None, None).is_ok() {
        assert!(Instant::now() < until, "still accepting after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
    upload.write_all(rest).unwrap();
    let (status, answered) = answer(&mut upload).unwrap();
    let text = String::from_utf8_lossy(&answered);
    assert_eq!(status, 201, "the upload in flight: {text}");

    let until = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(exit) = server.0.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < until,
            "the server did not exit after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(exit.success(), "exit after SIGTERM: {exit:?}");

    // The next server on the same data has the file.
    let (_next, port) = serve(&dir, &grace);
    let view = json(
        port,
        "GET",
        &format!("/api/v1/applications/{id}"),
        Some(&token),
        None,
        200,
    );
    let attachments = view["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 1, "{view}");
    assert_eq!(attachments[0]["document_type"], "personal_history");
}
