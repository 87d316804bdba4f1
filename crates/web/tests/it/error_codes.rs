//! The edge maps every error code to its JSON body and status by variant: the body's code is the
//! variant's, the message is its translation, and the statuses are those of API.md.

use axum::http::StatusCode;
use axum::response::IntoResponse;
use kandas_app::AppError;
use kandas_domain::application::form::FieldError;
use kandas_domain::codes::{ErrorCode, OtpError, RequestError};
use kandas_web::error::{ErrorBody, WebError, status_of};

fn body(error: AppError, lang: &str) -> (StatusCode, serde_json::Value) {
    let response = WebError(error).into_response();
    let status = response.status();
    let body = response.extensions().get::<ErrorBody>().cloned().unwrap();
    (status, body.into_json(lang).0)
}

#[test]
fn every_code_answers_with_its_own_code_and_message() {
    for code in ErrorCode::all() {
        for lang in kandas_i18n::LANGUAGES {
            let (status, json) = body(AppError::Conflict(code), lang);
            assert_eq!(status, StatusCode::CONFLICT);
            assert_eq!(json["error"]["code"], code.code(), "{code:?}");
            assert_eq!(
                json["error"]["message"],
                kandas_i18n::text(lang, code.code()),
                "{lang}: {code:?}"
            );
        }
    }
}

#[test]
fn a_field_error_answers_with_its_code_under_the_field() {
    let code = ErrorCode::from(RequestError::Invalid);
    for field_code in ErrorCode::all() {
        let error = AppError::Invalid(vec![FieldError {
            field: "iin".into(),
            code: field_code,
        }]);
        let (status, json) = body(error, "en");
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(json["error"]["code"], code.code());
        assert_eq!(json["error"]["fields"]["iin"]["code"], field_code.code());
    }
}

#[test]
fn only_a_locked_one_time_code_is_too_many_requests() {
    for otp in OtpError::ALL {
        let expected = if *otp == OtpError::Locked {
            StatusCode::TOO_MANY_REQUESTS
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        assert_eq!(
            status_of(&AppError::Code((*otp).into())),
            expected,
            "{otp:?}"
        );
    }
}

/// A JSON body over the limit is 413 `request.too-large`, translated, not a 422; the draft is
/// not made.
#[tokio::test]
async fn an_oversized_body_is_too_large() {
    let app = kandas_testkit::TestApp::sqlite().await;
    let token = app.sign_in("900101300811").await;
    // Past the largest body the service reads (a file's limit and its form around it).
    let over = app.service().limits.max_attachment_bytes + 128 * 1024;
    let padding = "x".repeat(over);
    let body = serde_json::json!({ "kind": "assignment", "padding": padding });
    let (status, _, json) = app
        .request("POST", "/api/v1/applications", Some(body), Some(&token))
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{json}");
    assert_eq!(json["error"]["code"], "request.too-large");
    assert!(
        json["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    let (_, _, mine) = app
        .request("GET", "/api/v1/applications", None, Some(&token))
        .await;
    assert_eq!(mine, serde_json::json!([]), "nothing was made");
}
