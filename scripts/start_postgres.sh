#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the tests (or a local try-out of the
# replicas) and print the variables to use it:
#   eval "$(bash scripts/start_postgres.sh)"     # exports BOT_TEST_DATABASE_URL, BOT_TEST_PGDATA
#   bash scripts/start_postgres.sh --stop DIR    # stop it and remove DIR
# Debian's postgresql package (apt-get install -y postgresql) provides the binaries; initdb
# refuses to run as root, so as root the server runs as the postgres user. fsync is off: a
# test server needs no durability across power loss. Exits non-zero if the server does not
# start, so CI fails instead of running the storage tests without PostgreSQL.
set -euo pipefail

bin_dir() {
    if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$found" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
    echo "$found"
}
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

BIN=$(bin_dir)
if [ "${1:-}" = "--stop" ]; then
    as_postgres "$BIN/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$2"
    exit 0
fi

PORT=${PGPORT_FOR_TESTS:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
BASE=$(mktemp -d /tmp/bot-pg-XXXXXX)
chmod 755 "$BASE"
DATA="$BASE/data"
mkdir -p "$DATA"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$BASE"
as_postgres "$BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 >"$BASE/initdb.log" 2>&1 \
    || { cat "$BASE/initdb.log" >&2; exit 1; }
as_postgres "$BIN/pg_ctl" -D "$DATA" -w -t 30 -l "$DATA/server.log" \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DATA -c fsync=off" start >/dev/null \
    || { cat "$DATA/server.log" >&2; exit 1; }
echo "export BOT_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "export BOT_TEST_PGDATA=$DATA"
echo "export BOT_TEST_PGBASE=$BASE"
