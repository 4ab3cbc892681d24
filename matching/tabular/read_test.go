package tabular

import (
	"slices"
	"strings"
	"testing"
)

func TestReadCSVSkipsMalformedLinesWithTheirNumbers(t *testing.T) {
	in := "\ufeffid, name ,dob\n" +
		"1,Smith,1980-01-01\n" +
		"2,Jones\n" + // too few values
		"3,\"Brown, Jr\",1975-02-02\n" +
		"4,Bad\"quote,1990-03-03\n" + // a quote inside an unquoted value
		"5,\"Multi\nLine\",2000-04-04\n" +
		"6,Lee,2001-05-05\n"
	tab, err := readCSV(strings.NewReader(in), "people.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tab.Columns, []string{"id", "name", "dob"}) {
		t.Fatalf("columns %q", tab.Columns)
	}
	var ids []string
	for i := range tab.Rows {
		ids = append(ids, tab.value(i, 0))
	}
	if !slices.Equal(ids, []string{"1", "3", "5", "6"}) || !slices.Equal(tab.Lines, []int{2, 4, 6, 8}) {
		t.Fatalf("ids %q on lines %v", ids, tab.Lines)
	}
	if len(tab.Rejected) != 2 || tab.Rejected[0].Line != 3 || tab.Rejected[1].Line != 5 ||
		!strings.Contains(tab.Rejected[0].Error(), "people.csv:3: 2 values, header has 3") {
		t.Fatalf("rejected %v", tab.Rejected)
	}
}

func TestReadNDJSONFlattensValuesAndSkipsBadLines(t *testing.T) {
	in := `{"id": 1, "name": "Smith", "active": true}
not json
{"id": 2, "name": null, "score": 3.50}

{"id": 3, "address": {"city": "Sydney"}}
[1, 2]
{"id": 4, "name": "Lee"} {"id": 5}
{"id": "6", "name": "Brown"}`
	tab, err := readNDJSON(strings.NewReader(in), "people.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tab.Columns, []string{"id", "name", "active", "score"}) {
		t.Fatalf("columns %q", tab.Columns)
	}
	want := [][]string{{"1", "Smith", "true", ""}, {"2", "", "", "3.50"}, {"6", "Brown", "", ""}}
	for i, w := range want {
		var got []string
		for c := range tab.Columns {
			got = append(got, tab.value(i, c))
		}
		if !slices.Equal(got, w) {
			t.Errorf("row %d: %q, want %q", i, got, w)
		}
	}
	var lines []int
	for _, r := range tab.Rejected {
		lines = append(lines, r.Line)
	}
	if !slices.Equal(lines, []int{2, 5, 6, 7}) || !slices.Equal(tab.Lines, []int{1, 3, 8}) {
		t.Fatalf("rejected lines %v (%v), kept %v", lines, tab.Rejected, tab.Lines)
	}
}

func TestReadFileChoosesByExtension(t *testing.T) {
	if _, err := ReadFile("people.xlsx"); err == nil || !strings.Contains(err.Error(), `unknown file type ".xlsx"`) {
		t.Fatalf("error %v", err)
	}
	a, err := ReadFile("testdata/people_a.csv")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadFile("testdata/people_b.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Columns, b.Columns) || len(a.Rows) == 0 || len(b.Rows) == 0 {
		t.Fatalf("the example files differ in columns: %q, %q", a.Columns, b.Columns)
	}
}

// Rows without an id, or repeating one, are left out and reported.
func TestRecordsNeedAUniqueID(t *testing.T) {
	c, err := ParseConfig([]byte(minimalConfig))
	if err != nil {
		t.Fatal(err)
	}
	tab := &Table{Name: "x.csv", Columns: []string{"id", "name"},
		Rows: [][]string{{"1", "a"}, {"", "b"}, {"1", "c"}, {"2", "a"}}, Lines: []int{2, 3, 4, 5}}
	res, err := Dedupe(c, tab)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.IDs, []string{"1", "2"}) || len(res.Rejected) != 2 ||
		res.Rejected[1].Error() != `x.csv:4: id "1" already on line 2` {
		t.Fatalf("ids %q, rejected %v", res.IDs, res.Rejected)
	}
}
