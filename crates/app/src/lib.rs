//! Use cases of the kandas service and the ports (traits) they need from the outside world.
//!
//! Authorization lives here: every use case takes the [`Actor`] and checks what it may do.
//! Nothing here knows SQL, HTTP or a provider's vocabulary.

pub mod accounts;
pub mod actor;
pub mod appeal;
pub mod applicant;
pub mod audit_chain;
pub mod audit_trail;
pub mod auditor;
pub mod auth;
pub mod calendar;
pub mod content;
pub mod deadlines;
pub mod desk;
pub mod error;
pub mod housekeeping;
pub mod idempotency;
pub mod jobs;
pub mod keyring;
mod list_audit;
pub mod otp;
pub mod performance;
pub mod ports;
pub mod public;
pub mod rendering;
pub mod results;
pub mod retention;
pub mod sealing;
pub mod secrets;
pub mod service;
pub mod staff;
pub mod telemetry;

pub use actor::{Actor, Role};
pub use error::AppError;
pub use service::{Limits, Service};
