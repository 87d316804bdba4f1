//! `kandas calendar due` counts on the server's calendar (the administrators' edits from the
//! database included) and the configured rule sets; rule-set and grounds files are checked at
//! start, with an error naming the file and the fault.

use kandas_domain::application::Kind;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use super::{DataDir, ok, text};

const ADMIN: &str = "700701300067";

fn due(dir: &DataDir, kind: &str, received: &str, env: &[(&str, &str)]) -> Value {
    let args = ["calendar", "due", "--kind", kind, "--received", received];
    serde_json::from_str(ok(&dir.kandas(&args, env)).trim()).unwrap()
}

/// An administrator makes Wednesday 25 November 2026 a day off through the API; the server and
/// `kandas calendar due` on the same database then give the same deadline.
async fn the_cli_agrees_with_the_server_after_an_edit(app: &TestApp) {
    let dir = DataDir::new();
    let db = [("KANDAS_DATABASE_URL", app.database_url())];
    let before = due(&dir, "assignment", "2026-11-23T10:00", &db);
    assert_eq!(before["due"], "2026-11-26");

    let admin = app.sign_in(ADMIN).await;
    let path = "/api/v1/admin/calendar/2026";
    let (_, _, year) = app.request("GET", path, None, Some(&admin)).await;
    let mut days = year["days_off"].as_array().unwrap().clone();
    let name =
        json!({ "kk": "Қосымша демалыс", "ru": "Дополнительный выходной", "en": "Extra day off" });
    days.push(json!({ "date": "2026-11-25", "names": name, "act": name }));
    let body =
        json!({ "confirmed": true, "note": year["note"], "days_off": days, "working_days": [] });
    let (status, _, saved) = app.request("PUT", path, Some(body), Some(&admin)).await;
    assert_eq!(status, 200, "{saved}");

    let received: jiff::Timestamp = "2026-11-23T05:00:00Z".parse().unwrap();
    let service = app.service();
    let server = kandas_domain::deadline::compute(
        &service.calendar.current(),
        &service.rules,
        Kind::Assignment,
        received,
    )
    .unwrap();
    assert_eq!(
        server.due.to_string(),
        "2026-11-27",
        "the server counts the edit"
    );
    let cli = due(&dir, "assignment", "2026-11-23T10:00", &db);
    assert_eq!(
        cli,
        json!({ "accepted": server.accepted.to_string(), "due": server.due.to_string(),
                "rule_set": server.rule_set, "calendar_confirmed": true })
    );
    // Without the database's edits (a fresh data directory) the shipped calendar answers.
    assert_eq!(
        due(&dir, "assignment", "2026-11-23T10:00", &[])["due"],
        "2026-11-26"
    );
}

#[tokio::test]
async fn the_cli_agrees_with_the_server_on_sqlite() {
    the_cli_agrees_with_the_server_after_an_edit(&TestApp::sqlite().await).await;
}

#[tokio::test]
async fn the_cli_agrees_with_the_server_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        eprintln!("KANDAS_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
        return;
    };
    the_cli_agrees_with_the_server_after_an_edit(&app).await;
}

#[test]
fn years_without_confirmed_data_are_computed_and_say_so() {
    let dir = DataDir::new();
    // Thu 30 Dec 2027: Fri 31 (1), 3–4 Jan 2028 for the New Year weekend, Wed 5 (2), Thu 6 (3).
    assert_eq!(
        due(&dir, "assignment", "2027-12-30T10:00", &[]),
        json!({ "accepted": "2027-12-30", "due": "2028-01-06", "rule_set": "2025-10",
                "calendar_confirmed": false })
    );
    let far = due(&dir, "extension", "2035-06-01T10:00", &[]);
    assert_eq!(far["calendar_confirmed"], false);
    assert_eq!(far["accepted"], "2035-06-01");
}

fn shipped_rules() -> Value {
    serde_json::from_str(include_str!("../../../domain/data/rule_sets.json")).unwrap()
}

#[test]
fn a_rules_file_replaces_the_shipped_rule_sets() {
    let dir = DataDir::new();
    let mut rules = shipped_rules();
    rules["rule_sets"][1]["terms"]["assignment_days"] = json!(5);
    std::fs::write(dir.path("rules.json"), rules.to_string()).unwrap();
    let file = dir.path("rules.json");
    let env = [("KANDAS_RULES_FILE", file.to_str().unwrap())];
    // Mon 23 Nov 2026 in hours: five working days, Mon 30 November.
    assert_eq!(
        due(&dir, "assignment", "2026-11-23T10:00", &env)["due"],
        "2026-11-30"
    );
    ok(&dir.kandas(&["migrate"], &env));

    rules["rule_sets"][1]["terms"]["assignment_days"] = json!(0);
    std::fs::write(dir.path("rules.json"), rules.to_string()).unwrap();
    for command in [
        &["migrate"][..],
        &[
            "calendar",
            "due",
            "--kind",
            "assignment",
            "--received",
            "2026-11-23T10:00",
        ],
    ] {
        let refused = dir.kandas(command, &env);
        let error = text(&refused.stderr);
        assert!(!refused.status.success());
        assert!(error.contains(file.to_str().unwrap()), "{error}");
        assert!(
            error.contains("assignment_days must be at least 1"),
            "{error}"
        );
    }
    std::fs::write(dir.path("rules.json"), "{\"rule_sets\": [").unwrap();
    let error = text(&dir.kandas(&["migrate"], &env).stderr);
    assert!(
        error.contains("rules.json") && error.contains("malformed"),
        "{error}"
    );
    let missing = [("KANDAS_RULES_FILE", "/nonexistent/rules.json")];
    let error = text(&dir.kandas(&["migrate"], &missing).stderr);
    assert!(
        error.contains("reading the rule sets /nonexistent/rules.json"),
        "{error}"
    );
}

#[test]
fn a_grounds_file_replaces_the_shipped_list_and_is_checked() {
    let dir = DataDir::new();
    let mut grounds: Value =
        serde_json::from_str(include_str!("../../../domain/data/grounds.json")).unwrap();
    grounds[0]["legal_basis"] = json!("Rules, clause 9, subclause 1), as amended");
    let file = dir.path("grounds.json");
    let env = [("KANDAS_GROUNDS_FILE", file.to_str().unwrap())];
    std::fs::write(&file, grounds.to_string()).unwrap();
    ok(&dir.kandas(&["migrate"], &env));

    let twice = json!([grounds[0], grounds[0], grounds[4]]);
    std::fs::write(&file, twice.to_string()).unwrap();
    let error = text(&dir.kandas(&["migrate"], &env).stderr);
    assert!(
        error.contains(file.to_str().unwrap()) && error.contains("listed twice"),
        "{error}"
    );

    let mut unknown = grounds.clone();
    unknown[0]["code"] = json!("new-ground");
    std::fs::write(&file, unknown.to_string()).unwrap();
    let error = text(&dir.kandas(&["migrate"], &env).stderr);
    assert!(error.contains("`ground-new-ground`"), "{error}");
}
