//! The rules of the kandas service as pure types and functions: no I/O, no clock, no async.
//!
//! Everything that the law sets (terms, validity, the working calendar, refusal grounds) is data
//! loaded into these types; the functions here only compute with it.

pub mod appeal;
pub mod application;
pub mod audit;
pub mod calendar;
pub mod certificate;
pub mod codes;
pub mod deadline;
pub mod duties;
pub mod grounds;
pub mod ids;
pub mod iin;
pub mod numbers;
pub mod office;
pub mod person;
pub mod phone;
pub mod rules;
