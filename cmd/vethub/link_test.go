package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/synth"
)

// After import (exact-ID persons), link --all joins the records the exact
// rule could not, scored against the generator's truth; a second run
// changes nothing; old person ids stay resolvable.
func TestLinkAllImprovesHubAndIsStable(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: 1500, Seed: 11, Noise: 0.35}, dir); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"veteran", "civil", "health"} {
		importFile(t, store, d, filepath.Join(dir, d+".ndjson"))
	}
	ctx := context.Background()
	score := func() (precision, recall float64) {
		var out bytes.Buffer
		if err := evalHub(ctx, store, filepath.Join(dir, "truth"), &out); err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`precision ([0-9.]+) recall ([0-9.]+)`).FindStringSubmatch(out.String())
		precision, _ = strconv.ParseFloat(m[1], 64)
		recall, _ = strconv.ParseFloat(m[2], 64)
		return
	}
	_, before := score()
	var out bytes.Buffer
	if err := linkAll(ctx, store, 0.99, &out); err != nil {
		t.Fatal(err)
	}
	precision, recall := score()
	t.Logf("recall %.4f → %.4f, precision %.4f; %s", before, recall, precision, out.String())
	if precision < 0.998 || recall < 0.99 || recall <= before {
		t.Fatalf("after link --all: precision %.4f recall %.4f (before: recall %.4f)", precision, recall, before)
	}
	out.Reset()
	if err := linkAll(ctx, store, 0.99, &out); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`\n0 records moved, 0 persons created, 0 persons merged`).MatchString(out.String()) {
		t.Fatalf("second run changed links: %s", out.String())
	}
	// An update of a record the linker placed (without a valid ID) keeps
	// its person through the follow-up re-link.
	var rec, person int64
	err := store.Pool.QueryRow(ctx, `UPDATE source_records SET source_version = source_version + 1
		WHERE id = (SELECT id FROM source_records WHERE link_method = 'PROBABILISTIC' AND NOT id_valid ORDER BY id LIMIT 1)
		RETURNING id, person_id`).Scan(&rec, &person)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.LinksRefresh(ctx, []int64{rec}, nil); err != nil {
		t.Fatal(err)
	}
	var after int64
	var method string
	store.Pool.QueryRow(ctx, `SELECT person_id, link_method FROM source_records WHERE id = $1`, rec).Scan(&after, &method)
	if after != person || method != "PROBABILISTIC" {
		t.Fatalf("updated record moved from person %d to %d (%s)", person, after, method)
	}
	var orphans, dangling int
	store.Pool.QueryRow(ctx, `SELECT count(*) FROM persons WHERE merged_into IS NULL AND record_count = 0`).Scan(&orphans)
	store.Pool.QueryRow(ctx, `SELECT count(*) FROM persons p WHERE merged_into IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM persons s WHERE s.id = p.merged_into)`).Scan(&dangling)
	if orphans != 0 || dangling != 0 {
		t.Fatalf("%d live persons without records, %d merged into nothing", orphans, dangling)
	}
}
