package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

// ruleSetAudit is the entry an admin's load of version is audited with.
func ruleSetAudit(version string) db.AuditEntry {
	return db.AuditEntry{ActorTokenID: 1, Actor: "admin", Role: "ADMIN", Action: db.AuditWrite,
		Fields: []string{"Mutation.loadRuleSet"}, RequestID: "req-1", Detail: "rule set " + version}
}

// mustSaveRuleSet saves source as version, failing the test on error.
func mustSaveRuleSet(t *testing.T, store *db.Store, version, source string) db.RuleSetRow {
	t.Helper()
	row, err := store.RuleSetSave(context.Background(), version, []byte(source), "admin", ruleSetAudit(version))
	if err != nil {
		t.Fatalf("save %s: %v", version, err)
	}
	return row
}

func activeVersion(t *testing.T, store *db.Store) string {
	t.Helper()
	row, ok, err := db.RuleSetActive(context.Background(), store.Pool)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return ""
	}
	return row.Version
}

func TestRuleSetSaveAndActive(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	if v := activeVersion(t, store); v != "" {
		t.Fatalf("active before any load = %q, want none", v)
	}
	first := mustSaveRuleSet(t, store, "2026.1", "version: 2026.1\n")
	if first.ID == 0 || string(first.Source) != "version: 2026.1\n" || first.LoadedBy != "admin" || first.LoadedAt.IsZero() {
		t.Fatalf("saved %+v", first)
	}
	if v := activeVersion(t, store); v != "2026.1" {
		t.Fatalf("active = %q, want 2026.1", v)
	}
	mustSaveRuleSet(t, store, "2026.2", "version: 2026.2\n")
	if v := activeVersion(t, store); v != "2026.2" {
		t.Fatalf("active = %q, want the newest, 2026.2", v)
	}
	history, err := store.RuleSets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 2 || history[0].Version != "2026.2" || history[1].Version != "2026.1" {
		t.Fatalf("history = %+v, want 2026.2 then 2026.1", history)
	}
}

func TestRuleSetSaveAgain(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	first := mustSaveRuleSet(t, store, "2026.1", "version: 2026.1\n")
	mustSaveRuleSet(t, store, "2026.2", "version: 2026.2\n")

	t.Run("same text is a no-op", func(t *testing.T) {
		again := mustSaveRuleSet(t, store, "2026.1", "version: 2026.1\n")
		if again.ID != first.ID || !again.LoadedAt.Equal(first.LoadedAt) {
			t.Fatalf("again = %+v, want the stored %+v", again, first)
		}
		if v := activeVersion(t, store); v != "2026.2" {
			t.Fatalf("active = %q: a no-op must not reorder the history", v)
		}
	})
	t.Run("other text is a conflict", func(t *testing.T) {
		_, err := store.RuleSetSave(ctx, "2026.1", []byte("version: 2026.1 # edited\n"), "admin", ruleSetAudit("2026.1"))
		if !errors.Is(err, db.ErrConflict) || !strings.Contains(err.Error(), `"2026.1"`) {
			t.Fatalf("error = %v, want a conflict naming 2026.1", err)
		}
	})
	t.Run("only the inserts are audited", func(t *testing.T) {
		rows, err := store.AuditList(ctx, db.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var details []string
		for _, r := range rows {
			details = append(details, r.Detail)
			if r.Action != db.AuditWrite || r.Actor != "admin" || len(r.Fields) != 1 || r.Fields[0] != "Mutation.loadRuleSet" {
				t.Errorf("entry %+v", r)
			}
		}
		if strings.Join(details, ",") != "rule set 2026.1,rule set 2026.2" {
			t.Fatalf("audited %q, want the two inserts", details)
		}
	})
}

func TestRuleSetSourceCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, source, wantErr string
	}{
		{"yaml", "version: x\n", ""},
		{"empty", " \n", "empty"},
		{"too large", "#" + strings.Repeat("x", db.RuleSetSourceMax), "more than"},
		{"not utf-8", "version: \xff\n", "UTF-8"},
		{"nul", "version: a\x00\n", "NUL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := db.RuleSetSourceCheck([]byte(tt.source))
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestRuleSetSaveRefusesWhatTextCannotHold(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	if _, err := store.RuleSetSave(context.Background(), "x", []byte("a\x00"), "admin", ruleSetAudit("x")); err == nil {
		t.Fatal("saved a NUL byte")
	}
	if v := activeVersion(t, store); v != "" {
		t.Fatalf("active = %q after a refused save", v)
	}
}
