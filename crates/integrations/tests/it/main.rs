//! Integration tests of the outside-system clients, each against a local fake (axum): the SMS
//! gateway, CRL distribution points, OCSP responders, and an NCANode-style verification service.

// Helpers outside #[test] functions may unwrap: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

mod clock;
mod corpus;
mod crl;
mod crl_points;
mod external;
mod ncanode;
mod ocsp;
mod sms;
