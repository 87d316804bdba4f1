//! One verification case of the table: the CMS, its inputs, and what must come of it.

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfos};
use der::asn1::{Any, ObjectIdentifier, SetOfVec};
use der::{Decode, Encode};
use jiff::Timestamp;
use kandas_pki::{Purpose, TrustStore, ValidationReport, Verdict, verify_cms};

use crate::corpus::{self, Crls};

pub const P1: &str = "900101300811";
pub const P2: &str = "931002451325";

/// One verification and what must come of it.
pub struct Case {
    pub name: String,
    pub cms: Vec<u8>,
    /// Corpus file holding the CMS, when openssl can read the same bytes.
    pub file: Option<&'static str>,
    pub detached: Option<&'static str>,
    pub purpose: Purpose,
    pub iin: Option<&'static str>,
    pub crls: Crls,
    /// OCSP responses handed in (files under `ocsp/`, without `.der`).
    pub ocsp: Vec<&'static str>,
    pub chain_in_trust: bool,
    pub now: Timestamp,
    pub verdict: Verdict,
    pub code: Option<&'static str>,
    /// Whether `openssl cms -verify` judges the same question (no purpose, IIN or policy rules).
    pub openssl: bool,
}

pub fn case(name: &str, file: &'static str, verdict: Verdict, code: Option<&'static str>) -> Case {
    Case {
        name: name.to_owned(),
        cms: corpus::read(&format!("cms/{file}.p7s")),
        file: Some(file),
        detached: None,
        purpose: Purpose::SignDocument,
        iin: Some(P1),
        crls: Crls::Current,
        ocsp: Vec::new(),
        chain_in_trust: true,
        now: corpus::now(),
        verdict,
        code,
        openssl: true,
    }
}

pub fn valid(name: &str, file: &'static str) -> Case {
    case(name, file, Verdict::Valid, None)
}

pub fn invalid(name: &str, file: &'static str, code: &'static str) -> Case {
    case(name, file, Verdict::Invalid, Some(code))
}

pub fn indeterminate(name: &str, file: &'static str, code: &'static str) -> Case {
    case(name, file, Verdict::Indeterminate, Some(code))
}

impl Case {
    pub fn detached(mut self, file: &'static str) -> Self {
        self.detached = Some(file);
        self
    }
    pub fn iin(mut self, iin: Option<&'static str>) -> Self {
        self.iin = iin;
        self
    }
    pub fn purpose(mut self, purpose: Purpose) -> Self {
        self.purpose = purpose;
        self
    }
    pub fn crls(mut self, crls: Crls) -> Self {
        self.crls = crls;
        self
    }
    /// Hands in these OCSP responses and takes "now" from when they were made (openssl ocsp
    /// stamps thisUpdate with that moment); `openssl cms -verify` cannot judge OCSP.
    pub fn ocsp(mut self, files: &[&'static str]) -> Self {
        self.ocsp = files.to_vec();
        self.now = corpus::ocsp_now();
        self.openssl = false;
        self
    }
    pub fn openssl(mut self, judges: bool) -> Self {
        self.openssl = judges;
        self
    }
    pub fn bytes(mut self, cms: Vec<u8>) -> Self {
        self.cms = cms;
        self.file = None;
        self.openssl = false;
        self
    }

    pub fn run(&self) -> ValidationReport {
        let trust: TrustStore = if self.chain_in_trust {
            corpus::trust()
        } else {
            corpus::trust_without_intermediates()
        };
        let detached = self.detached.map(|f| corpus::read(&format!("cms/{f}")));
        verify_cms(
            &self.cms,
            detached.as_deref(),
            self.purpose,
            self.iin,
            &trust,
            &self.revocation(),
            self.now,
        )
    }
}

impl Case {
    pub fn revocation(&self) -> kandas_pki::Revocation {
        self.ocsp.iter().fold(self.crls.revocation(), |r, f| {
            r.with_ocsp_response(corpus::read(&format!("ocsp/{f}.der")))
        })
    }
}

/// The CMS of `file` with the SignerInfo's signature algorithm replaced, re-encoded with `der`:
/// GOST 2015 OIDs are longer than any RSA OID, so they cannot be patched in place.
pub fn with_signature_algorithm(file: &str, oid: &str) -> Vec<u8> {
    let info = ContentInfo::from_der(&corpus::read(&format!("cms/{file}.p7s"))).unwrap();
    let mut sd: SignedData = info.content.decode_as().unwrap();
    let mut si = sd.signer_infos.0.into_vec().remove(0);
    si.signature_algorithm.oid = ObjectIdentifier::new(oid).unwrap();
    si.signature_algorithm.parameters = None;
    sd.signer_infos = SignerInfos(SetOfVec::try_from(vec![si]).unwrap());
    ContentInfo {
        content_type: info.content_type,
        content: Any::encode_from(&sd).unwrap(),
    }
    .to_der()
    .unwrap()
}
