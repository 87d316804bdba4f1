//! Reading one-time codes out of the messages that carry them: the service's own reader.

pub use kandas_app::otp::six_digits;
