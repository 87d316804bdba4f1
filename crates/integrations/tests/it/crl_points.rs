//! CRL distribution points: reading them from certificates, fetching from them through the
//! `CrlSource` port, and configured URLs taking precedence.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use kandas_integrations::{CrlConfig, CrlFetchError, CrlFetcher, CrlSource, crl_urls};

use crate::clock::TestClock;
use crate::corpus::{failure_detail, fixture, now, read, verify_with};

/// Serves fixed bodies by URL and records what was asked.
#[derive(Default)]
struct MapSource {
    bodies: HashMap<String, Vec<u8>>,
    asked: Mutex<Vec<String>>,
}

#[async_trait]
impl CrlSource for MapSource {
    async fn fetch(&self, url: &str) -> Result<Vec<u8>, CrlFetchError> {
        self.asked.lock().unwrap().push(url.to_owned());
        self.bodies
            .get(url)
            .cloned()
            .ok_or_else(|| CrlFetchError::new(url, "the server answered 404 Not Found"))
    }
}

const DP: &str = "http://crl.test.kandas.kz/inter.crl";
const MIRROR: &str = "HTTP://Mirror.test.kandas.kz/inter.crl";
const ROOT_DP: &str = "http://crl.test.kandas.kz/root.crl";

fn source(bodies: &[(&str, Vec<u8>)]) -> Arc<MapSource> {
    Arc::new(MapSource {
        bodies: bodies
            .iter()
            .map(|(url, body)| ((*url).to_owned(), body.clone()))
            .collect(),
        asked: Mutex::default(),
    })
}

fn fetcher(source: Arc<MapSource>) -> CrlFetcher {
    CrlFetcher::new(
        source,
        Arc::new(TestClock::at(now())),
        &CrlConfig::default(),
    )
    .with_issuer_urls(&read("pki/root.der"), vec![ROOT_DP.into()])
    .unwrap()
}

#[test]
fn http_full_names_are_read_in_order_and_other_schemes_skipped() {
    // The fixture also lists ldap:// and https:// URIs.
    assert_eq!(
        crl_urls(&fixture("cdp-leaf.der")).unwrap(),
        vec![DP.to_owned(), MIRROR.to_owned()]
    );
}

#[test]
fn a_certificate_without_distribution_points_has_none_and_garbage_is_an_error() {
    assert!(
        crl_urls(&read("pki/sign-900101300811.der"))
            .unwrap()
            .is_empty()
    );
    assert!(crl_urls(b"not a certificate").is_err());
    assert!(crl_urls(&[]).is_err());
}

#[tokio::test]
async fn the_crl_comes_from_the_certificates_distribution_point() {
    let map = source(&[(DP, read("crl/inter.der")), (ROOT_DP, read("crl/root.der"))]);
    let crls = fetcher(map.clone());
    let path = [
        fixture("cdp-leaf.der"),
        read("pki/inter.der"),
        read("pki/root.der"),
    ];
    crls.revocation_for(&path).await;
    assert_eq!(*map.asked.lock().unwrap(), vec![DP, ROOT_DP]);
}

#[tokio::test]
async fn when_the_first_point_fails_the_next_one_is_tried() {
    let map = source(&[
        (MIRROR, read("crl/inter.der")),
        (ROOT_DP, read("crl/root.der")),
    ]);
    let crls = fetcher(map.clone());
    let path = [fixture("cdp-leaf.der"), read("pki/inter.der")];
    crls.revocation_for(&path).await;
    assert_eq!(*map.asked.lock().unwrap(), vec![DP, MIRROR, ROOT_DP]);
}

#[tokio::test]
async fn configured_urls_for_the_issuer_take_precedence_over_the_certificate() {
    let configured = "http://mirror.internal/nca.crl";
    let map = source(&[
        (configured, read("crl/inter.der")),
        (ROOT_DP, read("crl/root.der")),
    ]);
    let crls = fetcher(map.clone())
        .with_issuer_urls(&read("pki/inter.der"), vec![configured.into()])
        .unwrap();
    let path = [fixture("cdp-leaf.der"), read("pki/inter.der")];
    crls.revocation_for(&path).await;
    assert_eq!(*map.asked.lock().unwrap(), vec![configured, ROOT_DP]);
}

#[tokio::test]
async fn no_distribution_point_and_no_configuration_fails_closed() {
    let map = source(&[(ROOT_DP, read("crl/root.der"))]);
    let crls = fetcher(map);
    let path = [read("pki/sign-900101300811.der"), read("pki/inter.der")];
    let report = verify_with(&crls.revocation_for(&path).await, now());
    assert_eq!(report.code(), Some("eds.revocation-unavailable"));
    let detail = failure_detail(&report);
    assert!(
        detail.contains("no http CRL distribution point"),
        "{detail}"
    );
    assert!(detail.contains("certificate 1 of the path"), "{detail}");
}

#[tokio::test]
async fn in_a_superset_in_any_order_only_the_signers_chain_needs_crls() {
    // spare-ca.der: a CA under another root, with no distribution point and no configured URL;
    // it is not on the signer's chain, so it must not make the result unavailable.
    let map = source(&[(DP, read("crl/inter.der")), (ROOT_DP, read("crl/root.der"))]);
    let crls = fetcher(map.clone());
    let set = [
        fixture("spare-ca.der"),
        read("pki/root.der"),
        read("pki/other-root.der"),
        read("pki/inter.der"),
        fixture("cdp-leaf.der"),
    ];
    crls.revocation_for(&set).await;
    assert_eq!(*map.asked.lock().unwrap(), vec![DP, ROOT_DP]);

    let set = [
        fixture("spare-ca.der"),
        read("pki/inter.der"),
        read("pki/root.der"),
        read("pki/sign-900101300811.der"),
    ];
    let crls = fetcher(map)
        .with_issuer_urls(&read("pki/inter.der"), vec![DP.into()])
        .unwrap();
    let report = verify_with(&crls.revocation_for(&set).await, now());
    assert_eq!(
        report.verdict,
        kandas_pki::Verdict::Valid,
        "{:?}",
        report.checks
    );
}

#[tokio::test]
async fn without_an_end_entity_every_ca_that_is_not_self_issued_needs_one() {
    let crls = fetcher(source(&[(ROOT_DP, read("crl/root.der"))]));
    let report = verify_with(
        &crls.revocation_for(&[fixture("spare-ca.der")]).await,
        now(),
    );
    assert_eq!(report.code(), Some("eds.revocation-unavailable"));
    assert!(failure_detail(&report).contains("serial 4D"), "{report:?}");
}

#[test]
fn configured_urls_must_be_http_and_the_issuer_a_certificate() {
    let crls = || fetcher(source(&[]));
    assert!(
        crls()
            .with_issuer_urls(&read("pki/inter.der"), vec!["ldap://x/crl".into()])
            .is_err()
    );
    assert!(
        crls()
            .with_issuer_urls(b"garbage", vec![DP.into()])
            .is_err()
    );
}
