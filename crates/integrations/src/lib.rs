//! Real clients of outside systems. Today: SMS, through a development console sender or an
//! HTTP gateway.

pub mod sms;

pub use sms::{ConsoleSms, HttpSms, HttpSmsConfig};
