//! The message ids of the administrator's back office (`admin.ftl`) beyond the first calendar
//! page's (in `staff_ids`), and the calendar's own error codes; a test checks each exists in kk,
//! ru and en.

/// The ids of the working calendar's page, its reminder and its errors.
pub const ADMIN_IDS: &[&str] = &[
    "admin-calendar-status",
    "admin-calendar-confirmed-tag",
    "admin-calendar-unconfirmed-tag",
    "admin-calendar-unconfirmed-hint",
    "admin-calendar-computed-hint",
    "admin-calendar-banner",
    "admin-calendar-banner-link",
    "admin-calendar-list-days-off",
    "admin-calendar-list-working-days",
    "admin-calendar-list-none",
    "admin-calendar-col-date",
    "admin-calendar-col-name",
    "admin-calendar-col-act",
    "admin-calendar-col-row",
    "admin-calendar-edit",
    "admin-calendar-confirmed",
    "admin-calendar-in-kk",
    "admin-calendar-in-ru",
    "admin-calendar-in-en",
    "sms-calendar-unconfirmed",
    "calendar.date",
    "calendar.name",
    "calendar.act",
];
