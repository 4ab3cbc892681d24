#!/usr/bin/env bash
# Prints the URL of a PostgreSQL server vethub can use (without a database
# name), starting or installing one if needed:
#   1. $DATABASE_URL's server, if set;
#   2. a server already on 127.0.0.1:5432;
#   3. a private server from the installed PostgreSQL binaries, in .pg/ (port 55432);
#   4. Debian's postgresql package installed with apt-get (when root), then 3.
# Anything else: it says what to install and exits 1. Local callers add
# ?sslmode=disable: TLS on loopback only costs CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "postgres: $*" >&2; }

if [ -n "${DATABASE_URL:-}" ]; then
  echo "${DATABASE_URL%/*}"; exit 0
fi
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "postgres://postgres@127.0.0.1:5432"; exit 0
fi

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  return 1
}
if ! BIN=$(pg_bin); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing PostgreSQL with apt-get"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    BIN=$(pg_bin)
  else
    log "no PostgreSQL found. Install it (Debian/Ubuntu: sudo apt-get install postgresql) or set DATABASE_URL."
    exit 1
  fi
fi

DIR=$PWD/.pg PORT=55432
as_owner() {  # initdb refuses to run as root: use the postgres account then
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p $PORT; then
  if [ ! -s "$DIR/data/PG_VERSION" ]; then
    log "creating a private server in $DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_owner "'$BIN/initdb' -D '$DIR/data' -A trust -U postgres -E UTF8 >'$DIR/initdb.log'"
  fi
  log "starting the private server on 127.0.0.1:$PORT"
  as_owner "'$BIN/pg_ctl' -D '$DIR/data' -l '$DIR/server.log' -w -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off' start >/dev/null"
fi
echo "postgres://postgres@127.0.0.1:$PORT"
