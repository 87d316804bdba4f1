#!/usr/bin/env bash
# The load benchmark in one command (issue 15): builds the service and the bench in release,
# measures the ceilings and every scenario on SQLite and PostgreSQL, and writes the table of
# ratios to bench/results/latest.md (and .json). Arguments go to `kandas-bench run`, e.g.
# `bench/run.sh --db sqlite --large 100000`; `bench/run.sh --smoke` checks only that it works.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p kandas -p kandas-bench
exec target/release/kandas-bench run "$@"
