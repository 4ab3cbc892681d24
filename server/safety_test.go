package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/server"
)

func TestRateLimit(t *testing.T) {
	t.Parallel()
	// One request per 1000 s: after the burst of two, nothing refills
	// while the test runs.
	e := newEnv(t, server.Config{RateLimit: 0.001, RateBurst: 2})
	busy, _ := e.token("busy", auth.RoleAdmin, nil)
	other, _ := e.token("other", auth.RoleAdmin, nil)

	for i := range 2 {
		if r := e.post(busy, "{ __typename }"); r.status != http.StatusOK {
			t.Fatalf("request %d within the burst: %d %s", i+1, r.status, r.body)
		}
	}
	for name, r := range map[string]result{"POST": e.post(busy, "{ __typename }"), "GET": e.get(busy, "{ __typename }")} {
		if r.status != http.StatusTooManyRequests || r.code() != "RATE_LIMITED" ||
			!strings.Contains(r.gql.Errors[0].Message, "rate limit exceeded") {
			t.Fatalf("%s over the burst: status %d code %q: %s", name, r.status, r.code(), r.body)
		}
		secs, err := strconv.Atoi(r.header.Get("Retry-After"))
		if err != nil || secs < 990 || secs > 1000 {
			t.Fatalf("%s Retry-After = %q, want about 1000", name, r.header.Get("Retry-After"))
		}
	}
	if r := e.post(other, "{ __typename }"); r.status != http.StatusOK {
		t.Fatalf("another token was limited: %d %s", r.status, r.body)
	}
	if r := e.post("", "{ __typename }"); r.status != http.StatusUnauthorized {
		t.Fatalf("no token: %d, want 401 before any rate limit", r.status)
	}
	if m := e.request(http.MethodGet, "/metrics", ""); !strings.Contains(m.body, "vethub_rate_limited_total 2") {
		t.Errorf("metrics lack vethub_rate_limited_total 2")
	}
	// Opening a websocket is a request too: the exhausted token gets none.
	if wsAcked(t, e, busy) {
		t.Fatal("websocket of a token over its limit was acknowledged")
	}
	if !wsAcked(t, e, other) {
		t.Fatal("websocket of a token within its limit was refused")
	}
}

// wsAcked reports whether a websocket initialised with token is
// acknowledged.
func wsAcked(t *testing.T, e *env, token string) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, strings.Replace(e.url, "http", "ws", 1)+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer conn.CloseNow()
	send(t, ctx, conn, map[string]any{"type": "connection_init", "payload": map[string]any{"Authorization": "Bearer " + token}})
	var msg struct {
		Type string `json:"type"`
	}
	return wsjson.Read(ctx, conn, &msg) == nil && msg.Type == "connection_ack"
}

func TestAliasLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{MaxAliases: 3})
	unlimited := newEnv(t, server.Config{})
	secret, _ := e.token("ops", auth.RoleAdmin, nil)
	unlimitedSecret, _ := unlimited.token("ops", auth.RoleAdmin, nil)
	gqlResp := "Accept: application/graphql-response+json"
	const fragments = "query { ...F ...F } fragment F on Query { x: __typename y: __typename }"
	tests := []struct {
		name       string
		do         func() result
		wantStatus int
		wantCode   string
	}{
		{"at the limit", func() result { return e.post(secret, aliases(3), gqlResp) }, 200, ""},
		{"alias equal to the name is no alias", func() result {
			return e.post(secret, "{ a: __typename b: __typename c: __typename __typename: __typename }", gqlResp)
		}, 200, ""},
		{"over the limit", func() result { return e.post(secret, aliases(4), gqlResp) }, 400, "ALIAS_LIMIT"},
		{"over the limit, legacy json", func() result { return e.post(secret, aliases(4)) }, 200, "ALIAS_LIMIT"},
		{"over the limit through fragments", func() result { return e.post(secret, fragments, gqlResp) }, 400, "ALIAS_LIMIT"},
		{"over the limit in a nested selection", func() result {
			return e.post(secret, "{ a: viewer { b: role c: role d: role } }", gqlResp)
		}, 400, "ALIAS_LIMIT"},
		{"no limit when 0", func() result { return unlimited.post(unlimitedSecret, aliases(100), gqlResp) }, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := tt.do()
			if r.status != tt.wantStatus || r.code() != tt.wantCode {
				t.Fatalf("status %d code %q, want %d %q: %s", r.status, r.code(), tt.wantStatus, tt.wantCode, r.body)
			}
			if tt.wantCode != "" && r.gql.Errors[0].Message != "operation has 4 aliased fields, which exceeds the limit of 3" {
				t.Errorf("message %q", r.gql.Errors[0].Message)
			}
		})
	}
}

// aliases is a query of n aliased __typename fields.
func aliases(n int) string {
	var q strings.Builder
	q.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&q, "a%d: __typename ", i)
	}
	return q.String() + "}"
}

// TestBatchRefused checks that a JSON array of operations, which some
// clients send to batch, gets a 400 that says batching is unsupported.
func TestBatchRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	secret, _ := e.token("ops", auth.RoleAdmin, nil)
	tests := []struct {
		name, body, accept, wantType string
	}{
		{"array", `[{"query":"{ __typename }"},{"query":"{ __typename }"}]`, "application/json", "application/json"},
		{"array after whitespace", " \n\t[{\"query\":\"{ __typename }\"}]", "application/json", "application/json"},
		{"empty array, graphql-response+json", `[]`, "application/graphql-response+json", "application/graphql-response+json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := e.request(http.MethodPost, "/graphql", tt.body, "Content-Type: application/json",
				"Accept: "+tt.accept, "Authorization: Bearer "+secret)
			if r.status != http.StatusBadRequest || r.code() != "BATCH_NOT_SUPPORTED" ||
				!strings.Contains(r.gql.Errors[0].Message, "batched requests") {
				t.Fatalf("status %d code %q: %s", r.status, r.code(), r.body)
			}
			if !strings.HasPrefix(r.header.Get("Content-Type"), tt.wantType) {
				t.Errorf("Content-Type %q, want %q", r.header.Get("Content-Type"), tt.wantType)
			}
		})
	}
}
