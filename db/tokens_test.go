package db_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

func TestTokenCreateAndLookup(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	expires := time.Now().Add(time.Hour).Truncate(time.Microsecond)
	tests := []struct {
		name string
		in   db.TokenNew
	}{
		{"admin", db.TokenNew{Name: "ops", Role: auth.RoleAdmin}},
		{"integrator", db.TokenNew{Role: auth.RoleIntegrator, Department: "HEALTH", ExpiresAt: &expires}},
		{"analyst", db.TokenNew{Role: auth.RoleAnalyst, Regions: []string{"330824", "341103001"}}},
		{"dashboard", db.TokenNew{Name: "wall", Role: auth.RoleDashboard}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			secret, hash := auth.NewSecret()
			tt.in.SecretHash = hash
			created, err := store.TokenCreate(ctx, tt.in)
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			got, err := store.TokenByHash(ctx, auth.HashSecret(secret))
			if err != nil {
				t.Fatalf("by hash: %v", err)
			}
			p := got.Principal()
			if got.ID != created.ID || p.Role != tt.in.Role || p.Department != tt.in.Department ||
				!slices.Equal(p.Regions, tt.in.Regions) || p.Name != tt.in.Name {
				t.Fatalf("got %+v, want %+v", got, tt.in)
			}
			if (got.ExpiresAt == nil) != (tt.in.ExpiresAt == nil) || got.ExpiresAt != nil && !got.ExpiresAt.Equal(expires) {
				t.Fatalf("expires %v, want %v", got.ExpiresAt, tt.in.ExpiresAt)
			}
			if err := got.Usable(time.Now()); err != nil {
				t.Fatalf("fresh token not usable: %v", err)
			}
		})
	}
}

func TestTokenCreateRejects(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	_, hash := auth.NewSecret()
	if _, err := store.TokenCreate(ctx, db.TokenNew{Role: auth.RoleAdmin, SecretHash: hash}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   db.TokenNew
		is   error
	}{
		{"duplicate hash", db.TokenNew{Role: auth.RoleAdmin, SecretHash: hash}, db.ErrConflict},
		{"integrator without department", db.TokenNew{Role: auth.RoleIntegrator, SecretHash: []byte{1}}, nil},
		{"analyst without regions", db.TokenNew{Role: auth.RoleAnalyst, SecretHash: []byte{2}}, nil},
		{"no hash", db.TokenNew{Role: auth.RoleAdmin}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := store.TokenCreate(ctx, tt.in)
			if err == nil || tt.is != nil && !errors.Is(err, tt.is) {
				t.Fatalf("err = %v, want %v", err, tt.is)
			}
		})
	}
}

func TestTokenLifecycle(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	_, hash := auth.NewSecret()
	past := time.Now().Add(-time.Minute)
	tok, err := store.TokenCreate(ctx, db.TokenNew{Name: "old", Role: auth.RoleDashboard, SecretHash: hash, ExpiresAt: &past})
	if err != nil {
		t.Fatal(err)
	}
	if err := tok.Usable(time.Now()); err == nil {
		t.Fatal("expired token is usable")
	}
	if err := store.TokenTouch(ctx, tok.ID); err != nil {
		t.Fatalf("touch: %v", err)
	}
	for range 2 { // revoking twice is fine
		if err := store.TokenRevoke(ctx, tok.ID); err != nil {
			t.Fatalf("revoke: %v", err)
		}
	}
	got, err := store.TokenByHash(ctx, hash)
	if err != nil {
		t.Fatal(err)
	}
	if got.RevokedAt == nil || got.LastUsedAt == nil || got.Usable(time.Now()) == nil {
		t.Fatalf("after touch and revoke: %+v", got)
	}
	list, err := store.TokenList(ctx)
	if err != nil || len(list) != 1 || list[0].ID != tok.ID {
		t.Fatalf("list = %+v, %v", list, err)
	}
}

func TestTokenNotFound(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	tests := []struct {
		name string
		call func() error
	}{
		{"by hash", func() error { _, err := store.TokenByHash(ctx, auth.HashSecret("vh_nope")); return err }},
		{"touch", func() error { return store.TokenTouch(ctx, 4242) }},
		{"revoke", func() error { return store.TokenRevoke(ctx, 4242) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.call(); !errors.Is(err, db.ErrNotFound) {
				t.Fatalf("err = %v, want ErrNotFound", err)
			}
		})
	}
}
