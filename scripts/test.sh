#!/usr/bin/env bash
# Set-up command 2: the whole test suite — unit (Vitest), integration against the real engine, registry and
# database (Vitest), end-to-end in Debian's Chromium (Playwright) — against a production build.
# Starts the services it needs and stops only those it started.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test || exit 1
export DATABASE_URL="file:./data/test-build.db" NEXT_TELEMETRY_DISABLED=1

# This run's own ledger: `down` stops only what this run started, even if another checkout shares the machine.
export WHARF_SERVICES_LEDGER
WHARF_SERVICES_LEDGER=$(mktemp /tmp/wharf-services.XXXXXX)
bash scripts/services/all.sh up || { echo "[test] services failed to start"; bash scripts/services/all.sh down; exit 1; }
trap 'bash scripts/services/all.sh down' EXIT
export WHARF_TEST_SERVICES=ready

echo "[test] next build"
npx next build >/tmp/wharf-test-build.log 2>&1 || { tail -60 /tmp/wharf-test-build.log; exit 1; }

status=0
declare -A results
run() { # name, command...
  local name=$1; shift
  echo; echo "[test] ===== $name ====="
  if "$@"; then results[$name]=passed; else results[$name]=failed; status=1; fi
}
run typecheck npx tsc --noEmit
run lint npx eslint .
run format npx prettier --check "**/*.{ts,tsx,js,mjs,cjs,css}" --log-level warn
run unit npx vitest run --project unit
run integration npx vitest run --project integration --project integration-alone
# The same server code on PostgreSQL (issue 20): a subset, to stay inside the suite's time budget (about a minute):
# the foundation cycle, the fleet event log's PostgreSQL writer, crash healing and two instances on one database
# (tests/postgres-subset.txt).
# The whole integration suite on PostgreSQL is one variable away (docs/database.md):
#   WHARF_TEST_DATABASE=postgres npx vitest run --project integration
run integration-pg env WHARF_TEST_DATABASE=postgres npx vitest run --project integration $(cat tests/postgres-subset.txt)
# The edge specs (domains, the Traffic card) need Caddy's settings in the e2e server's environment (e2e/edge.ts).
caddy_env="${WHARF_TEST_STATE_DIR:-/run/wharf-test}/caddy-${WHARF_TEST_CADDY_ADMIN_PORT:-2019}.env"
run e2e env $(cat "$caddy_env") npx playwright test

echo; echo "[test] summary"
passed=0 failed=0
for k in typecheck lint format unit integration integration-pg e2e; do
  echo "  $k: ${results[$k]}"
  [[ ${results[$k]} == passed ]] && passed=$((passed + 1)) || failed=$((failed + 1))
done
echo "suites: $passed passed, $failed failed"
exit $status
