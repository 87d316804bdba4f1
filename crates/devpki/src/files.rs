//! The development PKI on disk, under one directory:
//!
//! ```text
//! manifest.json                       what is where, who is who, the CRL URLs
//! root.crt  root.key                  the anchor (PEM certificate, PKCS#8 PEM key)
//! intermediate.crt  intermediate.key  the issuing CA
//! root.crl  intermediate.crl          the CRLs (DER, as served at the distribution points)
//! ca-bundle.pem                       both certificates and both CRLs, for `openssl -CAfile`
//! people/<iin>/auth.crt  auth.key     authentication key (sign-in)
//! people/<iin>/sign.crt  sign.key     signing key (documents)
//! revoked.crt  revoked.key            the first person's revoked signing key
//! expired.crt  expired.key            the first person's expired signing key
//! ocsp.crt  ocsp.key                  the OCSP responder (absent in PKIs saved before it)
//! ```
//!
//! Keys are unencrypted (development only) and, on Unix, readable by the owner alone.

use std::path::{Component, Path, PathBuf};

use der::DecodePem;
use der::pem::LineEnding;
use jiff::Timestamp;
use rsa::PrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use serde::{Deserialize, Serialize};
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;

use crate::{DevPerson, DevPki, DevPkiError, DevPkiOptions, KeyCert, PersonKeys};

/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";
const BUNDLE: &str = "ca-bundle.pem";

#[derive(Serialize, Deserialize)]
struct Manifest {
    warning: String,
    generated_at: Timestamp,
    options: DevPkiOptions,
    root: Entry,
    intermediate: Entry,
    root_crl: String,
    intermediate_crl: String,
    ca_bundle: String,
    people: Vec<PersonEntry>,
    revoked: Entry,
    expired: Entry,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ocsp: Option<Entry>,
}

#[derive(Serialize, Deserialize)]
struct PersonEntry {
    #[serde(flatten)]
    person: DevPerson,
    auth: Entry,
    sign: Entry,
}

/// One key and certificate; subject and serial are for people reading the file.
#[derive(Serialize, Deserialize)]
struct Entry {
    certificate: String,
    key: String,
    subject: String,
    serial: String,
}

impl DevPki {
    /// Writes everything under `dir` (created if needed) and returns the files written.
    pub fn save(&self, dir: &Path) -> Result<Vec<PathBuf>, DevPkiError> {
        let mut out = Writer {
            dir,
            written: Vec::new(),
        };
        let root = out.key_cert("root", &self.root)?;
        let intermediate = out.key_cert("intermediate", &self.intermediate)?;
        out.file("root.crl", &self.root_crl, false)?;
        out.file("intermediate.crl", &self.intermediate_crl, false)?;
        let mut bundle = self.root.certificate_pem()?;
        bundle.push_str(&self.intermediate.certificate_pem()?);
        for crl in [&self.root_crl, &self.intermediate_crl] {
            bundle.push_str(
                &der::pem::encode_string("X509 CRL", LineEnding::LF, crl)
                    .map_err(der::Error::from)?,
            );
        }
        out.file(BUNDLE, bundle.as_bytes(), false)?;
        let mut people = Vec::with_capacity(self.people.len());
        for p in &self.people {
            let base = format!("people/{}", p.person.iin);
            people.push(PersonEntry {
                person: p.person.clone(),
                auth: out.key_cert(&format!("{base}/auth"), &p.auth)?,
                sign: out.key_cert(&format!("{base}/sign"), &p.sign)?,
            });
        }
        let manifest = Manifest {
            warning: "DEVELOPMENT PKI: not NCA RK, never trust it in production".into(),
            generated_at: self.generated_at,
            options: self.options.clone(),
            root,
            intermediate,
            root_crl: "root.crl".into(),
            intermediate_crl: "intermediate.crl".into(),
            ca_bundle: BUNDLE.into(),
            people,
            revoked: out.key_cert("revoked", &self.revoked)?,
            expired: out.key_cert("expired", &self.expired)?,
            ocsp: match &self.ocsp {
                Some(ocsp) => Some(out.key_cert("ocsp", ocsp)?),
                None => None,
            },
        };
        out.file(MANIFEST, &serde_json::to_vec_pretty(&manifest)?, false)?;
        Ok(out.written)
    }

    /// Reads what [`DevPki::save`] wrote, checking that each key matches its certificate.
    pub fn load(dir: &Path) -> Result<Self, DevPkiError> {
        let manifest: Manifest = serde_json::from_slice(&read(dir, MANIFEST)?)?;
        let mut people = Vec::with_capacity(manifest.people.len());
        for p in &manifest.people {
            people.push(PersonKeys {
                person: p.person.clone(),
                auth: load_key_cert(dir, &p.auth)?,
                sign: load_key_cert(dir, &p.sign)?,
            });
        }
        let root_crl = read(dir, &manifest.root_crl)?;
        let intermediate_crl = read(dir, &manifest.intermediate_crl)?;
        for (name, crl) in [("root", &root_crl), ("intermediate", &intermediate_crl)] {
            <CertificateList as der::Decode>::from_der(crl)
                .map_err(|e| DevPkiError::Load(format!("the {name} CRL: {e}")))?;
        }
        Ok(Self {
            options: manifest.options,
            generated_at: manifest.generated_at,
            root: load_key_cert(dir, &manifest.root)?,
            intermediate: load_key_cert(dir, &manifest.intermediate)?,
            people,
            revoked: load_key_cert(dir, &manifest.revoked)?,
            expired: load_key_cert(dir, &manifest.expired)?,
            ocsp: match &manifest.ocsp {
                Some(entry) => Some(load_key_cert(dir, entry)?),
                None => None,
            },
            root_crl,
            intermediate_crl,
        })
    }
}

struct Writer<'a> {
    dir: &'a Path,
    written: Vec<PathBuf>,
}

impl Writer<'_> {
    fn key_cert(&mut self, base: &str, kc: &KeyCert) -> Result<Entry, DevPkiError> {
        let entry = Entry {
            certificate: format!("{base}.crt"),
            key: format!("{base}.key"),
            subject: kc.subject(),
            serial: kc.serial_hex(),
        };
        self.file(&entry.certificate, kc.certificate_pem()?.as_bytes(), false)?;
        self.file(&entry.key, kc.private_key_pem()?.as_bytes(), true)?;
        Ok(entry)
    }

    fn file(&mut self, relative: &str, bytes: &[u8], secret: bool) -> Result<(), DevPkiError> {
        let path = self.dir.join(relative);
        let io = |source| DevPkiError::Io {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if secret {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = secret;
        let mut file = options.open(&path).map_err(io)?;
        // `mode` applies only to a new file: an existing key file is narrowed too.
        #[cfg(unix)]
        if secret {
            use std::os::unix::fs::PermissionsExt;
            let owner_only = std::fs::Permissions::from_mode(0o600);
            file.set_permissions(owner_only).map_err(io)?;
        }
        std::io::Write::write_all(&mut file, bytes).map_err(io)?;
        self.written.push(path);
        Ok(())
    }
}

/// Reads a file named by the manifest, which may only point inside `dir`.
fn read(dir: &Path, relative: &str) -> Result<Vec<u8>, DevPkiError> {
    let rel = Path::new(relative);
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(DevPkiError::Load(format!(
            "{relative:?} is not a path inside the directory"
        )));
    }
    let path = dir.join(rel);
    std::fs::read(&path).map_err(|source| DevPkiError::Io { path, source })
}

fn load_key_cert(dir: &Path, entry: &Entry) -> Result<KeyCert, DevPkiError> {
    let cert = Certificate::from_pem(read(dir, &entry.certificate)?)?;
    let pem = String::from_utf8(read(dir, &entry.key)?)
        .map_err(|_| DevPkiError::Load(format!("{} is not PEM", entry.key)))?;
    let key = PrivateKey::from_pkcs8_pem(&pem)?;
    let public = SubjectPublicKeyInfoOwned::from_key(key.as_public_key())
        .map_err(|e| DevPkiError::Load(format!("{}: {e}", entry.key)))?;
    if &public != cert.tbs_certificate().subject_public_key_info() {
        return Err(DevPkiError::Load(format!(
            "{} is not the key of {}",
            entry.key, entry.certificate
        )));
    }
    KeyCert::new(key, cert)
}
