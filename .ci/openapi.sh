#!/usr/bin/env bash
# The OpenAPI-driven test: schemathesis reads /api/openapi.json from a real server and sends the
# requests it generates from it (valid and schema-violating ones, a fixed seed, a bounded number
# per operation); the run fails on any 5xx, any status an operation does not document, and any
# answer (body or content type) that does not match its schema.
#
#   bash .ci/openapi.sh                                    # builds target/debug/kandas first
#   OPENAPI_BINARY=target/release/kandas bash .ci/openapi.sh
#   OPENAPI_EXAMPLES=200 bash .ci/openapi.sh               # more cases per operation
#
# The server runs in development mode on a free loopback port with a fresh data directory (so
# the demo data is seeded and the one-time-code budgets are untouched). Each tag is driven as
# the demo user whose operations it holds (API.md), so the signed-in operations run past 401
# (.ci/openapi_fixtures.py signs them in and makes the objects their path ids point at):
# applicant (applicant, signing, public), officer (staff), operator (desk), administrator
# (admin), auditor (audit); the `auth` tag runs last with a session of its own, since it holds sign-out.
# Driven like every other operation, multipart uploads included (schemathesis generates the
# form parts from their schema).
#
# schemathesis is installed by pip into a virtualenv under the cache directory, reused while it
# is the pinned version.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=4.32.5
examples="${OPENAPI_EXAMPLES:-40}"
seed="${OPENAPI_SEED:-20261203}"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/kandas-schemathesis/venv"

log() { printf 'openapi: %s\n' "$*" >&2; }

# 1. schemathesis, pinned.
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$version"; then
  log "installing schemathesis $version into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi

# 2. The server binary: the debug build of this tree (up to date), unless one is given.
if [ -n "${OPENAPI_BINARY:-}" ]; then
  binary="$(realpath "$OPENAPI_BINARY")"
else
  (cd "$root" && cargo build --quiet -p kandas)
  binary="${CARGO_TARGET_DIR:-$root/target}/debug/kandas"
fi
[ -x "$binary" ] || { log "no server binary at $binary"; exit 2; }

# 3. The server on a free port with a fresh data directory; stopped however the run ends.
data="$(mktemp -d "${TMPDIR:-/tmp}/kandas-openapi.XXXXXX")"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
server=""
finish() {
  local status=$?
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -INT "$server" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$data/server.log" ]; then
    log "the last lines of the server's log:"
    tail -n 40 "$data/server.log" >&2 || true
    log "data directory kept: $data"
  else
    rm -rf "$data"
  fi
  exit "$status"
}
trap finish EXIT

log "starting $binary on $base (data in $data)"
(
  cd "$data"
  exec env -u KANDAS_CONFIG -u KANDAS_DATABASE_URL \
    NO_COLOR=1 KANDAS_ENV=development KANDAS_DATA_DIR="$data" KANDAS_LISTEN="127.0.0.1:$port" \
    "$binary" >"$data/server.log" 2>&1
) &
server=$!
for _ in $(seq 600); do
  curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { log "the server exited before it was healthy"; exit 1; }
  sleep 0.1
done
curl -fsS -o /dev/null "$base/healthz" || { log "no answer from $base/healthz in 60 s"; exit 1; }

# 4. One schemathesis run per tag, as its user, with the path's ids pointing at real objects
# of that user (a draft of the applicant, the applicant's signed case in the officer's queue, a
# paper application at the operator's desk, an account for the administrator), so that the
# answers checked against their schemas are whole cases, not only 404s. Generated bodies may
# change those objects (save, sign, withdraw, decide): every state they reach must answer as
# documented too.
failed=0
run() {
  local tag=$1 token=$2 id=${3:-} extra=${4:-}
  local config="$data/schemathesis-$tag.toml"
  : >"$config"
  if [ -n "$id" ]; then
    printf '[parameters]\n"path.id" = "%s"\n"path.year" = 2026\n%s' "$id" "$extra" >"$config"
  fi
  log "tag $tag${id:+ (id $id)}"
  # From the data directory: schemathesis keeps its crash cache in the working directory.
  if ! (cd "$data" && "$venv/bin/schemathesis" --config-file "$config" run "$base/api/openapi.json" \
    --include-tag "$tag" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --phases examples,coverage,fuzzing \
    --max-examples "$examples" \
    --seed "$seed" \
    --workers 1 \
    --request-timeout 30 \
    --suppress-health-check all \
    --generation-database none \
    --no-color); then
    failed=1
  fi
}

# 5. The sessions and the objects (.ci/openapi_fixtures.py prints them as name=value).
fixtures="$(python3 "$root/.ci/openapi_fixtures.py" "$base")"
fixture() { printf '%s\n' "$fixtures" | sed -n "s/^$1=//p"; }
run public "$(fixture applicant)"
run signing "$(fixture applicant)" "$(fixture draft)"
run applicant "$(fixture applicant)" "$(fixture draft)"
run staff "$(fixture officer)" "$(fixture case)"
# The desk looks up the paper application's applicant for that application.
run desk "$(fixture operator)" "$(fixture paper)" \
  "$(printf '"path.iin" = "931002451325"\n"query.application" = "%s"\n' "$(fixture paper)")"
# The auditor before the administrator, whose run changes the auditor's account.
run audit "$(fixture auditor)" "$(fixture case)"
run admin "$(fixture admin)" "$(fixture account)"
run auth "$(fixture auth)"

if [ "$failed" -ne 0 ]; then
  log "FAILED: a 5xx, an undocumented status or an answer off its schema (see above)"
  exit 1
fi
log "passed: no 5xx, every status documented, every answer matched its schema"
