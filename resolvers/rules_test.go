package resolvers_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/matching/hardship"
)

// ruleSetData is a RuleSet as the tests select it.
type ruleSetData struct {
	Version  string
	LoadedAt *string
	LoadedBy *string
	Source   string
	BuiltIn  bool
	Rules    []struct {
		ID, Category, Priority string
		Score                  float64
	}
}

const (
	ruleSetFields = `version loadedAt loadedBy source builtIn rules { id category priority score }`
	loadRuleSet   = `mutation($s: String!) { loadRuleSet(source: $s) { ` + ruleSetFields + ` } }`
	readRuleSet   = `{ ruleSet { ` + ruleSetFields + ` } }`
)

var versionLine = regexp.MustCompile(`(?m)^version:.*$`)

// ruleFile is the shipped default rule file under another version.
func ruleFile(version string) string {
	return versionLine.ReplaceAllString(string(hardship.DefaultYAML()), `version: "`+version+`"`)
}

func TestRuleSetBuiltInBeforeAnyLoad(t *testing.T) {
	t.Parallel()
	a := newAPI(t, dbtest.New(t))
	analyst := a.as(auth.Principal{TokenID: 2, Name: "analyst", Role: auth.RoleAnalyst, Regions: []string{"330824"}})
	var out struct{ RuleSet ruleSetData }
	mustQuery(t, analyst, readRuleSet, &out)
	def := hardship.Default()
	got := out.RuleSet
	if !got.BuiltIn || got.Version != def.Version || got.LoadedAt != nil || got.LoadedBy != nil ||
		got.Source != string(hardship.DefaultYAML()) || len(got.Rules) != len(def.Rules) {
		t.Fatalf("ruleSet = %+v, want the built-in default %s", got, def.Version)
	}
	if r := got.Rules[0]; r.ID != def.Rules[0].ID || r.Priority != string(def.Rules[0].Priority) || r.Score != def.Rules[0].Score {
		t.Fatalf("first rule = %+v, want %+v", r, def.Rules[0])
	}
}

func TestLoadRuleSet(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	a := newAPI(t, store)
	admin := a.as(admin)
	analyst := a.as(auth.Principal{TokenID: 2, Name: "analyst", Role: auth.RoleAnalyst, Regions: []string{"330824"}})

	var loaded struct{ LoadRuleSet ruleSetData }
	mustQuery(t, admin, loadRuleSet, &loaded, client.Var("s", ruleFile("test.1")))
	if got := loaded.LoadRuleSet; got.Version != "test.1" || got.BuiltIn || got.LoadedBy == nil || *got.LoadedBy != "admin" ||
		got.LoadedAt == nil || len(got.Rules) != len(hardship.Default().Rules) {
		t.Fatalf("loaded = %+v", got)
	}
	var active struct{ RuleSet ruleSetData }
	mustQuery(t, analyst, readRuleSet, &active)
	if active.RuleSet.Version != "test.1" || active.RuleSet.Source != ruleFile("test.1") {
		t.Fatalf("analyst reads %+v, want test.1 active", active.RuleSet)
	}
	var audited int
	store.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log WHERE actor = 'admin'
		AND fields = ARRAY['Mutation.loadRuleSet'] AND detail = 'rule set test.1'`).Scan(&audited)
	if audited != 1 {
		t.Fatalf("%d audit rows for the load, want 1", audited)
	}

	t.Run("analyst cannot load", func(t *testing.T) {
		errs := query(t, analyst, loadRuleSet, nil, client.Var("s", ruleFile("test.9")))
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Message, "forbidden") {
			t.Fatalf("errors = %+v, want forbidden", errs)
		}
	})
	t.Run("same version, other text", func(t *testing.T) {
		errs := query(t, admin, loadRuleSet, nil, client.Var("s", ruleFile("test.1")+"# edited\n"))
		if len(errs) != 1 || errs[0].Extensions["code"] != "CONFLICT" || !strings.Contains(errs[0].Message, `"test.1"`) {
			t.Fatalf("errors = %+v, want CONFLICT naming test.1", errs)
		}
	})
	t.Run("history, newest first", func(t *testing.T) {
		mustQuery(t, admin, loadRuleSet, nil, client.Var("s", ruleFile("test.2")))
		var out struct{ RuleSets []ruleSetData }
		mustQuery(t, admin, `{ ruleSets { version builtIn } }`, &out)
		if len(out.RuleSets) != 2 || out.RuleSets[0].Version != "test.2" || out.RuleSets[1].Version != "test.1" {
			t.Fatalf("ruleSets = %+v, want test.2, test.1", out.RuleSets)
		}
	})
}

func TestLoadRuleSetRefusesInvalidFiles(t *testing.T) {
	t.Parallel()
	a := newAPI(t, dbtest.New(t))
	admin := a.as(admin)
	tests := []struct {
		name, source string
		wantPaths    []string // in extensions.problems; nil when there are none
		wantMessage  string
	}{
		{"invalid rules", "version: \"\"\nrules:\n  - id: x\n    priority: URGENT\n",
			[]string{"version", "rules[0].id", "rules[0].priority"}, "rules[0].priority: \"URGENT\": want HIGH, MEDIUM or LOW"},
		{"not YAML", "not: [yaml", []string{""}, "not found"},
		{"unknown key", ruleFile("x") + "bogus: 1\n", []string{""}, `unknown field "bogus"`},
		{"empty", "  ", nil, "empty"},
		{"over 1 MiB", ruleFile("x") + "#" + strings.Repeat("x", 1<<20), nil, "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			errs := query(t, admin, loadRuleSet, nil, client.Var("s", tt.source))
			if len(errs) != 1 || errs[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(errs[0].Message, tt.wantMessage) {
				t.Fatalf("errors = %+v, want one BAD_USER_INPUT with %q", errs, tt.wantMessage)
			}
			paths := problemPaths(t, errs[0].Extensions["problems"])
			for _, want := range tt.wantPaths {
				if !slices.Contains(paths, want) {
					t.Errorf("problem paths %q lack %q", paths, want)
				}
			}
		})
	}
	var out struct{ RuleSet ruleSetData }
	mustQuery(t, admin, readRuleSet, &out)
	if !out.RuleSet.BuiltIn {
		t.Fatalf("active = %s after refused loads, want the built-in default", out.RuleSet.Version)
	}
}

// problemPaths reads extensions.problems, checking each has a reason.
func problemPaths(t *testing.T, v any) []string {
	t.Helper()
	list, _ := v.([]any)
	var paths []string
	for _, p := range list {
		m, _ := p.(map[string]any)
		path, okPath := m["path"].(string)
		reason, _ := m["reason"].(string)
		if !okPath || reason == "" {
			t.Fatalf("problem %v: want a path and a reason", p)
		}
		paths = append(paths, path)
	}
	return paths
}
