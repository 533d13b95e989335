#!/usr/bin/env bash
# Set-up command 1: install what is missing, start the local Docker engine and the Caddy edge proxy, build and run
# Wharf on :3000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/services/dockerd.sh start
# The edge proxy (docs/edge.md): admin API on 127.0.0.1:2019; HTTP/HTTPS on 80/443, or free ports when those are taken.
# Its internal CA is kept in ./data/caddy so browsers that trust its root keep trusting it across restarts.
# Skipped when WHARF_EDGE_ADMIN_URL points Wharf at a Caddy of your own.
if [[ -z ${WHARF_EDGE_ADMIN_URL:-} ]]; then
  export WHARF_TEST_CADDY_ADMIN_PORT="${WHARF_TEST_CADDY_ADMIN_PORT:-2019}"
  WHARF_CADDY_DATA_DIR="${WHARF_CADDY_DATA_DIR:-$PWD/data/caddy}" bash scripts/services/caddy.sh start
  set -a
  source "${WHARF_TEST_STATE_DIR:-/run/wharf-test}/caddy-$WHARF_TEST_CADDY_ADMIN_PORT.env"
  set +a
  echo "[run] edge: http :$WHARF_EDGE_HTTP_PORT, https :$WHARF_EDGE_HTTPS_PORT, root CA $WHARF_EDGE_ROOT_CA"
fi
export DATABASE_URL="${DATABASE_URL:-file:./data/wharf.db}"
# Share the offline stand-ins (redis:alpine, …) with every tenant, so the sample app runs for developers.
export WHARF_SHARED_IMAGES="${WHARF_SHARED_IMAGES-$(grep -v '^#' scripts/services/shared-images.txt | paste -sd,)}"
echo "[run] building (next build)"
npx next build >/tmp/wharf-build.log 2>&1 || { tail -40 /tmp/wharf-build.log; exit 1; }
export NODE_ENV=production PORT="${PORT:-3000}"
# One process (node --import tsx, not the tsx wrapper, which kills a server slow to answer its relayed signal): Ctrl-C
# stops it through lib/graceful-stop.ts. Node's flags for the server: package.json's config.serverNodeArgs.
exec node $(node -p 'require("./package.json").config.serverNodeArgs') --import tsx server.ts
