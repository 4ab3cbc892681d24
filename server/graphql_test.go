package server_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/server"
)

func TestTransports(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	secret, _ := e.token("ops", auth.RoleAdmin, nil)
	const mutation = `mutation { upsertJobPostings(postings: []) { summary { created } } }`
	gqlResp := "Accept: application/graphql-response+json"
	tests := []struct {
		name       string
		do         func() result
		wantStatus int
		wantCode   string
		wantType   string
	}{
		{"POST query", func() result { return e.post(secret, "{ __typename }") }, 200, "", "application/json"},
		{"GET query", func() result { return e.get(secret, "{ __typename }") }, 200, "", "application/json"},
		{"GET mutation", func() result { return e.get(secret, mutation) }, 405, "METHOD_NOT_ALLOWED", ""},
		{"parse error, graphql-response+json", func() result { return e.post(secret, "{ viewer ", gqlResp) }, 400, "GRAPHQL_PARSE_FAILED", "application/graphql-response+json"},
		{"validation error, graphql-response+json", func() result { return e.post(secret, "{ nope }", gqlResp) }, 400, "GRAPHQL_VALIDATION_FAILED", "application/graphql-response+json"},
		{"parse error over GET, graphql-response+json", func() result { return e.get(secret, "{", gqlResp) }, 400, "GRAPHQL_PARSE_FAILED", "application/graphql-response+json"},
		// The spec: under application/json a well-formed request gets 200, errors in the body.
		{"parse error, legacy json", func() result { return e.post(secret, "{ viewer ") }, 200, "GRAPHQL_PARSE_FAILED", "application/json"},
		{"validation error, legacy json", func() result { return e.post(secret, "{ nope }") }, 200, "GRAPHQL_VALIDATION_FAILED", "application/json"},
		{"POST of another media type", func() result {
			return e.request(http.MethodPost, "/graphql", "{ __typename }", "Content-Type: application/graphql", "Authorization: Bearer "+secret)
		}, 415, "UNSUPPORTED_MEDIA_TYPE", "application/json"},
		{"OPTIONS without token", func() result { return e.request(http.MethodOptions, "/graphql", "") }, 200, "", ""},
		{"POST with variables, charset", func() result {
			return e.request(http.MethodPost, "/graphql", `{"query":"query($x: Boolean!) { __typename @include(if: $x) }","variables":{"x":true}}`,
				"Content-Type: application/json; charset=utf-8", "Authorization: Bearer "+secret)
		}, 200, "", "application/json"},
		{"bad JSON body", func() result {
			return e.request(http.MethodPost, "/graphql", "{", "Content-Type: application/json", "Authorization: Bearer "+secret)
		}, 400, "BAD_REQUEST", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := tt.do()
			if r.status != tt.wantStatus || r.code() != tt.wantCode {
				t.Fatalf("status %d code %q, want %d %q: %s", r.status, r.code(), tt.wantStatus, tt.wantCode, r.body)
			}
			if tt.wantType != "" && !strings.HasPrefix(r.header.Get("Content-Type"), tt.wantType) {
				t.Errorf("Content-Type %q, want %q", r.header.Get("Content-Type"), tt.wantType)
			}
			if tt.wantStatus == 405 && r.header.Get("Allow") != "POST" {
				t.Errorf("Allow = %q", r.header.Get("Allow"))
			}
		})
	}
}

func TestErrorPresenter(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	idMessage := regexp.MustCompile(`^internal error \(id ([0-9a-f]{16})\)$`)
	tests := []struct {
		token    string // token name, which picks the test resolver's failure
		wantCode string
		internal bool
	}{
		{"sql", "INTERNAL", true},
		{"panic", "INTERNAL", true},
		{"forbidden", "FORBIDDEN", false},
		{"missing", "NOT_FOUND", false},
		{"input", "BAD_USER_INPUT", false},
		{"scope", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.token, func(t *testing.T) {
			t.Parallel()
			secret, _ := e.token(tt.token, auth.RoleAdmin, nil)
			r := e.post(secret, "{ viewer { role } }")
			if r.status != http.StatusOK || r.code() != tt.wantCode {
				t.Fatalf("status %d code %q, want 200 %q: %s", r.status, r.code(), tt.wantCode, r.body)
			}
			if strings.Contains(r.body, "SELECT") || strings.Contains(r.body, "relation") || strings.Contains(r.body, "goroutine") {
				t.Fatalf("internals leaked: %s", r.body)
			}
			if !tt.internal {
				return
			}
			m := idMessage.FindStringSubmatch(r.gql.Errors[0].Message)
			if m == nil {
				t.Fatalf("message %q has no error id", r.gql.Errors[0].Message)
			}
			if logs := e.logs.String(); !strings.Contains(logs, m[1]) {
				t.Fatalf("error id %s not logged:\n%s", m[1], logs)
			}
		})
	}
	t.Run("user input names the field", func(t *testing.T) {
		t.Parallel()
		secret, _ := e.token("input", auth.RoleAdmin, nil)
		r := e.post(secret, "{ viewer { role } }")
		if r.gql.Errors[0].Extensions["field"] != "regions" {
			t.Fatalf("body %s", r.body)
		}
	})
}

func TestRequestTimeout(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{RequestTimeout: 50 * time.Millisecond})
	secret, _ := e.token("slow", auth.RoleAdmin, nil)
	r := e.post(secret, "{ viewer { role } }")
	if r.status != http.StatusOK || r.code() != "TIMEOUT" {
		t.Fatalf("status %d code %q: %s", r.status, r.code(), r.body)
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{MaxBodyBytes: 1024, MaxDepth: 3, ComplexityLimit: 50})
	secret, _ := e.token("ops", auth.RoleAdmin, nil)
	gqlResp := "Accept: application/graphql-response+json"
	big := `{"query":"{ __typename }","variables":{"pad":"` + strings.Repeat("x", 2048) + `"}}`
	tests := []struct {
		name       string
		do         func() result
		wantStatus int
		wantCode   string
	}{
		{"body too large", func() result {
			return e.request(http.MethodPost, "/graphql", big, "Content-Type: application/json", "Authorization: Bearer "+secret)
		}, 413, "REQUEST_TOO_LARGE"},
		{"chunked body too large", func() result {
			req, _ := http.NewRequest(http.MethodPost, e.url+"/graphql", strings.NewReader(big))
			req.ContentLength = -1 // sent chunked: the limit must hold while reading
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+secret)
			return e.send(req)
		}, 413, "REQUEST_TOO_LARGE"},
		{"depth within limit", func() result { return e.post(secret, "{ viewer { role } }", gqlResp) }, 200, ""},
		{"too deep", func() result {
			return e.post(secret, "{ persons { edges { node { id } } } }", gqlResp)
		}, 400, "DEPTH_LIMIT_EXCEEDED"},
		{"too deep through fragments", func() result {
			return e.post(secret, "query { persons { ...E } } fragment E on PersonConnection { edges { ... on PersonEdge { node { id } } } }", gqlResp)
		}, 400, "DEPTH_LIMIT_EXCEEDED"},
		{"too complex", func() result {
			var q strings.Builder
			for i := range 20 {
				fmt.Fprintf(&q, "v%d: viewer { role department regions } ", i)
			}
			return e.post(secret, "{ "+q.String()+"}", gqlResp)
		}, 400, "COMPLEXITY_LIMIT_EXCEEDED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := tt.do()
			if r.status != tt.wantStatus || r.code() != tt.wantCode {
				t.Fatalf("status %d code %q, want %d %q: %s", r.status, r.code(), tt.wantStatus, tt.wantCode, r.body)
			}
		})
	}
}

func TestIntrospectionSwitch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		on       bool
		wantCode string
	}{
		{true, ""},
		{false, "FORBIDDEN"},
	}
	for _, tt := range tests {
		t.Run(map[bool]string{true: "on", false: "off"}[tt.on], func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, server.Config{Introspection: tt.on})
			secret, _ := e.token("ops", auth.RoleAdmin, nil)
			r := e.post(secret, "{ __schema { queryType { name } } }")
			if r.code() != tt.wantCode {
				t.Fatalf("code %q, want %q: %s", r.code(), tt.wantCode, r.body)
			}
		})
	}
}
