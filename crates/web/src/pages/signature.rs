//! The signature of a case as officers see it: how it was signed, and for an electronic
//! signature the validation report — each check, the signer, the time the signer claimed, the
//! time the certificates were judged valid at and why that time (receipt or a trusted
//! timestamp), the trust anchor, and the CRL or OCSP answer that decided the revocation status.

use kandas_app::applicant::view::SignatureView;
use kandas_domain::application::status::SignatureMethod;
use serde_json::Value;

use super::layout::Texts;

/// What the case page shows about the signature.
pub struct SignaturePanel {
    /// "Signed with SMS code" / "Signed with EDS".
    pub method: String,
    /// SHA-256 of the signed document.
    pub sha256: String,
    /// The verdict, translated (EDS only).
    pub verdict: Option<String>,
    /// Label and value lines: signer, signing time, anchor, the phone for SMS.
    pub facts: Vec<(String, String)>,
    /// Each check: translated name, passed, technical detail.
    pub checks: Vec<(String, bool, String)>,
    /// Revocation evidence lines (CRL or OCSP, with their times).
    pub revocation: Vec<String>,
}

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn revocation_lines(report: &Value) -> Vec<String> {
    let list = |key: &str| {
        report
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let crls = list("crls").into_iter().map(|c| {
        format!(
            "CRL: {} ({} — {})",
            text(&c, "issuer"),
            text(&c, "this_update"),
            text(&c, "next_update")
        )
    });
    let ocsp = list("ocsp").into_iter().map(|o| {
        format!(
            "OCSP: {} — {} ({})",
            text(&o, "responder"),
            text(&o, "status"),
            text(&o, "produced_at")
        )
    });
    crls.chain(ocsp).collect()
}

/// When the certificates were judged valid and on what basis; nothing for reports made before
/// the report said so.
fn validity_facts(t: Texts, report: &Value) -> Vec<(String, String)> {
    let basis = match report.get("validity_basis").and_then(Value::as_str) {
        Some("received") => t.get("signature-basis-received"),
        Some("timestamp") => t.get("signature-basis-timestamp"),
        _ => return Vec::new(),
    };
    vec![
        (
            t.get("signature-validity-time"),
            text(report, "validity_time"),
        ),
        (t.get("signature-validity-basis"), basis),
    ]
}

/// The panel for a case's signature.
pub fn panel(t: Texts, s: &SignatureView) -> SignaturePanel {
    let report = s.detail.get("report").cloned().unwrap_or(Value::Null);
    let (method, facts) = match s.method {
        SignatureMethod::Sms => (
            t.get("signature-sms"),
            vec![(t.get("signature-phone"), text(&s.detail, "phone"))],
        ),
        SignatureMethod::Eds => {
            let signer = report
                .get("signer")
                .map(|v| text(v, "subject"))
                .unwrap_or_default();
            let mut facts = vec![
                (t.get("signature-signer"), signer),
                (t.get("signature-time"), text(&report, "signing_time")),
            ];
            facts.extend(validity_facts(t, &report));
            facts.push((t.get("signature-anchor"), text(&report, "anchor")));
            (t.get("signature-eds"), facts)
        }
        SignatureMethod::Paper => (
            t.get("signature-paper"),
            vec![(t.get("signature-desk"), text(&s.detail, "desk"))],
        ),
    };
    let checks = report
        .get("checks")
        .and_then(Value::as_array)
        .map(|checks| {
            checks
                .iter()
                .map(|c| {
                    let name = t.get(&format!("check-{}", text(c, "name").replace('.', "-")));
                    (name, text(c, "outcome") == "passed", text(c, "detail"))
                })
                .collect()
        })
        .unwrap_or_default();
    let verdict = report
        .get("verdict")
        .and_then(Value::as_str)
        .map(|v| t.get(&format!("verdict-{v}")));
    SignaturePanel {
        method,
        sha256: s.sha256.clone(),
        verdict,
        facts,
        checks,
        revocation: revocation_lines(&report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eds(report: Value) -> SignatureView {
        SignatureView {
            method: SignatureMethod::Eds,
            sha256: "ab".repeat(32),
            detail: serde_json::json!({ "report": report }),
        }
    }

    #[test]
    fn the_validity_time_and_its_basis_are_shown_translated() {
        let report = serde_json::json!({
            "signing_time": "2026-11-24T09:00:00Z",
            "validity_time": "2026-11-24T09:00:20Z",
            "validity_basis": "timestamp",
        });
        for lang in kandas_i18n::LANGUAGES {
            let t = Texts { lang };
            let facts = panel(t, &eds(report.clone())).facts;
            let at = (
                t.get("signature-validity-time"),
                "2026-11-24T09:00:20Z".to_owned(),
            );
            let basis = (
                t.get("signature-validity-basis"),
                t.get("signature-basis-timestamp"),
            );
            assert!(facts.contains(&at) && facts.contains(&basis), "{facts:?}");
        }
        let received = serde_json::json!({ "validity_basis": "received", "validity_time": "x" });
        let t = Texts { lang: "en" };
        let facts = panel(t, &eds(received)).facts;
        assert!(
            facts
                .iter()
                .any(|(_, v)| v == "when the signature was received"),
            "{facts:?}"
        );
    }

    #[test]
    fn a_report_from_before_the_basis_was_recorded_shows_no_validity_time() {
        let old = serde_json::json!({ "signing_time": "2026-01-01T00:00:00Z" });
        let t = Texts { lang: "ru" };
        let facts = panel(t, &eds(old)).facts;
        assert!(
            !facts
                .iter()
                .any(|(l, _)| *l == t.get("signature-validity-time")),
            "{facts:?}"
        );
        assert_eq!(facts.len(), 3, "signer, signing time, anchor: {facts:?}");
    }
}
