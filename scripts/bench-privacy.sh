#!/usr/bin/env bash
# person(id) throughput with and without scoping, masking and audit, in one
# run on the 100k-person database of scripts/bench-foundation.sh:
#   scripts/bench-privacy.sh [BASE_COMMIT]
# With BASE_COMMIT (e.g. 92a8470, before privacy) its build is measured too.
set -euo pipefail
cd "$(dirname "$0")/.."
server=$(bash scripts/postgres.sh)
[ "$(psql "$server/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname = 'bench_import'")" = 1 ] \
  || bash scripts/bench-foundation.sh import >/dev/null
NEW=bin/vethub
go build -o $NEW ./cmd/vethub
export DATABASE_URL="$server/bench_import?sslmode=disable" VETHUB_RATE_LIMIT=0 VETHUB_LOG_LEVEL=warn
$NEW migrate >/dev/null
run() { # label binary bench-args...
  label=$1 bin=$2; shift 2
  export VETHUB_ADDR=127.0.0.1:$((20000 + RANDOM % 20000))
  $bin serve >/tmp/vethub-bench-privacy.log 2>&1 & pid=$!
  for _ in $(seq 50); do curl -fs "http://$VETHUB_ADDR/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  echo -n "$label: "
  $NEW bench person --url "http://$VETHUB_ADDR/graphql" --duration 15s --concurrency 16 "$@"
  kill $pid; wait $pid 2>/dev/null || true
}
admin=$($NEW token create --role admin | awk '{t=$NF} END{print t}')
analyst=$($NEW token create --role analyst --regions 330824 | awk '{t=$NF} END{print t}')
if [ -n "${1:-}" ]; then
  base=$(mktemp -d)
  git worktree add -q "$base" "$1"
  (cd "$base" && go build -o vethub ./cmd/vethub)
  run "base $1, admin" "$base/vethub" --token "$admin"
fi
run "admin, masked" $NEW --token "$admin"
run "analyst 330824, masked" $NEW --token "$analyst" --region-prefix 330824
run "analyst 330824, @purpose (unmasked, audited)" $NEW --token "$analyst" --region-prefix 330824 --purpose "bench"
[ -z "${base:-}" ] || git worktree remove --force "$base"
