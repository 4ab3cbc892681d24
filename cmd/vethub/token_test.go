package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
)

func TestParseTokenRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                              string
		role, dept, regions, label, expir string
		wantErr                           string
		wantExpiry                        time.Duration
	}{
		{name: "admin", role: "admin"},
		{name: "integrator", role: "integrator", dept: "civil"},
		{name: "analyst", role: "ANALYST", regions: "330824, 341103001"},
		{name: "dashboard with expiry", role: "dashboard", expir: "90d", wantExpiry: 90 * 24 * time.Hour},
		{name: "hours", role: "admin", expir: "720h", wantExpiry: 720 * time.Hour},
		{name: "no role", wantErr: "--role is required"},
		{name: "bad role", role: "root", wantErr: "unknown role"},
		{name: "integrator without department", role: "integrator", wantErr: "needs a department"},
		{name: "bad department", role: "integrator", dept: "police", wantErr: "unknown department"},
		{name: "analyst without regions", role: "analyst", wantErr: "needs regions"},
		{name: "analyst bad region", role: "analyst", regions: "3308", wantErr: "6, 9 or 12"},
		{name: "admin with department", role: "admin", dept: "civil", wantErr: "only integrator"},
		{name: "dashboard with regions", role: "dashboard", regions: "330824", wantErr: "only analyst"},
		{name: "bad expiry", role: "admin", expir: "soon", wantErr: "--expires"},
		{name: "negative expiry", role: "admin", expir: "-1h", wantErr: "--expires"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req, err := parseTokenRequest(tt.role, tt.dept, tt.regions, tt.label, tt.expir)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || req.expires != tt.wantExpiry {
				t.Fatalf("req %+v, err %v", req, err)
			}
		})
	}
}

func TestTokenCreateListRevoke(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	tests := []struct {
		role, dept, regions string
		wantLine            string
	}{
		{"admin", "", "", "created admin token "},
		{"integrator", "health", "", "(department HEALTH)"},
		{"analyst", "", "330824,341103", "(regions 330824,341103)"},
	}
	for _, tt := range tests {
		t.Run(tt.role, func(t *testing.T) {
			t.Parallel()
			req, err := parseTokenRequest(tt.role, tt.dept, tt.regions, "test "+tt.role, "")
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := tokenCreate(ctx, store, req, &out); err != nil {
				t.Fatal(err)
			}
			fields := strings.Fields(out.String())
			secret := fields[len(fields)-1]
			if !strings.Contains(out.String(), tt.wantLine) || !strings.HasPrefix(secret, "vh_") {
				t.Fatalf("output %q", out.String())
			}
			tok, err := store.TokenByHash(ctx, auth.HashSecret(secret))
			if err != nil || strings.ToLower(string(tok.Role)) != tt.role {
				t.Fatalf("stored %+v, %v", tok, err)
			}
		})
	}
	t.Run("list has no secrets", func(t *testing.T) {
		t.Parallel()
		tokens, err := store.TokenList(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := printTokens(&out, tokens); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out.String(), "vh_") || !strings.Contains(out.String(), "LAST USED") {
			t.Fatalf("list:\n%s", out.String())
		}
	})
}
