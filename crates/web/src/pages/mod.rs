//! The HTML pages: server-rendered, usable without JavaScript, every text from Fluent.

use axum::routing::{get, post};

use crate::AppState;

mod admin;
mod application;
mod cabinet;
mod desk;
mod documents;
mod eds;
mod form;
pub mod layout;
mod login;
mod outcome;
mod public;
mod sign;
mod signature;
mod staff;
mod start;
#[cfg(test)]
mod tests;

/// The page routes.
pub fn router() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/", get(start::show))
        .route("/static/app.css", get(start::css))
        .route("/static/ncalayer.js", get(eds::script))
        .route("/login", get(login::login_form).post(login::login))
        .route(
            "/login/confirm",
            get(login::login_code_form).post(login::login_code),
        )
        .route("/login/eds", post(eds::login_eds))
        .route("/register", get(login::register_form).post(login::register))
        .route(
            "/register/confirm",
            get(login::register_code_form).post(login::register_code),
        )
        .route("/logout", post(login::logout))
        .route("/cabinet", get(cabinet::show))
        .route("/order", get(cabinet::order_form).post(cabinet::order))
        .route("/applications/{id}", get(application::show))
        .route("/applications/{id}/result", get(application::result))
        .route("/applications/{id}/receipt", get(application::receipt))
        .route(
            "/applications/{id}/hearing/reschedule",
            post(application::ask_to_reschedule),
        )
        .route("/applications/{id}/protocol", get(application::protocol))
        .route(
            "/applications/{id}/form",
            get(form::show).post(form::submit),
        )
        .route("/applications/{id}/members", post(form::add_member))
        .route(
            "/applications/{id}/members/{member}/remove",
            post(form::remove_member),
        )
        .route(
            "/applications/{id}/documents",
            get(documents::show).post(documents::upload),
        )
        .route(
            "/applications/{id}/review",
            get(sign::review).post(sign::send_code),
        )
        .route(
            "/applications/{id}/sign",
            get(sign::code_form).post(sign::confirm),
        )
        .route("/applications/{id}/sign/eds", post(eds::sign_eds))
        .route("/applications/{id}/done", get(sign::done))
        .route("/staff", get(staff::queue))
        .merge(staff_routes())
        .merge(desk_routes())
        .route("/status/{number}", get(public::status))
        .route("/certificates/{number}", get(public::certificate))
        .route("/check", get(public::check))
        .route("/verify/{number}", get(public::certificate))
        .layer(axum::middleware::from_fn(layout::remember_language))
}

/// The officer's and the head's case: the review's steps, the decision and the sign-off.
fn staff_routes() -> axum::Router<AppState> {
    let case = "/staff/applications/{id}";
    axum::Router::new()
        .route(case, get(staff::case).post(staff::decide))
        .route(&format!("{case}/completeness"), post(staff::completeness))
        .route(&format!("{case}/commission"), post(staff::commission))
        .route(&format!("{case}/hearing"), post(staff::hearing))
        .route(&format!("{case}/hearing/record"), post(staff::heard))
        .route(&format!("{case}/sign-off"), post(staff::sign_off))
        .route(&format!("{case}/protocol"), get(staff::protocol))
}

/// The desk's pages: paper intake, custody, acceptance, receipts and the issue of results.
fn desk_routes() -> axum::Router<AppState> {
    let case = "/desk/applications/{id}";
    axum::Router::new()
        .route("/admin/calendar", get(admin::show))
        .route("/admin/calendar/{year}", post(admin::save))
        .route("/desk", get(desk::home))
        .route("/desk/persons", post(desk::find))
        .route("/desk/applications", post(desk::start))
        .route(case, get(desk::case))
        .route(
            &format!("{case}/form"),
            get(form::desk_show).post(form::desk_submit),
        )
        .route(&format!("{case}/members"), post(form::desk_add_member))
        .route(
            &format!("{case}/members/{{member}}/remove"),
            post(form::desk_remove_member),
        )
        .route(&format!("{case}/documents"), post(desk::upload))
        .route(&format!("{case}/custody"), post(desk::custody))
        .route(&format!("{case}/code"), post(desk::send_code))
        .route(&format!("{case}/accept"), post(desk::accept))
        .route(&format!("{case}/refuse"), post(desk::refuse))
        .route(&format!("{case}/receipt"), get(desk::receipt))
        .route(&format!("{case}/result"), get(desk::result))
        .route(&format!("{case}/issue"), post(desk::issue))
}
