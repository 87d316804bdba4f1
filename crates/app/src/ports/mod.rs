//! The ports: what the use cases need from storage, registries, SMS, files and the clock.

pub mod clock;
pub mod files;
pub mod registry;
pub mod seal;
pub mod signature;
pub mod sms;
pub mod store;
pub mod timestamps;

pub use clock::Clock;
pub use files::Files;
pub use registry::Registry;
pub use seal::Seal;
pub use signature::SignatureVerifier;
pub use sms::Sms;
pub use store::Store;
pub use timestamps::TimeStamps;
