package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path"

	"github.com/vethub/vethub/db"
)

const migrateUsage = `usage: vethub migrate [flags]

Brings the database schema up to date: the hub's migrations, the job queue's
tables and the reference region table. Safe to run again and concurrently
(it takes a lock). Prints what it applied and the schema version. serve
migrates by itself too.

Environment: DATABASE_URL, VETHUB_LOG_LEVEL, VETHUB_LOG_FORMAT (flags override).

Flags:
`

func runMigrate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	var c config
	c.bindDatabase(fs)
	c.bindLog(fs)
	fs.Usage = func() { fmt.Fprint(fs.Output(), migrateUsage); fs.PrintDefaults() }
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("migrate takes no arguments, got %q", fs.Arg(0))
	}
	store, err := db.Open(ctx, c.databaseURL, 2)
	if err != nil {
		return err
	}
	defer store.Close()
	return migrate(ctx, store, os.Stdout)
}

// migrate applies the migrations and reports them on w.
func migrate(ctx context.Context, store *db.Store, w io.Writer) error {
	res, err := store.Migrate(ctx)
	if err != nil {
		return err
	}
	for _, f := range res.Applied {
		fmt.Fprintf(w, "applied %s\n", path.Base(f))
	}
	if len(res.Applied) == 0 {
		fmt.Fprintf(w, "schema up to date at version %d\n", res.Version)
		return nil
	}
	fmt.Fprintf(w, "schema at version %d\n", res.Version)
	return nil
}
