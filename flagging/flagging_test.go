package flagging_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/flagging"
	"github.com/vethub/vethub/ingest/ingesttest"
	"github.com/vethub/vethub/synth"
)

var quiet = ingesttest.Quiet

// newHub is a test database with workers evaluating as of the
// generator's day.
func newHub(t *testing.T) *ingesttest.Hub { return ingesttest.NewHub(t, synth.DefaultToday) }

func snapshot(t *testing.T, h *ingesttest.Hub) string {
	t.Helper()
	var s string
	err := h.Store.Pool.QueryRow(context.Background(), `SELECT
		(SELECT count(*) FROM hardship_flags) || '/' || (SELECT count(*) FROM cases) || '/' ||
		(SELECT coalesce(sum(hashtext(f::text)), 0) FROM hardship_flags f)`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Ingest flags the planted situations through the follow-up jobs, with a
// case for each flagged person; a full re-evaluation afterwards changes
// nothing and opens nothing.
func TestIngestFlagsAndOpensCases(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: 800, Seed: 5, Noise: synth.NoiseDefault}, dir); err != nil {
		t.Fatal(err)
	}
	h := newHub(t)
	for _, d := range []string{"veteran", "civil", "health"} {
		h.Load(t, dir, d)
	}
	var flags, cases, audited int
	h.Store.Pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM hardship_flags),
		(SELECT count(DISTINCT person_id) FROM cases), (SELECT count(*) FROM audit_log WHERE 'hardship rules' = ANY(fields))`).
		Scan(&flags, &cases, &audited)
	var persons int
	h.Store.Pool.QueryRow(context.Background(), `SELECT count(DISTINCT person_id) FROM hardship_flags`).Scan(&persons)
	t.Logf("%d flags on %d persons, %d persons with cases, %d openings audited", flags, persons, cases, audited)
	if flags == 0 || cases != persons || audited < cases {
		t.Fatalf("%d flags on %d persons, but %d persons with cases and %d openings audited", flags, persons, cases, audited)
	}
	before := snapshot(t, h)
	res, err := flagging.New(h.Store, quiet, flagging.Options{Today: synth.DefaultToday}).EvaluateAll(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, h); after != before || len(res.Opened) != 0 {
		t.Fatalf("a full re-evaluation changed the flags (%s → %s) or opened %d cases", before, after, len(res.Opened))
	}
}

// A subscriber hears of the case an ingest opens: the write, its
// follow-up job (linkage, rules) and the notification. The delay is
// logged (go test -v -run Announced ./flagging), not asserted.
func TestCaseAnnouncedSoonAfterIngest(t *testing.T) {
	t.Parallel()
	h := newHub(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	feedCh, err := h.Store.NewCaseFeed(quiet).Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var lat []time.Duration
	for i := range 40 {
		// A household below the 低保 line without 低保: uncovered low income.
		line := fmt.Sprintf(`{"sourceId":"MZ-%d","sourceVersion":1,"asOf":"2026-10-01","name":"王%c","sex":"M",
			"birthDate":"1960-01-01","regionCode":"330824106001","householdSize":1,"perCapitaMonthlyIncome":400,
			"dibaoStatus":"NONE","extremePoverty":false,"livingAlone":false}`, i, rune('一'+i))
		start := time.Now()
		if _, err := h.Ingest.Records(ctx, []feed.Result{feed.DecodeRecord(feed.DepartmentCivil, []byte(line))}); err != nil {
			t.Fatal(err)
		}
		select {
		case <-feedCh:
			lat = append(lat, time.Since(start))
		case <-ctx.Done():
			t.Fatalf("record %d: no case announced", i)
		}
	}
	slices.Sort(lat)
	t.Logf("ingest → case announced, %d cases: p50 %s, p95 %s, max %s", len(lat), lat[len(lat)/2],
		lat[len(lat)*95/100], lat[len(lat)-1])
}
