#!/usr/bin/env bash
# Browser end-to-end tests: a release build of kandas on a free loopback port with a fresh data
# directory (development mode seeds the demo data), driven by Playwright in Debian's Chromium.
#
#   bash e2e/run.sh                       # everything
#   bash e2e/run.sh tests/officer.spec.ts # arguments go to `playwright test`
#   E2E_BINARY=target/release/kandas bash e2e/run.sh   # skip the build
#
# The exit code is the tests'. The server is stopped however the run ends.
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

# 4. A fresh data directory and a free port.
data="$(mktemp -d "${TMPDIR:-/tmp}/kandas-e2e.XXXXXX")"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:$port"
server=""

stop() {
  local status=$?
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -INT "$server" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$data/server.log" ]; then
    log "the server's last lines ($data/server.log):"
    tail -n 40 "$data/server.log" >&2 || true
  fi
  if [ "$status" -eq 0 ] && [ -z "${E2E_KEEP_DATA:-}" ]; then
    rm -rf "$data"
  else
    log "data directory kept: $data"
  fi
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 5. The server, in the background, from the data directory (no stray kandas.toml is read).
log "starting $binary on $base (data in $data)"
(
  cd "$data"
  exec env -u KANDAS_CONFIG -u KANDAS_DATABASE_URL \
    NO_COLOR=1 KANDAS_ENV=development KANDAS_DATA_DIR="$data" KANDAS_LISTEN="127.0.0.1:$port" \
    "$binary" >"$data/server.log" 2>&1
) &
server=$!

for _ in $(seq 600); do
  if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then log "the server exited before it was healthy"; exit 1; fi
  sleep 0.1
done
curl -fsS -o /dev/null "$base/healthz" || { log "no answer from $base/healthz in 60 s"; exit 1; }

# 6. The tests.
log "running the browser tests against $base"
set +e
(cd "$e2e" && E2E_BASE_URL="$base" npx --no-install playwright test "$@")
result=$?
set -e
exit "$result"
