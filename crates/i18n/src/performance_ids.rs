//! The message ids of the public performance page; a test checks each exists in kk, ru and en.

/// The ids of the performance page.
pub const PERFORMANCE_IDS: &[&str] = &[
    "perf-caption",
    "perf-chart-alt",
    "perf-chart-desc",
    "perf-chart-title",
    "perf-csv",
    "perf-decided",
    "perf-extensions",
    "perf-json",
    "perf-lead",
    "perf-median",
    "perf-month",
    "perf-on-time",
    "perf-period",
    "perf-received",
    "perf-refusals",
    "perf-refused-to-accept",
    "perf-suppressed",
    "perf-title",
    "perf-total",
];
