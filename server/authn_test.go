package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/server"
)

func TestAuthentication(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	valid, _ := e.token("ops", auth.RoleAdmin, nil)
	revoked, rt := e.token("gone", auth.RoleAdmin, nil)
	if err := e.store.TokenRevoke(ctx, rt.ID); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Hour)
	expired, _ := e.token("old", auth.RoleDashboard, func(n *db.TokenNew) { n.ExpiresAt = &past })

	tests := []struct {
		name       string
		header     string
		wantStatus int
		wantInMsg  string
	}{
		{"no token", "", http.StatusUnauthorized, "missing bearer token"},
		{"unknown token", "Bearer vh_doesnotexist", http.StatusUnauthorized, "invalid token"},
		{"wrong scheme", "Basic " + valid, http.StatusUnauthorized, "must be Bearer"},
		{"empty bearer", "Bearer ", http.StatusUnauthorized, ""},
		{"revoked", "Bearer " + revoked, http.StatusUnauthorized, "revoked"},
		{"expired", "Bearer " + expired, http.StatusUnauthorized, "expired"},
		{"valid", "Bearer " + valid, http.StatusOK, ""},
		{"valid lower-case scheme", "bearer " + valid, http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			headers := []string{"Content-Type: application/json"}
			if tt.header != "" {
				headers = append(headers, "Authorization: "+tt.header)
			}
			r := e.request(http.MethodPost, "/graphql", `{"query":"{ __typename }"}`, headers...)
			if r.status != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", r.status, tt.wantStatus, r.body)
			}
			if tt.wantStatus == http.StatusOK {
				if r.gql.Data["__typename"] != "Query" {
					t.Fatalf("body %s", r.body)
				}
				return
			}
			if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
			}
			if r.code() != "UNAUTHENTICATED" || !strings.Contains(r.gql.Errors[0].Message, tt.wantInMsg) {
				t.Errorf("body %s, want code UNAUTHENTICATED and %q", r.body, tt.wantInMsg)
			}
		})
	}
}

func TestPrincipalReachesResolvers(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	tests := []struct {
		role auth.Role
		edit func(*db.TokenNew)
		dept any
	}{
		{auth.RoleAdmin, nil, nil},
		{auth.RoleIntegrator, func(n *db.TokenNew) { n.Department = "CIVIL" }, "CIVIL"},
		{auth.RoleAnalyst, func(n *db.TokenNew) { n.Regions = []string{"330824"} }, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.role), func(t *testing.T) {
			t.Parallel()
			secret, _ := e.token("scope", tt.role, tt.edit)
			r := e.post(secret, "{ viewer { role department regions } }")
			v, _ := r.gql.Data["viewer"].(map[string]any)
			if r.status != http.StatusOK || v["role"] != string(tt.role) || v["department"] != tt.dept {
				t.Fatalf("status %d body %s", r.status, r.body)
			}
		})
	}
}

func TestTokenCacheAndTouch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name          string
		ttl           time.Duration
		afterRevoke   int
		checkLastUsed bool
	}{
		// Within the cache's lifetime a revocation is not yet seen.
		{"cached", time.Hour, http.StatusOK, true},
		{"uncached", time.Nanosecond, http.StatusUnauthorized, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, server.Config{TokenCacheTTL: tt.ttl})
			secret, tok := e.token("ops", auth.RoleAdmin, nil)
			if r := e.post(secret, "{ __typename }"); r.status != http.StatusOK {
				t.Fatalf("first request: %d %s", r.status, r.body)
			}
			if tt.checkLastUsed {
				waitFor(t, "last_used_at", func() bool {
					got, err := e.store.TokenByHash(ctx, auth.HashSecret(secret))
					return err == nil && got.LastUsedAt != nil
				})
			}
			if err := e.store.TokenRevoke(ctx, tok.ID); err != nil {
				t.Fatal(err)
			}
			if r := e.post(secret, "{ __typename }"); r.status != tt.afterRevoke {
				t.Fatalf("after revoke: %d, want %d", r.status, tt.afterRevoke)
			}
		})
	}
}
