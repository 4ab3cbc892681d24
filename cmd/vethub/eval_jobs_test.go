package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/matching/jobs"
	"github.com/vethub/vethub/synth"
)

// The generated hub's seekers get ranked lists that find planted good
// matches; the export lists the same ranks, best first.
func TestEvalAndExportJobMatches(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: 1500, Seed: 11}, dir); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"veteran", "civil", "health", "jobs"} {
		importFile(t, store, d, filepath.Join(dir, d+".ndjson"))
	}
	var out bytes.Buffer
	if err := evalJobs(context.Background(), store, filepath.Join(dir, "truth"), synth.DefaultToday, &out); err != nil {
		t.Fatal(err)
	}
	t.Log(out.String())
	m := regexp.MustCompile(`hit rate ([0-9.]+), NDCG ([0-9.]+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no hit rate in:\n%s", out.String())
	}
	if hit, _ := strconv.ParseFloat(m[1], 64); hit < 0.5 {
		t.Errorf("hit rate %.4f on a cleanly linked hub, want ≥ 0.5", hit)
	}

	var buf bytes.Buffer
	if err := exportMatches(context.Background(), store, 3, synth.DefaultToday, &buf); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&buf)
	var prev jobs.ExportLine
	lines := 0
	for dec.More() {
		var l jobs.ExportLine
		if err := dec.Decode(&l); err != nil {
			t.Fatal(err)
		}
		lines++
		sameSeeker := l.PersonID == prev.PersonID
		wantRank := 1
		if sameSeeker {
			wantRank = prev.Rank + 1
		}
		if l.Rank != wantRank || l.Rank > 3 || l.PersonID < prev.PersonID || sameSeeker && l.Score > prev.Score {
			t.Fatalf("line %d %+v after %+v: want ranks 1..3 per seeker, best first", lines, l, prev)
		}
		prev = l
	}
	if lines == 0 {
		t.Fatal("no matches exported")
	}
}
