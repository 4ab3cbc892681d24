package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/matching/hardship"
)

// evalFlags scores the flags stored in the hub against the generator's
// planted situations. A hub person stands for the real person most of its
// records belong to, so linkage errors count against the flags.
func evalFlags(ctx context.Context, store *db.Store, truthDir string, out io.Writer) error {
	truth, err := readTruthKeys(filepath.Join(truthDir, "records.ndjson"))
	if err != nil {
		return err
	}
	real, err := realPersons(ctx, store, truth)
	if err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(truthDir, "hardship.ndjson"))
	if err != nil {
		return err
	}
	defer f.Close()
	known, err := hardship.ReadSituations(f)
	if err != nil {
		return err
	}
	flags := map[string][]hardship.Flag{}
	err = store.FlagsEach(ctx, func(l db.FlagLine) error {
		key := real[l.PersonID]
		flags[key] = append(flags[key], hardship.Flag{PersonID: l.PersonID, Rule: l.Rule})
		return nil
	})
	if err != nil {
		return err
	}
	printFlagScores(out, hardship.ScoreFlags(flags, known))
	return nil
}

// realPersons maps each hub person to the real person (truth key) most of
// its records belong to; ties go to the smaller key.
func realPersons(ctx context.Context, store *db.Store, truth map[string]string) (map[int64]string, error) {
	counts := map[int64]map[string]int{}
	err := store.CrosswalkEach(ctx, "", func(r db.CrosswalkRow) error {
		if r.PersonID == nil {
			return nil
		}
		pid, err := strconv.ParseInt(*r.PersonID, 10, 64)
		if err != nil {
			return fmt.Errorf("person id %q: %w", *r.PersonID, err)
		}
		if counts[pid] == nil {
			counts[pid] = map[string]int{}
		}
		counts[pid][truth[r.Department+"/"+r.SourceID]]++
		return nil
	})
	out := make(map[int64]string, len(counts))
	for pid, keys := range counts {
		best := ""
		for k, n := range keys {
			if best == "" || n > keys[best] || n == keys[best] && k < best {
				best = k
			}
		}
		out[pid] = best
	}
	return out, err
}

func printFlagScores(out io.Writer, s hardship.Scores) {
	fmt.Fprintf(out, "%-34s %8s %8s %8s %9s %7s\n", "rule", "flagged", "planted", "correct", "precision", "recall")
	for _, r := range append(s.Rules, s.Overall) {
		fmt.Fprintf(out, "%-34s %8d %8d %8d %9.4f %7.4f\n", r.Rule, r.Flagged, r.Planted, r.TruePositives, r.Precision, r.Recall)
	}
}
