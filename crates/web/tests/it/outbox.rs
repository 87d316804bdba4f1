//! The job worker: retries with backoff, gives up on permanent failures, delivers each notice
//! once to the personal account and by SMS in Kazakh and Russian.

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use jiff::SignedDuration;
use kandas_app::Service;
use kandas_app::jobs::run_once;
use kandas_app::ports::sms::{Sms, SmsError, SmsMessage};
use kandas_domain::application::status::Notice;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::support::submit_assignment;

/// The phone of 900101300811 in the demo Mobile Citizens Database.
const PHONE: &str = "+77011234567";

/// What a [`Flaky`] sender delivered: (phone, text).
type Sent = Arc<Mutex<Vec<(String, String)>>>;

/// An SMS gateway that fails the first `failures` sends, then records what it delivers.
struct Flaky {
    failures: Mutex<usize>,
    failure: fn(String) -> SmsError,
    sent: Sent,
}

#[async_trait::async_trait]
impl Sms for Flaky {
    async fn send(&self, message: &SmsMessage<'_>) -> Result<(), SmsError> {
        let mut failures = self.failures.lock().unwrap();
        if *failures > 0 {
            *failures -= 1;
            Err((self.failure)("gateway says no".to_owned()))
        } else {
            let sms = (message.phone.to_string(), message.text.to_owned());
            self.sent.lock().unwrap().push(sms);
            Ok(())
        }
    }
}

/// A copy of the test service whose SMS gateway fails `failures` times with `failure`.
fn flaky_service(
    app: &TestApp,
    failures: usize,
    failure: fn(String) -> SmsError,
) -> (Service, Sent) {
    let sent = Sent::default();
    let mut service = app.service().clone();
    service.sms = Arc::new(Flaky {
        failures: Mutex::new(failures),
        failure,
        sent: sent.clone(),
    });
    (service, sent)
}

async fn pending(app: &TestApp) -> i64 {
    app.service().store.pending_jobs().await.unwrap()
}

/// Starts a login for the demo applicant: one code SMS is enqueued, not sent.
async fn start_login(app: &TestApp) {
    let body = json!({ "iin": "900101300811", "password": kandas_store::demo::PASSWORD });
    let (status, _, json) = app
        .request("POST", "/api/v1/auth/login", Some(body), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{json}");
}

async fn retries_and_gives_up(app: &TestApp) {
    assert_eq!(pending(app).await, 0, "the demo data leaves no jobs");
    let (service, sent) = flaky_service(app, 1, SmsError::Temporary);
    start_login(app).await;
    assert_eq!(pending(app).await, 1);
    assert!(
        run_once(&service).await.unwrap(),
        "the job ran (and failed)"
    );
    assert_eq!(pending(app).await, 1, "a temporary failure is retried");
    assert!(sent.lock().unwrap().is_empty());
    assert!(
        !run_once(&service).await.unwrap(),
        "backing off: nothing due"
    );
    // The first retry waits 10 s × 2^1 = 20 s.
    app.clock.advance(SignedDuration::from_secs(19));
    assert!(
        !run_once(&service).await.unwrap(),
        "still backing off at 19 s"
    );
    app.clock.advance(SignedDuration::from_secs(2));
    assert!(run_once(&service).await.unwrap(), "due again after 20 s");
    assert_eq!(pending(app).await, 0);
    {
        let sent = sent.lock().unwrap();
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert_eq!(sent[0].0, PHONE);
        assert!(kandas_testkit::six_digits(&sent[0].1).is_some(), "{sent:?}");
    }
    assert!(!run_once(&service).await.unwrap());

    // A permanent failure is given up at once, and never tried again.
    let (service, sent) = flaky_service(app, usize::MAX, SmsError::Permanent);
    let inbox = app.service().store.dev_sms().await.unwrap().len();
    start_login(app).await;
    assert_eq!(pending(app).await, 1);
    assert!(run_once(&service).await.unwrap());
    assert_eq!(pending(app).await, 0, "given up");
    assert!(!run_once(&service).await.unwrap());
    app.clock.advance(SignedDuration::from_secs(3600));
    assert!(
        !run_once(&service).await.unwrap(),
        "a dead job is not retried"
    );
    assert_eq!(app.drain().await, 0);
    assert!(sent.lock().unwrap().is_empty());
    assert_eq!(app.service().store.dev_sms().await.unwrap().len(), inbox);
}

crate::on_both_backends!(
    retries_and_gives_up,
    retries_and_gives_up_on_sqlite,
    retries_and_gives_up_on_postgres
);

/// The Astana local executive body reviews and assigns the application.
async fn assign(app: &TestApp, id: &str) {
    let decision = json!({ "outcome": "assign", "grounds": [], "comment": "" });
    let decided = crate::support::review_and_decide(app, id, decision).await;
    assert_eq!(decided["status"], "assigned", "{decided}");
}

async fn notifications(app: &TestApp, token: &str) -> Vec<Value> {
    let (status, _, notes) = app
        .request("GET", "/api/v1/notifications", None, Some(token))
        .await;
    assert_eq!(status, StatusCode::OK, "{notes}");
    notes.as_array().unwrap().clone()
}

async fn notices_once(app: &TestApp) {
    let (token, id) = submit_assignment(app).await;
    assert_eq!(pending(app).await, 1, "the notice \"registered\" waits");
    // The SMS gateway fails once: the notice is in the account at once, its SMS is retried,
    // and the retry must not put the notice in the account a second time.
    let (service, _) = flaky_service(app, 1, SmsError::Temporary);
    assert!(run_once(&service).await.unwrap());
    assert_eq!(pending(app).await, 1, "the SMS of the notice is retried");
    assert_eq!(notifications(app, &token).await.len(), 1);
    app.clock.advance(SignedDuration::from_secs(21));
    assert_eq!(app.drain().await, 1);
    assert_eq!(pending(app).await, 0);
    assert_eq!(notifications(app, &token).await.len(), 1, "delivered once");

    assign(app, &id).await;
    app.drain().await;
    let first = notifications(app, &token).await;
    assert_eq!(app.drain().await, 0, "nothing is left to run");
    let notes = notifications(app, &token).await;
    assert_eq!(notes, first, "a second drain changes nothing");
    let notices: Vec<Notice> = notes
        .iter()
        .map(|n| serde_json::from_value(n["notice"].clone()).unwrap())
        .collect();
    assert_eq!(notices.len(), 3, "registered, accepted, decided: {notes:?}");
    let decided =
        |n: &Notice| matches!(n, Notice::Decided { outcome, .. } if outcome == "assigned");
    assert!(notices.iter().any(decided), "{notes:?}");
    assert!(notices.iter().any(|n| matches!(n, Notice::Accepted { .. })));
    assert!(matches!(notices.last(), Some(Notice::Registered { .. })));
    assert!(notes.iter().all(|n| n["application"] == id.as_str()));

    let inbox = app.service().store.dev_sms().await.unwrap();
    for notice in &notices {
        let [kk, ru] = ["kk", "ru"].map(|lang| kandas_i18n::notice_sms(lang, notice));
        assert_ne!(kk, ru, "{notice:?}");
        let expected = format!("{kk} / {ru}");
        let to_applicant = inbox
            .iter()
            .filter(|s| s.phone == PHONE && s.text == expected)
            .count();
        assert_eq!(to_applicant, 1, "{expected:?} in {inbox:?}");
    }
}

crate::on_both_backends!(
    notices_once,
    notices_once_on_sqlite,
    notices_once_on_postgres
);
