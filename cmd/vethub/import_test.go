package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/synth"
)

// importFile runs the import command's work on path and returns its output.
func importFile(t *testing.T, store *db.Store, dept, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	err = importFeed(context.Background(), store, dept, f, -1,
		importOptions{chunk: 500, workers: 3, wait: true, out: &out})
	if err != nil {
		t.Fatalf("import %s: %v\n%s", dept, err, out.String())
	}
	return out.String()
}

func exportLines(t *testing.T, store *db.Store, what string) []string {
	t.Helper()
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	if err := exportTo(context.Background(), store, what, "", w); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return strings.Split(strings.TrimSpace(buf.String()), "\n")
}

func TestImportExportRoundTrip(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: 600, Seed: 3}, dir); err != nil {
		t.Fatal(err)
	}
	records := 0
	for _, d := range []string{"veteran", "civil", "health", "jobs"} {
		out := importFile(t, store, d, filepath.Join(dir, d+".ndjson"))
		if !strings.Contains(out, "0 rejected") {
			t.Errorf("generated %s lines rejected:\n%s", d, out)
		}
		if d != "jobs" {
			records += countLines(t, filepath.Join(dir, d+".ndjson"))
		}
	}
	links := exportLines(t, store, "links")
	if len(links) != records {
		t.Fatalf("crosswalk has %d lines for %d records", len(links), records)
	}
	for _, l := range links {
		var row db.CrosswalkRow
		if err := json.Unmarshal([]byte(l), &row); err != nil || row.PersonID == nil {
			t.Fatalf("crosswalk line %s: unlinked or bad (%v)", l, err)
		}
	}

	// Every live person's summary agrees with its records, however they were
	// linked (at insert, by the follow-up job, by joining an existing person).
	var wrong int
	err := store.Pool.QueryRow(context.Background(), `
		SELECT count(*) FROM persons p
		LEFT JOIN (SELECT person_id, count(*) AS n, array_agg(DISTINCT department ORDER BY department) AS d
		           FROM source_records GROUP BY person_id) r ON r.person_id = p.id
		WHERE p.merged_into IS NULL AND (r.n IS NULL OR p.record_count <> r.n OR p.departments <> r.d)`).Scan(&wrong)
	if err != nil || wrong != 0 {
		t.Errorf("%d persons whose summary disagrees with their records (%v)", wrong, err)
	}

	// Exported records re-import as unchanged: the export is the feed format.
	exported := filepath.Join(dir, "civil-export.ndjson")
	os.WriteFile(exported, []byte(strings.Join(exportLines(t, store, "civil"), "\n")+"\n"), 0o644)
	again := importFile(t, store, "civil", exported)
	if !regexp.MustCompile(`0 created, 0 updated, \d+ unchanged, 0 stale, 0 rejected`).MatchString(again) {
		t.Errorf("re-importing the export changed something:\n%s", again)
	}
	if after := exportLines(t, store, "links"); strings.Join(after, "\n") != strings.Join(links, "\n") {
		t.Error("re-import changed the crosswalk")
	}
}

func TestImportReportsBadLinesAndKeepsTheRest(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	path := filepath.Join(t.TempDir(), "civil.ndjson")
	os.WriteFile(path, []byte(strings.Join([]string{
		`{"sourceId":"a","sourceVersion":1,"asOf":"2026-01-01","name":"张伟","regionCode":"330824"}`,
		``,
		`{"sourceId":"b","sourceVersion":1,"asOf":"not-a-date","name":"李娜","regionCode":"330824"}`,
		`{"sourceId":"c","sourceVersion":1,"asOf":"2026-01-01","name":"王芳","regionCode":"330824","householdSize":"four"}`,
		`{not json`,
		`{"sourceId":"d","sourceVersion":1,"asOf":"2026-01-01","name":"赵敏","regionCode":"330824"}`,
	}, "\n")), 0o644)
	out := importFile(t, store, "civil", path)
	for _, want := range []string{"line 3: rejected asOf: INVALID_DATE", "line 4: rejected householdSize: INVALID_TYPE",
		"line 5: rejected (line): INVALID_JSON", "2 created, 0 updated, 0 unchanged, 0 stale, 3 rejected"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := len(exportLines(t, store, "links")); n != 2 {
		t.Errorf("%d records kept, want 2", n)
	}
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte("\n"))
}
