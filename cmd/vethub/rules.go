package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/matching/hardship"
)

const rulesUsage = `usage: vethub rules load|show|default [flags]

Hardship rule sets: the declarative rules (YAML) that flag hardship cases.
The newest set loaded is the active one; until one is loaded the engine's
shipped default applies. To change the rules, start from the default:

  vethub rules default > rules.yaml   # edit it, and give it a new version
  vethub rules load rules.yaml

  load FILE  validate FILE and make it the active set; an invalid file is
             not loaded: every problem is printed as "FILE: path: reason"
             and the exit code is 1. A version names one text forever:
             loading it again with other text fails.
  show       print the active set's YAML, or the built-in default's (which
             one goes to stderr)
  default    print the shipped default rule set

Environment: DATABASE_URL (overridden by --database-url).
Run "vethub rules SUBCOMMAND -h" for its flags.
`

func runRules(ctx context.Context, args []string) error {
	return runSubcommand(ctx, "rules", rulesUsage, []subcommand{{"load", runRulesLoad}, {"show", runRulesShow}, {"default", runRulesDefault}}, args)
}

const rulesLoadUsage = `usage: vethub rules load [flags] FILE

Validates the rule file FILE ("-" reads standard input, at most 1 MiB) and
stores it as the active rule set, audited as system:$USER. Prints every
problem as "FILE: path: reason" and exits 1 when the file is invalid; prints
the version that is active when it loaded.

Environment: DATABASE_URL (overridden by --database-url).

Flags:
`

func runRulesLoad(ctx context.Context, args []string) error {
	var c config
	fs := subcommandFlags("rules", "load", rulesLoadUsage, &c)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("rules load takes one file")
	}
	path := fs.Arg(0)
	source, err := readRuleFile(path)
	if err != nil {
		return err
	}
	rs, err := ruleFileParse(fileName(path), source, os.Stderr)
	if err != nil {
		return err
	}
	return withStore(ctx, c, func(store *db.Store) error {
		return rulesSave(ctx, store, rs, source, cliActor("vethub rules load "+path), os.Stdout)
	})
}

// readRuleFile reads path, or standard input for "-", stopping just past
// the size the store accepts.
func readRuleFile(path string) ([]byte, error) {
	in := io.Reader(os.Stdin)
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		in = f
	}
	source, err := io.ReadAll(io.LimitReader(in, db.RuleSetSourceMax+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return source, nil
}

// fileName is how messages name path: "stdin" for "-".
func fileName(path string) string {
	if path == "-" {
		return "stdin"
	}
	return path
}

// ruleFileParse validates a rule file, printing each problem to problems
// as "FILE: path: reason".
func ruleFileParse(path string, source []byte, problems io.Writer) (*hardship.RuleSet, error) {
	if err := db.RuleSetSourceCheck(source); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rs, err := hardship.ParseRuleSet(source)
	var invalid *hardship.ValidationError
	switch {
	case errors.As(err, &invalid):
		printRuleProblems(problems, path, invalid.Problems)
		return nil, fmt.Errorf("%s is invalid (%d %s): the rule set was not loaded",
			path, len(invalid.Problems), plural(len(invalid.Problems), "problem", "problems"))
	case err != nil:
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rs, nil
}

func printRuleProblems(w io.Writer, path string, problems []hardship.Problem) {
	for _, p := range problems {
		reason := strings.TrimRight(p.Reason, "\n") // YAML syntax errors end with one
		if p.Path == "" {
			fmt.Fprintf(w, "%s: %s\n", path, reason)
		} else {
			fmt.Fprintf(w, "%s: %s: %s\n", path, p.Path, reason)
		}
	}
}

// rulesSave stores a validated rule set as actor and says on w which set
// is active: this one, or (when its version was loaded before with the
// same text, and others since) the newer one.
func rulesSave(ctx context.Context, store *db.Store, rs *hardship.RuleSet, source []byte, actor ingest.Actor, w io.Writer) error {
	audit := db.AuditEntry{Actor: actor.Name, Role: actor.Role, Action: db.AuditWrite,
		Fields: []string{actor.Via}, Detail: "rule set " + rs.Version}
	row, err := store.RuleSetSave(ctx, rs.Version, source, actor.Name, audit)
	if err != nil {
		return err
	}
	active, _, err := db.RuleSetActive(ctx, store.Pool)
	if err != nil {
		return err
	}
	if active.ID != row.ID {
		fmt.Fprintf(w, "rule set %s was loaded before (%s): nothing changed; the active set is %s. Give the file a new version to make it active.\n",
			row.Version, loadedNote(row), active.Version)
		return nil
	}
	fmt.Fprintf(w, "rule set %s is active: %d rules, %s\n", row.Version, len(rs.Rules), loadedNote(row))
	return nil
}

func loadedNote(row db.RuleSetRow) string {
	return "loaded " + row.LoadedAt.Local().Format("2006-01-02 15:04") + " by " + row.LoadedBy
}

const rulesShowUsage = `usage: vethub rules show [flags]

Prints the active rule set's YAML exactly as loaded, or the built-in
default's while none is loaded; which one it is goes to stderr, so the
output can be saved and edited.

Environment: DATABASE_URL (overridden by --database-url).

Flags:
`

func runRulesShow(ctx context.Context, args []string) error {
	var c config
	fs := subcommandFlags("rules", "show", rulesShowUsage, &c)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("rules show takes no arguments, got %q", fs.Arg(0))
	}
	return withStore(ctx, c, func(store *db.Store) error {
		return rulesShow(ctx, store, os.Stdout, os.Stderr)
	})
}

// rulesShow writes the active rule set's YAML to w and says which set it
// is on note.
func rulesShow(ctx context.Context, store *db.Store, w, note io.Writer) error {
	row, ok, err := db.RuleSetActive(ctx, store.Pool)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintf(note, "no rule set loaded: the built-in default %s applies\n", hardship.Default().Version)
		_, err = w.Write(hardship.DefaultYAML())
		return err
	}
	fmt.Fprintf(note, "active rule set %s, %s\n", row.Version, loadedNote(row))
	_, err = w.Write(row.Source)
	return err
}

const rulesDefaultUsage = `usage: vethub rules default

Prints the rule set shipped with vethub, the one that applies while none is
loaded, for an admin to copy, edit (a new version, local thresholds) and
load. Needs no database.
`

func runRulesDefault(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("rules default", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), rulesDefaultUsage) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		return usagef("rules default takes no arguments, got %q", fs.Arg(0))
	}
	_, err := os.Stdout.Write(hardship.DefaultYAML())
	return err
}
