#!/usr/bin/env bash
# Scores the hardship flags in the hub against the generator's planted
# situations at the given noise levels: for each, generate PERSONS persons
# (default 100,000; SEED default 1), import them into a fresh database, run
# vethub link --all, then vethub flag --all as of the generator's reference
# date, and score.
#   scripts/eval-flags.sh [low default high ...]
# Uses the PostgreSQL server scripts/postgres.sh finds; creates databases evalflags_*.
set -euo pipefail
cd "$(dirname "$0")/.."
V=bin/vethub
go build -o $V ./cmd/vethub
server=$(bash scripts/postgres.sh)
persons=${PERSONS:-100000}
seed=${SEED:-1}
for n in ${@:-default}; do
  gen=/tmp/vethub-eval-$n-$persons-$seed
  [ -s "$gen/veteran.ndjson" ] || $V gen --persons "$persons" --seed "$seed" --noise "$n" --out "$gen" >/dev/null
  today=$(sed -n 's/.*"today": "\(.*\)".*/\1/p' "$gen/truth/params.json")
  db=evalflags_$n
  PGOPTIONS="-c client_min_messages=warning" psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  export DATABASE_URL="$server/$db?sslmode=disable"
  $V migrate >/dev/null
  for d in veteran civil health; do $V import --quiet --department $d "$gen/$d.ndjson" 2>&1 | grep -v '^line ' >/dev/null; done
  $V link --all >/dev/null
  echo "== noise $n ($persons persons, as of $today)"
  /usr/bin/time -f "  wall %e s, peak RSS %M KB" $V flag --all --today "$today" 2>&1 | sed 's/^/  /'
  $V eval flags --truth "$gen/truth" | sed 's/^/  /'
done
