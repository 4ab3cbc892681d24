#!/usr/bin/env bash
# Scores linkage in the hub at three noise levels: for each, generate
# PERSONS persons (default 100,000; SEED default 1), import them into a fresh database
# (exact-ID persons), score, run vethub link --all, score again. Then,
# incrementally: import veteran and civil, link --all (which trains the
# model), import health (linked by the follow-up job of each chunk, as
# ingest through the API would be) and score.
#   scripts/eval-linkage.sh [low default high ...]
# Uses the PostgreSQL server scripts/postgres.sh finds; creates databases eval_*.
set -euo pipefail
cd "$(dirname "$0")/.."
V=bin/vethub
go build -o $V ./cmd/vethub
server=$(bash scripts/postgres.sh)
persons=${PERSONS:-100000}
fresh() {
  PGOPTIONS="-c client_min_messages=warning" psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
  export DATABASE_URL="$server/$1?sslmode=disable"
  $V migrate >/dev/null
}
load() { $V import --quiet --department "$1" "$gen/$1.ndjson" 2>&1 | grep -v '^line ' >/dev/null; }
seed=${SEED:-1}
for noise in "${@:-low default high}"; do
  for n in $noise; do
    gen=/tmp/vethub-eval-$n-$persons-$seed
    [ -s "$gen/veteran.ndjson" ] || $V gen --persons "$persons" --seed "$seed" --noise "$n" --out "$gen" >/dev/null
    db=eval_$n
    fresh $db
    for d in veteran civil health; do load $d; done
    echo "== noise $n: after import (exact ID)"
    $V eval linkage --truth "$gen/truth" | sed 's/^/  /'
    echo "== noise $n: after link --all"
    $V link --all | sed 's/^/  /'
    $V eval linkage --truth "$gen/truth" | sed 's/^/  /'
    echo "== noise $n: veteran and civil, link --all, then health, linked by the follow-up jobs of its import"
    fresh ${db}_inc
    load veteran; load civil
    $V link --all >/dev/null
    start=$(date +%s.%N); load health
    echo "  health imported and linked in $(echo "$(date +%s.%N) - $start" | bc) s"
    $V eval linkage --truth "$gen/truth" | sed 's/^/  /'
  done
done
