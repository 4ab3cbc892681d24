package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/matching/hardship"
)

var versionLine = regexp.MustCompile(`(?m)^version:.*$`)

// writeRuleFile writes the shipped default under another version to a
// temporary file and returns its path and text.
func writeRuleFile(t *testing.T, version string) (string, string) {
	t.Helper()
	text := versionLine.ReplaceAllString(string(hardship.DefaultYAML()), `version: "`+version+`"`)
	return writeFile(t, "rules-"+version+".yaml", text), text
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func openStore(t *testing.T, url string) *db.Store {
	t.Helper()
	store, err := db.Open(context.Background(), url, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	return store
}

func TestRulesLoadRefusesABrokenFile(t *testing.T) {
	t.Parallel()
	const broken = "version: \"\"\nrules:\n  - id: x\n    priority: URGENT\n"
	path := writeFile(t, "broken.yaml", broken)
	var problems bytes.Buffer
	_, err := ruleFileParse(path, []byte(broken), &problems)
	if err == nil || !strings.Contains(err.Error(), "not loaded") {
		t.Fatalf("error = %v, want not loaded", err)
	}
	for _, want := range []string{
		path + ": version: required",
		path + `: rules[0].priority: "URGENT": want HIGH, MEDIUM or LOW`,
	} {
		if !strings.Contains(problems.String(), want) {
			t.Errorf("problems lack %q:\n%s", want, problems.String())
		}
	}

	url := dbtest.NewURL(t)
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"rules", "load", "--database-url", url, path}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", code, stderr.String())
	}
	if _, loaded, err := db.RuleSetActive(context.Background(), openStore(t, url).Pool); loaded || err != nil {
		t.Fatalf("a broken file was stored (%v, %v)", loaded, err)
	}
}

func TestRulesLoadAndShow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.NewURL(t)
	store := openStore(t, url)
	var out, note bytes.Buffer
	if err := rulesShow(ctx, store, &out, &note); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), hardship.DefaultYAML()) || !strings.Contains(note.String(), "built-in default") {
		t.Fatalf("show before any load: note %q, %d bytes", note.String(), out.Len())
	}

	path, text := writeRuleFile(t, "test.1")
	var stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"rules", "load", "--database-url", url, path}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, want 0; stderr: %s", code, stderr.String())
	}
	out.Reset()
	note.Reset()
	if err := rulesShow(ctx, store, &out, &note); err != nil {
		t.Fatal(err)
	}
	if out.String() != text || !strings.Contains(note.String(), "active rule set test.1") || !strings.Contains(note.String(), "by system") {
		t.Fatalf("show after load: note %q, text as loaded %v", note.String(), out.String() == text)
	}
	audit, err := store.AuditList(ctx, db.AuditFilter{})
	if err != nil || len(audit) != 1 || audit[0].Fields[0] != "vethub rules load "+path || audit[0].Detail != "rule set test.1" ||
		!strings.HasPrefix(audit[0].Actor, "system") {
		t.Fatalf("audit = %+v, %v", audit, err)
	}
}

func TestRulesSaveSaysWhichSetIsActive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := dbtest.New(t)
	load := func(version string) string {
		t.Helper()
		path, text := writeRuleFile(t, version)
		rs, err := ruleFileParse(path, []byte(text), os.Stderr)
		if err != nil {
			t.Fatal(err)
		}
		var w bytes.Buffer
		if err := rulesSave(ctx, store, rs, []byte(text), cliActor("vethub rules load "+path), &w); err != nil {
			t.Fatal(err)
		}
		return w.String()
	}
	want := fmt.Sprintf("rule set test.1 is active: %d rules, loaded ", len(hardship.Default().Rules))
	if got := load("test.1"); !strings.HasPrefix(got, want) {
		t.Fatalf("first load: %q, want %q…", got, want)
	}
	load("test.2")
	if got := load("test.1"); !strings.Contains(got, "was loaded before") || !strings.Contains(got, "the active set is test.2") {
		t.Fatalf("reloading an older version: %q", got)
	}
}

func TestRulesUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no subcommand", []string{"rules"}, 2, "needs a subcommand"},
		{"load without a file", []string{"rules", "load"}, 2, "takes one file"},
		{"load a missing file", []string{"rules", "load", filepath.Join(t.TempDir(), "none.yaml")}, 1, "no such file"},
		{"default with an argument", []string{"rules", "default", "x"}, 2, "takes no arguments"},
		{"show with an argument", []string{"rules", "show", "x"}, 2, "takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), tt.args, &stdout, &stderr); code != tt.wantCode || !strings.Contains(stderr.String(), tt.wantErr) {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.wantCode, stderr.String())
			}
		})
	}
}
