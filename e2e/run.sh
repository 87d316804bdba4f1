#!/usr/bin/env bash
# Browser end-to-end tests, once on a 390 px phone and once on a 1280 px desktop, each against a
# release build of kandas of its own on a free loopback port with a fresh data
# directory (development mode seeds the demo data), driven by Playwright in Debian's Chromium.
# `kandas dev-ncalayer` stands in for NCALayer on wss://127.0.0.1:13579 (the port the pages'
# ncalayer.js hard-codes, so it must be free) and signs with the demo applicant's development keys.
#
#   bash e2e/run.sh                       # everything
#   bash e2e/run.sh tests/officer.spec.ts # arguments go to `playwright test`
#   E2E_PROJECTS=phone bash e2e/run.sh    # one project (phone: 390 px, desktop: 1280 px)
#   E2E_BINARY=target/release/kandas bash e2e/run.sh   # skip the build
#
# The exit code is the tests'. The server and dev-ncalayer are stopped however the run ends.
set -euo pipefail

e2e="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$e2e")"
chromium=/usr/bin/chromium

log() { printf 'e2e: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# 1. Chromium from Debian: never a browser download of Playwright's own.
if [ ! -x "$chromium" ]; then
  log "installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y chromium; then
    as_root apt-get update
    as_root apt-get install -y chromium
  fi
fi

# 2. The test runner, exactly as locked.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
(cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)

# 3. The server binary.
if [ -n "${E2E_BINARY:-}" ]; then
  binary="$(cd "$root" && realpath "$E2E_BINARY")"
else
  log "building the release binary"
  (cd "$root" && cargo build --release -p kandas)
  binary="${CARGO_TARGET_DIR:-$root/target}/release/kandas"
fi
[ -x "$binary" ] || { log "no server binary at $binary"; exit 2; }

# Where NCALayer listens: ncalayer.js connects to wss://127.0.0.1:13579 and nowhere else.
ncalayer_addr=127.0.0.1:13579

# 4. NCALayer's port must be free: a real NCALayer (or another run) there would answer the pages.
if ! node -e '
  const [host, port] = process.argv[1].split(":");
  const s = require("net").createServer();
  s.once("error", () => process.exit(1));
  s.listen(Number(port), host, () => s.close());
' "$ncalayer_addr"; then
  log "port ${ncalayer_addr##*:} on ${ncalayer_addr%:*} is busy (NCALayer, or another e2e run?): the EDS tests need it for kandas dev-ncalayer; stop whatever listens there and try again"
  exit 1
fi

# 5. Each project (a 390 px phone, a 1280 px desktop; see playwright.config.ts) runs against a
# server of its own: a fresh data directory (fresh demo data, one-time-code budgets untouched)
# and a free port. E2E_PROJECTS picks some: E2E_PROJECTS=phone bash e2e/run.sh
projects="${E2E_PROJECTS:-phone desktop}"
data=""
server=""
ncalayer=""

# Stops a background process by its id: the signal, up to 5 s, then SIGKILL.
halt() {
  local pid=$1 signal=$2
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "-$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  if [ -n "$pid" ]; then wait "$pid" 2>/dev/null || true; fi
}

# Stops the current project's server and dev-ncalayer; shows their logs when `status` is a
# failure, and removes the data directory after a success (unless E2E_KEEP_DATA is set).
finish() {
  local status=$1
  halt "$ncalayer" TERM   # dev-ncalayer handles no signal: TERM ends it (INT may be ignored)
  halt "$server" INT      # the server shuts down gracefully on INT
  ncalayer="" server=""
  [ -n "$data" ] || return 0
  if [ "$status" -ne 0 ]; then
    for f in server.log ncalayer.log; do
      [ -f "$data/$f" ] || continue
      log "the last lines of $data/$f:"
      tail -n 40 "$data/$f" >&2 || true
    done
  fi
  if [ "$status" -eq 0 ] && [ -z "${E2E_KEEP_DATA:-}" ]; then
    rm -rf "$data"
  else
    log "data directory kept: $data"
  fi
  data=""
}

stop() {
  local status=$?
  finish "$status"
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Ready when it completes a TLS handshake (its certificate is self-signed: not checked here).
tls_ready() {
  node -e '
    const [host, port] = process.argv[1].split(":");
    const s = require("tls").connect({ host, port: Number(port), rejectUnauthorized: false }, () => { s.destroy(); process.exit(0); });
    s.once("error", () => process.exit(1));
    s.setTimeout(2000, () => process.exit(1));
  ' "$ncalayer_addr" 2>/dev/null
}

# 6.–8. For one project: the server and the development NCALayer on a fresh data directory,
# then the tests of that project. Answers the tests' exit code.
run_project() {
  local project=$1
  shift
  data="$(mktemp -d "${TMPDIR:-/tmp}/kandas-e2e.XXXXXX")"
  local port base
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  base="http://127.0.0.1:$port"

  # 6. The server, in the background, from the data directory (no stray kandas.toml is read).
  log "$project: starting $binary on $base (data in $data)"
  (
    cd "$data"
    exec env -u KANDAS_CONFIG -u KANDAS_DATABASE_URL \
      NO_COLOR=1 KANDAS_ENV=development KANDAS_DATA_DIR="$data" KANDAS_LISTEN="127.0.0.1:$port" \
      "$binary" >"$data/server.log" 2>&1
  ) &
  server=$!

  for _ in $(seq 600); do
    if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then log "the server exited before it was healthy"; return 1; fi
    sleep 0.1
  done
  curl -fsS -o /dev/null "$base/healthz" || { log "no answer from $base/healthz in 60 s"; return 1; }

  # 7. The development NCALayer, with the development PKI the server made in the same data directory.
  log "$project: starting kandas dev-ncalayer on wss://$ncalayer_addr"
  (
    cd "$data"
    exec env -u KANDAS_CONFIG -u KANDAS_DATABASE_URL \
      NO_COLOR=1 KANDAS_ENV=development KANDAS_DATA_DIR="$data" \
      "$binary" dev-ncalayer --listen "$ncalayer_addr" >"$data/ncalayer.log" 2>&1
  ) &
  ncalayer=$!

  for _ in $(seq 100); do
    if tls_ready; then break; fi
    if ! kill -0 "$ncalayer" 2>/dev/null; then log "kandas dev-ncalayer exited before it accepted connections"; return 1; fi
    sleep 0.1
  done
  tls_ready || { log "kandas dev-ncalayer accepted no TLS connection on $ncalayer_addr in 10 s"; return 1; }

  # 8. The tests.
  log "$project: running the browser tests against $base"
  local result
  set +e
  (cd "$e2e" && E2E_BASE_URL="$base" npx --no-install playwright test --project="$project" "$@")
  result=$?
  set -e
  return "$result"
}

overall=0
for project in $projects; do
  started=$SECONDS
  set +e
  run_project "$project" "$@"
  result=$?
  set -e
  finish "$result"
  log "$project: exit $result in $((SECONDS - started)) s"
  [ "$result" -eq 0 ] || overall=$result
done
exit "$overall"
