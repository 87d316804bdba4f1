//! The command line: `kandas` serves; the subcommands administer.

use clap::{Parser, Subcommand};

/// Kandas: assignment or extension of kandas status.
#[derive(Debug, Parser)]
#[command(name = "kandas", version)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the portal, the API and the job worker.
    Serve,
    /// Run only the job worker.
    Worker,
    /// Apply database migrations.
    Migrate,
    /// Seed the demo data (development only).
    Demo,
    /// Manage staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage the local copy of the state registries.
    #[command(subcommand)]
    Registry(RegistryCommand),
    /// Check the working calendar.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Dispose of the State Corporation's files of cases closed longer than the retention period.
    #[command(subcommand)]
    Retention(RetentionCommand),
    /// The tamper-evident audit trail: verify the hash chain and its seals, seal the head now,
    /// export a bundle that verifies offline.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The authority's seal on certificates: its keys and their rotation.
    #[command(subcommand)]
    Seal(SealCommand),
    /// Stored files: move them between this node's disk and the database.
    #[command(subcommand)]
    Files(FilesCommand),
    /// Verify a certificate's seal offline: the QR address, the bare payload, a text file with
    /// either, or the certificate's PDF. Exits non-zero when it does not verify.
    Verify {
        /// The QR address, the payload, or a file (PDF or text).
        target: String,
        /// The published keys (a downloaded `kandas-seal-keys.json`); default: the seal's keys
        /// in the database.
        #[arg(long)]
        keys: Option<std::path::PathBuf>,
    },
    /// The development PKI for trying EDS without NCA RK keys (not in production).
    #[cfg(feature = "dev")]
    #[command(subcommand)]
    DevPki(DevPkiCommand),
    /// Benchmark tooling: fill the database as a running service would have it (not in
    /// production).
    #[cfg(feature = "dev")]
    #[command(subcommand)]
    Bench(BenchCommand),
    /// A stand-in for NCALayer that signs with the development PKI's keys (not in production).
    #[cfg(feature = "dev")]
    DevNcalayer {
        /// Where to listen (NCALayer's address by default).
        #[arg(long, default_value = crate::dev_ncalayer::DEFAULT_LISTEN)]
        listen: std::net::SocketAddr,
        /// Whose keys sign (a person of the development PKI).
        #[arg(long, default_value = crate::dev_ncalayer::DEFAULT_IIN)]
        iin: String,
    },
}

/// `kandas user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account with a role and an office.
    Add {
        /// operator, officer, head, admin, auditor (or applicant).
        #[arg(long)]
        role: String,
        /// The person's IIN.
        #[arg(long)]
        iin: String,
        /// Office code (`leb-astana`, `sc-astana`); required for operator, officer, head.
        #[arg(long)]
        office: Option<String>,
        /// The password; read from standard input when omitted.
        #[arg(long)]
        password: Option<String>,
    },
    /// Disable an account: no sign-in, and its sessions stop working at once.
    Disable {
        /// The person's IIN.
        #[arg(long)]
        iin: String,
    },
    /// Enable a disabled account again.
    Enable {
        /// The person's IIN.
        #[arg(long)]
        iin: String,
    },
    /// Replace an account's roles and office.
    Roles {
        /// The person's IIN.
        #[arg(long)]
        iin: String,
        /// Comma-separated roles: applicant, operator, officer, head, admin, auditor.
        #[arg(long)]
        roles: String,
        /// Office code; required for operator, officer, head, refused otherwise.
        #[arg(long)]
        office: Option<String>,
    },
    /// End every session of an account.
    EndSessions {
        /// The person's IIN.
        #[arg(long)]
        iin: String,
    },
    /// Reset a password: the old one stops working, the sessions end, and the person sets a
    /// new one with an SMS code at /password.
    ResetPassword {
        /// The person's IIN.
        #[arg(long)]
        iin: String,
    },
}

/// `kandas registry …`
#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// Import persons, phones, certificates and consents from a JSON file.
    Import {
        /// The file (see crates/store/REGISTRY-FORMAT.md).
        file: std::path::PathBuf,
    },
}

/// `kandas calendar …`
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// When an application received at a time is accepted and when its decision is due.
    Due {
        /// assignment or extension.
        #[arg(long)]
        kind: String,
        /// Asia/Almaty local time, `YYYY-MM-DDTHH:MM`.
        #[arg(long)]
        received: String,
    },
}

/// `kandas retention …`
#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Delete the due files (their names, hashes and the disposal record stay with the case).
    Run {
        /// Only list what would go; write and delete nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// `kandas audit …`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the chain from the database (or a bundle) and check the seals; every fault is
    /// printed with its position, and the exit code is 2 when anything is wrong.
    Verify {
        /// Start at this Asia/Almaty day (`YYYY-MM-DD`): from the last seal before its first
        /// row, whose signed hash anchors the rows after it.
        #[arg(long, conflicts_with = "bundle")]
        from: Option<jiff::civil::Date>,
        /// Verify an exported bundle instead of the database (no database needed).
        #[arg(long)]
        bundle: Option<std::path::PathBuf>,
        /// The published seal keys to check against (a downloaded `kandas-seal-keys.json`);
        /// default: the data directory's, or for a bundle the keys it carries.
        #[arg(long)]
        keys: Option<std::path::PathBuf>,
    },
    /// Seal the chain's head now (the worker does it every hour).
    Seal,
    /// Write a bundle of the days `--from` to `--to`: the rows in their canonical encoding, the
    /// seals and the published keys.
    Export {
        /// The first Asia/Almaty day.
        #[arg(long)]
        from: jiff::civil::Date,
        /// The last Asia/Almaty day.
        #[arg(long)]
        to: jiff::civil::Date,
        /// The file to write.
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

/// `kandas files …`
#[derive(Debug, Subcommand)]
pub enum FilesCommand {
    /// Copy every stored file to `--to` from the other store (kept there until you remove it),
    /// each read back and compared; files already there are left as they are. Then set
    /// `[files] store` to the same.
    Migrate {
        /// Where the files come from: `local`, `database` or `s3` (default: `local`, or
        /// `database` when they go to `local`).
        #[arg(long, value_enum)]
        from: Option<crate::config::FileStore>,
        /// Where the files go: `local`, `database` or `s3`.
        #[arg(long, value_enum)]
        to: crate::config::FileStore,
    },
}

/// `kandas seal …`
#[derive(Debug, Subcommand)]
pub enum SealCommand {
    /// Make the first seal key and the check-code key (production needs them before it starts).
    Init,
    /// Make a new key that takes over from the active one a minute from now on every node (the
    /// old one stays published for verification).
    Rotate {
        /// Seconds from now until the new key takes over (default 60; at least two of
        /// `[keys] reload_seconds`, so that every node has reloaded the seal by then).
        #[arg(long = "after")]
        after_seconds: Option<u64>,
    },
    /// Print the published keys (what `/.well-known/kandas-seal-keys.json` serves).
    Keys,
}

/// `kandas dev-pki …`
#[cfg(feature = "dev")]
#[derive(Debug, Subcommand)]
pub enum DevPkiCommand {
    /// Generate a root, an intermediate and the demo people's keys, CRLs included.
    Init {
        /// Where to write (default: `$KANDAS_DATA_DIR/dev-pki`).
        #[arg(long)]
        dir: Option<std::path::PathBuf>,
        /// Replace a PKI already there.
        #[arg(long)]
        force: bool,
    },
}

/// `kandas bench …`
#[cfg(feature = "dev")]
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Migrate, seed the demo data if missing, and add `--applications` applications in the
    /// proportions of real use (applicants, families, files, decisions, certificates, audit
    /// trail, notices); then open `--sessions` sessions for seeded applicants and print one
    /// JSON object with their tokens, the demo officer's cases and valid certificates.
    Seed {
        /// How many applications to add.
        #[arg(long)]
        applications: u64,
        /// Spread the cases as over this many offices: the demo officer's office gets its
        /// share (the other cases go to the other local executive bodies of the regions data).
        #[arg(long, default_value_t = 200)]
        offices: u32,
        /// How many seeded applicants to open sessions for.
        #[arg(long, default_value_t = 1000)]
        sessions: u32,
    },
}
