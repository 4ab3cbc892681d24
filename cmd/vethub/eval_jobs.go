package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/jobmatching"
	"github.com/vethub/vethub/matching/jobs"
)

// evalJobsK is the cut-off the generator's planted matches are scored at.
const evalJobsK = 10

// evalJobs scores every seeker's top postings, as the hub matches them on
// today, against the generator's planted good matches. A hub person
// stands for the real person most of its records belong to, so linkage
// errors count against the lists.
func evalJobs(ctx context.Context, store *db.Store, truthDir string, today time.Time, out io.Writer) error {
	truth, err := readTruthKeys(filepath.Join(truthDir, "records.ndjson"))
	if err != nil {
		return err
	}
	real, err := realPersons(ctx, store, truth)
	if err != nil {
		return err
	}
	planted, err := readPlanted(filepath.Join(truthDir, "jobs.ndjson"))
	if err != nil {
		return err
	}
	start := time.Now()
	svc := jobmatching.New(store, nil, jobmatching.Options{Today: today})
	lists := map[string][]string{}
	seekers := 0
	err = svc.EachSeekerMatches(ctx, evalJobsK, func(personID int64, ms []jobs.Match) error {
		seekers++
		key := real[personID]
		if len(lists[key]) == 0 { // a real person split in two: the list that has jobs
			lists[key] = jobIDsOf(ms)
		}
		return nil
	})
	if err != nil {
		return err
	}
	ev := jobs.ScoreLists(lists, planted, evalJobsK)
	fmt.Fprintf(out, "hub: %d job seekers matched in %s\n", seekers, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(out, "planted: %d seekers with good matches\n", ev.Seekers)
	fmt.Fprintf(out, "at %d: hit rate %.4f, NDCG %.4f, precision %.4f\n", ev.K, ev.HitRate, ev.NDCG, ev.Precision)
	return nil
}

func readPlanted(path string) ([]jobs.Planted, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jobs.ReadPlanted(f)
}

func jobIDsOf(ms []jobs.Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.JobID
	}
	return out
}

// parseToday reads a --today flag: "" is the current date.
func parseToday(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--today: want YYYY-MM-DD: %w", err)
	}
	return t, nil
}

// exportMatches writes every job seeker's top postings on today (zero:
// the current date), one line per posting, seekers in person id order.
func exportMatches(ctx context.Context, store *db.Store, top int, today time.Time, w io.Writer) error {
	if top <= 0 {
		return fmt.Errorf("--top: want a positive number, got %d", top)
	}
	enc := json.NewEncoder(w)
	svc := jobmatching.New(store, nil, jobmatching.Options{Today: today})
	return svc.EachSeekerMatches(ctx, top, func(personID int64, ms []jobs.Match) error {
		for i, m := range ms {
			line := jobs.ExportLine{PersonID: personID, JobSourceID: m.JobID, Rank: i + 1, Score: m.Score}
			if err := enc.Encode(line); err != nil {
				return fmt.Errorf("export matches: %w", err)
			}
		}
		return nil
	})
}
