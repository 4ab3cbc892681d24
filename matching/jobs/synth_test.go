package jobs

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/synth"
)

// population is a synthetic population grouped by its true persons
// (perfect linkage), with its postings and planted matches.
type population struct {
	persons  map[string]Person // by person key
	postings []Posting
	planted  []Planted
	today    feed.Date
}

// generate writes a population with the generator and reads it back
// through the feed decoders, as the hub would store it.
func generate(t testing.TB, persons int, seed uint64, noise float64) population {
	t.Helper()
	dir := t.TempDir()
	today := synth.DefaultToday
	if now := time.Now().UTC().AddDate(0, 0, -1); now.Before(today) {
		today = now.Truncate(24 * time.Hour) // the feed refuses asOf dates after today
	}
	if _, err := synth.Generate(synth.Config{Persons: persons, Seed: seed, Noise: noise, Today: today}, dir); err != nil {
		t.Fatal(err)
	}
	pop := population{persons: map[string]Person{}, today: feed.NewDate(today.Date())}
	byKey, err := synth.RecordsByPerson(dir)
	if err != nil {
		t.Fatal(err)
	}
	for key, recs := range byKey {
		pop.persons[key] = Person{ID: personID(t, key), Records: recs}
	}
	pop.postings = readPostings(t, filepath.Join(dir, "jobs.ndjson"))
	f, err := os.Open(filepath.Join(dir, "truth", "jobs.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if pop.planted, err = ReadPlanted(f); err != nil {
		t.Fatal(err)
	}
	return pop
}

func readPostings(t testing.TB, path string) []Posting {
	t.Helper()
	var out []Posting
	eachLine(t, path, func(line []byte) {
		res := feed.DecodeJob(line)
		if !res.OK() {
			t.Fatalf("posting rejected: %v", res.Errors)
		}
		out = append(out, NewPosting(res.Job, 0))
	})
	return out
}

func eachLine(t testing.TB, path string, fn func([]byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		fn(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// personID turns "P00000042" into 42.
func personID(t testing.TB, key string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(key[1:], 10, 64)
	if err != nil {
		t.Fatalf("person key %q: %v", key, err)
	}
	return id
}

// topLists builds every seeker's profile and top-k postings, by person key.
func (pop population) topLists(t testing.TB, k int) map[string][]string {
	t.Helper()
	idx := NewJobIndex(pop.postings, DefaultWeights())
	lists := map[string][]string{}
	for key, p := range pop.persons {
		pr, err := NewProfile(p, pop.today)
		if err != nil {
			t.Fatal(err)
		}
		if !pr.Seeking {
			continue
		}
		for _, m := range idx.Top(&pr, k, pop.today) {
			lists[key] = append(lists[key], m.JobID)
		}
	}
	return lists
}
