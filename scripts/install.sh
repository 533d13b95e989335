#!/usr/bin/env bash
# Installs what Wharf needs and is missing: Debian packages, then the npm tree exactly as locked.
# Usage: scripts/install.sh [--test]   (--test adds what the test suite needs: chromium, registry, compose, haproxy, node exporter)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(docker.io busybox-static git ca-certificates openssl caddy)
[[ "${1:-}" == "--test" ]] && packages+=(chromium docker-registry apache2-utils docker-compose iproute2 iptables haproxy prometheus-node-exporter)
command -v node >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "[install] apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then echo "[install] Wharf needs Node.js 20 or newer (found $(node --version))" >&2; exit 1; fi

# npm ci only when the lockfile changed since the last install (it takes about two minutes).
stamp=node_modules/.wharf-lock-hash
hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat $stamp)" != "$hash" ]]; then
  echo "[install] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$hash" > $stamp
fi
# Both clients: SQLite's and PostgreSQL's (lib/db.ts picks one from DATABASE_URL; docs/database.md).
DATABASE_URL="${DATABASE_URL:-file:./data/wharf.db}" npm run --silent db:generate >/dev/null
