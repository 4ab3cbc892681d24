#!/usr/bin/env bash
# `make run`: PostgreSQL, migrations, demo data when the hub is empty, an
# admin token, then the server with the GraphQL IDE on.
set -euo pipefail
cd "$(dirname "$0")/.."
VETHUB=bin/vethub
server=$(bash scripts/postgres.sh)
command -v psql >/dev/null || { echo "make run needs psql: install PostgreSQL's client (Debian: apt-get install postgresql-client)"; exit 1; }
if [ -z "${DATABASE_URL:-}" ]; then
  export DATABASE_URL="$server/vethub?sslmode=disable"  # local: TLS on loopback only costs CPU
  psql "$server/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname = 'vethub'" | grep -q 1 \
    || psql "$server/postgres" -qc "CREATE DATABASE vethub" >/dev/null
fi
$VETHUB migrate
records=$(psql "$DATABASE_URL" -qtAc "SELECT count(*) FROM source_records")
if [ "$records" = 0 ]; then
  echo "loading demo data: ${DEMO_PERSONS:-3000} generated persons"
  $VETHUB gen --persons "${DEMO_PERSONS:-3000}" --seed 1 --out .demo
  for d in veteran civil health jobs; do $VETHUB import --department $d .demo/$d.ndjson; done
  $VETHUB link --all  # join the records the ID number alone could not
  # flag hardship as of the day the demo data describes, so its cases show
  $VETHUB flag --all --today "$(sed -n 's/.*"today": "\(.*\)".*/\1/p' .demo/truth/params.json)"
  $VETHUB stats fold  # the dashboard counters (the server would fold them too, in the background)
fi
token=$($VETHUB token create --role admin --name "make run" | awk 'NF{t=$NF} END{print t}')
addr=${VETHUB_ADDR:-127.0.0.1:8080}
cat <<MSG

vethub is starting at http://$addr/  (GraphQL IDE; POST queries to http://$addr/graphql)
admin token: $token
In the IDE, open "Headers" and set: {"Authorization": "Bearer $token"}
From a shell:
  curl -s http://$addr/graphql -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \\
    -d '{"query":"{ persons(first: 3) { edges { node { id name departments } } } }"}'
A year's figures of 开化县 as Markdown:  $VETHUB report --region 330824 --year $(date +%Y)

MSG
export VETHUB_IDE=true VETHUB_INTROSPECTION=true VETHUB_ADDR=$addr
exec $VETHUB serve
