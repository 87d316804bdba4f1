//! What the audit trail records: every action on personal data, as a closed list. A row's action
//! is one of these (stored as its dotted code); renaming a code is a change of the stored data,
//! so codes are never renamed, only added.

use serde::{Deserialize, Serialize};

crate::codes::codes! {
    /// Why an auditor's search of the trail cannot be answered as asked.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum AuditError {
        /// The period's first day is after its last.
        Period => "audit.period",
        /// An export needs its period: the first and the last day.
        PeriodRequired => "audit.period-required",
        /// More rows than one export holds: a shorter period or a narrower search.
        TooManyRows => "audit.too-many-rows",
        /// The link to the next page of results is not one this service wrote.
        Cursor => "audit.cursor",
        /// No application has this number.
        UnknownCase => "audit.unknown-case",
    }
}

/// Why personal data was read or changed, as the person and the auditor see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    /// The applicant's own application (the person acting on their own data).
    OwnCase,
    /// The examination of a case by its local executive body.
    Case,
    /// Taking a paper application in at a desk.
    DeskIntake,
    /// Handing a result over at a desk.
    Issue,
    /// Signing in.
    SignIn,
    /// Administering staff accounts and the working calendar.
    Administration,
    /// The status of a certificate: its ending, its reminders.
    Register,
    /// The retention of documents.
    Retention,
    /// Reading the audit trail itself.
    Audit,
}

impl Purpose {
    /// Every purpose.
    pub const ALL: [Purpose; 9] = [
        Purpose::OwnCase,
        Purpose::Case,
        Purpose::DeskIntake,
        Purpose::Issue,
        Purpose::SignIn,
        Purpose::Administration,
        Purpose::Register,
        Purpose::Retention,
        Purpose::Audit,
    ];

    /// The stable code, also the message id suffix (`audit-purpose-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Purpose::OwnCase => "own-case",
            Purpose::Case => "case",
            Purpose::DeskIntake => "desk-intake",
            Purpose::Issue => "issue",
            Purpose::SignIn => "sign-in",
            Purpose::Administration => "administration",
            Purpose::Register => "register",
            Purpose::Retention => "retention",
            Purpose::Audit => "audit",
        }
    }
}

macro_rules! actions {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, $purpose:ident, $read:literal; )+) => {
        /// An action the audit trail records.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum AuditAction {
            $( $(#[$doc])* $variant, )+
        }

        impl AuditAction {
            /// Every action, in the order they are declared.
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant,)+];

            /// The stable dotted code, as stored.
            pub fn code(self) -> &'static str {
                match self { $(AuditAction::$variant => $code,)+ }
            }

            /// Why the data was touched.
            pub fn purpose(self) -> Purpose {
                match self { $(AuditAction::$variant => Purpose::$purpose,)+ }
            }

            /// Whether the action only read personal data (shown to the person as an access).
            pub fn is_read(self) -> bool {
                match self { $(AuditAction::$variant => $read,)+ }
            }
        }
    };
}

actions! {
    /// A draft was created.
    ApplicationCreate => "application.create", OwnCase, false;
    /// The form was saved.
    ApplicationSaveForm => "application.save-form", OwnCase, false;
    /// A file was attached.
    ApplicationAttach => "application.attach", OwnCase, false;
    /// A file was removed.
    ApplicationDetach => "application.detach", OwnCase, false;
    /// The application was signed and submitted.
    ApplicationSubmit => "application.submit", OwnCase, false;
    /// The applicant withdrew it.
    ApplicationWithdraw => "application.withdraw", OwnCase, false;
    /// The applicant asked to move the hearing.
    ApplicationHearingRequest => "application.hearing-request", OwnCase, false;
    /// The applicant downloaded the result.
    ApplicationDownloadResult => "application.download-result", OwnCase, false;
    /// The applicant downloaded the receipt.
    ApplicationDownloadReceipt => "application.download-receipt", OwnCase, false;
    /// The applicant downloaded the hearing's protocol.
    ApplicationDownloadProtocol => "application.download-protocol", OwnCase, false;
    /// The package was accepted as complete.
    ApplicationAccept => "application.accept", Case, false;
    /// The package was refused at intake.
    ApplicationRefuseIntake => "application.refuse-intake", Case, false;
    /// The commission's protocol was recorded.
    ApplicationCommission => "application.commission", Case, false;
    /// The hearing was scheduled or moved.
    ApplicationHearing => "application.hearing", Case, false;
    /// The hearing was recorded.
    ApplicationHeard => "application.heard", Case, false;
    /// A decision was proposed.
    ApplicationPropose => "application.propose", Case, false;
    /// The case was decided.
    ApplicationDecide => "application.decide", Case, false;
    /// An officer read a case.
    StaffReadCase => "staff.read-case", Case, true;
    /// An officer read the office's queue (one row per person shown).
    StaffReadQueue => "staff.read-queue", Case, true;
    /// An officer took a case.
    StaffTakeCase => "staff.take-case", Case, false;
    /// An officer opened a file of a case.
    StaffOpenAttachment => "staff.open-attachment", Case, true;
    /// An officer read the hearing's protocol.
    StaffReadProtocol => "staff.read-protocol", Case, true;
    /// A desk read a case it took in.
    DeskReadCase => "desk.read-case", DeskIntake, true;
    /// A desk read its list of cases (one row per person shown).
    DeskReadList => "desk.read-list", DeskIntake, true;
    /// A desk read a person from the registries for a case.
    DeskReadPerson => "desk.read-person", DeskIntake, true;
    /// A desk printed a case's receipt.
    DeskReadReceipt => "desk.read-receipt", DeskIntake, true;
    /// A desk recorded the custody of the originals.
    DeskCustody => "desk.custody", DeskIntake, false;
    /// A desk searched for a result to issue.
    DeskFindResult => "desk.find-result", Issue, true;
    /// A desk read a result to issue.
    DeskReadResult => "desk.read-result", Issue, true;
    /// A desk opened a result document.
    DeskOpenResult => "desk.open-result", Issue, true;
    /// A desk handed a result over.
    DeskIssueResult => "desk.issue-result", Issue, false;
    /// A sign-in.
    AuthLogin => "auth.login", SignIn, false;
    /// A sign-in with an EDS.
    AuthLoginEds => "auth.login-eds", SignIn, false;
    /// A refused sign-in.
    AuthLoginRefused => "auth.login-refused", SignIn, false;
    /// An EDS sign-in refused (recorded against the certificate presented).
    AuthEdsRefused => "auth.eds-refused", SignIn, false;
    /// A password was set with a code sent to the phone.
    AuthPasswordSet => "auth.password-set", SignIn, false;
    /// Sign-in locked after too many tries.
    AuthLocked => "auth.locked", SignIn, false;
    /// A person registered an account.
    AuthRegister => "auth.register", SignIn, false;
    /// A person registered an account with an EDS.
    AuthRegisterEds => "auth.register-eds", SignIn, false;
    /// Access refused (another's case, a role one lacks).
    AccessRefused => "access.refused", Case, false;
    /// The separation of duties refused an action.
    DutyRefused => "duty.refused", Case, false;
    /// A staff account was added.
    UserAdd => "user.add", Administration, false;
    /// An account was disabled.
    UserDisable => "user.disable", Administration, false;
    /// An account was enabled.
    UserEnable => "user.enable", Administration, false;
    /// An account's roles changed.
    UserRoles => "user.roles", Administration, false;
    /// An account's sessions were ended.
    UserEndSessions => "user.end-sessions", Administration, false;
    /// An account's password was reset.
    UserResetPassword => "user.reset-password", Administration, false;
    /// A key of the service was made or changed (the seal rotated): never the key itself.
    KeySave => "key.save", Administration, false;
    /// The working calendar was edited.
    CalendarEdit => "calendar.edit", Administration, false;
    /// Administrators were reminded of an unconfirmed calendar year.
    CalendarUnconfirmedReminder => "calendar.unconfirmed-reminder", Administration, false;
    /// The head was warned of a deadline.
    DeadlineWarn => "deadline.warn", Case, false;
    /// The holder was reminded of the certificate's expiry.
    CertificateRemind => "certificate.remind", Register, false;
    /// An ending of a status was recorded.
    CertificateEnd => "certificate.end", Register, false;
    /// An ending was confirmed.
    CertificateEndConfirm => "certificate.end-confirm", Register, false;
    /// An ending was annulled.
    CertificateEndAnnul => "certificate.end-annul", Register, false;
    /// An ending was read.
    CertificateReadEnding => "certificate.read-ending", Register, true;
    /// A case's documents were disposed of after retention.
    RetentionDispose => "retention.dispose", Retention, false;
    /// A part of the audit trail was exported as a verifiable bundle.
    AuditExport => "audit.export", Audit, true;
    /// An auditor searched the trail: one row per person the answer showed.
    AuditSearch => "audit.search", Audit, true;
    /// An auditor read a case's whole trail: one row per person it showed.
    AuditReadCase => "audit.read-case", Audit, true;
}

impl AuditAction {
    /// Whether this action is shown to the person as an access to their data when someone
    /// else did it: a read, or a case started for them (which queries the registries).
    pub fn is_access(self) -> bool {
        self.is_read() || self == AuditAction::ApplicationCreate
    }

    /// The action a stored code names.
    pub fn parse(code: &str) -> Option<AuditAction> {
        AuditAction::ALL.iter().copied().find(|a| a.code() == code)
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for AuditAction {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_dotted_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for a in AuditAction::ALL {
            assert!(seen.insert(a.code()), "{a} twice");
            assert!(a.code().split_once('.').is_some(), "{a}");
            assert_eq!(AuditAction::parse(a.code()), Some(*a));
        }
        assert_eq!(AuditAction::parse("staff.read-cases"), None);
    }
}
