#!/usr/bin/env bash
# Measures the foundation's figures on generated data (100,000 persons):
#   scripts/bench-foundation.sh import     # vethub import of each department, fresh database
#   scripts/bench-foundation.sh mutation   # GraphQL batch mutations against a running serve
#   scripts/bench-foundation.sh person     # person(id) latency/throughput at 8, 16, 32 in flight
# Uses the PostgreSQL server scripts/postgres.sh finds; creates databases bench_*.
set -euo pipefail
cd "$(dirname "$0")/.."
V=bin/vethub
go build -o $V ./cmd/vethub
server=$(bash scripts/postgres.sh)
gen=${GEN_DIR:-/tmp/vethub-bench-gen}
[ -s "$gen/veteran.ndjson" ] || $V gen --persons 100000 --seed 1 --out "$gen"
fresh() {
  PGOPTIONS="-c client_min_messages=warning" psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
  export DATABASE_URL="$server/$1?sslmode=disable"
  $V migrate >/dev/null
}
serve() {  # serve on a free port until the script exits; one token's load must not be rate limited
  export VETHUB_ADDR=127.0.0.1:$((20000 + RANDOM % 20000))
  VETHUB_RATE_LIMIT=0 VETHUB_LOG_LEVEL=warn $V serve >/tmp/vethub-bench-serve.log 2>&1 &
  SERVER=$!; trap 'kill $SERVER 2>/dev/null' EXIT
  for _ in $(seq 50); do curl -fs "http://$VETHUB_ADDR/readyz" >/dev/null 2>&1 && return; sleep 0.2; done
  echo "server did not start"; exit 1
}
case "${1:-}" in
import)
  fresh bench_import
  start=$(date +%s.%N)
  for d in veteran civil health; do
    /usr/bin/time -f "  wall %e s, peak RSS %M KB" $V import --quiet --department $d "$gen/$d.ndjson" 2>&1 | grep -v '^line '
  done
  echo "three departments stored and linked in $(echo "$(date +%s.%N) - $start" | bc) s"
  $V import --quiet --department jobs "$gen/jobs.ndjson" 2>&1 | grep -v '^line '
  echo "re-import, unchanged:"; $V import --quiet --department veteran "$gen/veteran.ndjson" 2>&1 | grep 'lines in'
  ;;
mutation)
  fresh bench_mutation
  token=$($V token create --role admin | awk '{t=$NF} END{print t}')
  serve
  for d in veteran civil health; do
    $V bench ingest --url "http://$VETHUB_ADDR/graphql" --token "$token" --department $d --file "$gen/$d.ndjson" --concurrency 3
  done
  grep VmHWM /proc/$SERVER/status
  ;;
person)
  [ "$(psql "$server/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname = 'bench_import'")" = 1 ] || "$0" import
  export DATABASE_URL="$server/bench_import?sslmode=disable"
  token=$($V token create --role admin | awk '{t=$NF} END{print t}')
  serve
  for c in 8 16 32; do
    $V bench person --url "http://$VETHUB_ADDR/graphql" --token "$token" --duration 15s --concurrency $c
  done
  grep VmHWM /proc/$SERVER/status
  ;;
*) sed -n 2,6p "$0"; exit 2 ;;
esac
