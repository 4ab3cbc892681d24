package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const linkFilesConfig = `
id: id
truth: person
fields:
  - {name: given, column: given, right_column: first_name, comparator: jaro_winkler}
  - {column: surname, comparator: jaro_winkler}
  - {column: birth, comparator: date}
  - {column: city, comparator: exact}
blocking:
  - [birth]
  - [{column: surname, transform: soundex}, city]
thresholds: {match: 0.9}
`

// writeLinkFiles writes a config and two CSV files of 60 people each: the
// right file has every even person of the left one again, with a typo in
// the surname, and a line with a value too many.
func writeLinkFiles(t *testing.T) (dir string) {
	dir = t.TempDir()
	given := []string{"anna", "ben", "clara", "david", "emma", "felix", "greta", "hugo", "ida", "jonas"}
	surnames := []string{"schmidt", "mueller", "schneider", "fischer", "weber", "meyer", "wagner", "becker", "hoffmann", "koch", "richter", "klein"}
	cities := []string{"berlin", "hamburg", "munich", "cologne"}
	person := func(i int) (string, string, string, string) {
		return given[i%10], surnames[(i/10+i)%12], fmt.Sprintf("19%02d-%02d-%02d", 40+i%50, 1+i%12, 1+i%28), cities[i%4]
	}
	a := "id,person,given,surname,birth,city\n"
	b := "id,person,first_name,surname,birth,city\n"
	for i := range 60 {
		g, s, d, c := person(i)
		a += fmt.Sprintf("a%d,p%d,%s,%s,%s,%s\n", i, i, g, s, d, c)
		if i%2 == 0 {
			s = s[:2] + s[3:] // a letter lost
			b += fmt.Sprintf("b%d,p%d,%s,%s,%s,%s\n", i, i, g, s, d, c)
		} else {
			g, s, d, c = person(i + 1000)
			b += fmt.Sprintf("b%d,q%d,%s,%s,%s,%s\n", i, i, g, s, d, c)
		}
	}
	b += "b99,q99,ida,weber,1950-01-01,berlin,extra\n"
	for name, text := range map[string]string{"cfg.yaml": linkFilesConfig, "a.csv": a, "b.csv": b} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLinkFilesCommandWritesPairs(t *testing.T) {
	t.Parallel()
	dir := writeLinkFiles(t)
	in := func(name string) string { return filepath.Join(dir, name) }
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"link", "--config", in("cfg.yaml"), "--left", in("a.csv"),
		"--right", in("b.csv"), "--out", in("pairs.csv"), "--clusters", in("clusters.csv")}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	f, err := os.Open(in("pairs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "left_id,right_id,probability,weight,decision,given,surname,birth,city" {
		t.Fatalf("header %s", got)
	}
	matched := map[string]bool{}
	for _, r := range rows[1:] {
		if r[4] == "MATCH" {
			matched[r[0]+"="+r[1]] = true
			if r[6] != "JW>=0.95" && r[6] != "JW>=0.88" {
				t.Errorf("%s–%s: surname level %s, want a Jaro–Winkler level for the typo", r[0], r[1], r[6])
			}
		}
	}
	for i := 0; i < 60; i += 2 {
		if !matched[fmt.Sprintf("a%d=b%d", i, i)] {
			t.Errorf("a%d and b%d not matched", i, i)
		}
	}
	if len(matched) != 30 {
		t.Errorf("%d matches, want the 30 duplicates", len(matched))
	}
	if _, err := os.Stat(in("clusters.csv")); err != nil {
		t.Error(err)
	}
}

// The summary counts the skipped line and scores against the truth;
// dedupe mode works on one file.
func TestLinkFilesSummary(t *testing.T) {
	t.Parallel()
	dir := writeLinkFiles(t)
	in := func(name string) string { return filepath.Join(dir, name) }
	var out, errOut bytes.Buffer
	err := linkFiles(linkFilesRequest{config: in("cfg.yaml"), left: in("a.csv"), right: in("b.csv"), out: in("pairs.csv")}, &out, &errOut)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"link: 60 + 60 records read, 1 rows rejected", "pairs: precision 1.0000 recall 1.0000"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	if !strings.Contains(errOut.String(), "b.csv:62: 7 values, header has 6") {
		t.Errorf("skipped line not reported: %q", errOut.String())
	}
	out.Reset()
	err = linkFiles(linkFilesRequest{config: in("cfg.yaml"), left: in("a.csv"), out: in("dedupe.csv")}, &out, &errOut)
	if err != nil || !strings.Contains(out.String(), "dedupe: 60 records read") {
		t.Fatalf("dedupe: %v\n%s", err, out.String())
	}
}

func TestLinkFilesErrors(t *testing.T) {
	t.Parallel()
	dir := writeLinkFiles(t)
	in := func(name string) string { return filepath.Join(dir, name) }
	bad := in("bad.yaml")
	if err := os.WriteFile(bad, []byte(strings.Replace(linkFilesConfig, "comparator: date", "comparator: dob", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"no mode", []string{"link"}, 2, ""}, // the usage goes to the flag set's output
		{"both modes", []string{"link", "--all", "--config", in("cfg.yaml")}, 2, ""},
		{"no output", []string{"link", "--config", in("cfg.yaml"), "--left", in("a.csv")}, 2, "--config needs --left and --out"},
		{"bad config", []string{"link", "--config", bad, "--left", in("a.csv"), "--out", in("p.csv")}, 1, `fields[2].comparator: unknown "dob"`},
		{"missing file", []string{"link", "--config", in("cfg.yaml"), "--left", in("none.csv"), "--out", in("p.csv")}, 1, "none.csv"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stderr.String(), tt.wantErr) {
			t.Errorf("%s: exit %d, want %d; stderr: %s", tt.name, code, tt.code, stderr.String())
		}
	}
}
