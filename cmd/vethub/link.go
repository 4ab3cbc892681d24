package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/matching"
	"github.com/vethub/vethub/matching/fs"
)

const linkUsage = `usage: vethub link --all [flags]
       vethub link --config CFG.yaml --left A.csv [--right B.csv] --out PAIRS.csv [--clusters CLUSTERS.csv]

With --all, re-links every record in the hub with the probabilistic linker:
reads all records, links them in memory (blocking, Fellegi–Sunter weights
trained without labels, clustering), and stores the persons in one
transaction. Records keep their person where they can; persons left
without records point to the person that took them (mergedInto), so old
person ids stay resolvable. Writes that place records wait while the
result is stored. Environment: DATABASE_URL (overridden by --database-url).

With --config, links files instead, with no database: the same engine,
with the columns, comparisons and blocking a YAML config gives. With
--left and --right, the records of the two files are linked (only pairs
across them are compared); with --left alone, the file is deduplicated
and its records clustered. Files are CSV with a header row (.csv) or one
flat JSON object a line (.ndjson, .jsonl); malformed lines are reported
with their line number and skipped.

The config names the id column, an optional truth column (entity ids:
the summary then gives pairwise precision, recall and F1), the fields
(column, right_column, comparator: exact, jaro_winkler, levenshtein,
numeric, date or chinese_name, its levels, tf), the blocking rules (lists
of columns, each exact or by prefix, soundex, pinyin or surname_pinyin),
thresholds (match, review) and max_block. PAIRS.csv holds every pair at or
above the review probability: left_id, right_id, probability, weight,
decision (MATCH or REVIEW) and each field's comparison level.
CLUSTERS.csv holds every record's cluster.

Example (in the repository; the config documents every setting):
  vethub link --config matching/tabular/testdata/febrl.yaml \
    --left matching/tabular/testdata/people_a.csv \
    --right matching/tabular/testdata/people_b.ndjson --out pairs.csv

Flags:
`

func runLink(ctx context.Context, args []string) error {
	var c config
	fls := flag.NewFlagSet("link", flag.ContinueOnError)
	c.bindDatabase(fls)
	all := fls.Bool("all", false, "re-link every record in the hub")
	match := fls.Float64("match", 0.99, "match probability threshold (with --all; files take the config's)")
	var files linkFilesRequest
	files.bind(fls)
	fls.Usage = func() { fmt.Fprint(fls.Output(), linkUsage); fls.PrintDefaults() }
	if err := c.parse(fls, args); err != nil {
		return err
	}
	if *all == (files.config != "") || fls.NArg() > 0 {
		fls.Usage()
		return errUsage
	}
	if files.config != "" {
		return linkFiles(files, os.Stdout, os.Stderr)
	}
	return withStore(ctx, c, func(store *db.Store) error {
		for attempt := 1; ; attempt++ {
			err := linkAll(ctx, store, *match, os.Stdout)
			if !errors.Is(err, db.ErrLinkAllStale) || attempt == 3 {
				return err
			}
		}
	})
}

// linkAll links every record and stores the result.
func linkAll(ctx context.Context, store *db.Store, match float64, out io.Writer) error {
	start := time.Now()
	rows, err := store.LinkRowsAll(ctx)
	if err != nil {
		return err
	}
	recs := make([]fs.Record, len(rows))
	for i, r := range rows {
		recs[i] = fs.Record{ID: r.RecordID, Source: r.Department, Name: r.Name, IDValid: r.IDValid,
			IDLegacy: r.IDLegacy, Sex: r.Sex, Birth: r.Birth, Phone: r.Phone, Region: r.Region, Address: r.Address}
		if len(r.IDNumber) == 18 {
			recs[i].IDNumber = r.IDNumber
		}
	}
	same, different, err := store.LinkDecisions(ctx)
	if err != nil {
		return err
	}
	read := time.Since(start)
	t0 := time.Now()
	res := fs.Link(recs, fs.Options{MatchProbability: match, MustLink: same, CannotLink: different})
	linked := time.Since(t0)
	st, err := store.LinkAllApply(ctx, storePlan(rows, recs, res))
	if err != nil {
		return err
	}
	if err := saveModel(ctx, store, res.Model, len(recs)); err != nil {
		return err
	}
	fmt.Fprintf(out, "linked %d records: read %s, linked %s (%d pairs compared, %d matches, %d left for review), stored %s\n",
		len(rows), read.Round(time.Millisecond), linked.Round(time.Millisecond), res.Blocking.Pairs,
		len(res.Matches), len(res.Reviews), st.Took.Round(time.Millisecond))
	fmt.Fprintf(out, "%d records moved, %d persons created, %d persons merged into others\n", st.Moved, st.Created, st.Retired)
	return nil
}

// storePlan is what LinkAllApply stores. The evidence, most of the work,
// is encoded on the other core while the persons are assigned.
func storePlan(rows []db.LinkRow, recs []fs.Record, res fs.Result) db.LinkAllPlan {
	evidence := make(chan [][]byte, 1)
	go func() { evidence <- evidenceJSON(fs.Evidences(recs, res)) }()
	plan := linkPlan(rows, recs, res.Person)
	plan.Reviews = reviewPairs(recs, res)
	plan.Evidence = <-evidence
	return plan
}

// linkPlan maps the linker's persons onto person ids (keeping the current
// ones where it can) and gives each record its link method and each
// person its ID key: the valid ID number of its records, a number sent in
// 18 digits preferred over an upgraded 15-digit one.
func linkPlan(rows []db.LinkRow, recs []fs.Record, cluster []int32) db.LinkAllPlan {
	placed := make([]matching.Placed, len(rows))
	for i, r := range rows {
		placed[i] = matching.Placed{RecordID: r.RecordID, PersonID: r.PersonID, Cluster: cluster[i]}
	}
	re := matching.AssignPersons(placed)
	key := clusterKeys(recs, cluster)
	size := make([]int32, len(cluster)) // a cluster is named by its first record's index
	for _, c := range cluster {
		size[c]++
	}
	plan := db.LinkAllPlan{Rows: rows, Person: re.Person, New: re.New, Retired: re.Retired,
		Method: make([]string, len(rows)), Key: make([]string, len(rows))}
	for i := range rows {
		k := key[cluster[i]]
		plan.Key[i] = k
		switch {
		case recs[i].IDValid && recs[i].IDNumber == k && k != "":
			plan.Method[i] = matching.LinkExactID
		case size[cluster[i]] == 1:
			plan.Method[i] = matching.LinkSingleton
		default:
			plan.Method[i] = matching.LinkProbable
		}
	}
	return plan
}

// evidenceJSON encodes each evidence as json.Marshal does (nil where it
// fails), by hand and on every core: reflection cost seconds a million.
func evidenceJSON(ev []*fs.Evidence) [][]byte {
	out := make([][]byte, len(ev))
	inChunks(len(ev), func(from, to int) {
		var arena []byte // documents share large blocks: few allocations
		for i := from; i < to; i++ {
			if ev[i] == nil {
				continue
			}
			if cap(arena)-len(arena) < 4096 {
				arena = make([]byte, 0, 1<<20)
			}
			doc, ok := appendEvidence(arena, ev[i])
			if ok {
				out[i], arena = doc[len(arena):len(doc):len(doc)], doc
			}
		}
	})
	return out
}

// appendEvidence appends e's JSON exactly as json.Marshal writes it; false
// where Marshal fails (a weight that is not a finite number).
func appendEvidence(b []byte, e *fs.Evidence) ([]byte, bool) {
	ok := true
	num := func(f float64) {
		var good bool
		b, good = appendJSONFloat(b, f)
		ok = ok && good
	}
	b = strconv.AppendInt(append(b, `{"with":`...), e.With, 10)
	b = append(b, `,"probability":`...)
	num(e.Probability)
	b = append(b, `,"weight":`...)
	num(e.Weight)
	if e.Fields == nil {
		return append(b, `,"fields":null}`...), ok
	}
	b = append(b, `,"fields":[`...)
	for i, f := range e.Fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(append(b, `{"field":`...), f.Field)
		b = appendJSONString(append(b, `,"level":`...), f.Level)
		b = append(b, `,"weight":`...)
		num(f.Weight)
		b = append(b, '}')
	}
	return append(b, "]}"...), ok
}

// appendJSONFloat formats f as encoding/json does: shortest 'f' form, or
// 'e' below 1e-6 and from 1e21, its exponent without a leading zero.
func appendJSONFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b, true
}

// appendJSONString quotes s as encoding/json does. Field and level names
// are plain ASCII; anything else goes through json.Marshal.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// inChunks runs fn over [0, n) in one contiguous chunk per CPU.
func inChunks(n int, fn func(from, to int)) {
	chunk := max((n+runtime.GOMAXPROCS(0)-1)/runtime.GOMAXPROCS(0), 1)
	var wg sync.WaitGroup
	for from := 0; from < n; from += chunk {
		wg.Go(func() { fn(from, min(from+chunk, n)) })
	}
	wg.Wait()
}

// reviewPairs are the linker's uncertain pairs, with their evidence.
func reviewPairs(recs []fs.Record, res fs.Result) []db.ReviewPair {
	out := make([]db.ReviewPair, len(res.Reviews))
	for i := range res.Reviews {
		r := &res.Reviews[i]
		ev, _ := json.Marshal(fs.EvidenceOf(recs[r.B].ID, r, res.Model)) // plain structs: cannot fail
		out[i] = db.ReviewPair{RecordA: recs[r.A].ID, RecordB: recs[r.B].ID, Probability: r.Probability, Evidence: ev}
	}
	return out
}

func clusterKeys(recs []fs.Record, cluster []int32) map[int32]string {
	// By cluster, named by its first record's index.
	best := make([]string, len(recs))
	legacy := make([]bool, len(recs))
	for i, r := range recs {
		if !r.IDValid || r.IDNumber == "" {
			continue
		}
		c := cluster[i]
		cur := best[c]
		better := cur == "" || legacy[c] && !r.IDLegacy || legacy[c] == r.IDLegacy && r.IDNumber < cur
		if better {
			best[c], legacy[c] = r.IDNumber, r.IDLegacy
		}
	}
	// A key names one person: where records with one ID number were
	// decided to be different people, only the first person keeps it.
	key := map[int32]string{}
	owner := map[string]bool{}
	for c, k := range best {
		if k != "" && !owner[k] {
			owner[k] = true
			key[int32(c)] = k
		}
	}
	return key
}
