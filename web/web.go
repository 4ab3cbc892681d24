// Package web serves vethub's browser pages: the GraphiQL IDE, from files
// vendored into the binary (scripts/vendor-graphiql.sh), so it works on
// networks without internet access.
package web

import (
	"compress/gzip"
	"embed"
	"html/template"
	"io"
	"net/http"
	"path"
	"strings"
)

//go:embed graphiql/*.gz
var assets embed.FS

// assetPrefix is where GraphiQL's scripts and styles are served.
const assetPrefix = "/ide/"

var page = template.Must(template.New("ide").Parse(`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
<link rel="stylesheet" href="{{.Assets}}graphiql.min.css">
<script src="{{.Assets}}react.production.min.js"></script>
<script src="{{.Assets}}react-dom.production.min.js"></script>
<script src="{{.Assets}}graphiql.min.js"></script>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script>
  const fetcher = GraphiQL.createFetcher({ url: {{.Endpoint}}, subscriptionUrl: location.origin.replace(/^http/, "ws") + {{.Endpoint}} });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(GraphiQL, {
    fetcher,
    defaultHeaders: JSON.stringify({ Authorization: "Bearer " }, null, 2),
    defaultEditorToolsVisibility: "headers",
    defaultQuery: {{.Query}},
    shouldPersistHeaders: false,
    storage: { getItem: k => localStorage.getItem("vethub:" + k), setItem: (k, v) => localStorage.setItem("vethub:" + k, v),
               removeItem: k => localStorage.removeItem("vethub:" + k), clear: () => {}, length: 0 },
  }));
</script>
</body>
</html>
`))

// exampleQuery greets a new user: set the token under Headers, then run it.
const exampleQuery = `# vethub: put your token in Headers below ("Bearer vh_…"), then run.
# Persons in 开化县 known to all three departments:
{
  persons(first: 5, filter: {regionPrefix: "330824", hasDepartments: [VETERAN, CIVIL, HEALTH]}) {
    edges {
      node {
        id name departments
        region { name parents { name } }
        veteran { dischargeMode employmentStatus }
        civil { dibaoStatus perCapitaMonthlyIncome }
        health { seriousIllnesses outOfPocket }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`

// IDE returns the GraphiQL page for endpoint. Its Headers pane opens with
// an Authorization line for the user to complete; tokens are not persisted
// in the browser.
func IDE(title, endpoint string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		page.Execute(w, struct{ Title, Endpoint, Assets, Query string }{title, endpoint, assetPrefix, exampleQuery})
	})
}

// AssetPattern is the route the IDE's assets must be served under.
const AssetPattern = "GET " + assetPrefix

// Assets serves the vendored scripts and styles, gzipped as stored, or
// decompressed for the rare client that does not accept gzip.
func Assets() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Base(r.URL.Path)
		f, err := assets.Open("graphiql/" + name + ".gz")
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		h := w.Header()
		h.Set("Content-Type", contentType(name))
		h.Set("Cache-Control", "public, max-age=86400")
		h.Set("Vary", "Accept-Encoding")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.Set("Content-Encoding", "gzip")
			io.Copy(w, f)
			return
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			http.Error(w, "corrupt asset", http.StatusInternalServerError)
			return
		}
		io.Copy(w, zr)
	})
}

func contentType(name string) string {
	if strings.HasSuffix(name, ".css") {
		return "text/css; charset=utf-8"
	}
	return "text/javascript; charset=utf-8"
}
