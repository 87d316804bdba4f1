//! The administrator edits the working calendar through the API: each day with its names and
//! act in kk/ru/en, checked, audited and in use at once; a case registered before keeps its due
//! date; any year answers (listed, or computed from the statutory holidays), never a 500.

use axum::http::StatusCode;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::support::{submit_assignment, view};

pub const ADMIN: &str = "700701300067";

fn day(date: &str, name: &str, act: &str) -> Value {
    json!({ "date": date, "names": { "kk": name, "ru": name, "en": name },
            "act": { "kk": act, "ru": act, "en": act } })
}

fn with_day_off(year: &Value, extra: Value) -> Value {
    let mut days = year["days_off"].as_array().unwrap().clone();
    days.push(extra);
    json!({ "confirmed": year["confirmed"], "note": year["note"], "days_off": days,
            "working_days": year["working_days"] })
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
    assert_eq!(year["confirmed"], true);
    assert_eq!(year["computed"], false);
    let victory = &year["days_off"][9];
    assert_eq!(victory["date"], "2026-05-11");
    assert_eq!(
        victory["names"]["ru"],
        "День Победы: перенос выходного дня с 09.05.2026"
    );
    assert!(victory["act"]["kk"].as_str().unwrap().contains("№ 267-II"));
    let count = year["days_off"].as_array().unwrap().len();

    // Checked like the shipped file: a day off on a Saturday is refused at its row.
    let saturday = with_day_off(&year, day("2026-11-28", "ошибка", "акт"));
    let (status, _, json) = app.request("PUT", path, Some(saturday), Some(&admin)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let at_row = format!("days_off[{count}].date");
    assert_eq!(
        json["error"]["fields"][&at_row]["code"], "calendar.day-off-on-weekend",
        "{json}"
    );
    // Every day needs a date, its names and its act in each language.
    let garbled = with_day_off(&year, day("25.11.2026", "праздник", "акт"));
    let (status, _, json) = app.request("PUT", path, Some(garbled), Some(&admin)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["fields"][&at_row]["code"], "calendar.date");
    let mut unnamed = day("2026-11-25", "Қосымша демалыс", "");
    unnamed["names"]["en"] = json!("");
    let (status, _, json) = app
        .request(
            "PUT",
            path,
            Some(with_day_off(&year, unnamed)),
            Some(&admin),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let fields = &json["error"]["fields"];
    assert_eq!(
        fields[format!("days_off[{count}].names.en")]["code"],
        "calendar.name"
    );
    assert_eq!(
        fields[format!("days_off[{count}].act.ru")]["code"],
        "calendar.act"
    );
    assert!(
        fields[format!("days_off[{count}].names.kk")].is_null(),
        "{json}"
    );

    // Only an administrator edits it.
    let officer = app.sign_in("850302400014").await;
    let extra = day("2026-11-25", "Дополнительный выходной", "Постановление № 1");
    let edit = with_day_off(&year, extra);
    let (status, _, _) = app
        .request("PUT", path, Some(edit.clone()), Some(&officer))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = app.request("GET", path, None, Some(&officer)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, _, saved) = app.request("PUT", path, Some(edit), Some(&admin)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let added = saved["days_off"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == "2026-11-25");
    assert_eq!(added.unwrap()["act"]["ru"], "Постановление № 1");

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

    // Stored and audited: a node that reloads gets the same calendar.
    let reloaded = kandas_app::calendar::reload(app.service()).await.unwrap();
    assert_eq!(reloaded, 1);
    let calendar = app.service().calendar.current();
    assert!(!calendar.is_working_day(jiff::civil::date(2026, 11, 25)));
    assert!(calendar.is_confirmed(2026));
}

crate::on_both_backends!(
    an_edited_year_is_in_use_at_once,
    calendar_edit_sqlite,
    calendar_edit_postgres
);

/// Every year answers: listed and confirmed, listed and derived, or computed; years outside
/// the editable range and malformed ones are a translated 4xx.
async fn any_year_answers(app: &TestApp) {
    let admin = app.sign_in(ADMIN).await;
    let get = |year: &str| {
        let path = format!("/api/v1/admin/calendar/{year}");
        let admin = admin.clone();
        async move { app.request("GET", &path, None, Some(&admin)).await }
    };
    let (status, _, y2027) = get("2027").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (y2027["confirmed"].clone(), y2027["computed"].clone()),
        (json!(false), json!(false))
    );
    assert!(
        y2027["note"]["ru"]
            .as_str()
            .unwrap()
            .starts_with("Не подтверждён")
    );
    let (status, _, y2031) = get("2031").await;
    assert_eq!(status, StatusCode::OK, "{y2031}");
    assert_eq!(
        (y2031["confirmed"].clone(), y2031["computed"].clone()),
        (json!(false), json!(true))
    );
    let days: Vec<&str> = y2031["days_off"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert!(
        days.contains(&"2031-03-17") && days.contains(&"2031-03-24"),
        "{days:?}"
    );
    for bad in ["1500", "abc", "99999"] {
        let (status, _, json) = get(bad).await;
        assert!(status.is_client_error(), "{bad}: {status} {json}");
        assert!(json["error"]["message"].is_string(), "{bad}: {json}");
    }
    let edit = json!({ "days_off": [day("1500-01-03", "x", "y")] });
    let (status, _, _) = app
        .request(
            "PUT",
            "/api/v1/admin/calendar/1500",
            Some(edit),
            Some(&admin),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

crate::on_both_backends!(any_year_answers, any_year_sqlite, any_year_postgres);

/// A year edited before days had names in three languages, acts and confirmation still reads:
/// its reasons stand for every language, and it is as confirmed as the year it replaced.
async fn an_edit_in_the_old_shape_still_reads(app: &TestApp) {
    let old = r#"{"year":2026,"note":"Постановление № 1","days_off":[
        {"date":"2026-01-01","reason":"Новый год","basis":"published"},
        {"date":"2026-11-25","reason":"Дополнительный выходной","basis":"published"}],
        "working_days":[]}"#;
    let audit = kandas_app::ports::store::AuditRecord {
        at: app.service().now(),
        actor: None,
        actor_iin: None,
        role: None,
        subject: None,
        application: None,
        action: kandas_domain::audit::AuditAction::CalendarEdit,
        request_id: "old-release".to_owned(),
        details: Value::Null,
    };
    app.service()
        .store
        .save_calendar_year(2026, old, &audit)
        .await
        .unwrap();
    kandas_app::calendar::reload(app.service()).await.unwrap();
    let admin = app.sign_in(ADMIN).await;
    let (status, _, year) = app
        .request("GET", "/api/v1/admin/calendar/2026", None, Some(&admin))
        .await;
    assert_eq!(status, StatusCode::OK, "{year}");
    assert_eq!(year["confirmed"], true);
    assert_eq!(
        year["days_off"][1]["names"]["kk"],
        "Дополнительный выходной"
    );
    assert_eq!(year["note"]["en"], "Постановление № 1");
    let calendar = app.service().calendar.current();
    assert!(!calendar.is_working_day(jiff::civil::date(2026, 11, 25)));
    assert!(
        calendar.is_working_day(jiff::civil::date(2026, 1, 2)),
        "as the edit says"
    );
}

crate::on_both_backends!(
    an_edit_in_the_old_shape_still_reads,
    old_shape_sqlite,
    old_shape_postgres
);
