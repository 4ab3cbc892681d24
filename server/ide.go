package server

import (
	"net/http"
	"strings"

	"github.com/vethub/vethub/web"
)

// ideHandler serves GraphiQL against /graphql from assets built into the
// binary (no CDN). Its Headers pane starts with an Authorization line for
// the user to complete with a token.
func ideHandler() http.Handler { return web.IDE("vethub GraphiQL", "/graphql") }

// wantsIDE reports whether a GET to /graphql comes from a browser opening
// the page rather than from a client with a query.
func wantsIDE(r *http.Request) bool {
	return r.Method == http.MethodGet && !isUpgrade(r) && !r.URL.Query().Has("query") &&
		strings.Contains(r.Header.Get("Accept"), "text/html")
}
