package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/matching/fs"
)

const evalUsage = `usage: vethub eval linkage --truth DIR            (the persons in the hub)
       vethub eval linkage --feeds DIR [--truth DIR]  (the linker, in memory)
       vethub eval flags --truth DIR              (the hardship flags in the hub)
       vethub eval jobs --truth DIR [--today YYYY-MM-DD]  (the job matches in the hub)

Scores linkage against the generator's truth (DIR/records.ndjson, as
vethub gen writes it under truth/): pairwise precision, recall and F1,
false merges (persons holding records of two real people) and real
persons split.

eval flags scores the hub's current flags against the planted situations
(DIR/hardship.ndjson): precision and recall per rule and overall. A hub
person counts as the real person most of its records belong to, so
linkage errors show here too.

eval jobs scores every job seeker's top 10 open postings on --today
(default the current date; the generator's is 2026-11-01) against the
planted good matches (DIR/jobs.ndjson): hit rate, NDCG and precision at
10, hub persons mapped to real persons as for flags.

With --truth alone it scores the persons stored in the hub (DATABASE_URL),
as import and vethub link --all left them. With --feeds it links the
generated feeds in DIR (veteran.ndjson, civil.ndjson, health.ndjson) in
memory, and also reports the recall the blocking keeps and the time.

Flags:
`

func runEval(ctx context.Context, args []string) error {
	what, rest := firstArg(args)
	flags := flag.NewFlagSet("eval", flag.ContinueOnError)
	var c config
	c.bindDatabase(flags)
	feeds := flags.String("feeds", "", "directory of generated feeds: link them in memory")
	truthDir := flags.String("truth", "", "truth directory; default FEEDS/truth")
	match := flags.Float64("match", 0.99, "match probability threshold")
	showModel := flags.Bool("model", false, "also print the trained m, u and weight of every comparison level")
	today := flags.String("today", "", "jobs only: match as of this date (YYYY-MM-DD); default today")
	flags.Usage = func() { fmt.Fprint(flags.Output(), evalUsage); flags.PrintDefaults() }
	if err := c.parse(flags, rest); err != nil {
		return err
	}
	if what == "flags" && *truthDir != "" && *feeds == "" && flags.NArg() == 0 {
		return withStore(ctx, c, func(store *db.Store) error { return evalFlags(ctx, store, *truthDir, os.Stdout) })
	}
	if what == "jobs" && *truthDir != "" && *feeds == "" && flags.NArg() == 0 {
		day, err := parseToday(*today)
		if err != nil {
			return err
		}
		return withStore(ctx, c, func(store *db.Store) error { return evalJobs(ctx, store, *truthDir, day, os.Stdout) })
	}
	if what != "linkage" || *feeds == "" && *truthDir == "" || flags.NArg() > 0 {
		flags.Usage()
		return errUsage
	}
	if *feeds == "" {
		return withStore(ctx, c, func(store *db.Store) error { return evalHub(ctx, store, *truthDir, os.Stdout) })
	}
	if *truthDir == "" {
		*truthDir = filepath.Join(*feeds, "truth")
	}
	return evalLinkage(*feeds, *truthDir, *match, *showModel, os.Stdout)
}

func evalLinkage(feeds, truthDir string, match float64, showModel bool, out io.Writer) error {
	start := time.Now()
	recs, keys, err := readGeneratedFeeds(feeds)
	if err != nil {
		return err
	}
	truth, err := readTruthKeys(filepath.Join(truthDir, "records.ndjson"))
	if err != nil {
		return err
	}
	labels := make([]string, len(keys))
	for i, k := range keys {
		if labels[i] = truth[k]; labels[i] == "" {
			return fmt.Errorf("truth has no person for %s", k)
		}
	}
	read := time.Since(start)
	t0 := time.Now()
	res := fs.Link(recs, fs.Options{MatchProbability: match})
	took := time.Since(t0)
	printEval(out, res, fs.Evaluate(res.Person, labels), fs.BlockingRecall(res.Pairs, labels), read, took)
	if showModel {
		printModel(out, res.Model)
	}
	return nil
}

func printEval(out io.Writer, res fs.Result, s fs.Score, blockRecall float64, read, took time.Duration) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(out, "records %d (read in %s), linked in %s, Go heap peak ~%d MB\n",
		s.Records, read.Round(time.Millisecond), took.Round(time.Millisecond), ms.HeapSys>>20)
	fmt.Fprintf(out, "blocking: %d pairs compared, recall kept %.4f, %d oversized keys skipped; per rule %v\n",
		res.Blocking.Pairs, blockRecall, res.Blocking.OversizedKeys, res.Blocking.PairsPerRule)
	fmt.Fprintf(out, "model: lambda %.4f over blocked pairs; %d matches, %d reviews, %d merges refused\n",
		res.Model.Lambda, len(res.Matches), len(res.Reviews), res.Rejected)
	fmt.Fprintf(out, "pairwise: precision %.4f recall %.4f F1 %.4f (%d true pairs, %d predicted, %d correct)\n",
		s.Precision, s.Recall, s.F1, s.TruePairs, s.PredPairs, s.Correct)
	fmt.Fprintf(out, "persons: %d false merges, %d real persons split\n", s.FalseMerges, s.MissedPersons)
}

// printModel prints each field's levels with their m, u and weight.
func printModel(out io.Writer, m *fs.Model) {
	for f := fs.Field(0); f < fs.NumFields; f++ {
		fmt.Fprintf(out, "  %-10s", f)
		for l := 1; l < len(m.M[f]); l++ {
			fmt.Fprintf(out, " %s m=%.3f u=%.4f w=%+.1f |", fs.LevelName(f, uint8(l)), m.M[f][l], m.U[f][l], math.Log2(m.M[f][l]/m.U[f][l]))
		}
		fmt.Fprintln(out)
	}
}

// evalHub scores the persons stored in the hub against the truth.
func evalHub(ctx context.Context, store *db.Store, truthDir string, out io.Writer) error {
	truth, err := readTruthKeys(filepath.Join(truthDir, "records.ndjson"))
	if err != nil {
		return err
	}
	var person []int32
	var labels []string
	ids := map[string]int32{}
	err = store.CrosswalkEach(ctx, "", func(r db.CrosswalkRow) error {
		key := r.Department + "/" + r.SourceID
		t, ok := truth[key]
		if !ok {
			return fmt.Errorf("truth has no person for %s", key)
		}
		pid := fmt.Sprint("record ", key) // unlinked: a person of its own
		if r.PersonID != nil {
			pid = *r.PersonID
		}
		p, ok := ids[pid]
		if !ok {
			p = int32(len(ids))
			ids[pid] = p
		}
		person, labels = append(person, p), append(labels, t)
		return nil
	})
	if err != nil {
		return err
	}
	s := fs.Evaluate(person, labels)
	fmt.Fprintf(out, "hub: %d records in %d persons\n", s.Records, len(ids))
	fmt.Fprintf(out, "pairwise: precision %.4f recall %.4f F1 %.4f (%d true pairs, %d predicted, %d correct)\n",
		s.Precision, s.Recall, s.F1, s.TruePairs, s.PredPairs, s.Correct)
	fmt.Fprintf(out, "persons: %d false merges, %d real persons split\n", s.FalseMerges, s.MissedPersons)
	return nil
}

// readGeneratedFeeds reads the three departments' feeds into linkage
// records, with each record's "DEPARTMENT/sourceId" key.
func readGeneratedFeeds(dir string) ([]fs.Record, []string, error) {
	var recs []fs.Record
	var keys []string
	for _, d := range []feed.Department{feed.DepartmentVeteran, feed.DepartmentCivil, feed.DepartmentHealth} {
		f, err := os.Open(filepath.Join(dir, string(feedFile(d))))
		if err != nil {
			return nil, nil, err
		}
		err = decodeFeed(f, d, func(res feed.Result) {
			if res.OK() {
				recs = append(recs, linkRecord(int64(len(recs)), res))
				keys = append(keys, string(d)+"/"+res.Record.SourceID)
			}
		})
		f.Close()
		if err != nil {
			return nil, nil, err
		}
	}
	return recs, keys, nil
}

// decodeFeed decodes a feed's lines on every CPU, in batches, and hands
// the results to fn in line order.
func decodeFeed(r io.Reader, d feed.Department, fn func(feed.Result)) error {
	lr := feed.NewLineReader(r)
	batch := make([][]byte, 0, 8192)
	flush := func() {
		results := make([]feed.Result, len(batch))
		workers := runtime.GOMAXPROCS(0)
		done := make(chan struct{}, workers)
		for w := range workers {
			go func() {
				for i := w; i < len(batch); i += workers {
					results[i] = feed.DecodeRecord(d, batch[i])
				}
				done <- struct{}{}
			}()
		}
		for range workers {
			<-done
		}
		for _, res := range results {
			fn(res)
		}
		batch = batch[:0]
	}
	for {
		_, line, err := lr.Next()
		if errors.Is(err, io.EOF) {
			flush()
			return nil
		}
		if err != nil {
			return err
		}
		batch = append(batch, bytes.Clone(line))
		if len(batch) == cap(batch) {
			flush()
		}
	}
}

func feedFile(d feed.Department) string {
	switch d {
	case feed.DepartmentVeteran:
		return "veteran.ndjson"
	case feed.DepartmentCivil:
		return "civil.ndjson"
	}
	return "health.ndjson"
}

// linkRecord is what the linker needs of a decoded record.
func linkRecord(id int64, res feed.Result) fs.Record {
	r := res.Record
	out := fs.Record{ID: id, Source: string(r.Department), Name: r.Name, Sex: r.Sex,
		Phone: r.Phone, Region: r.RegionCode, Address: r.Address, IDLegacy: r.IDLegacy}
	if len(r.IDNumber) == 18 {
		out.IDNumber, out.IDValid = r.IDNumber, r.IDValid
	}
	if !r.BirthDate.IsZero() {
		out.Birth = r.BirthDate.Format("2006-01-02")
	}
	return out
}

// readTruthKeys maps "DEPARTMENT/sourceId" to the real person's key.
func readTruthKeys(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	lr := feed.NewLineReader(f)
	for {
		_, line, err := lr.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		var t struct{ Department, SourceID, PersonKey string }
		if err := json.Unmarshal(line, &t); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out[t.Department+"/"+t.SourceID] = t.PersonKey
	}
}
