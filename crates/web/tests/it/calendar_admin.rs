//! The administrator edits the working calendar: the edit is checked, audited and in use at
//! once; a case registered before keeps its due date.

use axum::http::StatusCode;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::support::{submit_assignment, view};

const ADMIN: &str = "700701300067";

fn as_lines(entries: &Value) -> String {
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["date"].as_str().unwrap(),
                e["reason"].as_str().unwrap()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

async fn an_edited_year_is_in_use_at_once(app: &TestApp) {
    let (token, before) = submit_assignment(app).await;
    assert_eq!(
        view(app, &token, &before).await["deadline"]["due"],
        "2026-11-26"
    );

    let admin = app.sign_in(ADMIN).await;
    let path = "/api/v1/admin/calendar/2026";
    let (status, _, year) = app.request("GET", path, None, Some(&admin)).await;
    assert_eq!(status, StatusCode::OK, "{year}");
    let days_off = as_lines(&year["days_off"]);
    let working_days = as_lines(&year["working_days"]);

    // Checked like the shipped file: a day off on a Saturday is refused, nothing is saved.
    let saturday = json!({ "days_off": format!("{days_off}\n2026-11-28 ошибка"), "working_days": working_days });
    let (status, _, json) = app.request("PUT", path, Some(saturday), Some(&admin)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(
        json["error"]["fields"]["days_off"]["code"],
        "calendar.day-off-on-weekend"
    );
    let garbled = json!({ "days_off": "25.11.2026 праздник" });
    let (status, _, json) = app.request("PUT", path, Some(garbled), Some(&admin)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["fields"]["days_off"]["code"], "calendar.line");

    // Only an administrator edits it.
    let officer = app.sign_in("850302400014").await;
    let edit = json!({ "days_off": format!("{days_off}\n2026-11-25 Дополнительный выходной"),
                       "working_days": working_days, "note": "Постановление № 1" });
    let (status, _, _) = app
        .request("PUT", path, Some(edit.clone()), Some(&officer))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, _, saved) = app.request("PUT", path, Some(edit), Some(&admin)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert!(
        saved["days_off"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["date"] == "2026-11-25")
    );

    // In use at once: Wednesday 25 November is now a day off, so the term runs to Friday.
    let (token, after) = submit_assignment(app).await;
    assert_eq!(
        view(app, &token, &after).await["deadline"]["due"],
        "2026-11-27"
    );
    assert_eq!(
        view(app, &token, &before).await["deadline"]["due"],
        "2026-11-26",
        "kept"
    );

    // Stored: a node that reloads gets the same calendar.
    let reloaded = kandas_app::calendar::reload(app.service()).await.unwrap();
    assert_eq!(reloaded, 1);
    let calendar = app.service().calendar.current();
    let wednesday = jiff::civil::date(2026, 11, 25);
    assert!(!calendar.is_working_day(wednesday).unwrap());
}

crate::on_both_backends!(
    an_edited_year_is_in_use_at_once,
    calendar_edit_sqlite,
    calendar_edit_postgres
);

/// The same through the back office's page: the year's lines, a mistake kept with what was
/// typed, the save.
async fn the_back_office_page_edits_a_year(app: &TestApp) {
    let mut officer = crate::pages_journey::sign_in(app, "850302400014").await;
    let (status, _) = officer.get("/admin/calendar?year=2026").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let mut admin = crate::pages_journey::sign_in(app, ADMIN).await;
    let (status, html) = admin.get("/admin/calendar?year=2026&lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("2026-03-09"), "{html}");
    let days_off = crate::browser::unescape(
        html.split("name=\"days_off\"")
            .nth(1)
            .and_then(|rest| rest.split_once('>'))
            .and_then(|(_, rest)| rest.split_once("</textarea>"))
            .map(|(text, _)| text)
            .unwrap(),
    );
    let wrong = format!("{days_off}\n25.11.2026 oops");
    let (status, _, page) = admin
        .submit(
            &html,
            "/admin/calendar/2026",
            &[("days_off", wrong.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("25.11.2026 oops"), "what was typed stays");
    let right = format!("{days_off}\n2026-11-25 Extra day off");
    let answer = admin
        .submit(
            &html,
            "/admin/calendar/2026",
            &[("days_off", right.as_str())],
        )
        .await;
    assert_eq!(
        crate::browser::see_other(&answer),
        "/admin/calendar?year=2026&saved=1"
    );
    let (_, html) = admin.get("/admin/calendar?year=2026&saved=1").await;
    assert!(html.contains("2026-11-25 Extra day off"), "{html}");
}

crate::on_both_backends!(
    the_back_office_page_edits_a_year,
    calendar_page_sqlite,
    calendar_page_postgres
);
