package resolvers_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobmatching"
	"github.com/vethub/vethub/jobs"
	matchjobs "github.com/vethub/vethub/matching/jobs"
	"github.com/vethub/vethub/resolvers"
	"github.com/vethub/vethub/synth"
)

// matchingAPI serves a hub holding a small generated set, matching as of
// the generator's day; svc is the service the resolvers call.
func matchingAPI(t *testing.T) (*api, *jobmatching.Service) {
	t.Helper()
	store := dbtest.New(t)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	q, err := jobs.New(store, quiet, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: 1200, Seed: 9}, dir); err != nil {
		t.Fatal(err)
	}
	in := ingest.New(store, q)
	for _, d := range []string{"veteran", "civil", "health", "jobs"} {
		f, err := os.Open(filepath.Join(dir, d+".ndjson"))
		if err != nil {
			t.Fatal(err)
		}
		if d == "jobs" {
			_, err = in.ImportPostings(context.Background(), f, ingest.FileOptions{ChunkSize: 500})
		} else {
			_, err = in.ImportRecords(context.Background(), feed.Department(strings.ToUpper(d)), f, ingest.FileOptions{ChunkSize: 500})
		}
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	svc := jobmatching.New(store, quiet, jobmatching.Options{Today: synth.DefaultToday})
	res := resolvers.New(resolvers.Deps{Store: store, JobMatching: svc})
	return &api{t: t, store: store, res: res, h: newHandler(res)}, svc
}

// aSeekerMatch is a seeker's best match: a person with at least one job.
func aSeekerMatch(t *testing.T, svc *jobmatching.Service) matchjobs.Match {
	t.Helper()
	var found *matchjobs.Match
	err := svc.EachSeekerMatches(context.Background(), 1, func(_ int64, ms []matchjobs.Match) error {
		if found == nil && len(ms) > 0 {
			found = &ms[0]
		}
		return nil
	})
	if err != nil || found == nil {
		t.Fatalf("no seeker with a match (%v)", err)
	}
	return *found
}

type personMatches struct {
	Person *struct {
		RegionCode string
		JobMatches []struct {
			Score   float64
			Posting struct{ SourceID, RegionCode string }
			Reasons []struct {
				Code   string
				Points float64
			}
		}
	}
}

type candidate struct {
	Score  float64
	Person struct{ ID, RegionCode string }
}

type postingCandidates struct {
	JobPosting *struct{ Candidates []candidate }
}

const jobMatchesQuery = `query($id: ID!) { person(id: $id) { regionCode
	jobMatches(first: 5) { score posting { sourceId regionCode } reasons { code points } } } }`

const candidatesQuery = `query($id: String!) { jobPosting(sourceId: $id) {
	candidates(first: 50) { score person { id regionCode } } } }`

func TestJobMatchesForAnalyst(t *testing.T) {
	t.Parallel()
	a, svc := matchingAPI(t)
	m := aSeekerMatch(t, svc)
	id := client.Var("id", strconv.FormatInt(m.PersonID, 10))
	var asAdmin personMatches
	mustQuery(t, a.as(admin), jobMatchesQuery, &asAdmin, id)
	if asAdmin.Person == nil || len(asAdmin.Person.JobMatches) == 0 || asAdmin.Person.JobMatches[0].Posting.SourceID != m.JobID {
		t.Fatalf("admin: person %d matches %+v, want %s first", m.PersonID, asAdmin.Person, m.JobID)
	}
	sum := 0.0
	for _, r := range asAdmin.Person.JobMatches[0].Reasons {
		sum += r.Points
	}
	if d := sum - asAdmin.Person.JobMatches[0].Score; d > 0.05 || d < -0.05 {
		t.Errorf("reasons add up to %.2f, score %.2f", sum, asAdmin.Person.JobMatches[0].Score)
	}
	first := asAdmin.Person.JobMatches[0].Posting
	analyst := auth.Principal{TokenID: 2, Role: auth.RoleAnalyst,
		Regions: []string{asAdmin.Person.RegionCode[:6], first.RegionCode[:6]}}
	var got personMatches
	mustQuery(t, a.as(analyst), jobMatchesQuery, &got, id)
	if got.Person == nil || len(got.Person.JobMatches) == 0 || got.Person.JobMatches[0].Posting.SourceID != m.JobID {
		t.Fatalf("analyst %v: matches %+v, want %s first", analyst.Regions, got.Person, m.JobID)
	}
	for _, jm := range got.Person.JobMatches {
		if !hasAnyPrefix(jm.Posting.RegionCode, analyst.Regions) {
			t.Errorf("analyst %v sees posting %s of region %s", analyst.Regions, jm.Posting.SourceID, jm.Posting.RegionCode)
		}
	}
}

func TestCandidatesStayInAnalystRegions(t *testing.T) {
	t.Parallel()
	a, svc := matchingAPI(t)
	sourceID, all := postingWithCandidatesInTwoCounties(t, a, svc)
	posting, err := a.store.JobPostingGet(context.Background(), db.Scope{}, sourceID)
	if err != nil {
		t.Fatal(err)
	}
	// An analyst of the posting's county only: seekers of the other
	// counties who reach it stay hidden.
	analyst := auth.Principal{TokenID: 2, Role: auth.RoleAnalyst, Regions: []string{posting.RegionCode[:6]}}
	var got postingCandidates
	mustQuery(t, a.as(analyst), candidatesQuery, &got, client.Var("id", sourceID))
	if got.JobPosting == nil {
		t.Fatalf("analyst %v cannot see posting %s", analyst.Regions, sourceID)
	}
	want := 0
	for _, c := range all {
		if hasAnyPrefix(c.Person.RegionCode, analyst.Regions) {
			want++
		}
	}
	for _, c := range got.JobPosting.Candidates {
		if !hasAnyPrefix(c.Person.RegionCode, analyst.Regions) {
			t.Errorf("analyst %v sees candidate %s of region %s", analyst.Regions, c.Person.ID, c.Person.RegionCode)
		}
	}
	if len(got.JobPosting.Candidates) != want || want == len(all) {
		t.Errorf("analyst sees %d candidates; %d of the admin's %d lie in the regions", len(got.JobPosting.Candidates), want, len(all))
	}
}

// postingWithCandidatesInTwoCounties finds, among the postings seekers
// match best, one whose candidates (as the admin sees them) live in more
// than one county, or fails.
func postingWithCandidatesInTwoCounties(t *testing.T, a *api, svc *jobmatching.Service) (string, []candidate) {
	t.Helper()
	seen := map[string]bool{}
	var found string
	var cands []candidate
	err := svc.EachSeekerMatches(context.Background(), 3, func(_ int64, ms []matchjobs.Match) error {
		for _, m := range ms {
			if found != "" || seen[m.JobID] {
				continue
			}
			seen[m.JobID] = true
			var all postingCandidates
			mustQuery(t, a.as(admin), candidatesQuery, &all, client.Var("id", m.JobID))
			counties := map[string]bool{}
			for _, c := range all.JobPosting.Candidates {
				counties[c.Person.RegionCode[:6]] = true
			}
			if len(counties) > 1 {
				found, cands = m.JobID, all.JobPosting.Candidates
			}
		}
		return nil
	})
	if err != nil || found == "" {
		t.Fatalf("no posting among %d with candidates of two counties (%v)", len(seen), err)
	}
	return found, cands
}

func TestJobMatchingRefusedToIntegratorAndDashboard(t *testing.T) {
	t.Parallel()
	a, svc := matchingAPI(t)
	m := aSeekerMatch(t, svc)
	for _, p := range []auth.Principal{
		{TokenID: 3, Role: auth.RoleIntegrator, Department: "JOBS"},
		{TokenID: 4, Role: auth.RoleDashboard},
	} {
		errs := query(t, a.as(p), candidatesQuery, nil, client.Var("id", m.JobID))
		if len(errs) == 0 || !strings.Contains(errs[0].Message, "may not read JobPosting.candidates") {
			t.Errorf("%s: candidates not refused: %+v", p.Role, errs)
		}
		errs = query(t, a.as(p), jobMatchesQuery, nil, client.Var("id", strconv.FormatInt(m.PersonID, 10)))
		if len(errs) == 0 {
			t.Errorf("%s: person jobMatches not refused", p.Role)
		}
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
