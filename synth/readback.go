package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/vethub/vethub/feed"
)

// Generated data read back as the hub stores it, grouped by the real
// persons: for tests and evaluations that assume perfect linkage.

// RecordOwners reads dir/truth/records.ndjson: for each record,
// "DEPARTMENT/sourceId", the key of the real person it belongs to.
func RecordOwners(dir string) (map[string]string, error) {
	owner := map[string]string{}
	n := 0
	err := eachLine(filepath.Join(dir, "truth", "records.ndjson"), func(line []byte) error {
		n++
		var r struct{ Department, SourceID, PersonKey string }
		if err := json.Unmarshal(line, &r); err != nil {
			return fmt.Errorf("truth records line %d: %w", n, err)
		}
		owner[r.Department+"/"+r.SourceID] = r.PersonKey
		return nil
	})
	return owner, err
}

// RecordsByPerson decodes the three department feeds in dir with the feed
// decoders and groups their records by real person key. A record the feed
// refuses, or the truth does not know, fails it.
func RecordsByPerson(dir string) (map[string][]feed.Record, error) {
	owner, err := RecordOwners(dir)
	if err != nil {
		return nil, err
	}
	out := map[string][]feed.Record{}
	for _, d := range []feed.Department{feed.DepartmentVeteran, feed.DepartmentCivil, feed.DepartmentHealth} {
		file := filepath.Join(dir, feedName(d))
		n := 0
		err := eachLine(file, func(line []byte) error {
			n++
			res := feed.DecodeRecord(d, line)
			if !res.OK() {
				return fmt.Errorf("%s line %d refused: %v", file, n, res.Errors)
			}
			key := owner[string(d)+"/"+res.Record.SourceID]
			if key == "" {
				return fmt.Errorf("%s line %d: no real person in the truth", file, n)
			}
			out[key] = append(out[key], res.Record)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func feedName(d feed.Department) string {
	return map[feed.Department]string{feed.DepartmentVeteran: "veteran.ndjson", feed.DepartmentCivil: "civil.ndjson",
		feed.DepartmentHealth: "health.ndjson"}[d]
}

// eachLine calls fn with every line of an NDJSON file.
func eachLine(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		if err := fn(sc.Bytes()); err != nil {
			return err
		}
	}
	return sc.Err()
}
