#!/usr/bin/env bash
# Scores linkage in the hub at three noise levels: for each, generate
# PERSONS persons (default 100,000; SEED default 1), import them into a fresh database
# (exact-ID persons), score, run vethub link --all, score again.
#   scripts/eval-linkage.sh [low default high ...]
# Uses the PostgreSQL server scripts/postgres.sh finds; creates databases eval_*.
set -euo pipefail
cd "$(dirname "$0")/.."
V=bin/vethub
go build -o $V ./cmd/vethub
server=$(bash scripts/postgres.sh)
persons=${PERSONS:-100000}
seed=${SEED:-1}
for noise in "${@:-low default high}"; do
  for n in $noise; do
    gen=/tmp/vethub-eval-$n-$persons-$seed
    [ -s "$gen/veteran.ndjson" ] || $V gen --persons "$persons" --seed "$seed" --noise "$n" --out "$gen" >/dev/null
    db=eval_$n
    PGOPTIONS="-c client_min_messages=warning" psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
    export DATABASE_URL="$server/$db?sslmode=disable"
    $V migrate >/dev/null
    for d in veteran civil health; do $V import --quiet --department $d "$gen/$d.ndjson" 2>&1 | grep -v '^line ' >/dev/null; done
    echo "== noise $n: after import (exact ID)"
    $V eval linkage --truth "$gen/truth" | sed 's/^/  /'
    echo "== noise $n: after link --all"
    $V link --all | sed 's/^/  /'
    $V eval linkage --truth "$gen/truth" | sed 's/^/  /'
  done
done
