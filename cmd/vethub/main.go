// Command vethub is the hub's single binary: the GraphQL server, database
// migrations, API tokens, feed import and export, demo data and benchmarks.
//
// Exit codes: 0 success, 1 a runtime failure (the message on stderr), 2 a
// usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// command is one "vethub NAME" with its one-line summary for the help list.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string) error
}

var commands = []command{
	{"serve", "run the GraphQL server and the background jobs", runServe},
	{"migrate", "bring the database schema up to date and print its version", runMigrate},
	{"token", "create, list and revoke API tokens", runToken},
	{"audit", "verify the audit log's hash chain and list its entries", runAudit},
	{"rules", "load, show and print the hardship rule sets", runRules},
	{"import", "load one department's NDJSON feed", runImport},
	{"export", "write records or the record-to-person crosswalk as NDJSON", runExport},
	{"gen", "generate synthetic department feeds with ground truth", runGen},
	{"bench", "measure a running server over HTTP", runBench},
	{"link", "re-link every record with the probabilistic linker, or link CSV/NDJSON files (--config)", runLink},
	{"flag", "re-evaluate the hardship rules for every person (--all)", runFlag},
	{"stats", "fold changes into the dashboard counters, or rebuild them (stats fold)", runStats},
	{"report", "print a region's figures for a year as Markdown or JSON", runReport},
	{"eval", "score the linker or the hardship flags against generated truth", runEval},
}

// errUsage marks a usage error (exit 2). Returned bare, the usage has been
// printed already; usagef adds a message main prints.
var errUsage = errors.New("usage error")

type usageError struct{ msg string }

func (e usageError) Error() string        { return e.msg }
func (e usageError) Is(target error) bool { return target == errUsage }

// usagef returns a usage error with a message for the user.
func usagef(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal kills at once
	}()
	stopProfile := startCPUProfile(os.Getenv("VETHUB_CPUPROFILE"))
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	os.Exit(code)
}

// run dispatches args to a command and maps its result to an exit code.
// Asked-for help goes to stdout, everything else to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printHelp(stderr)
		return 2
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return help(ctx, rest, stdout, stderr)
	}
	cmd, ok := lookup(name)
	if !ok {
		fmt.Fprintf(stderr, "vethub: unknown command %q\n\n", name)
		printHelp(stderr)
		return 2
	}
	return exitCode(cmd.run(ctx, rest), name, stderr)
}

// exitCode prints err as the user should see it and picks the exit code.
func exitCode(err error, name string, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage) || isFlagError(err):
		if err != errUsage {
			fmt.Fprintf(stderr, "vethub %s: %v\n", name, err)
		}
		return 2
	}
	fmt.Fprintf(stderr, "vethub %s: %v\n", name, err)
	return 1
}

// isFlagError spots errors of FlagSet.Parse passed up unwrapped (the flag
// package has printed them with the usage already).
func isFlagError(err error) bool {
	for _, prefix := range []string{"flag provided but not defined", "bad flag syntax",
		"flag needs an argument", "invalid value", "invalid boolean"} {
		if strings.HasPrefix(err.Error(), prefix) {
			return true
		}
	}
	return false
}

// help prints the command list, or one command's usage for "help NAME".
func help(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printHelp(stdout)
		return 0
	}
	cmd, ok := lookup(args[0])
	if !ok {
		fmt.Fprintf(stderr, "vethub help: unknown command %q\n", args[0])
		return 2
	}
	return exitCode(cmd.run(ctx, []string{"-h"}), cmd.name, stderr)
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, "vethub — GraphQL data hub for Veterans Affairs Bureaus\n\nusage: vethub <command> [flags]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s  %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `  help      this list; "vethub help COMMAND" or "vethub COMMAND -h" for a command's
            flags and the environment variables it reads

Environment (flags override): DATABASE_URL, VETHUB_ADDR, VETHUB_LOG_LEVEL,
VETHUB_LOG_FORMAT, VETHUB_IDE, VETHUB_INTROSPECTION, VETHUB_DB_MAX_CONNS.
Exit codes: 0 ok, 1 failure, 2 usage error.
`)
}
