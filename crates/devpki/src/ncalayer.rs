//! A stand-in for NCALayer (`kandas dev-ncalayer`) for the demo and the browser tests. It speaks
//! NCALayer's WebSocket protocol (module `kz.gov.pki.knca.basics`, method `sign`, format `cms`)
//! on `wss://127.0.0.1:13579` and signs with the development PKI's keys of one person: the
//! signing key when the page asks for document signing, the authentication key when it asks
//! for client authentication. The binary refuses it in production, like the development PKI.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use futures_util::{SinkExt, StreamExt};
use jiff::Timestamp;
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_tungstenite::tungstenite::Message;

use crate::{DevPki, KeyCert, MANIFEST, PersonKeys};

/// Where NCALayer listens.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:13579";
/// The person whose keys sign by default (the demo applicant).
pub const DEFAULT_IIN: &str = "900101300811";

/// Extended key usage: e-mail protection, on NCA RK's signing keys.
const SIGN_EKU: &str = "1.3.6.1.5.5.7.3.4";
/// Extended key usage: client authentication, on NCA RK's authentication keys.
const AUTH_EKU: &str = "1.3.6.1.5.5.7.3.2";

/// Loads the PKI in `pki_dir` and the TLS certificate in `tls_dir` (made there on the first
/// run), then serves until stopped, signing as `iin` at the time `clock` tells.
pub async fn run(
    pki_dir: &Path,
    tls_dir: &Path,
    listen: SocketAddr,
    iin: &str,
    clock: fn() -> Timestamp,
) -> anyhow::Result<()> {
    let (signer, acceptor) = prepare(pki_dir, tls_dir, iin, clock)?;
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("listening on {listen} (is NCALayer running?)"))?;
    let at = listener.local_addr()?;
    println!("{}", banner(at, &signer.person, tls_dir));
    loop {
        let (stream, _) = listener.accept().await?;
        let (acceptor, signer) = (acceptor.clone(), signer.clone());
        tokio::spawn(async move {
            if let Err(e) = serve(stream, acceptor, signer).await {
                tracing::info!(error = %e, "dev-ncalayer connection ended");
            }
        });
    }
}

/// The signer of `iin` and the TLS acceptor; refused without a PKI.
fn prepare(
    dir: &Path,
    tls_dir: &Path,
    iin: &str,
    clock: fn() -> Timestamp,
) -> anyhow::Result<(Arc<Signer>, TlsAcceptor)> {
    if !dir.join(MANIFEST).exists() {
        bail!(
            "no development PKI in {}: run `kandas dev-pki init` first",
            dir.display()
        );
    }
    let pki = DevPki::load(dir).with_context(|| format!("loading {}", dir.display()))?;
    let person = pki
        .person(iin)
        .cloned()
        .with_context(|| format!("the development PKI has no keys for IIN {iin}"))?;
    let tls = tls_config(tls_dir)?;
    Ok((
        Arc::new(Signer { pki, person, clock }),
        TlsAcceptor::from(Arc::new(tls)),
    ))
}

fn banner(at: SocketAddr, person: &PersonKeys, tls_dir: &Path) -> String {
    format!(
        "development NCALayer listening on wss://{at} (NOT NCALayer: development only)\n\
         signing as {} (IIN {})\n\
         the browser must trust its certificate once: open https://{at} and accept it,\n\
         or import {} (self-signed for 127.0.0.1 and localhost)",
        person.sign.subject(),
        person.person.iin,
        tls_dir.join("cert.pem").display()
    )
}

/// The TLS configuration: the certificate made on the first run, kept so that the browser's
/// exception stays valid.
fn tls_config(dir: &Path) -> anyhow::Result<tokio_rustls::rustls::ServerConfig> {
    let (cert, key) = certificate(dir)?;
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = tokio_rustls::rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert)],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)),
        )?;
    Ok(config)
}

/// The certificate and PKCS#8 key (DER) in `dir`, made self-signed when missing.
pub fn certificate(dir: &Path) -> anyhow::Result<(Vec<u8>, Vec<u8>)> {
    let (cert_path, key_path) = (dir.join("cert.der"), dir.join("key.der"));
    if cert_path.exists() && key_path.exists() {
        return Ok((std::fs::read(&cert_path)?, std::fs::read(&key_path)?));
    }
    let names = vec!["127.0.0.1".to_owned(), "localhost".to_owned()];
    let made = rcgen::generate_simple_self_signed(names).context("making the certificate")?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    std::fs::write(&cert_path, made.cert.der())?;
    std::fs::write(&key_path, made.signing_key.serialize_der())?;
    std::fs::write(dir.join("cert.pem"), made.cert.pem())?;
    Ok((made.cert.der().to_vec(), made.signing_key.serialize_der()))
}

async fn serve(
    stream: TcpStream,
    acceptor: TlsAcceptor,
    signer: Arc<Signer>,
) -> anyhow::Result<()> {
    let tls = acceptor.accept(stream).await?;
    let mut socket = tokio_tungstenite::accept_async(tls).await?;
    // NCALayer greets a new connection with its version.
    let hello = json!({ "result": { "version": "1.4" } });
    socket.send(Message::text(hello.to_string())).await?;
    while let Some(message) = socket.next().await {
        match message? {
            Message::Text(text) => {
                let answer = signer.answer(text.as_str());
                socket.send(Message::text(answer.to_string())).await?;
            }
            Message::Close(_) => break,
            _ => {}
        }
    }
    Ok(())
}

/// Answers requests with one person's keys.
pub struct Signer {
    /// The development PKI.
    pub pki: DevPki,
    /// Whose keys sign.
    pub person: PersonKeys,
    /// The time a signature says it was made.
    pub clock: fn() -> Timestamp,
}

impl Signer {
    /// NCALayer's answer to one request: `{status: true, body: {result: [cms]}}`, or its error
    /// shape `{status: false, code, message}`.
    pub fn answer(&self, request: &str) -> Value {
        match self.sign(request) {
            Ok(cms) => json!({ "status": true, "body": { "result": [cms] } }),
            Err(message) => json!({ "status": false, "code": "500", "message": message }),
        }
    }

    fn sign(&self, request: &str) -> Result<String, String> {
        let request: Value = serde_json::from_str(request).map_err(|e| e.to_string())?;
        if request["module"] != "kz.gov.pki.knca.basics" || request["method"] != "sign" {
            return Err(format!(
                "unknown request: module {} method {}",
                request["module"], request["method"]
            ));
        }
        let args = &request["args"];
        if args["format"] != "cms" {
            return Err(format!("unsupported format {}", args["format"]));
        }
        let data = args["data"].as_str().ok_or("args.data is missing")?;
        let params = &args["signingParams"];
        let content = if params["decode"].as_bool().unwrap_or(false) {
            BASE64.decode(data).map_err(|e| format!("args.data: {e}"))?
        } else {
            data.as_bytes().to_vec()
        };
        let detached = !params["encapsulate"].as_bool().unwrap_or(true);
        let key = self.key_for(&args["signerParams"]["extKeyUsageOids"]);
        let cms = self
            .pki
            .sign_cms(key, &content, (self.clock)(), detached)
            .map_err(|e| e.to_string())?;
        Ok(BASE64.encode(cms))
    }

    /// The signing key for document signing (and by default), the authentication key when only
    /// client authentication is asked for.
    fn key_for(&self, oids: &Value) -> &KeyCert {
        let asked = |oid: &str| oids.as_array().is_some_and(|a| a.iter().any(|o| o == oid));
        if asked(AUTH_EKU) && !asked(SIGN_EKU) {
            &self.person.auth
        } else {
            &self.person.sign
        }
    }
}
