#!/usr/bin/env bash
# Refreshes the vendored GraphiQL IDE in web/graphiql/ from the npm registry,
# so the IDE works on networks without internet access (no CDN). GraphiQL 3
# is the last major version with a browser (UMD) build; React 18 the last
# with UMD builds. Files are stored gzipped and served as such.
set -euo pipefail
cd "$(dirname "$0")/.."
GRAPHIQL=3.8.3 REACT=18.3.1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "graphiql@$GRAPHIQL" "react@$REACT" "react-dom@$REACT" >/dev/null)
for f in "$tmp"/*.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}" --strip-components=1; done
out=web/graphiql
gzip -9nc "$tmp/graphiql-$GRAPHIQL/graphiql.min.js" >"$out/graphiql.min.js.gz"
gzip -9nc "$tmp/graphiql-$GRAPHIQL/graphiql.min.css" >"$out/graphiql.min.css.gz"
gzip -9nc "$tmp/react-$REACT/umd/react.production.min.js" >"$out/react.production.min.js.gz"
gzip -9nc "$tmp/react-dom-$REACT/umd/react-dom.production.min.js" >"$out/react-dom.production.min.js.gz"
cp "$tmp/graphiql-$GRAPHIQL/LICENSE" "$out/LICENSE.graphiql"
cp "$tmp/react-$REACT/LICENSE" "$out/LICENSE.react"
echo "graphiql $GRAPHIQL, react $REACT" >"$out/VERSIONS"
