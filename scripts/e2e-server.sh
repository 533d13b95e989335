#!/usr/bin/env bash
# The server Playwright drives: the production build on a fresh database, with a known admin for the setup project.
set -euo pipefail
dir=$(mktemp -d /tmp/wharf-e2e-XXXXXX)
export NODE_ENV=production HOST=127.0.0.1 DATABASE_URL="file:$dir/wharf.db" WHARF_SECRET_KEY_FILE="$dir/secret.key"
export WHARF_ADMIN_EMAIL="${E2E_ADMIN_EMAIL:-admin@wharf.test}" WHARF_ADMIN_PASSWORD="${E2E_ADMIN_PASSWORD:-e2e-admin-password-0123}"
export WHARF_LOGIN_MAX_FAILURES_PER_ADDRESS=100000
# The same-box test registry is on loopback: developers' registries may reach it only through the allow-list.
registry_env="${WHARF_TEST_STATE_DIR:-/run/wharf-test}/registry.env"
if [[ -z ${WHARF_EGRESS_ALLOW:-} && -r $registry_env ]]; then
  export WHARF_EGRESS_ALLOW="$(sed -n 's/^REGISTRY_ADDR=//p' "$registry_env")"
fi
# Git's CA bundle: the usual one, to which an e2e spec appends the CA of a git host it starts (e2e/git-ca.ts);
# git reads the file at each call.
git_ca="/tmp/wharf-e2e-git-ca-${PORT:-3100}.pem"
if [[ ${GIT_SSL_CAINFO:-} != "$git_ca" ]]; then
  cat "${GIT_SSL_CAINFO:-/etc/ssl/certs/ca-certificates.crt}" >"$git_ca" 2>/dev/null || : >"$git_ca"
fi
export GIT_SSL_CAINFO="$git_ca"
export WHARF_SHARED_IMAGES="${WHARF_SHARED_IMAGES-$(grep -v '^#' scripts/services/shared-images.txt | paste -sd,)}"
# Node's flags for the server (package.json's config.serverNodeArgs), as npm start and scripts/run.sh pass them.
export NODE_OPTIONS="$(node -p 'require("./package.json").config.serverNodeArgs') ${NODE_OPTIONS:-}"
exec node_modules/.bin/tsx server.ts
