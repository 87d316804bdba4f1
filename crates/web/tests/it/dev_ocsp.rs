//! `POST /dev/pki/ocsp`: the development server answers OCSP for the development PKI saved in
//! its folder — `good` for a person's signing key, as `kandas_pki` judges it, `malformedRequest`
//! for garbage — and production has no such route.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kandas_app::ports::Clock;
use kandas_pki::{OcspStatus, check_ocsp_response, ocsp_request};
use kandas_testkit::{TestApp, dev_pki};
use kandas_web::Environment;

const APPLICANT: &str = "900101300811";

struct Scratch(std::path::PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn post(body: Vec<u8>) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri("/dev/pki/ocsp")
        .header("content-type", "application/ocsp-request")
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn the_dev_server_answers_ocsp_for_the_dev_pki() {
    let scratch = Scratch(
        std::env::temp_dir().join(format!("kandas-web-ocsp-{}", uuid::Uuid::new_v4().simple())),
    );
    dev_pki().save(&scratch.0).unwrap();
    let mut app = TestApp::sqlite().await;
    app.state.dev_pki = Some(scratch.0.clone());

    let cert = dev_pki().person(APPLICANT).unwrap().sign.certificate_der();
    let issuer = dev_pki().intermediate().certificate_der();
    let request = ocsp_request(cert, issuer, Some(b"web-nonce")).unwrap();
    let (status, headers, body) = app.send(post(request)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/ocsp-response");
    let evidence = check_ocsp_response(&body, cert, issuer, app.clock.now()).unwrap();
    assert_eq!(evidence.status, OcspStatus::Good);

    let (status, _, body) = app.send(post(b"garbage".to_vec())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, b"\x30\x03\x0a\x01\x01", "malformedRequest");

    app.state.environment = Environment::Production;
    let (status, _, _) = app.send(post(Vec::new())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
