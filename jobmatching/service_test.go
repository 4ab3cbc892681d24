package jobmatching_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/matching/jobs"
	"github.com/vethub/vethub/synth"
)

// seekerLists collects every seeker's matches.
func seekerLists(t *testing.T, h *hub) map[int64][]jobs.Match {
	t.Helper()
	out := map[int64][]jobs.Match{}
	err := h.svc.EachSeekerMatches(context.Background(), 10, func(id int64, ms []jobs.Match) error {
		out[id] = ms
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// firstWithMatches is the lowest person id with at least one match.
func firstWithMatches(t *testing.T, lists map[int64][]jobs.Match) int64 {
	t.Helper()
	ids := make([]int64, 0, len(lists))
	for id, ms := range lists {
		if len(ms) > 0 {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		t.Fatalf("none of %d seekers has a match", len(lists))
	}
	return slices.Min(ids)
}

func TestMatchesBothWays(t *testing.T) {
	t.Parallel()
	h := newHub(t)
	ctx := context.Background()
	lists := seekerLists(t, h)
	person := firstWithMatches(t, lists)
	t.Logf("%d seekers, person %d: %v", len(lists), person, jobIDs(lists[person]))
	got, err := h.svc.JobsFor(ctx, person, 10)
	if err != nil {
		t.Fatal(err)
	}
	if !sameJobs(got, lists[person]) {
		t.Fatalf("JobsFor(%d) = %v, export listed %v", person, jobIDs(got), jobIDs(lists[person]))
	}
	ids, err := h.svc.PostingIDs(ctx, []string{got[0].JobID, "JY-none"})
	if err != nil || len(ids) != 2 || ids[0] != h.postingID(t, got[0].JobID) || ids[1] != 0 {
		t.Fatalf("PostingIDs = %v (%v), want [%d 0]", ids, err, h.postingID(t, got[0].JobID))
	}
	cands, err := h.svc.CandidatesFor(ctx, ids[0], 50, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(cands, func(m jobs.Match) bool { return m.PersonID == person }) {
		t.Fatalf("posting %s: person %d missing from its %d candidates", got[0].JobID, person, len(cands))
	}
	for i := 1; i < len(cands); i++ {
		if cands[i].Score > cands[i-1].Score {
			t.Fatalf("candidates not best first: %v", cands)
		}
	}
}

func TestCandidatesKeepToRegions(t *testing.T) {
	t.Parallel()
	h := newHub(t)
	ctx := context.Background()
	lists := seekerLists(t, h)
	person := firstWithMatches(t, lists)
	posting := h.postingID(t, lists[person][0].JobID)
	all, err := h.svc.CandidatesFor(ctx, posting, 1000, nil)
	if err != nil {
		t.Fatal(err)
	}
	region := homeRegion(t, h, person)
	for _, tc := range []struct {
		name     string
		prefixes []string
		want     func(m jobs.Match) bool
	}{
		{"own county", []string{region[:6]}, func(m jobs.Match) bool { return strings.HasPrefix(homeRegion(t, h, m.PersonID), region[:6]) }},
		{"no such region", []string{"990000"}, func(jobs.Match) bool { return false }},
	} {
		got, err := h.svc.CandidatesFor(ctx, posting, 1000, tc.prefixes)
		if err != nil {
			t.Fatal(err)
		}
		var want []jobs.Match
		for _, m := range all {
			if tc.want(m) {
				want = append(want, m)
			}
		}
		if len(got) != len(want) || len(got) > 0 && got[0].PersonID != want[0].PersonID {
			t.Errorf("%s: %d candidates, want %d of %d", tc.name, len(got), len(want), len(all))
		}
	}
}

// homeRegion is the region the person's veteran record gives.
func homeRegion(t *testing.T, h *hub, person int64) string {
	t.Helper()
	ps, err := db.RecordsOfPersons(context.Background(), h.Store.Pool, []int64{person})
	if err != nil {
		t.Fatal(err)
	}
	p, err := jobs.NewProfile(jobs.Person{ID: person, Records: ps[0].Records}, feed.Date{Time: synth.DefaultToday})
	if err != nil {
		t.Fatal(err)
	}
	return p.Region
}

// A posting closed by a newer version leaves both indexes at once.
func TestClosedPostingNeverMatches(t *testing.T) {
	t.Parallel()
	h := newHub(t)
	ctx := context.Background()
	lists := seekerLists(t, h)
	person := firstWithMatches(t, lists)
	closed := lists[person][0].JobID
	id := h.postingID(t, closed)
	h.closePosting(t, closed)
	got, err := h.svc.JobsFor(ctx, person, 10)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(jobIDs(got), closed) {
		t.Fatalf("closed posting %s still matched: %v", closed, jobIDs(got))
	}
	cands, err := h.svc.CandidatesFor(ctx, id, 10, nil)
	if err != nil || len(cands) > 0 {
		t.Fatalf("closed posting has %d candidates (%v)", len(cands), err)
	}
	for id, ms := range seekerLists(t, h) {
		if slices.Contains(jobIDs(ms), closed) {
			t.Fatalf("closed posting %s listed for person %d", closed, id)
		}
	}
}

// closePosting ingests a newer version of the posting that closed the
// day before the generator's reference date.
func (h *hub) closePosting(t *testing.T, sourceID string) {
	t.Helper()
	var raw []byte
	if err := h.Store.Pool.QueryRow(context.Background(), `SELECT raw::text FROM job_postings WHERE source_id = $1`,
		sourceID).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	var in map[string]any
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	in["sourceVersion"] = in["sourceVersion"].(float64) + 1
	in["closesOn"] = synth.DefaultToday.AddDate(0, 0, -1).Format("2006-01-02")
	line, _ := json.Marshal(in)
	res := feed.DecodeJob(line)
	if len(res.Errors) > 0 {
		t.Fatalf("closed posting: %v", res.Errors)
	}
	if _, err := h.Ingest.Postings(context.Background(), []feed.JobResult{res}); err != nil {
		t.Fatal(err)
	}
}

func jobIDs(ms []jobs.Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.JobID
	}
	return out
}

func sameJobs(a, b []jobs.Match) bool { return slices.Equal(jobIDs(a), jobIDs(b)) }

// Done job referrals fill a posting's openings: a full posting is matched
// no more; one referral short, it still is.
func TestFullPostingNeverMatches(t *testing.T) {
	t.Parallel()
	h := newHub(t)
	ctx := context.Background()
	lists := seekerLists(t, h)
	person := firstWithMatches(t, lists)
	full := lists[person][0].JobID
	var openings int
	h.Store.Pool.QueryRow(ctx, `SELECT greatest(coalesce((raw->>'openings')::int, 1), 1) FROM job_postings WHERE source_id = $1`,
		full).Scan(&openings)
	var caseID int64
	if err := h.Store.Pool.QueryRow(ctx, `INSERT INTO cases (person_id, priority, category, region_code, status, closed_at)
		VALUES ($1, 'LOW', 'EMPLOYMENT', '330824', 'CLOSED', now()) RETURNING id`, person).Scan(&caseID); err != nil {
		t.Fatal(err)
	}
	refer := func(n int) {
		for range n {
			if _, err := h.Store.Pool.Exec(ctx, `INSERT INTO case_actions (case_id, kind, done_on, created_by, job_source_id)
				VALUES ($1, 'JOB_REFERRAL', '2026-10-01', 'x', $2)`, caseID, full); err != nil {
				t.Fatal(err)
			}
		}
	}
	refer(openings - 1)
	if got, _ := h.svc.JobsFor(ctx, person, 10); !slices.Contains(jobIDs(got), full) {
		t.Fatalf("posting %s with one opening left no longer matched", full)
	}
	refer(1)
	got, err := h.svc.JobsFor(ctx, person, 10)
	if err != nil || slices.Contains(jobIDs(got), full) {
		t.Fatalf("full posting %s still matched (%v)", full, err)
	}
	if cands, err := h.svc.CandidatesFor(ctx, h.postingID(t, full), 10, nil); err != nil || len(cands) > 0 {
		t.Fatalf("full posting has %d candidates (%v)", len(cands), err)
	}
}
