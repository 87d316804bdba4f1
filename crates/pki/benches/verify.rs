//! What a full verification costs next to the bare signature check of the same signature.
//!
//! For the corpus's valid RSA-2048 / SHA-256 case (`rsa-attached.p7s`) and the ECDSA P-256 case
//! (`p256-attached.p7s`):
//! - `full`: `verify_cms` with the anchors, the intermediate and both CRLs, as the tests run it —
//!   parsing, signed attributes, the signer's signature, the path (two certificate signatures), two
//!   CRLs (parsed and their signatures verified), key usage, IIN;
//! - `bare`: SHA-256 over the signed attributes (re-encoded as a SET, tag 0x31) and the one
//!   signature check with an already decoded public key — the floor any verifier pays.
//!
//! Run: `cargo bench -p kandas-pki` (release profile; add `-- rsa` to pick a group).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use criterion::{Criterion, criterion_group, criterion_main};
use der::{Decode, Encode};
use jiff::{SignedDuration, Timestamp};
use kandas_pki::{Purpose, Revocation, TrustStore, Verdict, verify_cms};
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::{Pkcs1v15Sign, PublicKey as RsaPublicKey};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

const IIN: &str = "900101300811";

macro_rules! corpus {
    ($rel:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/", $rel))
    };
}

fn trust() -> TrustStore {
    TrustStore::from_pem_or_der(&[corpus!("pki/root.pem")], &[corpus!("pki/inter.der")]).unwrap()
}

fn revocation() -> Revocation {
    Revocation::new()
        .with_crl(corpus!("crl/inter.der").to_vec())
        .with_crl(corpus!("crl/root.der").to_vec())
}

/// The tests' "now": ten minutes after `make.sh` signed the corpus.
fn now() -> Timestamp {
    let made_at: Timestamp = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/made-at.txt"
    ))
    .trim()
    .parse()
    .unwrap();
    made_at + SignedDuration::from_mins(10)
}

/// What the bare check needs, taken out of the CMS with `cms`/`x509-cert` directly.
struct Parts {
    /// The signer certificate's SubjectPublicKeyInfo.
    spki: spki::SubjectPublicKeyInfoOwned,
    /// The signed attributes as DER with the SET tag (0x31), which is what was signed.
    signed_attrs: Vec<u8>,
    signature: Vec<u8>,
}

fn parts(cms: &[u8]) -> Parts {
    let info = ContentInfo::from_der(cms).unwrap();
    let sd: SignedData = info.content.decode_as().unwrap();
    let si = sd.signer_infos.0.get(0).unwrap();
    let SignerIdentifier::IssuerAndSerialNumber(ias) = &si.sid else {
        panic!("the corpus signers are identified by issuer and serial");
    };
    let cert: Certificate = sd
        .certificates
        .as_ref()
        .unwrap()
        .0
        .iter()
        .find_map(|c| match c {
            CertificateChoices::Certificate(c)
                if c.tbs_certificate().serial_number() == &ias.serial_number
                    && c.tbs_certificate().issuer() == &ias.issuer =>
            {
                Some(c.clone())
            }
            _ => None,
        })
        .unwrap();
    // `SignedAttributes` is a `SetOfVec<Attribute>`: its own DER is the SET form (0x31), not
    // the IMPLICIT [0] (0xA0) it is stored as inside SignerInfo.
    let signed_attrs = si.signed_attrs.as_ref().unwrap().to_der().unwrap();
    assert_eq!(signed_attrs[0], 0x31);
    Parts {
        spki: cert.tbs_certificate().subject_public_key_info().clone(),
        signed_attrs,
        signature: si.signature.as_bytes().to_vec(),
    }
}

fn bench_rsa(c: &mut Criterion) {
    let cms = corpus!("cms/rsa-attached.p7s");
    let (trust, revocation, now) = (trust(), revocation(), now());
    let full = || {
        verify_cms(
            black_box(cms),
            None,
            Purpose::SignDocument,
            Some(IIN),
            &trust,
            &revocation,
            now,
        )
    };
    assert_eq!(full().verdict, Verdict::Valid, "{:?}", full().code());

    let p = parts(cms);
    let key = RsaPublicKey::from_pkcs1_der(p.spki.subject_public_key.raw_bytes()).unwrap();
    assert_eq!(rsa::traits::PublicKeyParts::size(&key) * 8, 2048);
    let bare = || {
        let hashed = Sha256::digest(black_box(&p.signed_attrs));
        key.verify(
            Pkcs1v15Sign::new::<Sha256>(),
            &hashed,
            black_box(&p.signature),
        )
    };
    bare().unwrap();

    let mut g = c.benchmark_group("rsa2048-sha256");
    g.bench_function("full verify_cms", |b| b.iter(full));
    g.bench_function("bare pkcs1v15 verify", |b| b.iter(bare));
    g.finish();
}

fn bench_p256(c: &mut Criterion) {
    let cms = corpus!("cms/p256-attached.p7s");
    let (trust, revocation, now) = (trust(), revocation(), now());
    let full = || {
        verify_cms(
            black_box(cms),
            None,
            Purpose::SignDocument,
            Some(IIN),
            &trust,
            &revocation,
            now,
        )
    };
    assert_eq!(full().verdict, Verdict::Valid, "{:?}", full().code());

    let p = parts(cms);
    let key =
        p256::ecdsa::VerifyingKey::from_sec1_bytes(p.spki.subject_public_key.raw_bytes()).unwrap();
    let sig = p256::ecdsa::Signature::from_der(&p.signature).unwrap();
    let bare = || {
        let hashed = Sha256::digest(black_box(&p.signed_attrs));
        key.verify_prehash(&hashed, black_box(&sig))
    };
    bare().unwrap();

    let mut g = c.benchmark_group("p256-sha256");
    g.bench_function("full verify_cms", |b| b.iter(full));
    g.bench_function("bare ecdsa verify", |b| b.iter(bare));
    g.finish();
}

criterion_group!(benches, bench_rsa, bench_p256);
criterion_main!(benches);
