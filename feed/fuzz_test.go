package feed

import (
	"encoding/json"
	"testing"
)

func FuzzDecodeRecord(f *testing.F) {
	for _, name := range []string{"veteran.ndjson", "civil.ndjson", "health.ndjson", "jobs.ndjson"} {
		for _, line := range fixtureLines(f, name) {
			f.Add(line)
		}
	}
	for _, s := range []string{``, `{}`, `null`, `[1]`, `{"merits":[1,"x"]}`, `{"temporaryAssistance":[{"amount":"1"}]}`,
		`{"sourceVersion":-1,"asOf":"9999-12-31","idNumber":"１１０１０５１９４９１２３１００２ｘ","phone":"+86"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		for _, d := range []Department{DepartmentVeteran, DepartmentCivil, DepartmentHealth} {
			res := DecodeRecord(d, line)
			for _, e := range res.Errors {
				if e.Code == "" || e.Message == "" {
					t.Fatalf("empty finding %+v", e)
				}
			}
			if !res.OK() {
				continue
			}
			if !json.Valid(res.Record.Attrs) || !json.Valid(res.Record.FeedJSON()) {
				t.Fatalf("invalid JSON out of %q", line)
			}
			again := DecodeRecord(d, res.Record.FeedJSON())
			if !again.OK() || again.Record.Hash != res.Record.Hash {
				t.Fatalf("round trip of %q: %s %v", line, res.Record.FeedJSON(), again.Errors)
			}
		}
		DecodeJob(line)
	})
}
