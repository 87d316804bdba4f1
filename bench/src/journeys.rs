//! The writing scenarios, whose iterations carry state from one request to the next: saving a
//! draft's form (each connection its own draft and version), and the whole signed submission
//! (create, form, both required files, the signing document, an EDS signature made here with the
//! server's development PKI as NCALayer would, submit).

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use bytes::Bytes;
use hyper::Method;
use kandas_devpki::DevPki;
use serde_json::{Value, json};

use crate::http::{Answer, Conn, Req};
use crate::load::{Flow, Flows, Step};

/// The demo applicant of API.md, in the development PKI.
pub const APPLICANT: &str = "900101300811";

/// The editable form the journeys save: settling in Shymkent, so that the submitted cases go to
/// that office's queue and leave the measured officer's (Astana's) as the seed made it.
pub fn form() -> Value {
    json!({
        "region": "shymkent",
        "country_of_origin": "CHN",
        "education": "higher",
        "profession": "Инженер",
        "address": "г. Шымкент, ул. Тауке хана, 1",
        "members": [],
    })
}

/// A tiny valid PDF (one blank page) to attach.
const PDF: &[u8] = include_bytes!("../../crates/testkit/samples/tiny.pdf");

fn version_of(answer: &Answer, path: &[&str]) -> Result<u64, String> {
    let json = answer.json()?;
    let mut at = &json;
    for key in path {
        at = &at[*key];
    }
    at.as_u64().ok_or_else(|| format!("no version in {json}"))
}

/// Creates a draft: its id and version.
pub async fn create_draft(conn: &mut Conn, token: &str) -> Result<(String, u64), String> {
    let body = json!({ "kind": "assignment" });
    let answer = conn
        .send(&Req::json(Method::POST, "/api/v1/applications", &body).by(token))
        .await?
        .expect(201, "create a draft")?;
    let id = answer.json()?["id"].as_str().unwrap_or_default().to_owned();
    Ok((id, version_of(&answer, &["version"])?))
}

async fn save_form(conn: &mut Conn, token: &str, id: &str, version: u64) -> Result<u64, String> {
    let body = json!({ "version": version, "form": form() });
    let path = format!("/api/v1/applications/{id}/form");
    let answer = conn
        .send(&Req::json(Method::PUT, path, &body).by(token))
        .await?
        .expect(200, "save the form")?;
    version_of(&answer, &["version"])
}

async fn attach(
    conn: &mut Conn,
    token: &str,
    id: &str,
    kind: &str,
    version: u64,
) -> Result<u64, String> {
    let boundary = format!("kandas-bench-{}", uuid::Uuid::new_v4().simple());
    let mut body = Vec::with_capacity(PDF.len() + 512);
    for (name, value) in [
        ("document_type", kind.to_owned()),
        ("version", version.to_string()),
    ] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"doc.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(PDF);
    // A different file each time, as real scans are.
    body.extend_from_slice(
        format!("% {}\n\r\n--{boundary}--\r\n", uuid::Uuid::new_v4()).as_bytes(),
    );
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let req = Req {
        method: Method::POST,
        path: format!("/api/v1/applications/{id}/attachments"),
        token: Some(token.to_owned()),
        body: Some((content_type, Bytes::from(body))),
    };
    let answer = conn.send(&req).await?.expect(201, "attach a file")?;
    version_of(&answer, &["application", "version"])
}

/// Each connection saves the form of its own draft (made beforehand), again and again.
pub fn saving(token: String, drafts: Vec<(String, u64)>) -> Flows {
    let slots: Arc<Vec<Mutex<(String, u64)>>> =
        Arc::new(drafts.into_iter().map(Mutex::new).collect());
    Arc::new(move |i| {
        Box::new(Saving {
            token: token.clone(),
            slots: slots.clone(),
            slot: i,
        })
    })
}

struct Saving {
    token: String,
    slots: Arc<Vec<Mutex<(String, u64)>>>,
    slot: usize,
}

impl Flow for Saving {
    fn step<'a>(&'a mut self, conn: &'a mut Conn) -> Step<'a> {
        Box::pin(async move {
            let slot = self
                .slots
                .get(self.slot % self.slots.len().max(1))
                .ok_or("no draft to save")?;
            let (id, version) = slot.lock().map_err(|e| e.to_string())?.clone();
            let next = save_form(conn, &self.token, &id, version).await?;
            slot.lock().map_err(|e| e.to_string())?.1 = next;
            Ok(())
        })
    }
}

/// The whole journey by the demo applicant, signed by EDS with their development key.
pub fn submitting(token: String, pki: Arc<DevPki>) -> Flows {
    Arc::new(move |_| {
        Box::new(Submitting {
            token: token.clone(),
            pki: pki.clone(),
        })
    })
}

struct Submitting {
    token: String,
    pki: Arc<DevPki>,
}

impl Submitting {
    async fn journey(&self, conn: &mut Conn) -> Result<(), String> {
        let token = &self.token;
        let (id, version) = create_draft(conn, token).await?;
        let version = save_form(conn, token, &id, version).await?;
        let version = attach(conn, token, &id, "personal_history", version).await?;
        attach(conn, token, &id, "nationality_proof", version).await?;
        let path = format!("/api/v1/applications/{id}/signing-document");
        let document = conn
            .send(&Req::get(path).by(token))
            .await?
            .expect(200, "signing document")?;
        let keys = self
            .pki
            .person(APPLICANT)
            .ok_or("the applicant has no development key")?;
        #[allow(
            clippy::disallowed_methods,
            reason = "the signature's time is when it is made, as NCALayer's"
        )]
        let now = jiff::Timestamp::now();
        let cms = self
            .pki
            .sign_cms(&keys.sign, &document.body, now, true)
            .map_err(|e| e.to_string())?;
        let body = json!({ "cms": base64::engine::general_purpose::STANDARD.encode(cms) });
        let path = format!("/api/v1/applications/{id}/sign/eds");
        conn.send(&Req::json(Method::POST, path, &body).by(token))
            .await?
            .expect(200, "sign by EDS")?;
        Ok(())
    }
}

impl Flow for Submitting {
    fn step<'a>(&'a mut self, conn: &'a mut Conn) -> Step<'a> {
        Box::pin(async move { self.journey(conn).await })
    }
}
