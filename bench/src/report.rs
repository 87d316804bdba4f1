//! The results: every figure as a ratio to its ceiling measured in the same run, its goal and
//! whether it was met, written as a Markdown table (and JSON) with the machine and the commit.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::load::Measure;
use crate::scenarios::{Ceiling, Goal};

/// One measured figure.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// `sqlite` or `postgres`.
    pub db: String,
    /// The scenario's name.
    pub name: String,
    /// What it is.
    pub figure: String,
    /// The maximum rate (closed loop, median of the repeats), per second.
    pub rate: f64,
    /// The ceiling's maximum in the same run.
    pub ceiling_rate: f64,
    /// Which ceiling.
    pub ceiling: String,
    /// p50 and p99 at the maximum, ms.
    pub p50: f64,
    /// p99 at the maximum, ms.
    pub p99: f64,
    /// p99 at 80 % of the maximum (open loop), ms.
    pub p99_at_80: Option<f64>,
    /// Failed iterations, and what the first said.
    pub errors: u64,
    /// The first failure.
    pub first_error: Option<String>,
    /// The goal, as text.
    pub goal: String,
    /// Whether every part of the goal holds (None: no goal).
    pub met: Option<bool>,
}

impl Row {
    /// A row from the closed-loop median and the open-loop run.
    pub fn new(
        db: &str,
        (name, figure): (&str, &str),
        ceiling: (Ceiling, f64),
        goal: Goal,
        max: &Measure,
        at80: Option<&Measure>,
        errors: (u64, Option<String>),
    ) -> Row {
        let ratio = if ceiling.1 > 0.0 {
            max.rate() / ceiling.1
        } else {
            0.0
        };
        let p99_at_80 = at80.map(Measure::p99);
        let mut parts = Vec::new();
        let mut met = true;
        if let Some(r) = goal.ratio {
            parts.push(format!("≥ {:.0} % of {:?}", r * 100.0, ceiling.0));
            met &= ratio >= r;
        }
        if let Some(p) = goal.p99_ms {
            parts.push(format!("p99 ≤ {p} ms at 80 %"));
            met &= p99_at_80.is_some_and(|v| v <= p);
        }
        if let Some(r) = goal.rate {
            parts.push(format!("≥ {r}/s"));
            met &= max.rate() >= r;
        }
        Row {
            db: db.to_owned(),
            name: name.to_owned(),
            figure: figure.to_owned(),
            rate: max.rate(),
            ceiling_rate: ceiling.1,
            ceiling: format!("{:?}", ceiling.0),
            p50: max.p50(),
            p99: max.p99(),
            p99_at_80,
            errors: errors.0,
            first_error: errors.1,
            met: (!parts.is_empty()).then_some(met && errors.0 == 0),
            goal: parts.join(", "),
        }
    }

    /// The ratio to the ceiling.
    pub fn ratio(&self) -> f64 {
        if self.ceiling_rate > 0.0 {
            self.rate / self.ceiling_rate
        } else {
            0.0
        }
    }
}

/// A derived figure (a ratio of two measurements, or memory) with its goal.
#[derive(Debug, Clone, Serialize)]
pub struct Derived {
    /// `sqlite` or `postgres`.
    pub db: String,
    /// What it is.
    pub figure: String,
    /// The value, as text.
    pub value: String,
    /// The goal, as text.
    pub goal: String,
    /// Whether it holds.
    pub met: bool,
}

/// Everything one run measured.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Where and on what it ran.
    pub header: Vec<(String, String)>,
    /// The measured figures.
    pub rows: Vec<Row>,
    /// The derived ones.
    pub derived: Vec<Derived>,
}

fn ms(v: f64) -> String {
    if v.is_nan() {
        "–".into()
    } else if v < 10.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.0}")
    }
}

fn verdict(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "met",
        Some(false) => "**missed**",
        None => "",
    }
}

impl Report {
    /// Any failed iteration anywhere.
    pub fn errors(&self) -> u64 {
        self.rows.iter().map(|r| r.errors).sum()
    }

    /// The Markdown table.
    pub fn markdown(&self) -> String {
        let mut out = String::from("# Benchmark results\n\n");
        for (k, v) in &self.header {
            let _ = writeln!(out, "- {k}: {v}");
        }
        out.push_str(
            "\n| db | figure | rate /s | vs ceiling | p50 ms | p99 ms | p99 at 80 % | goal | |\n",
        );
        out.push_str("|---|---|---|---|---|---|---|---|---|\n");
        for r in &self.rows {
            let ratio = if r.name != "pdf" {
                format!(
                    "{:.2} % of {} ({:.0}/s)",
                    r.ratio() * 100.0,
                    r.ceiling,
                    r.ceiling_rate
                )
            } else {
                String::new()
            };
            let errors = if r.errors > 0 {
                format!(
                    " ({} failed: {})",
                    r.errors,
                    r.first_error.clone().unwrap_or_default()
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "| {} | {}{} | {:.0} | {} | {} | {} | {} | {} | {} |",
                r.db,
                r.figure,
                errors,
                r.rate,
                ratio,
                ms(r.p50),
                ms(r.p99),
                r.p99_at_80.map_or("–".into(), ms),
                r.goal,
                verdict(r.met)
            );
        }
        out.push_str("\n| db | figure | value | goal | |\n|---|---|---|---|---|\n");
        for d in &self.derived {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                d.db,
                d.figure,
                d.value,
                d.goal,
                verdict(Some(d.met))
            );
        }
        out
    }

    /// Writes `latest.md` and `latest.json` into `dir`.
    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join("latest.md"), self.markdown())?;
        std::fs::write(dir.join("latest.json"), serde_json::to_string_pretty(self)?)?;
        Ok(())
    }
}
