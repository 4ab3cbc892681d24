package server_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/graph"
	"github.com/vethub/vethub/resolvers"
	"github.com/vethub/vethub/server"
)

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	if r := e.request(http.MethodGet, "/healthz", ""); r.status != 200 || r.body != "ok\n" {
		t.Fatalf("healthz: %d %q", r.status, r.body)
	}
	if r := e.request(http.MethodGet, "/readyz", ""); r.status != 200 {
		t.Fatalf("readyz on a migrated database: %d %q", r.status, r.body)
	}

	// A fresh server on a database missing its latest migration is not ready.
	behind := newEnv(t, server.Config{})
	_, err := behind.store.Pool.Exec(context.Background(),
		`DELETE FROM goose_db_version WHERE version_id = (SELECT max(version_id) FROM goose_db_version)`)
	if err != nil {
		t.Fatal(err)
	}
	if r := behind.request(http.MethodGet, "/readyz", ""); r.status != 503 || !strings.Contains(r.body, "migrate") {
		t.Fatalf("readyz on an old schema: %d %q", r.status, r.body)
	}
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	secret, _ := e.token("ops", auth.RoleAdmin, nil)
	e.post(secret, "query Probe { __typename }")
	e.post(secret, "{ nope }")
	r := e.request(http.MethodGet, "/metrics", "")
	if r.status != 200 {
		t.Fatalf("metrics: %d", r.status)
	}
	for _, want := range []string{
		`vethub_http_requests_total{route="/graphql",status="200"}`,
		`vethub_http_request_duration_seconds_bucket{route="/graphql"`,
		`vethub_graphql_operation_duration_seconds_count{operation="Probe",type="query"} 1`,
		`vethub_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"} 1`,
		"vethub_db_pool_total_conns",
		"vethub_db_pool_acquires_total",
		"go_goroutines",
		"process_cpu_seconds_total",
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestIDE(t *testing.T) {
	t.Parallel()
	html := "Accept: text/html,application/xhtml+xml"
	tests := []struct {
		name       string
		ide        bool
		path       string
		wantStatus int
		wantHTML   bool
	}{
		{"root on", true, "/", 200, true},
		{"graphql from a browser", true, "/graphql", 200, true},
		{"root off", false, "/", 404, false},
		{"graphql from a browser, off", false, "/graphql", 401, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, server.Config{IDE: tt.ide})
			r := e.request(http.MethodGet, tt.path, "", html)
			isHTML := strings.Contains(r.body, "graphiql") && strings.Contains(r.body, "Authorization")
			if r.status != tt.wantStatus || isHTML != tt.wantHTML {
				t.Fatalf("status %d html %v, want %d %v", r.status, isHTML, tt.wantStatus, tt.wantHTML)
			}
		})
	}
}

func TestRequestID(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	tests := []struct {
		name, in string
		keep     bool
	}{
		{"kept", "req-123.abc", true},
		{"replaced when odd", "bad id!", false},
		{"made when absent", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var headers []string
			if tt.in != "" {
				headers = append(headers, "X-Request-Id: "+tt.in)
			}
			got := e.request(http.MethodGet, "/healthz", "", headers...).header.Get("X-Request-Id")
			if got == "" || (got == tt.in) != tt.keep {
				t.Fatalf("X-Request-Id %q for %q", got, tt.in)
			}
			if tt.keep && !strings.Contains(e.logs.String(), `"request_id":"`+tt.in+`"`) {
				t.Errorf("access log lacks the request id:\n%s", e.logs.String())
			}
		})
	}
}

func TestServeShutsDown(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	srv := server.New(server.Config{}, server.Deps{
		Store:  store,
		Schema: graph.NewExecutableSchema(graph.Config{Resolvers: testRoot{}, Directives: resolvers.Directives()}),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- server.Serve(ctx, srv, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not return after cancel")
	}
}
