//! Who is acting: a signed-in person or staff member, with roles and an office.

use kandas_domain::ids::UserId;
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;
use serde::{Deserialize, Serialize};

/// A role a user account holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A person applying for themselves (every registered person).
    Applicant,
    /// A State Corporation operator.
    Operator,
    /// An officer of a local executive body.
    Officer,
    /// The head of a local executive body.
    Head,
    /// A system administrator.
    Admin,
    /// An auditor (reads the audit trail).
    Auditor,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 6] = [
        Role::Applicant,
        Role::Operator,
        Role::Officer,
        Role::Head,
        Role::Admin,
        Role::Auditor,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Operator => "operator",
            Role::Officer => "officer",
            Role::Head => "head",
            Role::Admin => "admin",
            Role::Auditor => "auditor",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == s)
    }

    /// Whether this role works in an office (and so needs one).
    pub fn needs_office(self) -> bool {
        matches!(self, Role::Operator | Role::Officer | Role::Head)
    }
}

/// The signed-in user a use case acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Account id.
    pub user: UserId,
    /// The person's IIN.
    pub iin: Iin,
    /// Roles held.
    pub roles: Vec<Role>,
    /// The staff member's office.
    pub office: Option<OfficeCode>,
    /// The request this action belongs to (for the audit trail).
    pub request_id: String,
}

impl Actor {
    /// Whether the actor holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// The role that is recorded in the audit trail: the most privileged one held.
    pub fn audit_role(&self) -> Role {
        [
            Role::Admin,
            Role::Auditor,
            Role::Head,
            Role::Officer,
            Role::Operator,
        ]
        .into_iter()
        .find(|r| self.has(*r))
        .unwrap_or(Role::Applicant)
    }
}
