#!/usr/bin/env bash
# Set-up command 1: install what is missing, start the local Docker engine, build and run Wharf on :3000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/services/dockerd.sh start
export DATABASE_URL="${DATABASE_URL:-file:./data/wharf.db}"
# Share the offline stand-ins (redis:alpine, …) with every tenant, so the sample app runs for developers.
export WHARF_SHARED_IMAGES="${WHARF_SHARED_IMAGES-$(grep -v '^#' scripts/services/shared-images.txt | paste -sd,)}"
echo "[run] building (next build)"
npx next build >/tmp/wharf-build.log 2>&1 || { tail -40 /tmp/wharf-build.log; exit 1; }
export NODE_ENV=production PORT="${PORT:-3000}"
exec node_modules/.bin/tsx server.ts
