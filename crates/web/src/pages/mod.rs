//! The HTML pages: server-rendered, usable without JavaScript, every text from Fluent.

use axum::routing::{MethodRouter, get, post};

use crate::AppState;

mod accesses;
mod accounts;
mod admin;
mod answers;
mod application;
mod audit;
mod cabinet;
mod case_id;
mod desk;
mod documents;
mod eds;
mod error_page;
mod form;
pub mod layout;
mod lines;
mod login;
mod next;
mod outcome;
mod password;
mod performance;
mod posted;
mod public;
mod register;
mod sign;
mod signature;
mod staff;
pub(crate) use staff::file as staff_file;
mod start;
#[cfg(test)]
mod tests;
mod withdraw;

/// Every page route: its path and its handlers (the router is built from this list, and the
/// tests walk it).
pub fn routes() -> Vec<(String, MethodRouter<AppState>)> {
    let mut routes = vec![
        ("/".to_owned(), get(start::show)),
        ("/static/app.css".to_owned(), get(start::css)),
        ("/static/ncalayer.js".to_owned(), get(eds::script)),
        (
            "/login".to_owned(),
            get(login::login_form).post(login::login),
        ),
        (
            "/login/confirm".to_owned(),
            get(login::login_code_form).post(login::login_code),
        ),
        ("/login/eds".to_owned(), post(eds::login_eds)),
        (
            "/register".to_owned(),
            get(register::register_form).post(register::register),
        ),
        (
            "/register/confirm".to_owned(),
            get(register::register_code_form).post(register::register_code),
        ),
        (
            "/password".to_owned(),
            get(password::form).post(password::start),
        ),
        (
            "/password/confirm".to_owned(),
            get(password::code_form).post(password::confirm),
        ),
        ("/logout".to_owned(), post(login::logout)),
        ("/cabinet".to_owned(), get(cabinet::show)),
        ("/cabinet/access".to_owned(), get(accesses::show)),
        (
            "/order".to_owned(),
            get(cabinet::order_form).post(cabinet::order),
        ),
        ("/applications/{id}".to_owned(), get(application::show)),
        (
            "/applications/{id}/result".to_owned(),
            get(application::result),
        ),
        (
            "/applications/{id}/receipt".to_owned(),
            get(application::receipt),
        ),
        (
            "/applications/{id}/hearing/reschedule".to_owned(),
            post(application::ask_to_reschedule),
        ),
        (
            "/applications/{id}/protocol".to_owned(),
            get(application::protocol),
        ),
        (
            "/applications/{id}/form".to_owned(),
            get(form::show).post(form::submit),
        ),
        (
            "/applications/{id}/form/members".to_owned(),
            get(form::list),
        ),
        (
            "/applications/{id}/form/members/new".to_owned(),
            get(form::new_member),
        ),
        (
            "/applications/{id}/form/members/{member}".to_owned(),
            get(form::member_form),
        ),
        (
            "/applications/{id}/members".to_owned(),
            post(form::add_member),
        ),
        (
            "/applications/{id}/members/{member}".to_owned(),
            post(form::change_member),
        ),
        (
            "/applications/{id}/members/{member}/remove".to_owned(),
            post(form::remove_member),
        ),
        (
            "/applications/{id}/documents".to_owned(),
            crate::upload::unlimited(get(documents::show).post(documents::upload)),
        ),
        (
            "/applications/{id}/documents/{attachment}/remove".to_owned(),
            post(documents::remove_file),
        ),
        (
            "/applications/{id}/review".to_owned(),
            get(sign::review).post(sign::send_code),
        ),
        (
            "/applications/{id}/sign".to_owned(),
            get(sign::code_form).post(sign::confirm),
        ),
        (
            "/applications/{id}/sign/eds".to_owned(),
            post(eds::sign_eds),
        ),
        ("/applications/{id}/done".to_owned(), get(sign::done)),
        (
            "/applications/{id}/withdraw".to_owned(),
            get(withdraw::confirm).post(withdraw::submit),
        ),
        ("/staff".to_owned(), get(staff::queue)),
        ("/status/{number}".to_owned(), get(public::status)),
        (
            "/certificates/{number}".to_owned(),
            get(public::certificate),
        ),
        ("/check".to_owned(), get(public::check)),
        ("/performance".to_owned(), get(performance::page)),
        ("/performance.csv".to_owned(), get(performance::download)),
        ("/verify/{number}".to_owned(), get(public::certificate)),
    ];
    routes.extend(staff_routes());
    routes.extend(desk_routes());
    routes
}

/// The page routes.
pub fn router() -> axum::Router<AppState> {
    routes()
        .into_iter()
        .fold(axum::Router::new(), |router, (path, handlers)| {
            router.route(&path, handlers)
        })
        .layer(axum::middleware::from_fn(layout::remember_language))
}

/// The officer's and the head's case: the review's steps, the decision and the sign-off.
fn staff_routes() -> Vec<(String, MethodRouter<AppState>)> {
    let case = "/staff/applications/{id}";
    vec![
        (case.to_owned(), get(staff::case).post(staff::decide)),
        (format!("{case}/completeness"), post(staff::completeness)),
        (format!("{case}/commission"), post(staff::commission)),
        (format!("{case}/hearing"), post(staff::hearing)),
        (format!("{case}/hearing/record"), post(staff::heard)),
        (format!("{case}/sign-off"), post(staff::sign_off)),
        (format!("{case}/protocol"), get(staff::protocol)),
        (format!("{case}/take"), post(staff::take)),
        (
            format!("{case}/attachments/{{attachment}}"),
            get(staff::file::open),
        ),
    ]
}

/// The desk's pages: paper intake, custody, acceptance, receipts and the issue of results.
fn desk_routes() -> Vec<(String, MethodRouter<AppState>)> {
    let case = "/desk/applications/{id}";
    vec![
        ("/audit".to_owned(), get(audit::search)),
        ("/audit/records.csv".to_owned(), get(audit::csv)),
        ("/audit/bundle".to_owned(), get(audit::bundle)),
        ("/audit/applications/{id}".to_owned(), get(audit::case)),
        ("/admin/calendar".to_owned(), get(admin::show)),
        ("/admin/calendar/{year}".to_owned(), post(admin::save)),
        ("/admin/accounts".to_owned(), get(accounts::list)),
        ("/admin/accounts/{id}".to_owned(), get(accounts::show)),
        (
            "/admin/accounts/{id}/{action}".to_owned(),
            post(accounts::change),
        ),
        ("/desk".to_owned(), get(desk::home)),
        ("/desk/applications".to_owned(), post(desk::start)),
        (case.to_owned(), get(desk::case)),
        (
            format!("{case}/form"),
            get(form::desk_show).post(form::desk_submit),
        ),
        (format!("{case}/form/members"), get(form::desk_list)),
        (
            format!("{case}/form/members/new"),
            get(form::desk_new_member),
        ),
        (
            format!("{case}/form/members/{{member}}"),
            get(form::desk_member_form),
        ),
        (format!("{case}/members"), post(form::desk_add_member)),
        (
            format!("{case}/members/{{member}}"),
            post(form::desk_change_member),
        ),
        (
            format!("{case}/members/{{member}}/remove"),
            post(form::desk_remove_member),
        ),
        (
            format!("{case}/documents"),
            crate::upload::unlimited(post(desk::upload)),
        ),
        (format!("{case}/custody"), post(desk::custody)),
        (format!("{case}/code"), post(desk::send_code)),
        (format!("{case}/accept"), post(desk::accept)),
        (format!("{case}/refuse"), post(desk::refuse)),
        (format!("{case}/receipt"), get(desk::receipt)),
        (format!("{case}/result"), get(desk::result)),
        (format!("{case}/issue"), post(desk::issue)),
        (
            "/desk/results".to_owned(),
            get(desk::search_form).post(desk::search),
        ),
        ("/desk/results/{id}".to_owned(), get(desk::result_case)),
        (
            "/desk/results/{id}/issue".to_owned(),
            post(desk::issue_copy),
        ),
    ]
}
