//! The administrative subcommands.

use std::io::BufRead;

use anyhow::{Context, anyhow, bail};
use jiff::civil::DateTime;
use kandas_app::Role;
use kandas_domain::application::Kind;
use kandas_domain::office::OfficeCode;
use kandas_store::{RegistryImport, SqlStore};

use crate::cli::UserCommand;
use crate::config::{Config, Env};
use crate::wiring::{calendar_in_use, rules, wire};

/// What `kandas calendar due` is asked: the kind and the Asia/Almaty local time of receipt.
fn due_arguments(kind: &str, received: &str) -> anyhow::Result<(Kind, jiff::Timestamp)> {
    let kind =
        Kind::parse(kind).ok_or_else(|| anyhow!("--kind must be assignment or extension"))?;
    let local: DateTime = received
        .parse()
        .with_context(|| format!("--received {received:?} is not YYYY-MM-DDTHH:MM"))?;
    let at = kandas_domain::deadline::almaty()
        .to_timestamp(local)
        .context("that time does not exist in Asia/Almaty")?;
    Ok((kind, at))
}

/// `kandas calendar due`: prints `{"accepted", "due", "rule_set", "calendar_confirmed"}`,
/// counted on the calendar the server uses (the configured or shipped calendar with the
/// administrators' edits from the configured database) and the configured rule sets.
pub async fn calendar_due(config: &Config, kind: &str, received: &str) -> anyhow::Result<String> {
    let (kind, at) = due_arguments(kind, received)?;
    let rules = rules(config)?;
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating {}", config.data_dir.display()))?;
    let store = SqlStore::connect(&config.database_url())
        .await
        .context("connecting to the database")?;
    store.migrate().await.context("migrating the database")?;
    let calendar = calendar_in_use(config, &store).await?;
    store.close().await;
    let deadline = kandas_domain::deadline::compute(&calendar, &rules, kind, at)?;
    let answer = Due {
        calendar_confirmed: calendar.confirmed_between(deadline.accepted, deadline.due),
        accepted: deadline.accepted.to_string(),
        due: deadline.due.to_string(),
        rule_set: deadline.rule_set,
    };
    Ok(serde_json::to_string(&answer)?)
}

/// The answer of `kandas calendar due`, its keys in this order.
#[derive(serde::Serialize)]
struct Due {
    accepted: String,
    due: String,
    rule_set: String,
    calendar_confirmed: bool,
}

/// `kandas demo`.
pub async fn demo(config: &Config) -> anyhow::Result<()> {
    if config.env == Env::Production {
        bail!("production refuses demo data");
    }
    let wired = wire(config).await?;
    kandas_store::demo::seed(&wired.store, &wired.service)
        .await
        .map_err(|e| anyhow!(e))?;
    println!(
        "demo data seeded; every demo password is {}",
        kandas_store::demo::PASSWORD
    );
    Ok(())
}

/// `kandas user add`.
pub async fn user_add(
    config: &Config,
    role: &str,
    iin: &str,
    office: Option<&str>,
    password: Option<String>,
) -> anyhow::Result<()> {
    let role = Role::parse(role)
        .ok_or_else(|| anyhow!("unknown role {role:?}: operator, officer, head, admin, auditor"))?;
    let office = office.map(OfficeCode::parse).transpose()?;
    let password = match password {
        Some(p) => p,
        None => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("reading the password from standard input")?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let wired = wire(config).await?;
    let user = kandas_app::auth::add_user(&wired.service, iin, &password, vec![role], office)
        .await
        .map_err(|e| anyhow!("{} ({})", e, e.code()))?;
    println!(
        "created {} for {} ({})",
        role.code(),
        user.iin.masked(),
        user.id
    );
    Ok(())
}

/// `kandas user disable|enable|roles|end-sessions|reset-password --iin …`: the account's
/// change, audited as made on the command line.
pub async fn user_change(config: &Config, command: UserCommand) -> anyhow::Result<()> {
    use kandas_app::accounts::{self, By, Change};
    let (iin, change) = match command {
        UserCommand::Add { .. } => bail!("`kandas user add` creates accounts; this changes them"),
        UserCommand::Disable { iin } => (iin, Change::Disable),
        UserCommand::Enable { iin } => (iin, Change::Enable),
        UserCommand::EndSessions { iin } => (iin, Change::EndSessions),
        UserCommand::ResetPassword { iin } => (iin, Change::ResetPassword),
        UserCommand::Roles { iin, roles, office } => {
            let roles = roles
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(|r| Role::parse(r).ok_or_else(|| anyhow!("unknown role {r:?}")))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let office = office.as_deref().map(OfficeCode::parse).transpose()?;
            (iin, Change::Roles { roles, office })
        }
    };
    let wired = wire(config).await?;
    let failed = |e: kandas_app::AppError| anyhow!("{} ({})", e, e.code());
    let user = accounts::by_iin(&wired.service, &iin)
        .await
        .map_err(failed)?;
    let view = accounts::change(&wired.service, By::CommandLine, &user.id, change)
        .await
        .map_err(failed)?;
    let roles: Vec<&str> = view.user.roles.iter().map(|r| r.code()).collect();
    println!(
        "{} ({}): roles {}, office {}, {}, {} live session(s){}",
        view.user.iin.masked(),
        view.user.id,
        roles.join(","),
        view.user.office.as_ref().map_or("-", |o| o.as_str()),
        if view.user.disabled_at.is_some() {
            "disabled"
        } else {
            "enabled"
        },
        view.sessions,
        if view.user.reset_requested_at.is_some() {
            ", password reset pending"
        } else {
            ""
        },
    );
    Ok(())
}

/// `kandas registry import FILE`.
pub async fn registry_import(config: &Config, file: &std::path::Path) -> anyhow::Result<()> {
    let json =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let data: RegistryImport = serde_json::from_str(&json)
        .with_context(|| format!("{} is not a registry file", file.display()))?;
    let wired = wire(config).await?;
    let summary = wired.store.import_registry(&data).await?;
    println!("{}", serde_json::to_string(&summary)?);
    Ok(())
}

/// `kandas retention run [--dry-run]`: one line per case and a total; fails when a case failed.
pub async fn retention_run(config: &Config, dry_run: bool) -> anyhow::Result<()> {
    let wired = wire(config).await?;
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned());
    let report = kandas_app::retention::run(&wired.service, &format!("cli:{user}"), dry_run)
        .await
        .map_err(|e| anyhow!("the retention run failed: {e} ({})", e.code()))?;
    print!("{}", retention_lines(&report));
    if report.failures.is_empty() {
        Ok(())
    } else {
        bail!(
            "{} case(s) could not be disposed of; the next run retries them",
            report.failures.len()
        )
    }
}

fn retention_lines(report: &kandas_app::retention::RetentionReport) -> String {
    use std::fmt::Write as _;
    let verb = if report.dry_run {
        "would dispose of"
    } else {
        "disposed of"
    };
    let mut out = String::new();
    for case in &report.cases {
        let files: Vec<String> = case
            .files
            .iter()
            .map(|f| format!("{} ({} bytes)", f.name, f.size))
            .collect();
        let _ = writeln!(
            out,
            "{} closed {}: {} {}",
            case.number,
            case.closed_at,
            verb,
            files.join(", ")
        );
    }
    for failure in &report.failures {
        let _ = writeln!(out, "{} FAILED: {}", failure.number, failure.error);
    }
    let _ = writeln!(
        out,
        "total: {verb} {} file(s), {} bytes, of {} case(s){} (run {})",
        report.files(),
        report.bytes(),
        report.cases.len(),
        if report.dry_run {
            "; dry run, nothing changed"
        } else {
            ""
        },
        report.run_id
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_prints_a_line_per_case_and_a_total() {
        use kandas_app::retention::{Failure, ReportedCase, ReportedFile, RetentionReport};
        use kandas_domain::numbers::ApplicationNumber;
        let number = |s| ApplicationNumber::parse(s).unwrap();
        let file = |name: &str, size| ReportedFile {
            name: name.to_owned(),
            size,
            sha256: "ab".repeat(32),
        };
        let report = RetentionReport {
            run_id: "retention-1".to_owned(),
            run_by: "cli:tester".to_owned(),
            at: "2026-11-23T05:00:00Z".parse().unwrap(),
            dry_run: true,
            cases: vec![ReportedCase {
                application: kandas_domain::ids::ApplicationId::from_random([1; 16]),
                number: number("KND-2025-000042"),
                closed_at: "2025-11-22T05:00:00Z".parse().unwrap(),
                files: vec![file("history.pdf", 100), file("passport.jpg", 20)],
            }],
            failures: vec![Failure {
                number: number("KND-2025-000043"),
                error: "deleting file x: disk".to_owned(),
            }],
        };
        assert_eq!(
            retention_lines(&report),
            "KND-2025-000042 closed 2025-11-22T05:00:00Z: would dispose of history.pdf \
             (100 bytes), passport.jpg (20 bytes)\n\
             KND-2025-000043 FAILED: deleting file x: disk\n\
             total: would dispose of 2 file(s), 120 bytes, of 1 case(s); dry run, nothing \
             changed (run retention-1)\n"
        );
    }

    #[test]
    fn bad_arguments_say_what_is_wrong() {
        let e = due_arguments("other", "2026-11-20T19:00").unwrap_err();
        assert!(e.to_string().contains("--kind"));
        let e = due_arguments("extension", "20.11.2026").unwrap_err();
        assert!(e.to_string().contains("--received"));
        let (kind, at) = due_arguments("assignment", "2026-11-20T19:00").unwrap();
        assert_eq!(kind, Kind::Assignment);
        assert_eq!(at, "2026-11-20T14:00:00Z".parse().unwrap());
    }
}
