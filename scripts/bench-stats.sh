#!/usr/bin/env bash
# Measures the dashboard statistics on a county of about a million persons:
# generate PERSONS persons (default 1,000,000; SEED default 11), import the
# four feeds with their follow-up jobs into a fresh database, move every
# person, case and posting into 开化县 (330824; the generator spreads them
# over four counties, and a county's townships become its children), rebuild
# the counters (vethub stats fold --rebuild, timed), then serve and measure
# the stats query of the county at 1 and 4 in flight and the time from a
# write to its count (vethub bench stats --freshness).
#   scripts/bench-stats.sh
# Uses the PostgreSQL server scripts/postgres.sh finds; creates database benchstats.
set -euo pipefail
cd "$(dirname "$0")/.."
V=bin/vethub
go build -o $V ./cmd/vethub
server=$(bash scripts/postgres.sh)
persons=${PERSONS:-1000000}
seed=${SEED:-11}
gen=/tmp/vethub-bench-stats-$persons-$seed
[ -s "$gen/jobs.ndjson" ] || $V gen --persons "$persons" --seed "$seed" --out "$gen" >/dev/null
PGOPTIONS="-c client_min_messages=warning" psql "$server/postgres" -qc "DROP DATABASE IF EXISTS benchstats WITH (FORCE)" -c "CREATE DATABASE benchstats" >/dev/null
export DATABASE_URL="$server/benchstats?sslmode=disable"
$V migrate >/dev/null
for d in veteran civil health jobs; do $V import --quiet --department $d "$gen/$d.ndjson" 2>&1 | grep -v '^line ' >/dev/null; done
psql "$DATABASE_URL" -q <<'SQL'
UPDATE persons SET region_code = '330824' || substr(region_code, 7) WHERE region_code NOT LIKE '330824%' AND region_code <> '';
UPDATE cases SET region_code = '330824' || substr(region_code, 7) WHERE region_code NOT LIKE '330824%';
UPDATE job_postings SET region_code = '330824' || substr(region_code, 7) WHERE region_code NOT LIKE '330824%';
VACUUM ANALYZE persons;
SQL
echo "== persons in 330824: $(psql "$DATABASE_URL" -qtAc "SELECT count(*) FROM persons WHERE merged_into IS NULL AND region_code LIKE '330824%'")"
/usr/bin/time -f "== rebuild: wall %e s, peak RSS %M KB" $V stats fold --rebuild
dash=$($V token create --role dashboard --name bench-stats | awk 'NF{t=$NF} END{print t}')
admin=$($V token create --role admin --name bench-stats | awk 'NF{t=$NF} END{print t}')
addr=127.0.0.1:${PORT:-18557}
VETHUB_RATE_LIMIT=0 VETHUB_ADDR=$addr $V serve >/tmp/vethub-bench-stats-serve.log 2>&1 &
trap 'kill $!' EXIT
sleep 3
period=(--from "$(date +%Y)-01-01" --to "$(date +%F)")
for c in 1 4; do
  $V bench stats --url "http://$addr/graphql" --token "$dash" --region 330824 "${period[@]}" --duration 20s --concurrency $c
done
$V bench stats --url "http://$addr/graphql" --token "$admin" --region 330824106 "${period[@]}" --duration 2s --concurrency 1 --freshness 20
echo "== load average: $(cat /proc/loadavg)"
