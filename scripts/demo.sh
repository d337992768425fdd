#!/usr/bin/env bash
# One command from a fresh clone to a running engine with the demo loaded.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null && [ -z "${REDIS_URL:-}" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing redis-server (one time)..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null; }
  else
    echo "redis-server is missing. Install it with: sudo apt-get install -y redis-server" >&2
    exit 1
  fi
fi

if [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  echo "Installing dependencies (builds SQLite from source, about 2 minutes)..."
  npm ci
fi
echo "Building..."
npm run build --silent
exec node dist/main.js --demo
