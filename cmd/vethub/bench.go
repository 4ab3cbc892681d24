package main

import (
	"context"
	"flag"
	"fmt"
	"time"
)

const benchUsage = `usage: vethub bench person|ingest|stats|link [flags]

Measures a running vethub over HTTP, from this machine:
  person   p50/p90/p99 latency and throughput of person(id) with every
           department's record, for random person ids read from the database
  ingest   records/s of the GraphQL batch mutations, sending an NDJSON feed
           (the feed keys are the mutation's input keys) in batches
  stats    p50/p90/p99 and throughput of a dashboard's stats query of
           --region (figures, child regions, months from --from to --to);
           with --freshness N, then the time from writing a new veteran
           record of the region (upsertVeteranRecords, an admin token) to
           its count in the figures, N times
and, in this process against the database:
  link     p50/p95/p99 of linking one new record right after its write (the
           follow-up job's incremental linkage): writes up to --count records
           of --file one at a time and links each. The hub needs a trained
           model (vethub link --all) and should not hold the file's records.

Environment: DATABASE_URL (person ids), VETHUB_BENCH_URL.

Flags:
`

type benchConfig struct {
	url, token, dbURL, file, department string
	duration                            time.Duration
	purpose, regionPrefix               string // person: @purpose reason; sample ids of this region
	concurrency, batch, ids, count      int
	region, from, to                    string // stats: region and period
	freshness                           int    // stats: writes to time until counted
}

func runBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var c benchConfig
	fs.StringVar(&c.url, "url", envOr("VETHUB_BENCH_URL", "http://127.0.0.1:8080/graphql"), "GraphQL endpoint")
	fs.StringVar(&c.token, "token", "", "bearer token (required; ingest needs admin or the department's integrator)")
	fs.StringVar(&c.dbURL, "database-url", envOr("DATABASE_URL", defaultDatabaseURL), "PostgreSQL URL, to pick person ids")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "person: how long to send requests")
	fs.IntVar(&c.concurrency, "concurrency", 32, "requests in flight")
	fs.IntVar(&c.ids, "ids", 10000, "person: how many random person ids to cycle through")
	fs.StringVar(&c.purpose, "purpose", "", "person: read unmasked with @purpose(reason: this), audited")
	fs.StringVar(&c.regionPrefix, "region-prefix", "", "person: sample persons of this region only (for analyst tokens)")
	fs.StringVar(&c.file, "file", "", "ingest, link: NDJSON feed to send")
	fs.StringVar(&c.department, "department", "", "ingest, link: veteran, civil, health or jobs")
	fs.IntVar(&c.batch, "batch", 1000, "ingest: records per mutation")
	fs.IntVar(&c.count, "count", 500, "link: records to write and link")
	fs.StringVar(&c.region, "region", "330824", "stats: region code")
	fs.StringVar(&c.from, "from", time.Now().Format("2006")+"-01-01", "stats: first day of the period")
	fs.StringVar(&c.to, "to", time.Now().Format(time.DateOnly), "stats: last day of the period (for --freshness, today or later)")
	fs.IntVar(&c.freshness, "freshness", 0, "stats: new records to time from write to count")
	fs.Usage = func() { fmt.Fprint(fs.Output(), benchUsage); fs.PrintDefaults() }
	what, rest := firstArg(args)
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if what == "link" && c.file != "" && c.department != "" && fs.NArg() == 0 {
		return benchLink(ctx, c)
	}
	if c.token == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	switch what {
	case "person":
		return benchPerson(ctx, c)
	case "stats":
		return benchStats(ctx, c)
	case "ingest":
		if c.file == "" || c.department == "" {
			fs.Usage()
			return errUsage
		}
		return benchIngest(ctx, c)
	}
	fs.Usage()
	return errUsage
}
