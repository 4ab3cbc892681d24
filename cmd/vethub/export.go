package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
)

const exportUsage = `usage: vethub export links|flags|matches|veteran|civil|health|jobs [flags]

Writes NDJSON to standard output (or --out FILE):
  links     the crosswalk integrators need: one line per record,
            {"department":…,"sourceId":…,"personId":…} (personId null until linked);
            --department limits it to one department
  flags     every current hardship flag, one line each:
            {"personId":…,"rule":…,"category":…,"priority":…,"score":…}
  matches   every job seeker's best open postings (--top, on --today), one line each:
            {"personId":…,"jobSourceId":…,"rank":…,"score":…}
  veteran, civil, health, jobs
            the department's records in the feed format that import reads

Environment: DATABASE_URL (overridden by --database-url).

Flags:
`

func runExport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	dbURL := fs.String("database-url", envOr("DATABASE_URL", defaultDatabaseURL), "PostgreSQL URL")
	out := fs.String("out", "-", "output file; - is standard output")
	dept := fs.String("department", "", "links only: one department (veteran, civil, health)")
	top := fs.Int("top", 10, "matches only: postings per job seeker")
	today := fs.String("today", "", "matches only: match as of this date (YYYY-MM-DD); default today")
	fs.Usage = func() { fmt.Fprint(fs.Output(), exportUsage); fs.PrintDefaults() }
	what, rest := firstArg(args)
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if what == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	store, err := db.Open(ctx, *dbURL, 2)
	if err != nil {
		return err
	}
	defer store.Close()
	w, closeOut, err := createOutput(*out)
	if err != nil {
		return err
	}
	export := func() error { return exportTo(ctx, store, what, *dept, w) }
	if strings.EqualFold(what, "matches") {
		day, err := parseToday(*today)
		if err != nil {
			closeOut()
			return err
		}
		export = func() error { return exportMatches(ctx, store, *top, day, w) }
	}
	if err := export(); err != nil {
		closeOut()
		return err
	}
	return closeOut()
}

func exportTo(ctx context.Context, store *db.Store, what, dept string, w *bufio.Writer) error {
	writeLine := func(b []byte) error {
		w.Write(b)
		return w.WriteByte('\n')
	}
	switch strings.ToLower(what) {
	case "links":
		d := ""
		if dept != "" {
			pd, err := feed.ParseDepartment(dept)
			if err != nil {
				return fmt.Errorf("--department: %w", err)
			}
			d = string(pd)
		}
		return store.CrosswalkEach(ctx, d, func(r db.CrosswalkRow) error {
			b, _ := json.Marshal(r)
			return writeLine(b)
		})
	case "flags":
		return store.FlagsEach(ctx, func(f db.FlagLine) error {
			b, _ := json.Marshal(f)
			return writeLine(b)
		})
	case "jobs":
		return store.PostingsExportEach(ctx, writeLine)
	case "matches":
		return exportMatches(ctx, store, 10, time.Time{}, w)
	default:
		d, err := feed.ParseDepartment(what)
		if err != nil {
			return fmt.Errorf("export %q: want links, flags, matches, veteran, civil, health or jobs", what)
		}
		return store.RecordsExportEach(ctx, d, writeLine)
	}
}

// firstArg splits off a leading positional argument, so flags may follow it.
func firstArg(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

// createOutput opens path for writing ("-" is stdout); the returned close
// flushes and reports write errors.
func createOutput(path string) (*bufio.Writer, func() error, error) {
	f := os.Stdout
	if path != "-" {
		var err error
		if f, err = os.Create(path); err != nil {
			return nil, nil, err
		}
	}
	w := bufio.NewWriterSize(f, 1<<16)
	return w, func() error {
		if err := w.Flush(); err != nil {
			return err
		}
		if f != os.Stdout {
			return f.Close()
		}
		return nil
	}, nil
}
