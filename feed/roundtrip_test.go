package feed

import (
	"bytes"
	"testing"
)

func TestRecordRoundTrip(t *testing.T) {
	t.Parallel()
	for _, f := range []struct {
		file string
		dept Department
	}{{"veteran.ndjson", DepartmentVeteran}, {"civil.ndjson", DepartmentCivil}, {"health.ndjson", DepartmentHealth}} {
		for i, line := range fixtureLines(t, f.file) {
			first := DecodeRecord(f.dept, line)
			if !first.OK() {
				t.Fatalf("%s:%d: %v", f.file, i+1, first.Errors)
			}
			out := first.Record.FeedJSON()
			second := DecodeRecord(f.dept, out)
			if !second.OK() || second.Record.Hash != first.Record.Hash || !bytes.Equal(second.Record.Attrs, first.Record.Attrs) {
				t.Errorf("%s:%d: round trip differs\n in  %s\n out %s\n errors %v", f.file, i+1, line, out, second.Errors)
			}
			if again := second.Record.FeedJSON(); !bytes.Equal(again, out) {
				t.Errorf("%s:%d: FeedJSON not stable:\n%s\n%s", f.file, i+1, out, again)
			}
		}
	}
}

func TestJobRoundTrip(t *testing.T) {
	t.Parallel()
	for i, line := range fixtureLines(t, "jobs.ndjson") {
		first := DecodeJob(line)
		out := first.Job.FeedJSON()
		second := DecodeJob(out)
		if !first.OK() || !second.OK() || first.Job.Hash != second.Job.Hash {
			t.Errorf("jobs:%d: round trip differs\n in  %s\n out %s\n %v %v", i+1, line, out, first.Errors, second.Errors)
		}
	}
}

func TestHashSensitivity(t *testing.T) {
	t.Parallel()
	base := firstLine(t, "civil.ndjson")
	hash := func(e edits) [32]byte { return DecodeRecord(DepartmentCivil, mkLine(t, base, e)).Record.Hash }
	h := hash(nil)
	tests := []struct {
		name string
		edit edits
		same bool
	}{
		{"new version, same content", edits{"sourceVersion": 99, "asOf": "2024-05-03"}, true},
		{"unknown key", edits{"laterKey": 1}, true},
		{"case and spacing", edits{"dibaoStatus": "None", "name": "王 建国"}, true},
		{"money rounding", edits{"perCapitaMonthlyIncome": 812.504}, true},
		{"income", edits{"perCapitaMonthlyIncome": 812.51}, false},
		{"false to unknown", edits{"livingAlone": drop}, false},
		{"name", edits{"name": "王建军"}, false},
		{"assistance order", edits{"temporaryAssistance": raw(`[{"date":"2024-02-10","amount":1500.005},{"date":"2023-11-05","amount":2000,"reason":"大病"}]`)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := hash(tt.edit) == h; got != tt.same {
				t.Errorf("same hash = %v, want %v", got, tt.same)
			}
		})
	}
}
