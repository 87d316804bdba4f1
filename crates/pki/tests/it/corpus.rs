//! Access to the committed corpus and the shared trust configuration.

use std::path::PathBuf;

use jiff::{SignedDuration, Timestamp};
use kandas_pki::{Revocation, TrustStore};

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

pub fn read(rel: &str) -> Vec<u8> {
    let path = dir().join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// When `make.sh` signed the corpus; openssl stamped signingTime with that moment.
pub fn made_at() -> Timestamp {
    String::from_utf8(read("made-at.txt"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// "Now" for the tests: ten minutes after the corpus was signed.
pub fn now() -> Timestamp {
    made_at() + SignedDuration::from_mins(10)
}

/// "Now" for the OCSP cases: ten minutes after `make.sh` made the OCSP responses.
pub fn ocsp_now() -> Timestamp {
    let made: Timestamp = String::from_utf8(read("ocsp/made-at.txt"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    made + SignedDuration::from_mins(10)
}

pub fn trust() -> TrustStore {
    TrustStore::from_pem_or_der(&[&read("pki/root.pem")], &[&read("pki/inter.der")]).unwrap()
}

pub fn trust_without_intermediates() -> TrustStore {
    TrustStore::from_pem_or_der(&[&read("pki/root.der")], &[]).unwrap()
}

/// Which revocation data a case hands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crls {
    /// The intermediate's CRL and the root's: everything checkable.
    Current,
    /// Nothing fetched.
    None,
    /// The adapter reports that it could not fetch.
    Unavailable,
    /// Only the intermediate's CRL: the intermediate itself stays unchecked.
    LeafOnly,
    /// An expired CRL for the leaf.
    Stale,
    /// A CRL whose signature does not verify.
    BadSignature,
    /// Another CA's CRL.
    OtherCa,
    /// Only the root's CRL: the intermediate is checked, the leaf is left to OCSP.
    RootOnly,
}

impl Crls {
    /// The CRL files (PEM) that stand for this set, for openssl.
    pub fn pem_files(self) -> &'static [&'static str] {
        match self {
            Crls::Current => &["crl/inter.pem", "crl/root.pem"],
            Crls::None | Crls::Unavailable => &[],
            Crls::LeafOnly => &["crl/inter.pem"],
            Crls::Stale => &["crl/stale.pem", "crl/root.pem"],
            Crls::BadSignature => &["crl/bad-signature.pem", "crl/root.pem"],
            Crls::OtherCa => &["crl/other.pem", "crl/root.pem"],
            Crls::RootOnly => &["crl/root.pem"],
        }
    }

    pub fn revocation(self) -> Revocation {
        let mut r = Revocation::new();
        for f in self.pem_files() {
            r = r.with_crl(read(&f.replace(".pem", ".der")));
        }
        if self == Crls::Unavailable {
            r = r.unavailable("OCSP and CRL endpoints timed out");
        }
        r
    }
}
