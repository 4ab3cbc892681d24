package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/linker"
	"github.com/vethub/vethub/matching/fs"
)

const linkUsage = `usage: vethub link --all [flags]
       vethub link --config CFG.yaml --left A.csv [--right B.csv] --out PAIRS.csv [--clusters CLUSTERS.csv]

With --all, re-links every record in the hub with the probabilistic linker:
reads all records, links them in memory (blocking, Fellegi–Sunter weights
trained without labels, clustering), and stores the persons in one
transaction. Records keep their person where they can; persons left
without records point to the person that took them (mergedInto), so old
person ids stay resolvable. Writes that place records wait while the
result is stored. Environment: DATABASE_URL (overridden by --database-url).

With --config, links files instead, with no database: the same engine,
with the columns, comparisons and blocking a YAML config gives. With
--left and --right, the records of the two files are linked (only pairs
across them are compared); with --left alone, the file is deduplicated
and its records clustered. Files are CSV with a header row (.csv) or one
flat JSON object a line (.ndjson, .jsonl); malformed lines are reported
with their line number and skipped.

The config names the id column, an optional truth column (entity ids:
the summary then gives pairwise precision, recall and F1), the fields
(column, right_column, comparator: exact, jaro_winkler, levenshtein,
numeric, date or chinese_name, its levels, tf), the blocking rules (lists
of columns, each exact or by prefix, soundex, pinyin or surname_pinyin),
thresholds (match, review) and max_block. PAIRS.csv holds every pair at or
above the review probability: left_id, right_id, probability, weight,
decision (MATCH or REVIEW) and each field's comparison level.
CLUSTERS.csv holds every record's cluster.

Example (in the repository; the config documents every setting):
  vethub link --config matching/tabular/testdata/febrl.yaml \
    --left matching/tabular/testdata/people_a.csv \
    --right matching/tabular/testdata/people_b.ndjson --out pairs.csv

Flags:
`

func runLink(ctx context.Context, args []string) error {
	var c config
	fls := flag.NewFlagSet("link", flag.ContinueOnError)
	c.bindDatabase(fls)
	all := fls.Bool("all", false, "re-link every record in the hub")
	match := fls.Float64("match", 0.99, "match probability threshold (with --all; files take the config's)")
	var files linkFilesRequest
	files.bind(fls)
	fls.Usage = func() { fmt.Fprint(fls.Output(), linkUsage); fls.PrintDefaults() }
	if err := c.parse(fls, args); err != nil {
		return err
	}
	if *all == (files.config != "") || fls.NArg() > 0 {
		fls.Usage()
		return errUsage
	}
	if files.config != "" {
		return linkFiles(files, os.Stdout, os.Stderr)
	}
	return withStore(ctx, c, func(store *db.Store) error { return linkAll(ctx, store, *match, os.Stdout) })
}

// linkAll re-links every record in the hub and reports what it did.
func linkAll(ctx context.Context, store *db.Store, match float64, out io.Writer) error {
	b, err := linker.LinkAll(ctx, store, fs.Options{MatchProbability: match})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "linked %d records: read %s, linked %s (%d pairs compared, %d matches, %d left for review), stored %s\n",
		b.Records, b.Read.Round(time.Millisecond), b.Linked.Round(time.Millisecond), b.Pairs, b.Matches, b.Reviews,
		b.Stored.Took.Round(time.Millisecond))
	fmt.Fprintf(out, "%d records moved, %d persons created, %d persons merged into others\n",
		b.Stored.Moved, b.Stored.Created, b.Stored.Retired)
	return nil
}
