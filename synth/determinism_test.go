package synth

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

var allFiles = append([]string{"jobs.ndjson", "truth/params.json"}, outFiles[:]...)

// TestDeterministic: the same Config gives byte-identical files whatever
// the number of workers; another seed gives other data.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	base := Config{Persons: 2*shardSize + 123, Seed: 9, Noise: NoiseDefault}
	gen := func(workers int, seed uint64) string {
		dir := t.TempDir()
		cfg := base
		cfg.Workers, cfg.Seed = workers, seed
		if _, err := Generate(cfg, dir); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	a, b, c := gen(1, 9), gen(4, 9), gen(2, 10)
	for _, f := range allFiles {
		fa, fb, fc := readFile(t, a, f), readFile(t, b, f), readFile(t, c, f)
		if len(fa) == 0 && f != "truth/jobs.ndjson" {
			t.Errorf("%s is empty", f)
		}
		if !bytes.Equal(fa, fb) {
			t.Errorf("%s differs between 1 and 4 workers", f)
		}
		if f != "truth/params.json" && len(fa) > 0 && bytes.Equal(fa, fc) {
			t.Errorf("%s is the same for seeds 9 and 10", f)
		}
	}
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCancel: a cancelled context stops generation with its error.
func TestCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := GenerateContext(ctx, Config{Persons: 20 * shardSize, Seed: 1}, t.TempDir())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
