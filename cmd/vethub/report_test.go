package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/ingest/ingesttest"
	"github.com/vethub/vethub/stats"
	"github.com/vethub/vethub/statsfold"
	"github.com/vethub/vethub/synth"
)

// A year's report of a county: its headline agrees with a direct count,
// its townships and months are listed, and the JSON holds the same.
func TestReportOfCounty(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: 400, Seed: 5}, dir); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"veteran", "civil", "health", "jobs"} {
		importFile(t, store, d, filepath.Join(dir, d+".ndjson"))
	}
	ctx := context.Background()
	f := statsfold.New(store, ingesttest.Quiet)
	if err := f.Ensure(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := f.FoldPending(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := buildReport(ctx, store, "330824", 2026, stats.Suppressor{Min: 5})
	if err != nil {
		t.Fatal(err)
	}
	var veterans int64
	if err := store.Pool.QueryRow(ctx, `SELECT count(DISTINCT person_id) FROM source_records
		WHERE department = 'VETERAN' AND person_id IN (SELECT id FROM persons WHERE region_code LIKE '330824%' AND merged_into IS NULL)`).Scan(&veterans); err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := rep.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	text := md.String()
	for _, want := range []string{"# 开化县 (330824): figures for 2026", fmt.Sprintf("| Veterans on record (建档立卡) | %d |", veterans),
		"## By region", "| 2026-11 |", "## Veterans by discharge mode"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	if len(rep.ByMonth) != 12 || len(rep.ByRegion) == 0 || rep.ByRegion[0].Name == "" {
		t.Errorf("months %d, regions %+v", len(rep.ByMonth), rep.ByRegion)
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Figures struct {
			Veterans struct {
				OnRecord struct{ Value int64 }
			}
		}
	}
	if err := json.Unmarshal(js, &back); err != nil || back.Figures.Veterans.OnRecord.Value != veterans {
		t.Errorf("JSON veterans %d, want %d (%v)", back.Figures.Veterans.OnRecord.Value, veterans, err)
	}
}

func TestReportUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--region", "330824"}, {"--year", "2026"}, {"--region", "330824", "--year", "26"}} {
		if err := runReport(context.Background(), args); !errors.Is(err, errUsage) {
			t.Errorf("report %v: %v, want a usage error", args, err)
		}
	}
}
