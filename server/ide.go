package server

import (
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql/playground"
)

// ideHandler serves GraphiQL against /graphql. Its Headers pane starts
// with an Authorization line for the user to complete with a token; the
// page loads GraphiQL's scripts from a CDN.
func ideHandler() http.Handler {
	return playground.Handler("vethub GraphiQL", "/graphql",
		playground.WithGraphiqlUiHeaders(map[string]string{"Authorization": "Bearer "}),
		playground.WithStoragePrefix("vethub:"),
	)
}

// wantsIDE reports whether a GET to /graphql comes from a browser opening
// the page rather than from a client with a query.
func wantsIDE(r *http.Request) bool {
	return r.Method == http.MethodGet && !isUpgrade(r) && !r.URL.Query().Has("query") &&
		strings.Contains(r.Header.Get("Accept"), "text/html")
}
