package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
)

// subcommand is one verb of a command with verbs (token, audit).
type subcommand struct {
	name string
	run  func(context.Context, []string) error
}

// runSubcommand runs the verb args[0] of command, or prints usage: for
// help that is not an error, for a missing or unknown verb a usage error.
func runSubcommand(ctx context.Context, command, usage string, subs []subcommand, args []string) error {
	sub, rest := "", args
	if len(args) > 0 {
		sub, rest = args[0], args[1:]
	}
	names := make([]string, len(subs))
	for i, s := range subs {
		if s.name == sub {
			return s.run(ctx, rest)
		}
		names[i] = s.name
	}
	fmt.Fprint(os.Stderr, usage)
	switch sub {
	case "-h", "-help", "--help", "help":
		return flag.ErrHelp
	case "":
		return usagef("%s needs a subcommand: %s", command, strings.Join(names, ", "))
	}
	return usagef("unknown %s subcommand %q", command, sub)
}

// subcommandFlags is a verb's flag set with the database flag.
func subcommandFlags(command, name, usage string, c *config) *flag.FlagSet {
	fs := flag.NewFlagSet(command+" "+name, flag.ContinueOnError)
	c.bindDatabase(fs)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage); fs.PrintDefaults() }
	return fs
}
