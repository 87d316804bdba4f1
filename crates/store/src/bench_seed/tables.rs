//! The tables a seeded case writes to, in the order their rows go in (parents first), with
//! their columns as the templates read and the copies write them.

/// How a column is read and bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text (ids, codes, times, JSON).
    Text,
    /// A 64-bit integer.
    Int,
    /// Bytes.
    Blob,
}

/// One table of a case.
#[derive(Debug)]
pub(crate) struct Table {
    /// Its name.
    pub(crate) name: &'static str,
    /// Its columns, as read and written (the audit chain's columns are computed apart).
    pub(crate) columns: &'static [(&'static str, Kind)],
}

use Kind::{Blob, Int, Text};

/// Every table, parents first.
pub(crate) const TABLES: &[Table] = &[
    Table {
        name: "users",
        columns: &[
            ("id", Text),
            ("iin", Text),
            ("password_hash", Text),
            ("roles", Text),
            ("office", Text),
            ("created_at", Text),
            ("disabled_at", Text),
            ("reset_requested_at", Text),
        ],
    },
    Table {
        name: "registry_persons",
        columns: &[
            ("iin", Text),
            ("surname", Text),
            ("given_name", Text),
            ("patronymic", Text),
            ("surname_latin", Text),
            ("given_name_latin", Text),
            ("birth_date", Text),
            ("sex", Text),
            ("citizenship", Text),
            ("nationality", Text),
        ],
    },
    Table {
        name: "registry_phones",
        columns: &[("iin", Text), ("phone", Text)],
    },
    Table {
        name: "applications",
        columns: &[
            ("id", Text),
            ("number", Text),
            ("kind", Text),
            ("channel", Text),
            ("applicant", Text),
            ("office", Text),
            ("intake_office", Text),
            ("form_json", Text),
            ("custody_json", Text),
            ("status", Text),
            ("status_json", Text),
            ("due_date", Text),
            ("closed_at", Text),
            ("version", Int),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "attachments",
        columns: &[
            ("id", Text),
            ("application_id", Text),
            ("document_type", Text),
            ("member_id", Text),
            ("file_name", Text),
            ("file_type", Text),
            ("size", Int),
            ("sha256", Text),
            ("storage_key", Text),
            ("uploaded_at", Text),
            ("disposed_at", Text),
            ("disposed_by", Text),
        ],
    },
    Table {
        name: "evidence",
        columns: &[
            ("application_id", Text),
            ("method", Text),
            ("document", Blob),
            ("sha256", Text),
            ("detail_json", Text),
            ("created_at", Text),
        ],
    },
    Table {
        name: "certificates",
        columns: &[
            ("number", Text),
            ("holder", Text),
            ("issued_on", Text),
            ("valid_until", Text),
            ("extended", Int),
            ("issuer", Text),
            ("application_id", Text),
            ("extensions", Int),
        ],
    },
    Table {
        name: "case_events",
        columns: &[
            ("application_id", Text),
            ("seq", Int),
            ("at", Text),
            ("kind", Text),
            ("actor_role", Text),
            ("actor_office", Text),
            ("office", Text),
            ("facts_json", Text),
        ],
    },
    Table {
        name: "case_assignments",
        columns: &[
            ("application_id", Text),
            ("user_id", Text),
            ("assigned_at", Text),
        ],
    },
    Table {
        name: "jobs",
        columns: &[
            ("id", Text),
            ("kind_json", Text),
            ("run_at", Text),
            ("attempts", Int),
            ("lease_until", Text),
            ("last_error", Text),
            ("done_at", Text),
            ("dead", Int),
            ("created_at", Text),
        ],
    },
    Table {
        name: "deliveries",
        columns: &[
            ("id", Text),
            ("job_id", Text),
            ("application_id", Text),
            ("channel", Text),
            ("recipient", Text),
            ("attempt", Int),
            ("started_at", Text),
            ("finished_at", Text),
            ("outcome", Text),
            ("detail", Text),
        ],
    },
    Table {
        name: "notifications",
        columns: &[
            ("id", Text),
            ("iin", Text),
            ("application_id", Text),
            ("notice_json", Text),
            ("created_at", Text),
        ],
    },
    Table {
        name: "audit",
        columns: &[
            ("at", Text),
            ("actor", Text),
            ("actor_iin", Text),
            ("role", Text),
            ("subject", Text),
            ("application_id", Text),
            ("action", Text),
            ("request_id", Text),
            ("details_json", Text),
        ],
    },
];

/// The table named `name`.
pub(crate) fn table(name: &str) -> Option<(usize, &'static Table)> {
    TABLES.iter().enumerate().find(|(_, t)| t.name == name)
}

/// The audit table's place in [`TABLES`].
pub(crate) fn audit() -> usize {
    TABLES.len() - 1
}
