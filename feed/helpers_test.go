package feed

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// edits changes keys of a base line; the value drop removes the key.
type edits map[string]any

var drop = &struct{}{}

// raw puts literal JSON into an edit, e.g. raw(`1.5`).
func raw(s string) json.RawMessage { return json.RawMessage(s) }

func mkLine(t testing.TB, base string, e edits) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(base), &m); err != nil {
		t.Fatalf("base line: %v", err)
	}
	for k, v := range e {
		if v == drop {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("marshal line: %v", err)
	}
	return b
}

// findings renders findings as "path:CODE" for comparison.
func findings(fs []FieldError) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Path+":"+f.Code)
	}
	return out
}

type ruleCase struct {
	name  string
	edit  edits
	errs  []string
	warns []string
}

// runRules decodes base+edit for each case and compares the findings exactly.
func runRules(t *testing.T, decode func([]byte) ([]FieldError, []FieldError), base string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			line := mkLine(t, base, tc.edit)
			errs, warns := decode(line)
			if got := findings(errs); !slices.Equal(got, tc.errs) {
				t.Errorf("errors = %v, want %v\nline %s\nerrors %v", got, tc.errs, line, errs)
			}
			if got := findings(warns); !slices.Equal(got, tc.warns) {
				t.Errorf("warnings = %v, want %v\nline %s", got, tc.warns, line)
			}
			for _, f := range append(errs, warns...) {
				if f.Message == "" || !strings.HasPrefix(f.Message, f.Path) {
					t.Errorf("finding %+v: message must start with the path", f)
				}
			}
		})
	}
}

func personDecoder(dept Department) func([]byte) ([]FieldError, []FieldError) {
	return func(line []byte) ([]FieldError, []FieldError) {
		r := DecodeRecord(dept, line)
		return r.Errors, r.Warnings
	}
}

// fixtureLines reads the lines of a file in testdata.
func fixtureLines(t testing.TB, name string) [][]byte {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines [][]byte
	s := bufio.NewScanner(f)
	for s.Scan() {
		lines = append(lines, slices.Clone(s.Bytes()))
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

func firstLine(t testing.TB, name string) string {
	return string(fixtureLines(t, name)[0])
}
