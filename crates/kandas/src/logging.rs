//! The logs: to stderr, filtered by `KANDAS_LOG` (default `info,sqlx=warn`), as JSON lines or
//! as text (`KANDAS_LOG_FORMAT=json|text`; by default text on a terminal, JSON otherwise, as
//! under systemd or in a container). Colours only on a terminal.

use std::io::IsTerminal;

use anyhow::bail;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON object a line, with the request span's fields (for log collectors).
    Json,
    /// Readable lines (for a person at a terminal).
    Text,
}

impl LogFormat {
    /// The format asked for by `KANDAS_LOG_FORMAT`, or the default for where stderr goes.
    pub fn choose(asked: Option<&str>, terminal: bool) -> anyhow::Result<LogFormat> {
        match asked.map(str::trim) {
            Some("json") => Ok(LogFormat::Json),
            Some("text") => Ok(LogFormat::Text),
            None | Some("") if terminal => Ok(LogFormat::Text),
            None | Some("") => Ok(LogFormat::Json),
            Some(other) => bail!("KANDAS_LOG_FORMAT is `{other}`: use json or text"),
        }
    }
}

/// Sets up the logs for the whole process: `KANDAS_LOG`, or `default` when it is not set.
pub fn init_with(default: &str) -> anyhow::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KANDAS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let terminal = std::io::stderr().is_terminal();
    let asked = std::env::var("KANDAS_LOG_FORMAT").ok();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(terminal);
    match LogFormat::choose(asked.as_deref(), terminal)? {
        LogFormat::Json => builder.json().with_current_span(true).init(),
        LogFormat::Text => builder.init(),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_asked_for_or_follows_the_terminal() {
        assert_eq!(
            LogFormat::choose(Some("json"), true).unwrap(),
            LogFormat::Json
        );
        assert_eq!(
            LogFormat::choose(Some("text"), false).unwrap(),
            LogFormat::Text
        );
        assert_eq!(LogFormat::choose(None, true).unwrap(), LogFormat::Text);
        assert_eq!(LogFormat::choose(None, false).unwrap(), LogFormat::Json);
        assert_eq!(LogFormat::choose(Some(""), false).unwrap(), LogFormat::Json);
        assert!(LogFormat::choose(Some("yaml"), true).is_err());
    }
}
