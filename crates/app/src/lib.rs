//! Use cases of the kandas service and the ports (traits) they need from the outside world.
//!
//! Authorization lives here: every use case takes the [`Actor`] and checks what it may do.
//! Nothing here knows SQL, HTTP or a provider's vocabulary.

pub mod actor;
pub mod ports;

pub use actor::{Actor, Role};
