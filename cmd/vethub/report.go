package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/stats"
)

const reportUsage = `usage: vethub report --region CODE --year YYYY [--json]

Prints a region's figures for a year as Markdown, ready to paste into a
yearly work report: the headline figures (veterans on record, preferential
cards, placements, entitled groups, hardship cases, assistance, jobs), the
breakdowns, the figures of each child region and of each month. With
--json it prints the same data as JSON. Small counts are suppressed as in
the stats query.

The figures come from the dashboard counters; changes not yet folded into
them (no server running since the last import) are reported on stderr:
run "vethub stats fold" first.

Environment: DATABASE_URL, VETHUB_STATS_MIN_COUNT (flags override).

Flags:
`

func runReport(ctx context.Context, args []string) error {
	var c config
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), reportUsage); fs.PrintDefaults() }
	c.bindDatabase(fs)
	c.bindStats(fs)
	region := fs.String("region", "", "region `code` (6, 9 or 12 digits; required)")
	year := fs.Int("year", 0, "calendar year (required)")
	asJSON := fs.Bool("json", false, "print JSON instead of Markdown")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if *region == "" || *year < 1900 || *year > 9999 || fs.NArg() > 0 {
		return usagef("report needs --region CODE and --year YYYY")
	}
	return withStore(ctx, c, func(store *db.Store) error {
		rep, err := buildReport(ctx, store, *region, *year, stats.Suppressor{Min: int64(c.statsMinCount)})
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(os.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(rep)
		}
		return rep.WriteMarkdown(os.Stdout)
	})
}

// buildReport reads a region's counters for the year.
func buildReport(ctx context.Context, store *db.Store, region string, year int, sup stats.Suppressor) (stats.Report, error) {
	names, err := regionNames(ctx, store)
	if err != nil {
		return stats.Report{}, err
	}
	if _, ok := names[region]; !ok && len(region) != 12 {
		return stats.Report{}, usagef("unknown region code %q", region)
	}
	first, last := stats.Month(year*100+1), stats.Month(year*100+12)
	rows, err := store.StatsRows(ctx, region, last)
	if err != nil {
		return stats.Report{}, err
	}
	children, err := store.StatsChildren(ctx, region, first, last)
	if err != nil {
		return stats.Report{}, err
	}
	if n, err := store.StatsPending(ctx, 10000); err == nil && n > 0 {
		fmt.Fprintf(os.Stderr, "vethub report: %d changes are not in the figures yet; run \"vethub stats fold\" for them\n", n)
	}
	return stats.Report{
		Region: region, RegionName: names[region], Year: year, MinCount: sup.Min,
		Figures:  sup.FiguresOf(stats.TotalsOf(rows, first, last)),
		ByRegion: sup.ByRegion(children, func(code string) string { return names[code] }, nil),
		ByMonth:  sup.ByMonth(rows, first, last, nil),
	}, nil
}

func regionNames(ctx context.Context, store *db.Store) (map[string]string, error) {
	regions, err := store.Regions(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(regions))
	for _, r := range regions {
		out[r.Code] = r.Name
	}
	return out, nil
}
