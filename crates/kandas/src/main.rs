//! `kandas`: serves the portal (default) or runs an administrative command.

mod audit;
#[cfg(feature = "dev")]
mod bench;
mod cli;
mod commands;
mod config;
#[cfg(feature = "dev")]
mod dev_ncalayer;
#[cfg(feature = "dev")]
mod dev_pki;
mod files;
mod keys;
mod logging;
mod seal_keys;
mod serve;
mod shutdown;
mod verify;
mod wiring;
mod worker;

use anyhow::anyhow;
use clap::Parser;

#[cfg(feature = "dev")]
use crate::cli::{BenchCommand, DevPkiCommand};
use crate::cli::{CalendarCommand, Cli, Command, RegistryCommand, RetentionCommand, UserCommand};
use crate::config::{Config, Env};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    #[cfg(feature = "dev")]
    let quiet = matches!(cli.command, Some(Command::Bench(_)));
    #[cfg(not(feature = "dev"))]
    let quiet = false;
    // The seeder's bulk statements take seconds by design: no slow-statement warnings.
    logging::init_with(if quiet {
        "warn,sqlx=error"
    } else {
        "info,sqlx=warn"
    })?;
    let config = Config::load()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            #[cfg(feature = "dev")]
            dev_pki::prepare_for_serve(&config)?;
            let wired = wiring::wire(&config).await?;
            if config.env == Env::Development
                && !kandas_store::demo::is_seeded(&wired.store)
                    .await
                    .map_err(|e| anyhow!(e))?
            {
                kandas_store::demo::seed(&wired.store, &wired.service)
                    .await
                    .map_err(|e| anyhow!(e))?;
                tracing::info!(
                    "seeded the demo data (password {})",
                    kandas_store::demo::PASSWORD
                );
            }
            serve::serve(&config, wired).await
        }
        Command::Worker => {
            let wired = wiring::wire(&config).await?;
            let stop = shutdown::Stop::on_signal();
            let seal = tokio::spawn(wired.keep_seal_current(&config, stop.clone()));
            worker::run(wired.service, wired.jobs_waiting, stop).await;
            seal.abort();
            Ok(())
        }
        Command::Migrate => {
            wiring::wire(&config).await?;
            println!("the database is up to date");
            Ok(())
        }
        Command::Demo => commands::demo(&config).await,
        Command::User(UserCommand::Add {
            role,
            iin,
            office,
            password,
        }) => commands::user_add(&config, &role, &iin, office.as_deref(), password).await,
        Command::User(other) => commands::user_change(&config, other).await,
        Command::Registry(RegistryCommand::Import { file }) => {
            commands::registry_import(&config, &file).await
        }
        Command::Calendar(CalendarCommand::Due { kind, received }) => {
            println!(
                "{}",
                commands::calendar_due(&config, &kind, &received).await?
            );
            Ok(())
        }
        Command::Retention(RetentionCommand::Run { dry_run }) => {
            commands::retention_run(&config, dry_run).await
        }
        Command::Audit(command) => {
            if audit::run(&config, command).await? {
                Ok(())
            } else {
                std::process::exit(2)
            }
        }
        Command::Seal(command) => seal_keys::command(&config, &command).await,
        Command::Files(cli::FilesCommand::Migrate { from, to }) => {
            files::migrate(&config, from, to).await
        }
        Command::Verify { target, keys } => {
            let keys = verify::keys(&config, keys.as_deref()).await?;
            let outcome = verify::run(&keys, &target)?;
            print!("{}", outcome.report);
            if outcome.valid {
                Ok(())
            } else {
                std::process::exit(2)
            }
        }
        #[cfg(feature = "dev")]
        Command::DevPki(DevPkiCommand::Init { dir, force }) => {
            print!("{}", dev_pki::init(&config, dir.as_deref(), force)?);
            Ok(())
        }
        #[cfg(feature = "dev")]
        Command::Bench(BenchCommand::Seed {
            applications,
            offices,
            sessions,
        }) => {
            let args = bench::SeedArgs {
                applications,
                offices,
                sessions,
            };
            bench::seed(&config, args).await
        }
        #[cfg(feature = "dev")]
        Command::DevNcalayer { listen, iin } => dev_ncalayer::run(&config, listen, &iin).await,
    }
}
