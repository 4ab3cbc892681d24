package synth

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// testPersons is the size of the shared test population: more than one
// shard, small enough for a quick test run.
const testPersons = 6000

// dataset is one generated output folder, parsed.
type dataset struct {
	dir     string
	cfg     Config
	feeds   map[string][]record               // "VETERAN", "CIVIL", "HEALTH", "JOBS"
	lines   map[string][][]byte               // raw lines, same order as feeds
	truth   map[string]map[string]truthRecord // department → sourceId → truth
	persons map[string]map[string]any         // personKey → truth/persons line
	params  map[string]any
}

type record = map[string]any

type truthRecord struct {
	PersonKey string   `json:"personKey"`
	Noise     []string `json:"noise"`
}

var (
	sharedOnce sync.Once
	shared     *dataset
	sharedErr  error
)

// TestMain removes the shared population's folder after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// sharedData generates the high-noise test population once for all tests.
func sharedData(t *testing.T) *dataset {
	t.Helper()
	sharedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "synth-test-")
		if err != nil {
			sharedErr = err
			return
		}
		shared = &dataset{dir: dir}
		cfg := Config{Persons: testPersons, Seed: 42, Noise: NoiseHigh}
		if _, err := Generate(cfg, dir); err != nil {
			sharedErr = err
			return
		}
		shared, sharedErr = loadDataset(dir, cfg)
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func loadDataset(dir string, cfg Config) (*dataset, error) {
	ds := &dataset{dir: dir, cfg: cfg, feeds: map[string][]record{}, lines: map[string][][]byte{},
		truth: map[string]map[string]truthRecord{}, persons: map[string]map[string]any{}}
	files := map[string]string{"VETERAN": "veteran.ndjson", "CIVIL": "civil.ndjson", "HEALTH": "health.ndjson", "JOBS": "jobs.ndjson"}
	for dept, name := range files {
		err := eachLine(filepath.Join(dir, name), func(b []byte) error {
			var r record
			if err := json.Unmarshal(b, &r); err != nil {
				return err
			}
			ds.feeds[dept] = append(ds.feeds[dept], r)
			ds.lines[dept] = append(ds.lines[dept], append([]byte(nil), b...))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	err := eachLine(filepath.Join(dir, "truth", "records.ndjson"), func(b []byte) error {
		var tr struct {
			truthRecord
			Department string `json:"department"`
			SourceID   string `json:"sourceId"`
		}
		if err := json.Unmarshal(b, &tr); err != nil {
			return err
		}
		if ds.truth[tr.Department] == nil {
			ds.truth[tr.Department] = map[string]truthRecord{}
		}
		ds.truth[tr.Department][tr.SourceID] = tr.truthRecord
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine(filepath.Join(dir, "truth", "persons.ndjson"), func(b []byte) error {
		var p map[string]any
		if err := json.Unmarshal(b, &p); err != nil {
			return err
		}
		ds.persons[p["personKey"].(string)] = p
		return nil
	})
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(dir, "truth", "params.json"))
	if err != nil {
		return nil, err
	}
	return ds, json.Unmarshal(b, &ds.params)
}

// truthOf returns the truth entry of a record of dept.
func (ds *dataset) truthOf(t *testing.T, dept string, r record) truthRecord {
	t.Helper()
	tr, ok := ds.truth[dept][str(r, "sourceId")]
	if !ok {
		t.Fatalf("%s record %s has no truth entry", dept, str(r, "sourceId"))
	}
	return tr
}

// firstRecords maps personKey to the person's first record of dept
// (a duplicate carries the same facts).
func (ds *dataset) firstRecords(t *testing.T, dept string) map[string]record {
	t.Helper()
	out := map[string]record{}
	for _, r := range ds.feeds[dept] {
		key := ds.truthOf(t, dept, r).PersonKey
		if _, ok := out[key]; !ok {
			out[key] = r
		}
	}
	return out
}

func str(r record, k string) string {
	s, _ := r[k].(string)
	return s
}

func num(r record, k string) float64 {
	f, _ := r[k].(float64)
	return f
}

func strs(r record, k string) []string {
	var out []string
	l, _ := r[k].([]any)
	for _, v := range l {
		out = append(out, v.(string))
	}
	return out
}

func has(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
