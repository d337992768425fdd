#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on a free port (as the postgres user when
# run as root) and prints its URL. Stop it with: scripts/postgres-for-tests.sh stop DIR
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
  dir="$2"
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "pg_ctl -D '$dir/data' -m fast stop" >/dev/null 2>&1 || true
  else pg_ctl -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  exit 0
fi

pgbin=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  [ -x "$candidate/initdb" ] && pgbin="$candidate" && break
done
if [ -z "$pgbin" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V -r | head -1)
  else
    echo "PostgreSQL is not installed: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
fi
export PATH="$pgbin:$PATH"

dir=$(mktemp -d /tmp/vm-pg-XXXXXX)
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
run() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "PATH=$pgbin:\$PATH $*"; else bash -c "$*"; fi; }
if [ "$(id -u)" = "0" ]; then id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres; chown postgres "$dir"; fi
run "initdb -D '$dir/data' -U postgres --auth=trust -E UTF8 >'$dir/initdb.log' 2>&1"
run "pg_ctl -D '$dir/data' -l '$dir/server.log' -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" -w start >/dev/null"
echo "PG_DIR=$dir"
echo "TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
