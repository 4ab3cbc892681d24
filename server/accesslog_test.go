package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/server"
)

// TestAccessLog checks the line each answered request leaves: its level,
// message and attributes.
func TestAccessLog(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	token, _ := e.token("log", auth.RoleAdmin, nil)
	e.post(token, `{ viewer { role } }`, "X-Request-Id: access-1")
	e.request(http.MethodGet, "/healthz", "", "X-Request-Id: access-2")
	want := map[string]map[string]any{
		"access-1": {"level": "INFO", "method": "POST", "route": "/graphql", "status": 200.0},
		"access-2": {"level": "DEBUG", "method": "GET", "route": "/healthz", "status": 200.0},
	}
	found := 0
	for line := range strings.Lines(e.logs.String()) {
		var got map[string]any
		if err := json.Unmarshal([]byte(line), &got); err != nil || got["msg"] != "http request" {
			continue
		}
		attrs, ok := want[got["request_id"].(string)]
		if !ok {
			continue
		}
		found++
		for k, v := range attrs {
			if got[k] != v {
				t.Errorf("%s: %s = %v, want %v", got["request_id"], k, got[k], v)
			}
		}
		if _, ok := got["duration_ms"].(float64); !ok {
			t.Errorf("%s: no duration_ms in %s", got["request_id"], line)
		}
	}
	if found != len(want) {
		t.Fatalf("%d of %d access log lines:\n%s", found, len(want), e.logs.String())
	}
}
