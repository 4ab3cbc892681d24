package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

func TestAuditUsageExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"help", []string{"audit", "--help"}, 0, ""},
		{"verify -h", []string{"audit", "verify", "-h"}, 0, ""},
		{"no subcommand", []string{"audit"}, 2, "needs a subcommand"},
		{"unknown subcommand", []string{"audit", "fix"}, 2, "unknown audit subcommand"},
		{"verify argument", []string{"audit", "verify", "now"}, 2, "takes no arguments"},
		{"list bad time", []string{"audit", "list", "--from", "yesterday"}, 2, "--from"},
		{"list bad first", []string{"audit", "list", "--first", "0"}, 2, "--first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.wantCode || !strings.Contains(stderr.String(), tt.wantErr) {
				t.Fatalf("exit %d, want %d\nstderr: %s", code, tt.wantCode, stderr.String())
			}
		})
	}
}

func TestAuditVerifyCommand(t *testing.T) {
	t.Parallel()
	url := dbtest.NewURL(t)
	ctx := context.Background()
	store, err := db.Open(ctx, url, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var out bytes.Buffer
	if err := auditVerify(ctx, store, &out); err != nil || out.String() != "audit log intact: 0 entries\n" {
		t.Fatalf("empty: %q, %v", out.String(), err)
	}
	entry := db.AuditEntry{Actor: "system", Role: "SYSTEM", Action: db.AuditWrite, Fields: []string{"import"}} // chain 5
	read := db.AuditEntry{Actor: "ann", Role: "ANALYST", Action: db.AuditReadPII, PersonID: 19, Fields: []string{"Person.phone"}}
	if err := store.AuditRecord(ctx, []db.AuditEntry{entry, entry, entry, read}); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	want := "audit log intact: 4 entries; last seq per chain: chain 3 seq 1, chain 5 seq 3\n"
	if err := auditVerify(ctx, store, &out); err != nil || out.String() != want {
		t.Fatalf("intact: %q, %v", out.String(), err)
	}
	if code := run(ctx, []string{"audit", "verify", "--database-url", url}, &out, &out); code != 0 {
		t.Fatalf("intact: exit %d", code)
	}
	for _, sql := range []string{`ALTER TABLE audit_log DISABLE TRIGGER USER`,
		`DELETE FROM audit_log WHERE chain = 5 AND seq = 1`, `UPDATE audit_log SET detail = 'x' WHERE chain = 5 AND seq = 3`} {
		if _, err := store.Pool.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	out.Reset()
	want = "audit log BROKEN: 3 entries; last seq per chain: chain 3 seq 1, chain 5 seq 3; " +
		"1 entry fails the hash check (chain 5 seq 3); 1 gap (missing chain 5 seq 1)\n"
	if err := auditVerify(ctx, store, &out); !errors.Is(err, errAuditBroken) || out.String() != want {
		t.Fatalf("broken: %q, %v", out.String(), err)
	}
	var stderr bytes.Buffer
	if code := run(ctx, []string{"audit", "verify", "--database-url", url}, &out, &stderr); code != 1 {
		t.Fatalf("broken: exit %d, stderr %s", code, stderr.String())
	}
}

func TestPrintAudit(t *testing.T) {
	t.Parallel()
	rows := []db.AuditRow{{ID: 9, Chain: 12, Seq: 4, AuditEntry: db.AuditEntry{ActorTokenID: 7, Actor: "张 三", Role: "ANALYST",
		Action: db.AuditReadPII, PersonID: 12, Fields: []string{"Person.idNumber", "Person.phone"},
		Purpose: "case review", RequestID: "r1"}}}
	var out bytes.Buffer
	printAudit(&out, rows)
	want := `9 12/4 0001-01-01T00:00:00.000000Z READ_PII "张 三" (ANALYST, token 7) person=12 ` +
		`fields=Person.idNumber,Person.phone purpose="case review" request=r1` + "\n"
	if out.String() != want {
		t.Fatalf("got  %q\nwant %q", out.String(), want)
	}
}
