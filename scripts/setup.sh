#!/usr/bin/env bash
# What `npm run demo` and `npm test` need on a fresh clone: redis-server (and, for the
# browser tests, Chromium) from apt when missing, and the npm dependencies.
# Usage: scripts/setup.sh [--tests]
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing $* (one time)..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
  else
    echo "$1 is missing. Install it with: sudo apt-get install -y $*" >&2
    exit 1
  fi
}

if ! command -v redis-server >/dev/null && [ -z "${REDIS_URL:-}" ]; then apt_install redis-server; fi
if [ "${1:-}" = "--tests" ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then apt_install chromium; fi

if [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ] || [ ! -x node_modules/.bin/tsc ]; then
  echo "Installing dependencies (builds SQLite from source, about 2 minutes)..."
  npm ci
fi
