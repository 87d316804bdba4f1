//! The administrative subcommands.

use std::io::BufRead;

use anyhow::{Context, anyhow, bail};
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use kandas_app::Role;
use kandas_domain::application::Kind;
use kandas_domain::office::OfficeCode;
use kandas_domain::rules::RuleBook;
use kandas_store::RegistryImport;

use crate::config::{Config, Env};
use crate::wiring::{calendar, wire};

/// `kandas calendar due`: prints `{"accepted", "due", "rule_set"}`.
pub fn calendar_due(config: &Config, kind: &str, received: &str) -> anyhow::Result<String> {
    let kind =
        Kind::parse(kind).ok_or_else(|| anyhow!("--kind must be assignment or extension"))?;
    let local: DateTime = received
        .parse()
        .with_context(|| format!("--received {received:?} is not YYYY-MM-DDTHH:MM"))?;
    let at = TimeZone::get("Asia/Almaty")?
        .to_timestamp(local)
        .context("that time does not exist in Asia/Almaty")?;
    let deadline =
        kandas_domain::deadline::compute(&calendar(config)?, &RuleBook::shipped()?, kind, at)?;
    Ok(serde_json::json!({
        "accepted": deadline.accepted.to_string(),
        "due": deadline.due.to_string(),
        "rule_set": deadline.rule_set,
    })
    .to_string())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn friday_evening_is_accepted_on_monday() {
        let out = calendar_due(&Config::default(), "assignment", "2026-11-20T19:00").unwrap();
        assert_eq!(
            out,
            r#"{"accepted":"2026-11-23","due":"2026-11-26","rule_set":"2025-10"}"#
        );
    }

    #[test]
    fn bad_arguments_say_what_is_wrong() {
        let e = calendar_due(&Config::default(), "other", "2026-11-20T19:00").unwrap_err();
        assert!(e.to_string().contains("--kind"));
        let e = calendar_due(&Config::default(), "extension", "20.11.2026").unwrap_err();
        assert!(e.to_string().contains("--received"));
    }
}
