package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
)

func TestRunExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // in stdout
		wantErr  string // in stderr
	}{
		{"no command", nil, 2, "", "usage: vethub"},
		{"help", []string{"help"}, 0, "token", ""},
		{"--help", []string{"--help"}, 0, "migrate", ""},
		{"help for a command", []string{"help", "migrate"}, 0, "", ""},
		{"command -h", []string{"serve", "-h"}, 0, "", ""},
		{"unknown command", []string{"frobnicate"}, 2, "", "unknown command"},
		{"unknown flag", []string{"migrate", "--nope"}, 2, "", ""},
		{"extra argument", []string{"migrate", "now"}, 2, "", "takes no arguments"},
		{"token without subcommand", []string{"token"}, 2, "", "needs a subcommand"},
		{"token create without role", []string{"token", "create"}, 2, "", "--role is required"},
		{"token revoke non-number", []string{"token", "revoke", "x"}, 2, "", "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.wantCode || !strings.Contains(stdout.String(), tt.wantOut) || !strings.Contains(stderr.String(), tt.wantErr) {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout.String(), stderr.String())
			}
		})
	}
}

func TestMigrateOutput(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	var out bytes.Buffer
	if err := migrate(context.Background(), store, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "schema up to date at version ") {
		t.Fatalf("output %q", out.String())
	}
}

// TestBinaryTokenContract runs the built binary the way contract checks
// and scripts do: the token is the last word, exit codes are 0, 1 and 2.
func TestBinaryTokenContract(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "vethub")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	url := dbtest.NewURL(t)
	vethub := func(args ...string) (string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "DATABASE_URL="+url)
		out, _ := cmd.CombinedOutput()
		return string(out), cmd.ProcessState.ExitCode()
	}
	out, code := vethub("token", "create", "--role", "analyst", "--regions", "330824", "--name", "张三")
	fields := strings.Fields(out)
	if code != 0 || len(fields) == 0 {
		t.Fatalf("create: exit %d: %s", code, out)
	}
	store, err := db.Open(context.Background(), url, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	tok, err := store.TokenByHash(context.Background(), auth.HashSecret(fields[len(fields)-1]))
	if err != nil || tok.Name != "张三" {
		t.Fatalf("last word %q is not the stored token: %v", fields[len(fields)-1], err)
	}
	if out, code := vethub("token", "revoke", "999999"); code != 1 || !strings.Contains(out, "no token") {
		t.Fatalf("revoke unknown: exit %d: %s", code, out)
	}
	if out, code := vethub("token", "create", "--role", "integrator"); code != 2 {
		t.Fatalf("integrator without department: exit %d: %s", code, out)
	}
}
