package tabular

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the example files in testdata from the generator")

// The example files link as the example config says: every true pair
// found, none invented.
func TestExampleFilesLink(t *testing.T) {
	if *update {
		writeExamples(t)
	}
	left, err := ReadFile("testdata/people_a.csv")
	if err != nil {
		t.Fatal(err)
	}
	right, err := ReadFile("testdata/people_b.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	c := loadFebrlConfig(t)
	res, err := Link(c, left, right)
	if err != nil {
		t.Fatal(err)
	}
	s := res.ScorePairs()
	if len(res.Rejected) != 0 || s.TruePairs != 20 || s.Precision < 1 || s.Recall < 0.9 {
		t.Fatalf("%d rejected; precision %.3f recall %.3f of %d true pairs", len(res.Rejected), s.Precision, s.Recall, s.TruePairs)
	}
	var out bytes.Buffer
	if err := res.WritePairs(&out); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"left_id", "right_id", "probability", "weight", "decision", "given_name", "surname"}
	for i, w := range want {
		if rows[0][i] != w {
			t.Fatalf("header %q, want it to start %q", rows[0], want)
		}
	}
	if len(rows) != 1+len(res.Pairs) || len(rows[1]) != 5+len(c.Fields) {
		t.Fatalf("%d rows of %d columns for %d pairs", len(rows), len(rows[1]), len(res.Pairs))
	}
}

// writeExamples writes 40 people to people_a.csv and, in
// people_b.ndjson, duplicates of half of them with 20 other people.
func writeExamples(t *testing.T) {
	left, right := febrlLink(40, 11)
	var a bytes.Buffer
	w := csv.NewWriter(&a)
	w.Write(left.Columns)
	w.WriteAll(left.Rows)
	if err := os.WriteFile("testdata/people_a.csv", a.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, row := range right.Rows {
		b.WriteByte('{')
		for c, col := range right.Columns {
			k, _ := json.Marshal(col)
			v, _ := json.Marshal(row[c])
			if c > 0 {
				b.WriteString(", ")
			}
			b.Write(k)
			b.WriteString(": ")
			b.Write(v)
		}
		b.WriteString("}\n")
	}
	if err := os.WriteFile("testdata/people_b.ndjson", b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
